/**
 * Argument checks of the testing kit's functions: a value that is not a lifecycle, an options object or a list
 * where one is expected is refused with `invalid_input` naming the argument, before anything reads it, and a
 * caller's getter or Proxy trap that throws while it is read becomes `invalid_input` with the original as `cause`.
 */
import { LifecycleError, caught, describeValue, isLifecycleShaped } from '../core/index.js';
import type { AnyLifecycle } from './invariants.js';

/** The members of a lifecycle the kit calls. */
const LIFECYCLE_METHODS = ['with', 'create', 'apply', 'nextDue', 'safeParseState', 'parseState'] as const;

/** `value` when it is a lifecycle (from `defineLifecycle`, `defineWorkflow`, or a built-in), else `invalid_input`. */
export function requireLifecycle<L extends AnyLifecycle>(value: L, what: string): L {
  // The kit also reads `statuses` (its arbitraries and reports are built from them).
  const ok = caught(what, () => isLifecycleShaped(value, LIFECYCLE_METHODS) && Array.isArray((value as { statuses?: unknown }).statuses));
  if (!ok) throw new LifecycleError('invalid_input', `${what} must be a lifecycle (from defineLifecycle or defineWorkflow, e.g. plextrac), got ${describeValue(value)}`);
  return value;
}

/**
 * The options object (`{}` for `undefined`), copied with its own enumerable keys read once inside a guard: what
 * the kit reads afterwards is its copy, never the caller's object (whose getters could answer differently).
 */
export function optionsObject<T extends object>(value: T | undefined, what: string): T {
  if (value === undefined) return {} as T;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new LifecycleError('invalid_input', `${what} must be an options object, got ${describeValue(value)}`);
  }
  return caught(what, () => ({ ...value }));
}
