/**
 * The rules of the `engagement-lifecycle/machine` entry stated one by one, word for word where a message is the
 * rule: what each function refuses and with which message, what `restore` accepts, the machine's initial context,
 * labels and caches, and what a live actor does with an event it is sent twice or without an id. Written for the
 * mutants that survived the mutation run of `src/core/machine.ts` and `machine-api.ts` (docs/testing.md).
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createActor, initialTransition, transition } from 'xstate';
import { creationEventSchema, declareLifecycle, defineLifecycle, eventSchema, LifecycleError, unwrap, type Effect, type EngagementState } from '../../src/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { machineEngine, machineOf, restore, snapshotOf, stateOf } from '../../src/machine/index.js';
import { ticket } from '../core/fixtures.js';

const at = '2024-01-01T00:00:00.000Z';
const request = { type: 'request', id: 'eng-1', at, clientId: 'acme', name: 'Web app', startDate: '2026-04-01' } as const;

/** The thrown error of `fn`, which must be a `LifecycleError`. */
function thrown(fn: () => unknown): LifecycleError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LifecycleError);
    return error as LifecycleError;
  }
  throw new Error('expected a throw');
}

/** The refusal of a result, which must be one. */
function refusal(result: { ok: boolean; error?: LifecycleError }): LifecycleError {
  expect(result.ok).toBe(false);
  return result.error!;
}

/** What each function of the entry does with `lifecycle` in place of a lifecycle: the error it throws or returns. */
function entryRefusals(lifecycle: unknown): [string, LifecycleError][] {
  return [
    ['machineOf', thrown(() => machineOf(lifecycle as never))],
    ['machineEngine', thrown(() => machineEngine(lifecycle as never))],
    ['snapshotOf', thrown(() => snapshotOf(lifecycle as never, {} as never))],
    ['stateOf', thrown(() => stateOf(lifecycle as never, {} as never))],
    ['restore', refusal(restore(lifecycle as never, { value: '(new)', context: { engagement: null } }))],
  ];
}

// A small lifecycle with a dynamic creation, labels, and a region whose `of` throws when the data says so.
const events = {
  open: creationEventSchema('open', { n: z.number(), refuse: z.boolean(), boom: z.boolean() }),
  bump: eventSchema('bump', {}),
  poison: eventSchema('poison', {}),
};
type Ev = z.output<(typeof events)[keyof typeof events]>;
interface Data {
  readonly n: number;
  readonly boom: boolean;
}
const gauge = defineLifecycle(
  declareLifecycle<'Low' | 'High', Data, Ev, {}, { readonly type: 'bumped' }>({
    id: 'gauge',
    version: 1,
    statuses: ['Low', 'High'],
    terminal: [],
    data: z.object({ n: z.number(), boom: z.boolean() }) as never,
    events: events as never,
    settings: z.object({}),
    create: [
      {
        on: 'open',
        label: 'opened',
        to: { oneOf: ['Low', 'High'], select: (_ctx, data) => (data.n > 1 ? 'High' : 'Low') },
        init: ({ event }) => {
          if (event.refuse) throw new LifecycleError('invalid_input', 'the gauge refuses to open');
          return { n: event.n, boom: event.boom };
        },
      },
    ],
    transitions: [
      { from: '*', on: 'bump', label: 'bumped up', update: ({ state }) => ({ ...state.data, n: state.data.n + 1 }), effects: () => [{ type: 'bumped' }] },
      { from: '*', on: 'poison', update: ({ state }) => ({ ...state.data, boom: true }) },
    ],
    regions: {
      level: {
        values: ['one', 'many'],
        of: (data) => {
          if (data.boom) throw new Error('the region cannot read this');
          return data.n > 1 ? 'many' : 'one';
        },
      },
    },
  }),
);
const open = (fields: Partial<{ n: number; refuse: boolean; boom: boolean }> = {}) => ({ type: 'open', id: 'g1', at, n: 1, refuse: false, boom: false, ...fields }) as const;

describe('what is not a lifecycle', () => {
  const junk: [unknown, string][] = [
    [null, 'null'],
    [7, '7'],
    ['plextrac', '"plextrac"'],
    [{}, 'an object'],
    [{ declaration: null }, 'an object'],
    [{ declaration: 'x' }, 'an object'],
    [Object.assign(() => null, { declaration: {} }), 'a function'],
  ];
  it.each(junk)('%o is refused by every function of the entry, each naming itself', (value, described) => {
    const message = (what: string) => `${what} expects a lifecycle (from defineLifecycle or defineWorkflow), got ${described}`;
    for (const [what, error] of entryRefusals(value)) expect([error.code, error.message]).toEqual(['invalid_input', message(what)]);
  });
});

