import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { SortedList } from '../../src/store/sorted-list.js';

const cmp = (a: number, b: number) => a - b;

function scanAll(list: SortedList<number>, from?: number, after = false): number[] {
  const out: number[] = [];
  list.scan(from, after, (v) => {
    out.push(v);
    return true;
  });
  return out;
}

describe('SortedList', () => {
  // Enough operations to split chunks (over 1,024 values) and to empty them again.
  const op = fc.oneof(
    { weight: 3, arbitrary: fc.record({ add: fc.integer({ min: 0, max: 400 }) }) },
    { weight: 2, arbitrary: fc.record({ del: fc.integer({ min: 0, max: 400 }) }) },
  );

  test.prop([fc.array(op, { maxLength: 3000, size: 'max' }), fc.integer({ min: -1, max: 401 }), fc.boolean()], { numRuns: 60 })(
    'behaves as a sorted array under adds and deletes; scans start at the right place',
    (ops, from, after) => {
      const list = new SortedList<number>(cmp);
      const model: number[] = [];
      for (const o of ops) {
        if ('add' in o) {
          list.add(o.add);
          model.push(o.add);
          model.sort(cmp);
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
