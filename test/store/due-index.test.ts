import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DueIndex } from '../../src/store/memory/due-index.js';
import type { DueEntry, Entry } from '../../src/store/memory/step.js';

// The order stated on its own: instant first, then the key in code-unit order.
const before = (a: { ms: number; key: string }, b: { ms: number; key: string }) => (a.ms !== b.ms ? a.ms - b.ms : a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const label = (e: { ms: number; key: string }) => `${e.ms}/${e.key}`;

function scanAll(index: DueIndex, from?: { ms: number; key: string }, after = false): string[] {
  const out: string[] = [];
  index.scan(from, after, (e) => {
    out.push(label(e));
    return true;
  });
  return out;
}

describe('DueIndex', () => {
  // Few instants and keys, so that equal instants are common (a day's engagements share 00:00), and enough
  // operations to split chunks (over 1,024 entries) and to empty them again.
  const point = fc.record({ ms: fc.integer({ min: 0, max: 40 }), key: fc.stringMatching(/^[ab]{0,5}$/) });
  const op = fc.oneof(
    { weight: 3, arbitrary: fc.record({ add: point }) },
    { weight: 2, arbitrary: fc.record({ del: fc.nat() }) },
  );

  test.prop([fc.array(op, { maxLength: 3000, size: 'max' }), point, fc.boolean()], { numRuns: 60 })(
    'behaves as a sorted array under adds and removals by identity; scans start at the right place',
    (ops, from, after) => {
      const index = new DueIndex();
      const live: DueEntry[] = [];
      const taken = new Set<string>();
      for (const o of ops) {
        if ('add' in o) {
          if (taken.has(label(o.add))) continue; // (instant, key) is unique in the store: one entry per engagement
          const entry: DueEntry = { ms: o.add.ms, key: o.add.key, entry: {} as Entry, chunk: [] };
          index.add(entry);
          live.push(entry);
          taken.add(label(entry));
        } else if (live.length > 0) {
          const [entry] = live.splice(o.del % live.length, 1);
          index.delete(entry!);
          taken.delete(label(entry!));
        }
      }
      const model = [...live].sort(before);
      expect(scanAll(index)).toEqual(model.map(label));
      expect(scanAll(index, from, after)).toEqual(model.filter((e) => (after ? before(e, from) > 0 : before(e, from) >= 0)).map(label));
    },
  );

  test('removed from the front, as a sweep removes them, the rest stays in order until none is left', () => {
    const index = new DueIndex();
    const entries: DueEntry[] = [];
    for (let i = 0; i < 2600; i++) entries.push({ ms: i % 7, key: String(i).padStart(4, '0'), entry: {} as Entry, chunk: [] });
    for (const e of entries) index.add(e);
    const model = [...entries].sort(before);
    for (let n = 0; n < model.length; n++) {
      index.delete(model[n]!);
      if (n % 500 === 0 || n > model.length - 3) expect(scanAll(index)).toEqual(model.slice(n + 1).map(label));
    }
    expect(scanAll(index)).toEqual([]);
  });

  test('an entry removed twice is removed once', () => {
    const index = new DueIndex();
    const a: DueEntry = { ms: 1, key: 'a', entry: {} as Entry, chunk: [] };
    const b: DueEntry = { ms: 1, key: 'b', entry: {} as Entry, chunk: [] };
    index.add(a);
    index.add(b);
    index.delete(a);
    index.delete(a);
    expect(scanAll(index)).toEqual(['1/b']);
  });
});