describe('a lifecycle whose reading throws', () => {
  it('is refused by every function of the entry, each naming itself, with the original error as the cause', () => {
    const boom = new Error('unreadable');
    const trap = new Proxy({}, { get: () => { throw boom; } });
    const reading = (what: string) => `Invalid input to ${what}: reading it threw (Error: unreadable)`;
    for (const [what, error] of entryRefusals(trap)) expect([error.code, error.message, error.cause]).toEqual(['invalid_input', reading(what), boom]);
  });
});

describe('stateOf', () => {
  it('refuses what is not a snapshot with a context, naming what it got', () => {
    for (const [snapshot, described] of [
      [null, 'null'],
      [5, '5'],
      [{ value: 'Pending' }, 'an object'],
      [{ value: 'Pending', context: null }, 'an object'],
      [{ value: 'Pending', context: 3 }, 'an object'],
      [Object.assign(() => null, { value: 'Pending', context: { engagement: null } }), 'a function'],
    ] as const) {
      const error = thrown(() => stateOf(plextrac, snapshot as never));
      expect([error.code, error.message]).toEqual(['invalid_input', `stateOf expects a machine snapshot (an object with "value" and "context"), got ${described}`]);
    }
  });

  it('a snapshot whose reading throws is refused naming stateOf, with the original error as the cause', () => {
    const boom = new Error('no context here');
    const trap = new Proxy({}, { get: () => { throw boom; } });
    const error = thrown(() => stateOf(plextrac, trap as never));
    expect([error.code, error.message, error.cause]).toEqual(['invalid_input', 'Invalid input to stateOf: reading it threw (Error: no context here)', boom]);
  });

  it('reads null before creation, the state after, and refuses a value that disagrees with the context', () => {
    const [initial] = initialTransition(machineOf(plextrac));
    expect(stateOf(plextrac, initial)).toBeNull();
    const state = unwrap(plextrac.create(request)).state;
    expect(stateOf(plextrac, snapshotOf(plextrac, state))).toEqual(state);
    const wrong = thrown(() => stateOf(plextrac, { value: 'Complete', context: { engagement: state } } as never));
    expect(wrong.message).toBe(`The snapshot's value "Complete" disagrees with its context (status "Pending")`);
    const early = thrown(() => stateOf(plextrac, { value: 'Pending', context: { engagement: null } } as never));
    expect(early.message).toBe(`The snapshot's value "Pending" disagrees with its context (status (new))`);
  });

  it('with regions, the value is the status and each region, before and after creation', () => {
    const [initial] = initialTransition(machineOf(ticket));
    expect(initial.value).toEqual({ status: '(new)', schedule: 'on_time' });
    expect(stateOf(ticket, initial)).toBeNull();
    const created = unwrap(ticket.create({ type: 'open', id: 't1', at, title: 'Scope', points: 3, dueMs: 0 })).state;
    const snapshot = snapshotOf(ticket, created);
    expect(stateOf(ticket, snapshot)).toEqual(created);
    const tampered = thrown(() => stateOf(ticket, { ...snapshot, value: { status: 'Open', schedule: 'late' } } as never));
    expect(tampered.code).toBe('invalid_input');
  });
});

