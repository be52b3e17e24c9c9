/**
 * Migrations (docs/adding-a-lifecycle.md): `migrations[N]` turns a stored state of version N into the status and
 * data of version N + 1; the steps run in order from the stored version, each sees the state as the previous step
 * left it (frozen, with its version), and the result is validated. A state of another lifecycle, of a newer version,
 * or of a version with no chain of steps is `lifecycle_mismatch`; a step that throws or returns nothing is
 * `invalid_input`; a declaration whose steps cannot be reached or are not functions is `invalid_declaration`.
 * Stated on a three-version lifecycle written here, with every expected state and message written out.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { creationEventSchema, declareLifecycle, defineLifecycle, eventSchema, unwrap } from '../../src/index.js';

/** Version 3: a counter with a label. Version 1 stored `{ count }` in status 'Todo'; version 2 `{ count }` in 'Open'. */
function counter(version: number, migrations?: unknown) {
  return declareLifecycle({
    id: 'counter',
    version,
    statuses: ['Open', 'Closed'],
    terminal: ['Closed'],
    data: z.object({ count: z.number(), label: z.string() }) as never,
    events: { start: creationEventSchema('start', {}), close: eventSchema('close', {}) } as never,
    settings: z.object({}) as never,
    create: [{ on: 'start', to: 'Open', init: () => ({ count: 0, label: '' }) }],
    transitions: [{ from: ['Open'], on: 'close', to: 'Closed' }],
    ...(migrations === undefined ? {} : { migrations: migrations as never }),
  });
}

const stored = (lifecycleVersion: unknown, status: string, data: unknown, lifecycle: unknown = 'counter') => ({
  lifecycle,
  lifecycleVersion,
  id: 'c1',
  status,
  version: 4,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-02T00:00:00.000Z',
  data,
});

const seen: unknown[] = [];
const steps = {
  1: (s: { status: string; data: unknown; lifecycleVersion: number }) => {
    seen.push({ step: 1, version: s.lifecycleVersion, frozen: Object.isFrozen(s) });
    return { status: s.status === 'Todo' ? 'Open' : s.status, data: s.data };
  },
  2: (s: { status: string; data: unknown; lifecycleVersion: number }) => {
    seen.push({ step: 2, version: s.lifecycleVersion, frozen: Object.isFrozen(s), status: s.status });
    return { status: s.status, data: { ...(s.data as object), label: 'migrated' } };
  },
};
// Built in each test, not at import: a declaration-time check that wrongly refused it would otherwise fail the file
// as it loads, which Stryker's vitest runner does not count as a failed test (docs/testing.md).
const v3 = () => defineLifecycle(counter(3, steps));

