/**
 * Engagement keys. Ids are unique per lifecycle, so an engagement is named by its lifecycle and its id together.
 * These helpers are public and run on every store operation: each checks its argument with `typeof` (cheap) and
 * refuses anything else with `invalid_input`, so a stray value never reaches a `TypeError`.
 */
import { LifecycleError, caught, describeValue, fnv1a32 } from '../core/index.js';

/** Names one engagement: ids are unique within a lifecycle, not across lifecycles. */
export interface EngagementKey {
  readonly lifecycle: string;
  readonly id: string;
}

/** The key's two strings, read once each (a caller's getter that throws becomes `invalid_input`). Internal. */
export function partsOf(what: string, key: unknown): EngagementKey {
  return caught(what, () => {
    if (key === null || typeof key !== 'object') {
      throw new LifecycleError('invalid_input', `${what} expects an engagement key { lifecycle, id }, got ${describeValue(key)}`);
    }
    const { lifecycle, id } = key as { lifecycle?: unknown; id?: unknown };
    if (typeof lifecycle !== 'string' || typeof id !== 'string') {
      throw new LifecycleError(
        'invalid_input',
        `${what} expects an engagement key whose lifecycle and id are strings, got lifecycle ${describeValue(lifecycle)} and id ${describeValue(id)}`,
      );
    }
    return { lifecycle, id };
  });
}

/**
 * One string per key whose code-unit order is the order of (lifecycle, id): the separator sorts below every other
 * character, so `a` + sep + … comes before `ab` + sep + ….
 * @throws LifecycleError `invalid_input` when either part is not a string.
 */
export function keyString(lifecycle: string, id: string): string {
  if (typeof lifecycle !== 'string' || typeof id !== 'string') {
    throw new LifecycleError('invalid_input', `keyString expects two strings, got ${describeValue(lifecycle)} and ${describeValue(id)}`);
  }
  return `${lifecycle}\u0000${id}`;
}

/**
 * The key of a state or a stored record (a new frozen object: the value itself is neither kept nor changed).
 * @throws LifecycleError `invalid_input` when `value` has no string `lifecycle` and `id`.
 */
export function keyOf(value: { readonly lifecycle: string; readonly id: string }): EngagementKey {
  return Object.freeze(partsOf('keyOf', value));
}

/**
 * murmur3's finaliser (fmix32): a bijection of 32-bit integers in which every input bit reaches every output bit.
 * FNV-1a alone does not give that: its low `k` bits depend only on the low `k` bits of each code unit.
 */
function fmix32(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A stable 32-bit hash of a key, the same in every process and every adapter: FNV-1a over the UTF-16 code units of
 * `lifecycle \0 id`, then murmur3's finaliser. Partitions of a sweep are `keyHash(key) % count`; adapters that
 * filter partitions in their database store this value beside the engagement (the PostgreSQL store's `part_hash`,
 * whose migration 2 recomputes the values earlier versions stored, without the finaliser).
 *
 * What it guarantees: keys of the same length that differ in one code unit never share a hash (both steps are
 * bijections), and a change of any bit of any code unit, in the lifecycle or the id, moves the key to another of
 * `count` partitions about `1 - 1/count` of the time, as a random assignment would; over real id sets (sequential
 * numbers, UUIDs) every partition of 2..64 is within 4.5 binomial standard deviations of even (see the tests).
 * @throws LifecycleError `invalid_input` when `key` is not `{ lifecycle: string, id: string }`.
 */
export function keyHash(key: EngagementKey): number {
  const { lifecycle, id } = partsOf('keyHash', key);
  return fmix32(fnv1a32(`${lifecycle}\u0000${id}`));
}

/**
 * Which of `count` partitions (0-based) an engagement belongs to.
 * @throws LifecycleError `invalid_input` for a key that is not one, or a `count` that is not a positive safe integer.
 */
export function partitionOf(key: EngagementKey, count: number): number {
  const parts = partsOf('partitionOf', key);
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new LifecycleError('invalid_input', `partitionOf expects a partition count that is a positive integer, got ${describeValue(count)}`);
  }
  return fmix32(fnv1a32(`${parts.lifecycle}\u0000${parts.id}`)) % count;
}
