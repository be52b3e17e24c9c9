/** The store's refusals, shared by every adapter so that all of them say the same thing with the same codes. */
import { LifecycleError, caught, describeValue } from '../core/index.js';
import { partsOf, type EngagementKey } from './keys.js';

const named = (key: EngagementKey) => `"${key.lifecycle}/${key.id}"`;

/** Refuses a version that is not a positive safe integer (`null` allowed where a creation has none). */
function checkVersion(what: string, version: unknown, nullable: boolean): void {
  if ((nullable && version === null) || (Number.isSafeInteger(version) && (version as number) >= 0)) return;
  throw new LifecycleError('invalid_input', `${what} expects a version that is a non-negative integer${nullable ? ' or null' : ''}, got ${describeValue(version)}`);
}

/**
 * A save or plan computed from another version than the stored one.
 * @throws LifecycleError `invalid_input` when the arguments are not a key and versions.
 */
export function versionConflict(keyInput: EngagementKey, expected: number | null, actual: number): LifecycleError {
  const key = partsOf('versionConflict', keyInput);
  checkVersion('versionConflict', expected, true);
  checkVersion('versionConflict', actual, false);
  const message =
    expected === null
      ? `Engagement ${named(key)} already exists (version ${actual}): a creation cannot replace it.`
      : `Engagement ${named(key)} is at version ${actual}, not ${expected}: it changed since it was read. Read it again and re-apply the event.`;
  return new LifecycleError('version_conflict', message, { details: { ...key, expectedVersion: expected, actualVersion: actual } });
}

/** An engagement that does not exist. @throws LifecycleError `invalid_input` when `key` is not a key. */
export function engagementNotFound(keyInput: EngagementKey): LifecycleError {
  const key = partsOf('engagementNotFound', keyInput);
  return new LifecycleError('not_found', `Engagement ${named(key)} does not exist.`, { details: { ...key } });
}

/** An effect id the outbox already holds (delivered or not). @throws LifecycleError `invalid_input` for a non-string id. */
export function duplicateEffect(effectId: string): LifecycleError {
  if (typeof effectId !== 'string') throw new LifecycleError('invalid_input', `duplicateEffect expects an effect id string, got ${describeValue(effectId)}`);
  return new LifecycleError(
    'invalid_input',
    `Effect "${effectId}" is already in the outbox. Effect ids derive from the engagement id and version: give a new engagement a new id rather than reusing a deleted one's.`,
    { details: { effectId } },
  );
}

/** A creation under the key of a deleted engagement: its effects would repeat the ids of the old one's. */
export function reusedEngagementId(keyInput: EngagementKey): LifecycleError {
  const key = partsOf('reusedEngagementId', keyInput);
  return new LifecycleError(
    'invalid_input',
    `Engagement ${named(key)} existed before and was deleted: its id cannot be reused, or its effects would carry the ids of the old engagement's effects and consumers would drop them as copies. Give the new engagement a new id.`,
    { details: { ...key } },
  );
}

/**
 * Refuses, with `invalid_input`, a value that is not the port a function needs: an object whose `methods` are
 * functions (a store, an outbox, an audit log). Checked before any call, so no `TypeError` reaches the caller.
 */
export function requirePort<T>(value: T, methods: readonly string[], what: string): T {
  // A Proxy's trap or a getter that throws while the methods are looked up is refused like a missing method.
  return caught(what, () => {
    const port = value as Record<string, unknown> | null;
    if ((port === null || typeof port !== 'object') && typeof port !== 'function') {
      throw new LifecycleError('invalid_input', `Expected ${what}, got ${describeValue(value)}`);
    }
    for (const method of methods) {
      if (typeof port![method] !== 'function') {
        throw new LifecycleError('invalid_input', `Expected ${what}: its "${method}" is not a function`);
      }
    }
    return value;
  });
}
