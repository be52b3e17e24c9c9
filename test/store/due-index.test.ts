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

/**
 * The index's own invariants, read from its private fields (a data structure's test may look inside): chunks are
 * non-empty and at most 1,024 long, each entry points at the chunk that holds it, and the packed array of last
 * instants matches the chunks. A stale or misaligned `lastMs` can give right answers for a while and wrong ones
 * after more changes; this says so at once.
 */
function checkStructure(index: DueIndex): DueEntry[][] {
  const { chunks, lastMs } = index as unknown as { chunks: DueEntry[][]; lastMs: number[] };
  // Collected, then one assertion: an `expect` per entry made the emptying test take minutes.
  const problems: string[] = [];
  if (lastMs.length !== chunks.length) problems.push(`${lastMs.length} last instants for ${chunks.length} chunks`);
  chunks.forEach((chunk, i) => {
    if (chunk.length === 0 || chunk.length > 1024) problems.push(`chunk ${i} holds ${chunk.length} entries`);
    for (const e of chunk) if (e.chunk !== chunk) problems.push(`entry ${label(e)} points at another chunk than ${i}`);
    if (chunk.length > 0 && lastMs[i] !== chunk[chunk.length - 1]!.ms) problems.push(`lastMs of chunk ${i} is ${lastMs[i]}, its last entry is at ${chunk[chunk.length - 1]!.ms}`);
  });
  expect(problems).toEqual([]);
  return chunks;
}

/** Scans from each given entry's own (instant, key), inclusive and exclusive, against the model. */
function checkScansFrom(index: DueIndex, model: readonly DueEntry[], starts: readonly DueEntry[]): void {
  for (const from of starts) {
    const at = model.indexOf(from);
    // Joined: comparing arrays of thousands of labels with toEqual, many times, cost seconds.
    expect(scanAll(index, from, false).join(' '), `from ${label(from)} inclusive`).toBe(model.slice(at).map(label).join(' '));
    expect(scanAll(index, from, true).join(' '), `from ${label(from)} exclusive`).toBe(model.slice(at + 1).map(label).join(' '));
  }
}

/** An index of `count` entries with distinct keys over `instants` instants, and its entries in due order. */
function filled(count: number, instants: number): { index: DueIndex; model: DueEntry[] } {
  const index = new DueIndex();
  const entries: DueEntry[] = [];
  for (let i = 0; i < count; i++) entries.push({ ms: i % instants, key: String(i).padStart(4, '0'), entry: {} as Entry, chunk: [] });
  for (const e of entries) index.add(e);
  return { index, model: [...entries].sort(before) };
}

/** The first and last entry of every chunk: where the searches move from one chunk to the next. */
const ends = (chunks: readonly DueEntry[][]): DueEntry[] => chunks.flatMap((c) => [c[0]!, c[c.length - 1]!]);

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
      const chunks = checkStructure(index);
      expect(scanAll(index)).toEqual(model.map(label));
      // From an entry that is there: the first and last of every chunk (where the searches change chunk).
      checkScansFrom(index, model, ends(chunks));
      expect(scanAll(index, from, after)).toEqual(model.filter((e) => (after ? before(e, from) > 0 : before(e, from) >= 0)).map(label));
    },
  );

  test('removed from the front, as a sweep removes them, the rest stays in order until none is left', () => {
    const { index, model } = filled(2600, 7);
    for (let n = 0; n < model.length; n++) {
      index.delete(model[n]!);
      if (n % 500 === 0 || n > model.length - 3) expect(scanAll(index)).toEqual(model.slice(n + 1).map(label));
    }
    expect(scanAll(index)).toEqual([]);
  });

  test('a chunk in the middle emptied, and chunks losing their last entry: order, scans and structure hold', () => {
    // Few instants: 3,000 entries split into several chunks, many chunk boundaries inside one instant.
    const built = filled(3000, 13);
    const { index } = built;
    let model = built.model;
    let chunks = checkStructure(index);
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    checkScansFrom(index, model, ends(chunks));
    // Each chunk loses entries from its end until its last instant is an earlier one (only then does the packed
    // last instant change), then a middle chunk is emptied entry by entry.
    for (const c of [...chunks]) {
      const lastMs = c[c.length - 1]!.ms;
      while (c.length > 1 && c[c.length - 1]!.ms === lastMs) {
        const last = c[c.length - 1]!;
        index.delete(last);
        model = model.filter((e) => e !== last);
      }
    }
    checkStructure(index);
    expect(scanAll(index)).toEqual(model.map(label));
    const middle = [...checkStructure(index)[1]!];
    middle.forEach((e, n) => {
      index.delete(e);
      if (n % 50 === 0 || n >= middle.length - 2) checkStructure(index);
    });
    model = model.filter((m) => !middle.includes(m));
    chunks = checkStructure(index);
    expect(scanAll(index)).toEqual(model.map(label));
    checkScansFrom(index, model, ends(chunks));
    // Added again, they go back to their places.
    for (const e of middle) index.add(e);
    model = [...model, ...middle].sort(before);
    checkStructure(index);
    expect(scanAll(index)).toEqual(model.map(label));
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
