/**
 * The key helpers' refusals (`src/store/keys.ts`), word for word: each names its function and says what it got, so
 * that a stray value is refused with `invalid_input` and never reaches a TypeError.
 */
import { describe, expect, it } from 'vitest';
import { keyHash, keyOf, keyString, partitionOf } from '../../src/store/index.js';

const refusal = (message: string) => expect.objectContaining({ code: 'invalid_input', message });

describe('key helpers refuse what is not a key, naming themselves', () => {
  const notAKey: [string, unknown, string][] = [
    ['null', null, 'expects an engagement key { lifecycle, id }, got null'],
    ['a string', 'plextrac/e1', 'expects an engagement key { lifecycle, id }, got "plextrac/e1"'],
    ['a number', 7, 'expects an engagement key { lifecycle, id }, got 7'],
    ['no id', { lifecycle: 'plextrac' }, 'expects an engagement key whose lifecycle and id are strings, got lifecycle "plextrac" and id undefined'],
    ['a numeric id', { lifecycle: 'plextrac', id: 1 }, 'expects an engagement key whose lifecycle and id are strings, got lifecycle "plextrac" and id 1'],
    ['no lifecycle', { id: 'e1' }, 'expects an engagement key whose lifecycle and id are strings, got lifecycle undefined and id "e1"'],
  ];
  it.each(notAKey)('%s', (_name, key, message) => {
    expect(() => keyOf(key as never)).toThrow(refusal(`keyOf ${message}`));
    expect(() => keyHash(key as never)).toThrow(refusal(`keyHash ${message}`));
    expect(() => partitionOf(key as never, 2)).toThrow(refusal(`partitionOf ${message}`));
  });

  it('keyString: two strings', () => {
    expect(() => keyString('plextrac', 5 as never)).toThrow(refusal('keyString expects two strings, got "plextrac" and 5'));
    expect(() => keyString(null as never, 'e1')).toThrow(refusal('keyString expects two strings, got null and "e1"'));
    expect(keyString('plextrac', 'e1')).toBe('plextrac\u0000e1');
  });

  it('partitionOf: a count that is a positive integer', () => {
    for (const [count, got] of [[0, '0'], [1.5, '1.5'], [-2, '-2'], ['2', '"2"']] as const) {
      expect(() => partitionOf({ lifecycle: 'plextrac', id: 'e1' }, count as never)).toThrow(refusal(`partitionOf expects a partition count that is a positive integer, got ${got}`));
    }
  });

  it('keyOf copies the two strings into a new frozen key', () => {
    const state = { lifecycle: 'plextrac', id: 'e1', status: 'Pending' };
    const key = keyOf(state);
    expect(key).toEqual({ lifecycle: 'plextrac', id: 'e1' });
    expect(key).not.toBe(state);
    expect(Object.isFrozen(key)).toBe(true);
    expect(Object.isFrozen(state)).toBe(false);
  });
});
