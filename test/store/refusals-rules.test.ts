/**
 * The store's shared refusals (`src/store/refusals.ts`) and the `safeParse*` forms (`src/store/safe-parse.ts`),
 * stated from their documentation: each refusal's code, words and details; the version and key checks of the
 * refusal builders themselves; the port check's two refusals; and a `safeParse*` that returns a frozen value or
 * the failed result with the `parse*` function's error, never a throw. Expected wordings are written out here.
 */
import { describe, expect, it } from 'vitest';
import { isLifecycleError, type LifecycleError } from '../../src/index.js';
import {
  duplicateEffect,
  engagementNotFound,
  parseKey,
  reusedEngagementId,
  safeParseKey,
  safeParseTenant,
  safely,
  versionConflict,
} from '../../src/store/index.js';
import { requirePort } from '../../src/store/refusals.js';
import { thrownCode, thrownMessage, trap } from '../fuzz/refusals.js';

const key = { lifecycle: 'plextrac', id: 'eng-1' };

describe('versionConflict', () => {
  it('a creation over an existing engagement', () => {
    const e = versionConflict(key, null, 3);
    expect(e.code).toBe('version_conflict');
    expect(e.message).toBe('Engagement "plextrac/eng-1" already exists (version 3): a creation cannot replace it.');
    expect(e.details).toEqual({ lifecycle: 'plextrac', id: 'eng-1', expectedVersion: null, actualVersion: 3 });
  });

  it('a save computed from another version', () => {
    const e = versionConflict(key, 0, 2);
    expect(e.message).toBe('Engagement "plextrac/eng-1" is at version 2, not 0: it changed since it was read. Read it again and re-apply the event.');
    expect(e.details).toEqual({ lifecycle: 'plextrac', id: 'eng-1', expectedVersion: 0, actualVersion: 2 });
  });

  it('refuses versions that are not non-negative integers; null only for the expected one', () => {
    expect(thrownCode(() => versionConflict(key, -1, 2))).toBe('invalid_input');
    expect(thrownMessage(() => versionConflict(key, -1, 2))).toBe('versionConflict expects a version that is a non-negative integer or null, got -1');
    expect(thrownMessage(() => versionConflict(key, 1.5, 2))).toBe('versionConflict expects a version that is a non-negative integer or null, got 1.5');
    expect(thrownMessage(() => versionConflict(key, 1, null as never))).toBe('versionConflict expects a version that is a non-negative integer, got null');
    expect(thrownMessage(() => versionConflict(key, 1, '2' as never))).toBe('versionConflict expects a version that is a non-negative integer, got "2"');
    expect(versionConflict(key, 0, 0).details).toMatchObject({ expectedVersion: 0, actualVersion: 0 });
  });

  it('refuses what is not a key', () => {
    expect(thrownMessage(() => versionConflict(null as never, 0, 1))).toBe('versionConflict expects an engagement key { lifecycle, id }, got null');
  });
});

describe('the other refusals', () => {
  it('engagementNotFound', () => {
    const e = engagementNotFound(key);
    expect([e.code, e.message]).toEqual(['not_found', 'Engagement "plextrac/eng-1" does not exist.']);
    expect(e.details).toEqual({ lifecycle: 'plextrac', id: 'eng-1' });
    expect(thrownMessage(() => engagementNotFound({ lifecycle: 'plextrac' } as never))).toBe(
      'engagementNotFound expects an engagement key whose lifecycle and id are strings, got lifecycle "plextrac" and id undefined',
    );
  });

  it('duplicateEffect', () => {
    const e = duplicateEffect('fx-1');
    expect(e.code).toBe('invalid_input');
    expect(e.message).toBe(
      'Effect "fx-1" is already in the outbox. Effect ids derive from the engagement id and version: give a new engagement a new id rather than reusing a deleted one\'s.',
    );
    expect(e.details).toEqual({ effectId: 'fx-1' });
    expect(thrownCode(() => duplicateEffect(7 as never))).toBe('invalid_input');
    expect(thrownMessage(() => duplicateEffect(7 as never))).toBe('duplicateEffect expects an effect id string, got 7');
  });

  it('reusedEngagementId', () => {
    const e = reusedEngagementId(key);
    expect(e.code).toBe('invalid_input');
    expect(e.message.startsWith('Engagement "plextrac/eng-1" existed before and was deleted: its id cannot be reused')).toBe(true);
    expect(e.message.endsWith('Give the new engagement a new id.')).toBe(true);
    expect(e.details).toEqual({ lifecycle: 'plextrac', id: 'eng-1' });
    expect(thrownMessage(() => reusedEngagementId('plextrac/eng-1' as never))).toBe(
      'reusedEngagementId expects an engagement key { lifecycle, id }, got "plextrac/eng-1"',
    );
  });
});

describe('requirePort', () => {
  const methods = ['get', 'save'];

  it('returns an object or a function that has every method', () => {
    const store = { get() {}, save() {} };
    expect(requirePort(store, methods, 'a store')).toBe(store);
    const fn = Object.assign(() => {}, { get() {}, save() {} });
    expect(requirePort(fn, methods, 'a store')).toBe(fn);
  });

  it('refuses what is no object, naming what was expected and what came', () => {
    for (const [value, shown] of [
      [null, 'null'],
      [undefined, 'undefined'],
      ['store', '"store"'],
    ] as const) {
      expect(thrownCode(() => requirePort(value, methods, 'a store'))).toBe('invalid_input');
      expect(thrownMessage(() => requirePort(value, methods, 'a store'))).toBe(`Expected a store, got ${shown}`);
    }
  });

  it('refuses a missing method by its name, the first one missing', () => {
    expect(thrownCode(() => requirePort({ get() {} }, methods, 'a store'))).toBe('invalid_input');
    expect(thrownMessage(() => requirePort({ get() {} }, methods, 'a store'))).toBe('Expected a store: its "save" is not a function');
    expect(thrownMessage(() => requirePort({ get: 1, save: 2 }, methods, 'a store'))).toBe('Expected a store: its "get" is not a function');
  });

  it('a trap that throws while the methods are read is invalid_input naming the port', () => {
    expect(thrownMessage(() => requirePort(trap(), methods, 'a store'))).toBe('Invalid input to a store: reading it threw (Error: trap)');
  });
});

describe('safeParse*', () => {
  it('a valid input is the parse function\'s value, frozen', () => {
    const r = safeParseKey({ ...key });
    expect(r).toEqual({ ok: true, value: key });
    expect(Object.isFrozen(r)).toBe(true);
    expect(r.ok && Object.isFrozen(r.value)).toBe(true);
    expect(safeParseTenant('acme')).toEqual({ ok: true, value: 'acme' });
  });

  it('an invalid input is the failed result with the parse function\'s own error', () => {
    let thrown: unknown;
    try {
      parseKey({ lifecycle: 'plextrac' });
    } catch (error) {
      thrown = error;
    }
    const r = safeParseKey({ lifecycle: 'plextrac' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.message).toBe((thrown as LifecycleError).message);
    }
  });

  it('a parse function that throws something else gives invalid_input with it as the cause', () => {
    const cause = new TypeError('boom');
    const r = safely(() => {
      throw cause;
    })(1);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(isLifecycleError(r.error)).toBe(true);
      expect(r.error.message).toBe('Invalid input to a store parser: reading it threw (TypeError: boom)');
      expect(r.error.cause).toBe(cause);
    }
  });
});
