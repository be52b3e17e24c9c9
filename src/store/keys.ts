/**
 * Engagement keys. Ids are unique per lifecycle, so an engagement is named by its lifecycle and its id together.
 */
import { fnv1a32 } from '../core/index.js';

/** Names one engagement: ids are unique within a lifecycle, not across lifecycles. */
export interface EngagementKey {
  readonly lifecycle: string;
  readonly id: string;
}

/**
 * One string per key whose code-unit order is the order of (lifecycle, id): the separator sorts below every other
 * character, so `a` + sep + … comes before `ab` + sep + ….
 */
export function keyString(lifecycle: string, id: string): string {
  return `${lifecycle}\u0000${id}`;
}

/** The key of a state or a stored record. */
export function keyOf(value: { readonly lifecycle: string; readonly id: string }): EngagementKey {
  return { lifecycle: value.lifecycle, id: value.id };
}

/**
 * A stable 32-bit hash of a key (FNV-1a over the UTF-16 code units of `lifecycle \0 id`), the same in every
 * process and every adapter: partitions of a sweep are `keyHash(key) % count`. Adapters that filter partitions in
 * their database store this value beside the engagement.
 */
export function keyHash(key: EngagementKey): number {
  return fnv1a32(keyString(key.lifecycle, key.id));
}

/** Which of `count` partitions (0-based) an engagement belongs to. */
export function partitionOf(key: EngagementKey, count: number): number {
  return keyHash(key) % count;
}
