/**
 * The one decision both engines follow (`src/core/decide.ts`, `step.ts`; docs/adding-a-lifecycle.md), stated on a
 * small declaration written for it: the order of refusals (terminal, then time order, then each candidate's
 * `reject` and `guard` in declaration order), what each refusal says and carries, which declaration function a
 * throw is blamed on, and what a step produces (version + 1, `updatedAt`, `status_changed` first, `changed`).
 * Every expected message and state is written out by hand.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { LifecycleError, creationEventSchema, declareLifecycle, defineLifecycle, eventSchema, instant, unwrap, type EngagementState } from '../../src/index.js';
import { machineEngine } from '../../src/machine/index.js';

type S = 'A' | 'B' | 'C' | 'Done';
interface D {
  readonly n: number;
  readonly tag: string;
}
const events = {
  make: creationEventSchema('make', { n: z.number().int() }),
  explode: creationEventSchema('explode', {}),
  go: eventSchema('go', {}),
  try: eventSchema('try', {}),
  pick: eventSchema('pick', { k: z.number().int() }),
  orphan: eventSchema('orphan', {}),
  hinted: eventSchema('hinted', {}),
  later: eventSchema('later', {}),
  bump: eventSchema('bump', {}),
  touch: eventSchema('touch', {}),
  ping: eventSchema('ping', {}),
  same: eventSchema('same', {}),
  finish: eventSchema('finish', {}),
  boom: eventSchema('boom', { where: z.enum(['reject', 'guard', 'update', 'effects', 'text']) }),
};
type E = { [K in keyof typeof events]: z.output<(typeof events)[K]> }[keyof typeof events];
type X = { readonly type: 'pinged' } | { readonly type: 'bumped'; readonly to: number };

const fail = (where: string, what: string) => (e: { event: { where: string } }) => {
  if (e.event.where === where) {
    if (what === 'text') throw 'plain text';
    throw new Error(`${where} broke`);
  }
};

const declaration = declareLifecycle<S, D, E, Record<string, never>, X>({
  id: 'gate',
  version: 1,
  statuses: ['A', 'B', 'C', 'Done'],
  terminal: ['Done'],
  data: z.object({ n: z.number(), tag: z.string() }) as never,
  events: events as never,
  settings: z.object({}) as never,
  create: [
    { on: 'make', to: 'A', init: ({ event }) => ({ n: event.n, tag: '' }) },
    {
      on: 'explode',
      to: 'A',
      init: () => {
        throw new Error('init broke');
      },
    },
  ],
  transitions: [
    { from: ['A'], on: 'go', guard: () => false, refusal: 'the first gate is shut' },
    { from: ['A'], on: 'go', guard: () => false, refusal: 'the second gate is shut' },
    { from: ['A'], on: 'go', guard: () => false },
    { from: ['A'], on: 'try', guard: () => false },
    { from: ['A'], on: 'pick', reject: ({ event }) => (event.k < 2 ? new LifecycleError('invalid_input', 'first says no') : null), to: 'B' },
    { from: ['A'], on: 'pick', reject: ({ event }) => (event.k < 1 ? new LifecycleError('invalid_input', 'second says no') : null), to: 'C' },
    { from: ['B'], on: 'hinted', to: 'C' },
    { from: ['B', 'C'], on: 'later', to: 'A' },
    { from: ['A', 'B'], on: 'bump', update: ({ state }) => ({ ...state.data, n: state.data.n + 1 }), effects: ({ state }) => [{ type: 'bumped', to: state.data.n + 1 }] },
    { from: ['A', 'B'], on: 'touch', update: ({ state }) => ({ ...state.data, tag: 't' }) },
    { from: ['A', 'B'], on: 'ping', effects: () => [{ type: 'pinged' }, { type: 'pinged' }] },
    { from: ['A', 'B'], on: 'same', update: ({ state }) => ({ n: state.data.n, tag: state.data.tag }) },
    { from: ['A', 'B', 'C'], on: 'finish', to: 'Done' },
    {
      from: ['A'],
      on: 'boom',
      reject: (c) => (fail('reject', 'reject')(c), fail('text', 'text')(c), null),
      guard: (c) => (fail('guard', 'guard')(c), true),
      update: (c) => (fail('update', 'update')(c), c.state.data),
      effects: (c) => (fail('effects', 'effects')(c), []),
    },
  ],
  hints: { hinted: 'Move it to B first.' },
});
const gate = defineLifecycle(declaration);
const engines = [
  ['fast engine', gate],
  ['xstate machine', machineEngine(gate)],
] as const;

const at = (minutes: number) => instant(new Date(Date.UTC(2030, 0, 1, 0, minutes)));
const made = (): EngagementState<S, D> => unwrap(gate.create({ type: 'make', id: 'g1', at: at(10), n: 1 })).state;

describe.each(engines)('decide (%s)', (_, engine) => {
  const refused = (state: EngagementState<S, D>, event: unknown) => {
    const r = engine.apply(state, event as never);
    if (r.ok) throw new Error('expected a refusal');
    return r.error;
  };

  it('every guard false: the refusals of all candidates, in declaration order, and the facts', () => {
    const e = refused(made(), { type: 'go', at: at(11) });
    expect(e.code).toBe('transition_not_allowed');
    expect(e.message).toBe('"go" is not allowed for engagement "g1" (A) now: the first gate is shut; the second gate is shut.');
    expect(e.details).toEqual({ engagementId: 'g1', status: 'A', event: 'go' });
  });

  it('a guard false without a refusal text: "its conditions are not met"', () => {
    expect(refused(made(), { type: 'try', at: at(11) }).message).toBe('"try" is not allowed for engagement "g1" (A) now: its conditions are not met.');
  });

  it('a reject skips its candidate; the first rejection is the answer only when no later candidate applies', () => {
    expect(unwrap(engine.apply(made(), { type: 'pick', at: at(11), k: 1 } as never)).state.status).toBe('C');
    expect(unwrap(engine.apply(made(), { type: 'pick', at: at(11), k: 2 } as never)).state.status).toBe('B');
    expect(refused(made(), { type: 'pick', at: at(11), k: 0 })).toMatchObject({ code: 'invalid_input', message: 'first says no' });
  });

  it('an event no status allows, and one allowed elsewhere with the declaration\'s hint', () => {
    const orphan = refused(made(), { type: 'orphan', at: at(11) });
    expect(orphan.code).toBe('transition_not_allowed');
    expect(orphan.message).toBe('Cannot apply "orphan" to engagement "g1" in status A: no status allows it.');
    expect(orphan.details).toEqual({ engagementId: 'g1', status: 'A', event: 'orphan' });
    // Allowed in several statuses: all of them, comma-separated.
    expect(refused(made(), { type: 'later', at: at(11) }).message).toBe('Cannot apply "later" to engagement "g1" in status A: it is allowed only when the status is B, C.');
    const e = refused(made(), { type: 'hinted', at: at(11) });
    expect(e.message).toBe('Cannot apply "hinted" to engagement "g1" in status A: it is allowed only when the status is B. Move it to B first.');
    expect(e.details).toEqual({ engagementId: 'g1', status: 'A', event: 'hinted' });
  });

  it('a creation event on an existing engagement', () => {
    const e = refused(made(), { type: 'make', id: 'g1', at: at(11), n: 2 });
    expect(e.code).toBe('transition_not_allowed');
    expect(e.message).toBe('"make" creates an engagement; engagement "g1" already exists.');
    expect(e.details).toEqual({ engagementId: 'g1', status: 'A', event: 'make' });
  });

  it('terminal first: even an out-of-order event is refused as terminal, with the facts', () => {
    const done = unwrap(engine.apply(made(), { type: 'finish', at: at(20) })).state;
    const e = refused(done, { type: 'bump', at: at(5) });
    expect(e.code).toBe('terminal_state');
    expect(e.message).toBe('Engagement "g1" is Done, which is final: "bump" is refused. Create a new engagement instead.');
    expect(e.details).toEqual({ engagementId: 'g1', status: 'Done', event: 'bump' });
  });

  it('an event dated before the last change is out of order; one at the same instant is not', () => {
    const e = refused(made(), { type: 'bump', at: at(9) });
    expect(e.code).toBe('out_of_order');
    expect(e.message).toBe(
      'Event "bump" at 2030-01-01T00:09:00.000Z is dated before the engagement\'s last change at 2030-01-01T00:10:00.000Z; events must arrive in time order.',
    );
    expect(e.details).toEqual({ engagementId: 'g1', at: at(9), updatedAt: at(10), event: 'bump' });
    expect(engine.apply(made(), { type: 'bump', at: at(10) }).ok).toBe(true);
  });

  it.each([
    ['reject', 'Lifecycle "gate": the reject of "boom" from A threw: reject broke'],
    ['guard', 'Lifecycle "gate": the guard of "boom" from A threw: guard broke'],
    ['update', 'Lifecycle "gate": the update, target or effects of "boom" from A threw: update broke'],
    ['effects', 'Lifecycle "gate": the update, target or effects of "boom" from A threw: effects broke'],
    ['text', 'Lifecycle "gate": the reject of "boom" from A threw: plain text'],
  ])('a throw in the %s is invalid_declaration naming it', (where, message) => {
    const e = refused(made(), { type: 'boom', at: at(11), where });
    expect(e.code).toBe('invalid_declaration');
    expect(e.message).toBe(message);
    expect(e.details).toEqual({ lifecycle: 'gate', where: message.slice('Lifecycle "gate": '.length, message.indexOf(' threw')) });
  });
});

describe.each(engines)('step (%s)', (_, engine) => {
  it('a status change: version + 1, updatedAt the event\'s instant, createdAt kept, status_changed with from, to and cause', () => {
    const s = made();
    const r = unwrap(engine.apply(s, { type: 'finish', at: at(12) }));
    expect(r.changed).toBe(true);
    expect(r.state).toEqual({ lifecycle: 'gate', lifecycleVersion: 1, id: 'g1', status: 'Done', version: 2, createdAt: at(10), updatedAt: at(12), data: { n: 1, tag: '' } });
    expect(r.effects).toEqual([
      { id: 'gate:g1:2:status_changed', type: 'status_changed', lifecycle: 'gate', engagementId: 'g1', version: 2, at: at(12), from: 'A', to: 'Done', cause: 'finish' },
    ]);
  });

  it('data alone changes: a new version and the declared effects, no status_changed', () => {
    const r = unwrap(engine.apply(made(), { type: 'bump', at: at(12) }));
    expect(r.state).toMatchObject({ status: 'A', version: 2, updatedAt: at(12), data: { n: 2, tag: '' } });
    expect(r.effects.map((e) => e.type)).toEqual(['bumped']);
    const touched = unwrap(engine.apply(made(), { type: 'touch', at: at(12) }));
    expect(touched).toMatchObject({ changed: true, effects: [], state: { version: 2, data: { n: 1, tag: 't' } } });
  });

  it('effects alone are a change too (numbered per type), and an equal copy of the data is no change', () => {
    const r = unwrap(engine.apply(made(), { type: 'ping', at: at(12) }));
    expect(r.changed).toBe(true);
    expect(r.state.version).toBe(2);
    expect(r.effects.map((e) => e.id)).toEqual(['gate:g1:2:pinged', 'gate:g1:2:pinged:2']);
    const s = made();
    const same = unwrap(engine.apply(s, { type: 'same', at: at(12) }));
    expect(same).toMatchObject({ changed: false, effects: [] });
    expect(same.state).toBe(s);
  });

  it('states and effects are frozen', () => {
    const r = unwrap(engine.apply(made(), { type: 'bump', at: at(12) }));
    expect(Object.isFrozen(r.state)).toBe(true);
    expect(Object.isFrozen(r.state.data)).toBe(true);
    expect(Object.isFrozen(r.effects)).toBe(true);
    expect(Object.isFrozen(r.effects[0])).toBe(true);
  });
});

describe('create', () => {
  it('a non-creation event: names the creation events', () => {
    const r = gate.create({ type: 'go', at: at(1) } as never);
    expect(!r.ok && r.error.code).toBe('transition_not_allowed');
    expect(!r.ok && r.error.message).toBe('"go" needs an existing engagement; create one first with make, explode.');
    expect(!r.ok && r.error.details).toEqual({ event: 'go' });
  });

  it.each(engines)('a creation that throws is invalid_declaration naming the creation (%s)', (_, engine) => {
    const r = engine.create({ type: 'explode', id: 'g3', at: at(3) } as never);
    expect(!r.ok && r.error.code).toBe('invalid_declaration');
    expect(!r.ok && r.error.message).toBe('Lifecycle "gate": creation on "explode" threw: init broke');
    expect(!r.ok && r.error.details).toEqual({ lifecycle: 'gate', where: 'creation on "explode"' });
  });

  it('the first state: version 1, created and updated at the event, status_changed from null', () => {
    const r = unwrap(gate.create({ type: 'make', id: 'g2', at: at(3), n: 4 }));
    expect(r.state).toEqual({ lifecycle: 'gate', lifecycleVersion: 1, id: 'g2', status: 'A', version: 1, createdAt: at(3), updatedAt: at(3), data: { n: 4, tag: '' } });
    expect(r.effects).toEqual([
      { id: 'gate:g2:1:status_changed', type: 'status_changed', lifecycle: 'gate', engagementId: 'g2', version: 1, at: at(3), from: null, to: 'A', cause: 'make' },
    ]);
  });
});
