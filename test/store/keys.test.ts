import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { keyHash, keyString, partitionOf, type EngagementKey } from '../../src/store/index.js';

const id = fc.string({ minLength: 1, maxLength: 8, unit: 'grapheme-ascii' });

type Hash = (key: EngagementKey) => number;

/** Counts every sweep may be split into. */
const COUNTS = Array.from({ length: 63 }, (_, i) => i + 2);

/**
 * The worst partition of any count in 2..64, as a fraction of even: max over counts and partitions of
 * |size - n/count| / (n/count). Stated independently of the library: it only reads the hash values.
 */
function worstImbalance(hash: Hash, keys: readonly EngagementKey[]): { readonly worst: number; readonly count: number } {
  const hashes = keys.map(hash);
  let worst = 0;
  let at = 0;
  for (const count of COUNTS) {
    const sizes = new Array<number>(count).fill(0);
    for (const h of hashes) sizes[h % count]!++;
    const even = keys.length / count;
    for (const size of sizes) {
      const off = Math.abs(size - even) / even;
      if (off > worst) [worst, at] = [off, count];
    }
  }
  return { worst, count: at };
}

/** A deterministic PRNG (mulberry32): UUID-like ids without depending on the library or on fast-check's internals. */
function uuids(seed: number, n: number): string[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0).toString(16).padStart(8, '0');
  };
  return Array.from({ length: n }, () => {
    const h = next() + next() + next() + next();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  });
}

const N = 100_000;
const sequential = (lifecycle: string, prefix: string): EngagementKey[] => Array.from({ length: N }, (_, i) => ({ lifecycle, id: `${prefix}${i + 1}` }));

/**
 * Tolerances for 100,000 keys over every count of 2..64 (measured: UUIDs 8–10%, sequential ids 7–16%; the worst
 * is a single count, 58, for bare numbers). A random assignment would give about 4 standard deviations, 10%, at
 * the largest counts: the bound leaves room for that, and a hash that ignores most of the key fails it by far.
 */
const UUID_TOLERANCE = 0.15;
const SEQUENTIAL_TOLERANCE = 0.2;

/** Keys of the same length that differ in exactly one code unit, at `at` in `lifecycle \0 id`. */
function oneUnitApart(key: EngagementKey, at: number, delta: number): EngagementKey {
  const text = `${key.lifecycle}\u0000${key.id}`;
  const i = at % text.length;
  // The NUL separator is part of the key's structure: move the change into the id or the lifecycle instead.
  const j = i === key.lifecycle.length ? i + 1 : i;
  const changed = text.slice(0, j) + String.fromCharCode(((text.charCodeAt(j) + delta) % 0xffff) + (text.charCodeAt(j) + delta >= 0xffff ? 1 : 0)) + text.slice(j + 1);
  const [lifecycle, ...rest] = changed.split('\u0000');
  return { lifecycle: lifecycle!, id: rest.join('\u0000') };
}

/** Does `hash` tell apart keys that differ in one code unit, wherever it is, for some partition count in 2..64? */
function separatesEveryPosition(hash: Hash): fc.IProperty<[string, string, number, number]> {
  return fc.property(id, id, fc.nat(), fc.integer({ min: 1, max: 0xfffe }), (lifecycle, i, at, delta) => {
    const a = { lifecycle, id: i };
    const b = oneUnitApart(a, at, delta);
    fc.pre(keyString(a.lifecycle, a.id) !== keyString(b.lifecycle, b.id));
    return hash(a) !== hash(b) && COUNTS.some((count) => hash(a) % count !== hash(b) % count);
  });
}

/** Planted weak hashes: each reads only part of the key. */
const fnv = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
};
const PLANTED: Record<string, Hash> = {
  'the last character only': (k) => k.id.charCodeAt(k.id.length - 1),
  'the id only': (k) => fnv(k.id),
  'the first four characters': (k) => fnv(`${k.lifecycle}\u0000${k.id}`.slice(0, 4)),
};

