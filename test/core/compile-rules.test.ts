/**
 * The rules of compiling a declaration (`src/core/compile.ts`), stated one by one: each refusal word for word, and
 * what the lookup tables mean for a user (`from: '*'`, candidates in declaration order, the statuses an event is
 * allowed in, the first creation on an event, the state schema). Every test defines a fresh declaration: a compiled
 * declaration is cached per declaration object, so a shared fixture would be compiled once per process.
 */
import { describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import * as z from 'zod';
import { creationEventSchema, defineLifecycle, eventSchema, isLifecycleError, unwrap, type LifecycleError } from '../../src/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { statusFollowsTheDocumentation } from '../plextrac/spec-properties.js';

const at = '2024-01-01T00:00:00.000Z';
const minimal = {
  id: 'mini',
  version: 1,
  statuses: ['A', 'B', 'C'],
  terminal: ['C'],
  data: z.object({ n: z.number() }),
  events: { make: creationEventSchema('make', {}), go: eventSchema('go', {}), stay: eventSchema('stay', {}) },
  settings: z.object({}),
  create: [{ on: 'make', to: 'A', init: () => ({ n: 0 }) }],
  transitions: [{ from: ['A'], on: 'go', to: 'B' }],
};

/** Defines a fresh copy of `minimal` with `patch`; the refusal's message, or null when it is accepted. */
function refusal(patch: object): string | null {
  try {
    defineLifecycle({ ...minimal, ...patch } as never);
    return null;
  } catch (error) {
    expect(isLifecycleError(error)).toBe(true);
    expect((error as LifecycleError).code).toBe('invalid_declaration');
    return (error as LifecycleError).message;
  }
}
const lifecycle = (patch: object) => defineLifecycle({ ...minimal, ...patch } as never) as unknown as {
  create(event: unknown): { ok: boolean; state?: { status: string; data: { n: number } }; error?: LifecycleError };
  apply(state: unknown, event: unknown): { ok: boolean; state?: { status: string; data: { n: number } }; error?: LifecycleError };
};
const make = { type: 'make', id: 'e1', at };

describe('a declaration is refused, word for word', () => {
  const cases: [string, object, string][] = [
    ['a status that is empty', { statuses: ['A', ' ', 'C'] }, '" " cannot be a status name (empty, reserved, or contains "." or a leading "#")'],
    ['a status with a dot', { statuses: ['A', 'B.1', 'C'] }, '"B.1" cannot be a status name (empty, reserved, or contains "." or a leading "#")'],
    ['a status with a leading #', { statuses: ['A', '#B', 'C'] }, '"#B" cannot be a status name (empty, reserved, or contains "." or a leading "#")'],
    ['the machine\'s own "(new)"', { statuses: ['A', '(new)', 'C'] }, '"(new)" cannot be a status name (empty, reserved, or contains "." or a leading "#")'],
    ['a status declared twice', { statuses: ['A', 'B', 'A', 'C'] }, 'status "A" is declared twice'],
    ['no status', { statuses: [], terminal: [], transitions: [], create: [{ on: 'make', to: 'A', init: () => ({ n: 0 }) }] }, 'it declares no status'],
    ['a terminal status that is not declared', { terminal: ['Q'] }, 'terminal status "Q" is not a declared status'],
    ['an event type of xstate\'s', { events: { ...minimal.events, 'xstate.stop': eventSchema('xstate.stop', {}) } }, 'event type "xstate.stop" is reserved by xstate'],
    ['a transition on an event without a schema', { transitions: [{ from: ['A'], on: 'fly', to: 'B' }] }, 'transition #0 (on "fly") uses event "fly", which has no schema in "events"'],
    ['a creation on an event without a schema', { create: [{ on: 'build', to: 'A', init: () => ({ n: 0 }) }] }, 'creation #0 (on "build") uses event "build", which has no schema in "events"'],
    ['a creation without a target', { create: [{ on: 'make', init: () => ({ n: 0 }) }] }, 'creation #0 (on "make") has no target status'],
    ['no creation', { create: [] }, 'it declares no way to create an engagement ("create" is empty)'],
    ['a transition on the creation event', { transitions: [{ from: ['A'], on: 'go', to: 'B' }, { from: ['A'], on: 'make', to: 'B' }] }, 'transition #1 (on "make") uses "make", which is a creation event'],
    ['a transition to an unknown status', { transitions: [{ from: ['A'], on: 'go', to: 'Z' }] }, 'transition #0 (on "go") goes to unknown status "Z"'],
    ['a transition from an unknown status', { transitions: [{ from: ['Z'], on: 'go', to: 'B' }] }, 'transition #0 (on "go") leaves from unknown status "Z"'],
    ['a transition from a terminal status', { transitions: [{ from: ['C'], on: 'go', to: 'B' }] }, 'transition #0 (on "go") leaves from terminal status "C"'],
    ['a dynamic target with an unknown status', { transitions: [{ from: ['A'], on: 'go', to: { oneOf: ['B', 'Z'], select: () => 'B' } }] }, 'transition #0 (on "go") may go to unknown status "Z"'],
    ['a dynamic target with an empty oneOf', { transitions: [{ from: ['A'], on: 'go', to: { oneOf: [], select: () => 'B' } }] }, 'transition #0 (on "go") has a target that is neither a status nor { oneOf, select }'],
    ['a dynamic target without select', { transitions: [{ from: ['A'], on: 'go', to: { oneOf: ['B'], select: 'B' } }] }, 'transition #0 (on "go") has a target that is neither a status nor { oneOf, select }'],
    ['a dynamic target whose oneOf is no list', { transitions: [{ from: ['A'], on: 'go', to: { oneOf: 'B', select: () => 'B' } }] }, 'transition #0 (on "go") has a target that is neither a status nor { oneOf, select }'],
    ['a target that is neither', { transitions: [{ from: ['A'], on: 'go', to: 7 }] }, 'transition #0 (on "go") has a target that is neither a status nor { oneOf, select }'],
    ['settings without defaults', { settings: z.object({ limit: z.number() }) }, 'its settings schema does not accept {} (every setting needs a default)'],
  ];
  it.each(cases)('%s', (_name, patch, message) => {
    expect(refusal(patch)).toBe(`Lifecycle "mini": ${message}`);
  });

  it('the id and the version are refused by the shape check, before anything else', () => {
    expect(refusal({ version: 0 })).toBe('Lifecycle "mini": field "version": Too small: expected number to be >=1');
    expect(refusal({ version: 1.5 })).toBe('Lifecycle "mini": field "version": Invalid input: expected int, received number');
    expect(refusal({ id: '' })).toBe('Lifecycle "(unnamed)": field "id": Too small: expected string to have >=1 characters');
  });

  it('a target may be left out (the status stays), and statuses may be any other text', () => {
    expect(refusal({ statuses: ['A', 'In Review', 'C'], transitions: [{ from: ['A'], on: 'go', to: 'In Review' }, { from: ['A'], on: 'stay' }] })).toBeNull();
  });
});

describe('what the tables mean', () => {
  it('from "*" is every status that is not terminal', () => {
    const lc = lifecycle({ transitions: [{ from: ['A'], on: 'go', to: 'B' }, { from: '*', on: 'stay', update: ({ state }: { state: { data: { n: number } } }) => ({ n: state.data.n + 1 }) }] });
    const a = unwrap(lc.create(make) as never) as { state: { status: string } };
    const b = lc.apply(a.state, { type: 'go', at });
    for (const state of [a.state, b.state]) expect(lc.apply(state, { type: 'stay', at }).state!.data.n).toBe(1);
  });

  it('a refusal names the statuses an event is allowed in, once each, in the order of the declaration', () => {
    const lc = lifecycle({
      statuses: ['A', 'B', 'C', 'D'],
      terminal: ['D'],
      transitions: [
        { from: ['C'], on: 'go', to: 'A' },
        { from: ['B', 'C'], on: 'go', to: 'A', guard: () => false },
        { from: ['A'], on: 'stay', to: 'D' },
        { from: ['A'], on: 'stay', to: 'B' },
      ],
    });
    const a = lc.create(make).state!;
    const refused = lc.apply(a, { type: 'go', at });
    expect(refused.error!.message).toBe('Cannot apply "go" to engagement "e1" in status A: it is allowed only when the status is C, B.');
  });

  it('the candidates of a status and an event are tried in the order of the declaration', () => {
    const lc = lifecycle({
      transitions: [
        { from: ['A'], on: 'go', to: 'C', guard: () => false },
        { from: ['A'], on: 'go', to: 'B' },
        { from: ['A'], on: 'stay', to: 'C' },
      ],
    });
    const a = lc.create(make).state!;
    expect(lc.apply(a, { type: 'go', at }).state!.status).toBe('B');
  });

  it('of two creations on one event, the first is taken', () => {
    const lc = lifecycle({ create: [{ on: 'make', to: 'A', init: () => ({ n: 1 }) }, { on: 'make', to: 'B', init: () => ({ n: 2 }) }] });
    expect(lc.create(make).state).toMatchObject({ status: 'A', data: { n: 1 } });
  });

  it('a dynamic target named twice in oneOf is one target', () => {
    const lc = lifecycle({ transitions: [{ from: ['A'], on: 'go', to: { oneOf: ['B', 'B', 'C'], select: () => 'C' } }] });
    const a = lc.create(make).state!;
    expect(lc.apply(a, { type: 'go', at }).state!.status).toBe('C');
  });

  it('the state schema: the lifecycle, its version, an id, a declared status, a positive version, two instants, the data', () => {
    const lc = lifecycle({});
    const a = lc.create(make).state!;
    const go = { type: 'go', at };
    expect(lc.apply({ ...a }, go).state!.status).toBe('B');
    for (const wrong of [
      { lifecycle: 'other' },
      { lifecycleVersion: 2 },
      { id: '' },
      { status: 'Z' },
      { version: 0 },
      { version: 1.5 },
      { createdAt: 'yesterday' },
      { updatedAt: '2024-13-01T00:00:00Z' },
      { data: { n: 'one' } },
    ]) {
      const result = lc.apply({ ...a, ...wrong }, go);
      expect(result.ok, JSON.stringify(wrong)).toBe(false);
      expect(['invalid_input', 'lifecycle_mismatch'], JSON.stringify(wrong)).toContain(result.error!.code);
    }
  });
});

describe('a fresh copy of a built-in declaration', () => {
  // A copy is a new object, so it is compiled again in this test: the documentation's rules then check the tables
  // built from PlexTrac's declaration, not a copy compiled earlier in the process.
  it('PlexTrac, compiled again, still follows its documentation', () => {
    const copy = defineLifecycle({ ...plextrac.declaration } as never);
    fc.assert(statusFollowsTheDocumentation(copy as never), { numRuns: 60 });
  });
});
