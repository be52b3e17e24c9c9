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
 * A stable 32-bit hash of a key (FNV-1a over the UTF-16 code units of `lifecycle \0 id`), the same in every
 * process and every adapter: partitions of a sweep are `keyHash(key) % count`. Adapters that filter partitions in
 * their database store this value beside the engagement, so it never changes.
 *
 * What it guarantees: keys of the same length that differ in one code unit, anywhere in the lifecycle or the id,
 * never share a hash (each FNV-1a step is a bijection), so some partition count of 2..64 separates them. What it
 * does not: the low `k` bits of FNV-1a depend only on the low `k` bits of each code unit, so with a power-of-two
 * count `2^k` ids that differ only in higher bits (`a`, `q`, `A`, `Q`) share a partition. Over real id sets
 * (sequential numbers, UUIDs) partitions are within a few percent of even (see the balance test).
 * @throws LifecycleError `invalid_input` when `key` is not `{ lifecycle: string, id: string }`.
 */
export function keyHash(key: EngagementKey): number {
  const { lifecycle, id } = partsOf('keyHash', key);
  return fnv1a32(`${lifecycle}\u0000${id}`);
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
  return fnv1a32(`${parts.lifecycle}\u0000${parts.id}`) % count;
}
