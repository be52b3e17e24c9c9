/**
 * The two helpers every engine step runs (`src/core/immutable.ts`), against their contract: `deepFreeze` freezes
 * everything reachable through own properties and nothing else (a prototype may be a caller's object), and
 * `shallowEqual` is "same own enumerable keys holding `Object.is` values", stated here with `Object.keys`; `deepEqual`
 * is Node's `util.isDeepStrictEqual` on JSON-like values (plain objects, arrays, primitives).
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { isDeepStrictEqual } from 'node:util';
import { deepEqual, deepFreeze, shallowEqual } from '../../src/core/immutable.js';

/** The contract of shallowEqual, written with the obvious reading of it. */
function sameOwnKeysAndValues(a: object, b: object): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && Object.is((a as never)[k], (b as never)[k]));
}

describe('deepFreeze', () => {
  it('freezes nested objects and arrays reached through own properties', () => {
    const value = { a: { b: [{ c: 1 }] }, d: null, e: 'x' };
    deepFreeze(value);
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.a)).toBe(true);
    expect(Object.isFrozen(value.a.b)).toBe(true);
    expect(Object.isFrozen(value.a.b[0])).toBe(true);
  });

  it("leaves what is only inherited alone: a prototype's values are not the value's own", () => {
    const shared = { settings: { zone: 'UTC' } };
    const value = Object.assign(Object.create(shared) as { own: { n: number } }, { own: { n: 1 } });
    deepFreeze(value);
    expect(Object.isFrozen(value.own)).toBe(true);
    expect(Object.isFrozen(shared)).toBe(false);
    expect(Object.isFrozen(shared.settings)).toBe(false);
  });

  it('stops at an object that is already frozen (its parts were frozen with it)', () => {
    const inner = { n: 1 };
    const outer = Object.freeze({ inner });
    deepFreeze({ outer });
    expect(Object.isFrozen(inner)).toBe(false);
  });
});

describe('shallowEqual', () => {
  const valueArb = fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom(NaN, 0, -0, null, undefined, 'a'));
  const recordArb = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), valueArb, { maxKeys: 4 });

  test.prop([recordArb, recordArb], { numRuns: 500 })('agrees with the contract on any two records', (a, b) => {
    expect(shallowEqual(a, b)).toBe(sameOwnKeysAndValues(a, b));
  });

  test.prop([recordArb], { numRuns: 200 })('a record equals a copy of itself, in any key order', (a) => {
    const reversed = Object.fromEntries(Object.entries(a).reverse());
    expect(shallowEqual(a, reversed)).toBe(true);
  });

  it('an inherited key does not count, on either side', () => {
    const withInherited = Object.assign(Object.create({ extra: 1 }) as object, { a: 1 });
    expect(shallowEqual(withInherited, { a: 1 })).toBe(true);
    expect(shallowEqual({ a: 1 }, withInherited)).toBe(true);
    expect(shallowEqual({ a: 1 }, { a: 1, extra: 1 })).toBe(false);
    expect(shallowEqual({ a: 1, extra: 1 }, { a: 1 })).toBe(false);
  });

  it('an undefined value is not a missing key', () => {
    expect(shallowEqual({ a: undefined }, {})).toBe(false);
    expect(shallowEqual({}, { a: undefined })).toBe(false);
    expect(shallowEqual({ a: undefined, b: 1 }, { b: 1, c: undefined })).toBe(false);
  });
});

describe('shallowEqual and deepEqual on values that are not objects', () => {
  const table: [unknown, unknown, boolean][] = [
    [1, 1, true],
    [NaN, NaN, true],
    [0, -0, false],
    [1, 2, false],
    ['a', 'b', false],
    [null, null, true],
    [null, {}, false],
    [{}, null, false],
    [undefined, {}, false],
    [{}, 'x', false],
    ['x', {}, false],
    [{}, 5, false],
    [{}, '', false],
    [{}, true, false],
  ];
  it.each(table)('%o and %o: %s', (a, b, equal) => {
    expect(shallowEqual(a, b)).toBe(equal);
    expect(deepEqual(a, b)).toBe(equal);
  });
});

describe('deepEqual', () => {
  // JSON-like values, with the leaves where Object.is and === differ, and undefined values (not missing keys).
  const leaf = fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constantFrom(NaN, -0, null, undefined, true, 'a', 'b'));
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 3 }),
    object: fc.dictionary(fc.constantFrom('a', 'b', 'c', '0'), tie('value'), { maxKeys: 3, noNullPrototype: true }),
  }));

  test.prop([value, value], { numRuns: 500 })('agrees with util.isDeepStrictEqual on any two JSON-like values', (a, b) => {
    expect(deepEqual(a, b)).toBe(isDeepStrictEqual(a, b));
  });

  test.prop([value], { numRuns: 300 })('a value equals a deep copy of itself, in any key order', (a) => {
    const reorder = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reorder) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reorder(x)])) : v;
    expect(deepEqual(a, reorder(a))).toBe(true);
    expect(deepEqual(reorder(a), a)).toBe(true);
  });

  it('near misses', () => {
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe(false);
    expect(deepEqual([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(deepEqual({ 0: 1, 1: 2 }, [1, 2])).toBe(false);
    expect(deepEqual({ a: undefined }, {})).toBe(false);
    expect(deepEqual({}, { a: undefined })).toBe(false);
    expect(deepEqual({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false);
    expect(deepEqual([1], [1, 2])).toBe(false);
    expect(deepEqual([], [])).toBe(true);
  });
});