describe('restore', () => {
  const refused = (persisted: unknown) => refusal(restore(plextrac, persisted)).message;

  it('refuses what is not an object with a context holding "engagement", and a value that is not a status', () => {
    for (const persisted of [null, 5, 'Pending', [{ value: 'Pending' }]]) {
      expect(refused(persisted)).toBe('Cannot restore the snapshot: expected an object with "value" and "context"');
    }
    for (const context of [undefined, null, 4, {}]) {
      expect(refused({ value: 'Pending', context })).toBe('Cannot restore the snapshot: its context has no "engagement"');
    }
    for (const value of [undefined, null, 4, {}, { status: 4 }]) {
      expect(refused({ value, context: { engagement: null } })).toBe('Cannot restore the snapshot: its value is neither a status nor an object with a "status"');
    }
  });

  it('restores the initial snapshot, and refuses another value without an engagement', () => {
    const restored = unwrap(restore(plextrac, { value: '(new)', context: { engagement: null } }));
    expect(restored.state).toBeNull();
    expect(restored.migrated).toBe(false);
    expect(restored.snapshot.value).toBe('(new)');
    expect(refused({ value: 'Pending', context: { engagement: null } })).toBe(
      'Cannot restore the snapshot: its value "Pending" is not the initial one, but it holds no engagement',
    );
  });

  it('a state of the current version is not migrated, and its regions must agree with the value', () => {
    const created = unwrap(ticket.create({ type: 'open', id: 't1', at, title: 'Scope', points: 3, dueMs: 0 })).state;
    const good = unwrap(restore(ticket, { value: { status: 'Open', schedule: 'on_time' }, context: { engagement: created } }));
    expect(good.migrated).toBe(false);
    expect(good.state).toEqual(created);
    expect(refusal(restore(ticket, { value: { status: 'Open', schedule: 'late' }, context: { engagement: created } })).message).toBe(
      'Cannot restore the snapshot: its value an object disagrees with its context (status "Open")',
    );
    expect(unwrap(restore(ticket, { value: { status: '(new)', schedule: 'on_time' }, context: { engagement: null } })).state).toBeNull();
    expect(refusal(restore(ticket, { value: { status: '(new)', schedule: 'late' }, context: { engagement: null } })).code).toBe('invalid_input');
  });

  it('refuses bad options, and reports a region that throws as the declaration\'s error', () => {
    const bad = { settings: { maxPoints: 'many' } };
    const options = refusal(restore(ticket, { value: { status: '(new)', schedule: 'on_time' }, context: { engagement: null } }, bad as never));
    expect([options.code, options.message]).toEqual(['invalid_input', thrown(() => machineOf(ticket, bad as never)).message]);
    expect(options.message).toContain('maxPoints');
    const poisoned = unwrap(gauge.apply(unwrap(gauge.create(open())).state, { type: 'poison', at })).state;
    const error = refusal(restore(gauge, { value: { status: 'Low', level: 'one' }, context: { engagement: poisoned } }));
    expect([error.code, error.message]).toEqual(['invalid_declaration', 'Lifecycle "gauge": restoring threw: the region cannot read this']);
  });
});

