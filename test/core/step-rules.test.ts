/**
 * Rules of a step (`src/core/step.ts`, `decide.ts`, `engine.ts`) that `decide-rules.test.ts` does not state, on
 * declarations written for the test, in both engines:
 * - a dynamic target (`to: { oneOf, select }`) may only choose a status of its `oneOf`; one that leaves it is the
 *   declaration's fault (`invalid_declaration`, naming the transition or creation, what it chose and what it could);
 * - a declaration function that throws a `LifecycleError` refuses the event with that very error (its own code and
 *   message); any other throw is `invalid_declaration`;
 * - a creation's declared effects follow its `status_changed`, stamped for version 1;
 * - `create` with another event names every creation event, in declaration order.
 * Every expected message is written out by hand.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { LifecycleError, creationEventSchema, defineLifecycle, eventSchema, instant, unwrap } from '../../src/index.js';
import { machineEngine } from '../../src/machine/index.js';

const at = (minutes: number) => instant(new Date(Date.UTC(2031, 4, 6, 9, minutes)));
const own = new LifecycleError('invalid_input', 'the guard says: not on Sundays');

const pick = defineLifecycle({
  id: 'pick',
  version: 3,
  statuses: ['A', 'B', 'C'],
  terminal: [],
  data: z.object({ k: z.number() }),
  events: {
    make: creationEventSchema('make', { k: z.number().int() }),
    spawn: creationEventSchema('spawn', { k: z.number().int() }),
    go: eventSchema('go', { k: z.number().int() }),
    hold: eventSchema('hold', {}),
  },
  settings: z.object({}),
  create: [
    {
      on: 'make',
      to: { oneOf: ['A', 'B'], select: (_c: unknown, data: { k: number }) => (['A', 'B', 'C'] as const)[data.k] },
      init: ({ event }: { event: { k: number } }) => ({ k: event.k }),
      effects: ({ event }: { event: { k: number } }) => [{ type: 'made', k: event.k }, { type: 'made', k: event.k + 1 }],
    },
    { on: 'spawn', to: 'C', init: ({ event }: { event: { k: number } }) => ({ k: event.k }) },
  ],
  transitions: [
    { from: ['A'], on: 'go', to: { oneOf: ['B', 'C'], select: (c: { event: { k: number } }) => (['A', 'B', 'C'] as const)[c.event.k] } },
    {
      from: ['A'],
      on: 'hold',
      guard: () => {
        throw own;
      },
    },
  ],
} as never);

const engines = [
  ['fast engine', pick],
  ['xstate machine', machineEngine(pick)],
] as const;

describe.each(engines)('dynamic targets (%s)', (_, engine) => {
  const created = (k: number) => engine.create({ type: 'make', id: `p${k}`, at: at(0), k } as never);

  it('a creation goes to the status its select chooses within oneOf', () => {
    expect(unwrap(created(0)).state.status).toBe('A');
    expect(unwrap(created(1)).state.status).toBe('B');
  });

  it('a creation whose select leaves oneOf is invalid_declaration, naming the creation, the choice and oneOf', () => {
    const r = created(2);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_declaration');
    expect(r.error.message).toBe('Lifecycle "pick": creation on "make" selected "C", which is not in its oneOf (A, B)');
    expect(r.error.details).toEqual({ lifecycle: 'pick', where: 'creation #0' });
  });

  it('a transition goes to the status its select chooses within oneOf', () => {
    const s = unwrap(created(0)).state;
    expect(unwrap(engine.apply(s, { type: 'go', at: at(1), k: 1 } as never)).state.status).toBe('B');
    expect(unwrap(engine.apply(s, { type: 'go', at: at(1), k: 2 } as never)).state.status).toBe('C');
  });

  it('a transition whose select leaves oneOf is invalid_declaration, naming the transition, the choice and oneOf', () => {
    const s = unwrap(created(0)).state;
    const r = engine.apply(s, { type: 'go', at: at(1), k: 0 } as never);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_declaration');
    expect(r.error.message).toBe('Lifecycle "pick": transition #0 on "go" selected "A", which is not in its oneOf (B, C)');
    expect(r.error.details).toEqual({ lifecycle: 'pick', where: 'transition #0' });
  });
});

describe.each(engines)('what a declaration function throws (%s)', (_, engine) => {
  it('a LifecycleError thrown by a guard is the refusal, as it was thrown', () => {
    const s = unwrap(engine.create({ type: 'make', id: 'p0', at: at(0), k: 0 } as never)).state;
    const r = engine.apply(s, { type: 'hold', at: at(1) } as never);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.message).toBe('the guard says: not on Sundays');
  });
});

describe.each(engines)('creation (%s)', (_, engine) => {
  it('the declared effects of a creation follow its status_changed, in order, stamped for version 1', () => {
    const r = unwrap(engine.create({ type: 'make', id: 'p1', at: at(0), k: 1 } as never));
    expect(r.effects).toEqual([
      { id: 'pick:p1:1:status_changed', type: 'status_changed', lifecycle: 'pick', engagementId: 'p1', version: 1, at: at(0), from: null, to: 'B', cause: 'make' },
      { id: 'pick:p1:1:made', type: 'made', lifecycle: 'pick', engagementId: 'p1', version: 1, at: at(0), k: 1 },
      { id: 'pick:p1:1:made:2', type: 'made', lifecycle: 'pick', engagementId: 'p1', version: 1, at: at(0), k: 2 },
    ]);
    expect(r.state).toEqual({ lifecycle: 'pick', lifecycleVersion: 3, id: 'p1', status: 'B', version: 1, createdAt: at(0), updatedAt: at(0), data: { k: 1 } });
  });

  it('the second creation event creates too, to its own status', () => {
    expect(unwrap(engine.create({ type: 'spawn', id: 'p9', at: at(0), k: 9 } as never)).state).toMatchObject({ id: 'p9', status: 'C', version: 1 });
  });

  it('create with an event that is not a creation names every creation event, in declaration order', () => {
    const r = engine.create({ type: 'go', at: at(0), k: 1 } as never);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('transition_not_allowed');
    expect(r.error.message).toBe('"go" needs an existing engagement; create one first with make, spawn.');
  });
});

describe.each(engines)('states from outside (%s)', (_, engine) => {
  it('a state made by hand is validated, even with this lifecycle\'s id and version; a copy of a valid one is taken', () => {
    const made = unwrap(engine.create({ type: 'make', id: 'p0', at: at(0), k: 0 } as never)).state;
    const copy = JSON.parse(JSON.stringify(made)) as typeof made;
    expect(unwrap(engine.apply(copy, { type: 'go', at: at(1), k: 1 } as never)).state.status).toBe('B');
    for (const bad of [
      { ...copy, data: { k: 'zero' } },
      { ...copy, status: 'Z' },
      { ...copy, version: 0 },
    ]) {
      const r = engine.apply(bad as never, { type: 'go', at: at(1), k: 1 } as never);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('invalid_input');
    }
  });
});

describe.each(engines)('an event create cannot read (%s)', (_, engine) => {
  it('a creation event with a wrong field is invalid_input naming the field, not a refusal of its type', () => {
    const r = engine.create({ type: 'make', id: 'p1', at: at(0), k: 'one' } as never);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.issues?.map((i) => i.path.join('.'))).toContain('k');
  });
});

describe("a declaration's effects see where the step leads", () => {
  // The `next` argument of `effects` is the status and data the step leads to (docs/adding-a-lifecycle.md): an
  // effect that reports them must get them, for a creation and for a transition.
  const level = { oneOf: ['Low', 'High'], select: (_c: unknown, data: { n: number }) => (data.n > 5 ? 'High' : 'Low') };
  const became = (_c: unknown, next: { status: string; data: { n: number } }) => [{ type: 'became', status: next.status, n: next.data.n }];
  const report = defineLifecycle({
    id: 'report',
    version: 1,
    statuses: ['Low', 'High'],
    terminal: [],
    data: z.object({ n: z.number() }),
    events: { start: creationEventSchema('start', { n: z.number().int() }), bump: eventSchema('bump', {}) },
    settings: z.object({}),
    create: [
      {
        on: 'start',
        to: level,
        init: ({ event }: { event: { n: number } }) => ({ n: event.n }),
        effects: became,
      },
    ],
    transitions: [
      {
        from: '*',
        on: 'bump',
        to: level,
        update: ({ state }: { state: { data: { n: number } } }) => ({ n: state.data.n + 3 }),
        effects: became,
      },
    ],
  } as never);

  for (const [name, engine] of [['fast engine', report], ['machine engine', machineEngine(report as never)]] as const) {
    it(`${name}: the creation's and the transition's effects carry the next status and data`, () => {
      const created = unwrap((engine as typeof report).create({ type: 'start', id: 'r1', at: at(0), n: 4 } as never));
      expect(created.effects.map((e) => [e.type, (e as { status?: string }).status, (e as { n?: number }).n])).toEqual([
        ['status_changed', undefined, undefined],
        ['became', 'Low', 4],
      ]);
      const bumped = unwrap((engine as typeof report).apply(created.state, { type: 'bump', at: at(1) } as never));
      expect(bumped.effects.map((e) => [e.type, (e as { status?: string }).status, (e as { n?: number }).n])).toEqual([
        ['status_changed', undefined, undefined],
        ['became', 'High', 7],
      ]);
    });
  }
});
