/**
 * DefectDojo's ids (`src/defectdojo/aggregate/ids.ts`), stated independently: the order compared with a model
 * (decimal integers by their value as a BigInt, leading zeros ignored, equal values by their text; then every
 * other id, in code-unit order), what a DefectDojo id is, and the hex tag as FNV-1a's published test vectors.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { compareIds, hexTag, isDojoId } from '../../src/defectdojo/aggregate/ids.js';

const isInteger = (id: string) => /^\d+$/.test(id);
const codeUnits = (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1);
/** The order as DefectDojo's documentation and the library's decision state it. */
function model(a: string, b: string): number {
  if (isInteger(a) && isInteger(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x === y ? codeUnits(a, b) : x < y ? -1 : 1;
  }
  if (isInteger(a) !== isInteger(b)) return isInteger(a) ? -1 : 1;
  return codeUnits(a, b);
}

const integerId = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.nat({ max: 3 })).map(([n, zeros]) => '0'.repeat(zeros) + n.toString());
const anyId = fc.oneof(integerId, fc.string({ maxLength: 6 }), fc.constantFrom('9', '10', '010', 'a', 'A', '', '1a'));

describe('compareIds', () => {
  test.prop([anyId, anyId])('orders as the model does', (a, b) => {
    expect(Math.sign(compareIds(a, b))).toBe(model(a, b));
  });

  it('the cases that matter, by hand', () => {
    expect(compareIds('9', '10')).toBeLessThan(0);
    expect(compareIds('10', '9')).toBeGreaterThan(0);
    expect(compareIds('12', '13')).toBeLessThan(0);
    expect(compareIds('13', '12')).toBeGreaterThan(0);
    expect(compareIds('010', '9')).toBeGreaterThan(0);
    expect(compareIds('010', '10')).toBeLessThan(0);
    expect(compareIds('7', '7')).toBe(0);
    // Only leading zeros are ignored: a zero inside a number counts.
    expect(compareIds('1005', '20')).toBeGreaterThan(0);
    expect(compareIds('100', '99')).toBeGreaterThan(0);
    expect(compareIds('99', 'a')).toBeLessThan(0);
    expect(compareIds('a', '1')).toBeGreaterThan(0);
    expect(compareIds('b', 'a')).toBeGreaterThan(0);
  });
});

describe('isDojoId and hexTag', () => {
  it('a DefectDojo id is a decimal integer that a JSON number holds exactly', () => {
    expect(isDojoId('0')).toBe(true);
    expect(isDojoId('9007199254740991')).toBe(true);
    expect(isDojoId('9007199254740992')).toBe(false);
    for (const id of ['', '-1', '1.5', '1e3', ' 1', 'abc']) expect(isDojoId(id)).toBe(false);
  });

  it('hexTag is FNV-1a 32 over the code units, eight lower-case hex digits', () => {
    expect(hexTag('')).toBe('811c9dc5');
    expect(hexTag('a')).toBe('e40c292c');
    expect(hexTag('foobar')).toBe('bf9cf968');
    expect(hexTag('42')).toMatch(/^[0-9a-f]{8}$/);
  });
});