describe('migrating a stored state', () => {
  it('runs every step from the stored version, in order, each on a frozen state of its version; other fields kept', () => {
    seen.length = 0;
    const state = v3().parseState(stored(1, 'Todo', { count: 5 }));
    expect(state).toEqual({ ...stored(3, 'Open', { count: 5, label: 'migrated' }) });
    expect(seen).toEqual([
      { step: 1, version: 1, frozen: true },
      { step: 2, version: 2, frozen: true, status: 'Open' },
    ]);
  });

  it('starts at the stored version: a version 2 state runs step 2 only', () => {
    seen.length = 0;
    expect(v3().parseState(stored(2, 'Closed', { count: 1 }))).toMatchObject({ lifecycleVersion: 3, status: 'Closed', data: { count: 1, label: 'migrated' } });
    expect(seen).toEqual([{ step: 2, version: 2, frozen: true, status: 'Closed' }]);
  });

  it('a current state is not migrated, and the caller\'s object is left as it was', () => {
    seen.length = 0;
    const input = stored(3, 'Open', { count: 2, label: 'x' });
    const copy = structuredClone(input);
    expect(v3().parseState(input)).toEqual(copy);
    expect(input).toEqual(copy);
    expect(seen).toEqual([]);
    const old = stored(1, 'Todo', { count: 5 });
    v3().parseState(old);
    expect(old).toEqual(stored(1, 'Todo', { count: 5 }));
  });

  it('another lifecycle, a newer version, or a version that is not a whole number is lifecycle_mismatch, with the facts', () => {
    const cases: [unknown, unknown, string][] = [
      ['other', 3, 'This state belongs to lifecycle "other" version 3, not "counter" version 3.'],
      ['counter', 4, 'This state belongs to lifecycle "counter" version 4, not "counter" version 3.'],
      ['counter', 1.5, 'This state belongs to lifecycle "counter" version 1.5, not "counter" version 3.'],
      ['counter', '1', 'This state belongs to lifecycle "counter" version "1", not "counter" version 3.'],
    ];
    for (const [lifecycle, lifecycleVersion, message] of cases) {
      const r = v3().safeParseState(stored(lifecycleVersion, 'Open', { count: 0 }, lifecycle));
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('lifecycle_mismatch');
      expect(r.error.message).toBe(message);
      expect(r.error.details).toEqual({ expected: { lifecycle: 'counter', version: 3 }, received: { lifecycle, lifecycleVersion } });
    }
  });

  it('a version with no chain of steps names the first missing step', () => {
    const gap = defineLifecycle(counter(3, { 2: steps[2] }));
    const r = gap.safeParseState(stored(1, 'Todo', { count: 5 }));
    expect(!r.ok && r.error.code).toBe('lifecycle_mismatch');
    expect(!r.ok && r.error.message).toBe('This state belongs to lifecycle "counter" version 1, not "counter" version 3 (no migration from version 1).');
    const none = defineLifecycle(counter(3));
    const r2 = none.safeParseState(stored(2, 'Open', { count: 5 }));
    expect(!r2.ok && r2.error.message).toBe('This state belongs to lifecycle "counter" version 2, not "counter" version 3 (no migration from version 2).');
    // Version 0 has no step 0 (steps start at 1).
    const r0 = v3().safeParseState(stored(0, 'Open', { count: 5 }));
    expect(!r0.ok && r0.error.message).toBe('This state belongs to lifecycle "counter" version 0, not "counter" version 3 (no migration from version 0).');
  });

  it('a step that throws, or returns no object, is invalid_input naming the step', () => {
    const cases: [unknown, string][] = [
      [() => { throw new Error('bad data'); }, 'The migration of "counter" from version 2 threw: bad data'],
      [() => { throw 'nope'; }, 'The migration of "counter" from version 2 threw: "nope"'],
      [() => null, 'The migration of "counter" from version 2 returned no state'],
      [() => 'Open', 'The migration of "counter" from version 2 returned no state'],
    ];
    for (const [step2, message] of cases) {
      const broken = defineLifecycle(counter(3, { 1: steps[1], 2: step2 }));
      const r = broken.safeParseState(stored(1, 'Todo', { count: 5 }));
      expect(!r.ok && r.error.code).toBe('invalid_input');
      expect(!r.ok && r.error.message).toBe(message);
    }
  });

  it('a migrated state is validated: a step that forgets a field is invalid_input', () => {
    const forgetful = defineLifecycle(counter(3, { 1: steps[1], 2: (s: { status: string; data: unknown }) => ({ status: s.status, data: s.data }) }));
    const r = forgetful.safeParseState(stored(1, 'Todo', { count: 5 }));
    expect(!r.ok && r.error.code).toBe('invalid_input');
  });

  it('a migrated state can be used by the engine right away', () => {
    const migrated = v3().parseState(stored(1, 'Todo', { count: 5 }));
    expect(unwrap(v3().apply(migrated, { type: 'close', at: '2030-01-03T00:00:00Z' } as never)).state).toMatchObject({ status: 'Closed', version: 5, lifecycleVersion: 3 });
  });
});

describe('declaring migrations', () => {
  it.each<[string, number, unknown, string]>([
    ['not an object', 3, 'steps', 'migrations must be an object keyed by the old version'],
    ['null', 3, null, 'migrations must be an object keyed by the old version'],
    ['an array', 3, [() => ({})], 'migrations must be an object keyed by the old version'],
    ['a step from version 0', 3, { 0: () => ({}) }, 'migration 0 must start at a version from 1 to 2'],
    ['a step from the current version', 3, { 3: () => ({}) }, 'migration 3 must start at a version from 1 to 2'],
    ['a step from a later version', 3, { 4: () => ({}) }, 'migration 4 must start at a version from 1 to 2'],
    ['a step that is not a number', 3, { x: () => ({}) }, 'migration x must start at a version from 1 to 2'],
    ['a step from version 1.5', 3, { '1.5': () => ({}) }, 'migration 1.5 must start at a version from 1 to 2'],
    ['a step that is not a function', 3, { 1: steps[1], 2: 'up' }, 'migration 2 must be a function'],
    ['any step in version 1', 1, { 1: () => ({}) }, 'migration 1 must start at a version from 1 to 0'],
  ])('refuses %s as invalid_declaration', (_, version, migrations, problem) => {
    let error: unknown = null;
    try {
      defineLifecycle(counter(version, migrations));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'invalid_declaration' });
    expect((error as Error).message).toContain(problem);
  });

  it('accepts steps from 1 to version - 1, and none at all', () => {
    expect(() => defineLifecycle(counter(3, steps))).not.toThrow();
    expect(() => defineLifecycle(counter(3, {}))).not.toThrow();
    expect(() => defineLifecycle(counter(1))).not.toThrow();
  });
});
