import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { SortedList } from '../../src/store/sorted-list.js';

/** A comparator that refuses anything but numbers: a list that compares an empty chunk's missing end fails loudly. */
const cmp = (a: number, b: number) => {
  if (typeof a !== 'number' || typeof b !== 'number') throw new TypeError(`compared ${String(a)} with ${String(b)}`);
  return a - b;
};

function scanAll(list: SortedList<number>, from?: number, after = false): number[] {
  const out: number[] = [];
  list.scan(from, after, (v) => {
    out.push(v);
    return true;
  });
  return out;
}

/** The model: a plain sorted array, kept sorted by inserting before the first greater value. */
function insertSorted(model: number[], v: number): void {
  const i = model.findIndex((m) => m > v);
  model.splice(i === -1 ? model.length : i, 0, v);
}

describe('SortedList', () => {
  // Adds first, up to 3,000 of them, so that chunks split (a chunk holds at most 1,024 values): a short run of
  // values repeated, so that a counterexample shrinks through the short run. Then adds and deletes mixed.
  const value = fc.integer({ min: 0, max: 400 });
  const op = fc.oneof(fc.record({ add: value }), fc.record({ del: value }));

  test.prop([fc.array(value, { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 15 }), fc.array(op, { maxLength: 300 }), fc.integer({ min: -1, max: 401 }), fc.boolean()], { numRuns: 60 })(
    'behaves as a sorted array under adds and deletes; scans start at the right place',
    (run, copies, ops, from, after) => {
      const adds = Array.from({ length: copies }, () => run).flat();
      const list = new SortedList<number>(cmp);
      const model: number[] = [];
      for (const o of [...adds.map((add) => ({ add })), ...ops]) {
        if ('add' in o) {
          list.add(o.add);
          insertSorted(model, o.add);
        } else {
          const i = model.indexOf(o.del);
          expect(list.delete(o.del)).toBe(i !== -1);
          if (i !== -1) model.splice(i, 1);
        }
      }
      expect(list.size).toBe(model.length);
      expect(scanAll(list)).toEqual(model);
      expect(scanAll(list, from, after)).toEqual(model.filter((v) => (after ? v > from : v >= from)));
    },
  );

  it('drops a chunk that a run of deletes empties, and keeps working across the gap', () => {
    // 0..2999 fills several chunks; deleting 600..2399 empties the middle ones whole.
    const list = new SortedList<number>(cmp);
    for (let v = 0; v < 3000; v++) list.add(v);
    for (let v = 600; v < 2400; v++) expect(list.delete(v)).toBe(true);
    const left = [...Array(600).keys(), ...Array.from({ length: 600 }, (_, k) => 2400 + k)];
    expect(scanAll(list)).toEqual(left);
    expect(scanAll(list, 1000)).toEqual(left.slice(600));
    expect(scanAll(list, 599, true)).toEqual(left.slice(600));
    expect(list.delete(1000)).toBe(false);
    list.add(1500);
    expect(scanAll(list, 1000)).toEqual([1500, ...left.slice(600)]);
    expect(list.size).toBe(1201);
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), fc.integer({ min: 0, max: 10 })])(
    'a scan stops when the visitor returns false',
    (values, n) => {
      const list = new SortedList<number>(cmp);
      for (const v of values) list.add(v);
      const seen: number[] = [];
      list.scan(undefined, false, (v) => {
        seen.push(v);
        return seen.length < n;
      });
      expect(seen).toEqual([...values].sort(cmp).slice(0, Math.max(1, n)).slice(0, values.length));
    },
  );
});