describe('the machine', () => {
  it('starts with an engagement of null in its context', () => {
    expect(initialTransition(machineOf(plextrac))[0].context).toEqual({ engagement: null });
    expect(initialTransition(machineOf(ticket))[0].context).toEqual({ engagement: null });
  });

  it('a live actor of a machine with regions starts, creates, and follows the data', () => {
    const actor = createActor(machineOf(ticket)).start();
    actor.send({ type: 'open', id: 't1', at, title: 'Scope', points: 3, dueMs: 0 } as never);
    actor.send({ type: 'tick', at: '2024-01-02T00:00:00.000Z' } as never);
    expect(actor.getSnapshot().value).toEqual({ status: 'Open', schedule: 'late' });
    expect(actor.getSnapshot().status).toBe('active');
    actor.stop();
  });

  it('describes each transition and creation with its label', () => {
    const m = machineOf(gauge);
    const status = m.root.states['status']!;
    expect(status.states['(new)']!.on['open']!.map((t) => t.description)).toEqual(['opened', 'opened']);
    expect(status.states['Low']!.on['bump']!.map((t) => t.description)).toEqual(['bumped up']);
    expect(status.states['Low']!.on['poison']!.map((t) => t.description)).toEqual([undefined]);
  });

  it('takes the declared transition the decision picked, as an inspector sees it, when two lead to the same status', () => {
    const twin = defineLifecycle({
      id: 'twin', version: 1, statuses: ['A', 'B'], terminal: [], data: z.object({}), settings: z.object({}),
      events: { make: creationEventSchema('make', {}), go: eventSchema('go', {}) },
      create: [{ on: 'make', to: 'A', init: () => ({}) }],
      transitions: [
        { from: ['A'], on: 'go', to: 'B', guard: () => false, label: 'first, never allowed' },
        { from: ['A'], on: 'go', to: 'B', label: 'second' },
      ],
    } as never);
    const taken: unknown[] = [];
    const actor = createActor(machineOf(twin), {
      inspect: (event) => {
        if (event.type === '@xstate.microstep') taken.push(...(event as unknown as { _transitions: { description?: string }[] })._transitions.map((t) => t.description));
      },
    }).start();
    actor.send({ type: 'make', id: 'x', at } as never);
    actor.send({ type: 'go', at } as never);
    expect(taken).toEqual([undefined, 'second']);
    actor.stop();
  });

  it('is built once per options object, once for the defaults, and with the options it was given', () => {
    const options = { settings: { maxPoints: 3 } };
    expect(machineOf(ticket, options)).toBe(machineOf(ticket, options));
    expect(machineOf(ticket)).toBe(machineOf(ticket));
    expect(machineOf(ticket, options)).not.toBe(machineOf(ticket));
    const created = unwrap(ticket.create({ type: 'open', id: 't1', at, title: 'Scope', points: 3, dueMs: 0 })).state;
    const [next] = transition(machineOf(ticket, options), snapshotOf(ticket, created, options), { type: 'estimate', at, points: 5 } as never);
    expect(stateOf(ticket, next)!.data.points).toBe(3); // above this tenant's maximum of 3: refused, unchanged
    const [free] = transition(machineOf(ticket), snapshotOf(ticket, created), { type: 'estimate', at, points: 5 } as never);
    expect(stateOf(ticket, free)!.data.points).toBe(5);
  });

  it('the same event object sent again, from another state, is decided again', () => {
    const m = machineOf(ticket);
    const created = unwrap(ticket.create({ type: 'open', id: 't1', at, title: 'Scope', points: 3, dueMs: 0 })).state;
    const estimate = { type: 'estimate', at, points: 5 };
    const [once, first] = transition(m, snapshotOf(ticket, created), estimate as never);
    const [twice, second] = transition(m, once, estimate as never);
    const effects = (actions: readonly { type: string; params?: unknown }[]) => actions.filter((a) => a.type === 'effects').flatMap((a) => a.params as Effect[]);
    expect(effects(first).map((e) => e.type)).toEqual(['reestimated']);
    expect(effects(second)).toEqual([]);
    expect(stateOf(ticket, twice)).toEqual(stateOf(ticket, once));
  });

  it('a live actor sent a creation without an id calls the generator once, whichever target is chosen', () => {
    for (const points of [3, 9]) {
      let calls = 0;
      const actor = createActor(machineOf(ticket, { newId: () => `t-${++calls}` })).start();
      actor.send({ type: 'open', at, title: 'Scope', points, dueMs: 0 } as never);
      expect(calls).toBe(1);
      expect((actor.getSnapshot().context as { engagement: EngagementState }).engagement.id).toBe('t-1');
      actor.stop();
    }
  });

  it('a live actor sent an invalid creation event stays where it was, without an error', () => {
    const actor = createActor(machineOf(ticket)).start();
    actor.send({ type: 'open', id: 't1', at, title: '', points: 3, dueMs: 0 } as never);
    expect(actor.getSnapshot().status).toBe('active');
    expect(actor.getSnapshot().value).toEqual({ status: '(new)', schedule: 'on_time' });
    actor.stop();
  });
});

describe('the machine engine against the fast engine', () => {
  const engine = machineEngine(gauge);

  it('a creation its init refuses is refused the same way', () => {
    const fast = refusal(gauge.create(open({ refuse: true })));
    const slow = refusal(engine.create(open({ refuse: true })));
    expect([slow.code, slow.message]).toEqual([fast.code, fast.message]);
    expect(slow.message).toBe('the gauge refuses to open');
  });

  it('a region that throws, at creation or after a transition, is the declaration\'s error naming where', () => {
    const atCreation = refusal(engine.create(open({ boom: true })));
    expect([atCreation.code, atCreation.message]).toEqual(['invalid_declaration', 'Lifecycle "gauge": creation on "open" threw: the region cannot read this']);
    const state = unwrap(engine.create(open({ n: 2 }))).state;
    expect(state.status).toBe('High');
    const after = refusal(engine.apply(state, { type: 'poison', at }));
    expect([after.code, after.message]).toEqual(['invalid_declaration', 'Lifecycle "gauge": the transition on "poison" threw: the region cannot read this']);
    expect(unwrap(engine.apply(state, { type: 'bump', at })).effects).toEqual(unwrap(gauge.apply(state, { type: 'bump', at })).effects);
  });
});