describe('keys', () => {
  test.prop([id, id, id, id])('keyString orders keys as (lifecycle, id)', (l1, i1, l2, i2) => {
    const byString = Math.sign(keyString(l1, i1) < keyString(l2, i2) ? -1 : keyString(l1, i1) > keyString(l2, i2) ? 1 : 0);
    const byPair = l1 !== l2 ? (l1 < l2 ? -1 : 1) : i1 === i2 ? 0 : i1 < i2 ? -1 : 1;
    expect(byString).toBe(byPair);
  });

  it('keyHash is a stable 32-bit FNV-1a of lifecycle NUL id (adapters store it; it must never change)', () => {
    // FNV-1a of the single byte 0 is the published test vector 0x050c5d1f.
    expect(keyHash({ lifecycle: '', id: '' })).toBe(0x050c5d1f);
    expect(keyHash({ lifecycle: 'a', id: 'b' })).toBe(0x10f3abd2);
  });

  test.prop([id, id, fc.integer({ min: 1, max: 64 })])('partitionOf is keyHash modulo the count, in range', (lifecycle, i, count) => {
    const p = partitionOf({ lifecycle, id: i }, count);
    expect(Number.isInteger(p) && p >= 0 && p < count).toBe(true);
    expect(p).toBe(keyHash({ lifecycle, id: i }) % count);
  });

  it('depends on the whole key: a change of one code unit anywhere, in the lifecycle or the id, moves the key for some count of 2..64', () => {
    fc.assert(separatesEveryPosition(keyHash), { numRuns: 2_000 });
    // The ids of the issue: with 16 partitions FNV-1a's low bits read only the low bits of each character, so
    // `a`, `q`, `A` and `Q` share one (see keyHash's documentation); other counts tell all four apart.
    const partitions = (count: number) => new Set(['a', 'q', 'A', 'Q'].map((i) => partitionOf({ lifecycle: 'plextrac', id: i }, count)));
    expect(COUNTS.some((count) => partitions(count).size === 4)).toBe(true);
  });

  it.each(Object.entries(PLANTED))('the whole-key property fails for a planted hash that reads %s', (_name, planted) => {
    expect(() => fc.assert(separatesEveryPosition(planted), { numRuns: 2_000, seed: 7 })).toThrow(/Property failed/);
  });

  it('partitions of sequential ids and UUIDs, 100,000 keys over 2..64 workers, are within the stated tolerance of even', () => {
    for (const [lifecycle, prefix] of [['plextrac', 'eng-'], ['defectdojo', ''], ['review', 'ENG-2026-']] as const) {
      const { worst, count } = worstImbalance(keyHash, sequential(lifecycle, prefix));
      expect(worst, `${lifecycle} ids "${prefix}1".. at ${count} partitions`).toBeLessThanOrEqual(SEQUENTIAL_TOLERANCE);
    }
    for (const seed of [1, 2]) {
      const keys = uuids(seed, N).map((u) => ({ lifecycle: 'plextrac', id: u }));
      const { worst, count } = worstImbalance(keyHash, keys);
      expect(worst, `UUIDs (seed ${seed}) at ${count} partitions`).toBeLessThanOrEqual(UUID_TOLERANCE);
    }
  });

  it('the balance check fails for a planted hash that reads only the last character', () => {
    expect(worstImbalance(PLANTED['the last character only']!, sequential('plextrac', 'eng-')).worst).toBeGreaterThan(SEQUENTIAL_TOLERANCE);
    expect(worstImbalance(PLANTED['the first four characters']!, sequential('plextrac', 'eng-')).worst).toBeGreaterThan(SEQUENTIAL_TOLERANCE);
  });

  it('refuses what is not a key or a count with invalid_input', () => {
    expect(() => keyHash(null as never)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => partitionOf({ lifecycle: 'plextrac', id: 'a' }, 0)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => keyString(Object.create(null) as never, 'a')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    const trap = new Proxy({}, { get: () => { throw new Error('trap'); } });
    expect(() => keyHash(trap as never)).toThrow(expect.objectContaining({ code: 'invalid_input', cause: expect.objectContaining({ message: 'trap' }) }));
  });
});
