/**
 * Checks of the testing kit's arbitrary parameters: an impossible bound is refused with `invalid_input` when the
 * arbitrary is made, instead of reaching fast-check (a plain `Error`) or giving an arbitrary that never yields.
 */
import { LifecycleError, describeValue } from '../core/index.js';

/** The largest span of days a JS `Date` can hold either side of 1970 (±8.64e15 ms). */
export const MAX_DAYS = 100_000_000;
/** The largest span of milliseconds a JS `Date` can hold either side of 1970. */
export const MAX_MS = 8.64e15;
/** The longest sequence an arbitrary builds in one value: beyond it a test would never finish. */
export const MAX_LENGTH = 100_000;

/** `value` when it is an integer in `min..max`, else `invalid_input` naming the parameter. */
export function integerIn(what: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new LifecycleError('invalid_input', `${what} must be an integer from ${min} to ${max}, got ${describeValue(value)}`);
  }
  return value;
}

/** Checks that two bounds are in range and in order. */
export function boundsIn(what: string, min: unknown, max: unknown, limit: number): readonly [number, number] {
  const low = integerIn(`${what}: the lower bound`, min, -limit, limit);
  const high = integerIn(`${what}: the upper bound`, max, -limit, limit);
  if (low > high) throw new LifecycleError('invalid_input', `${what}: the lower bound ${low} is above the upper bound ${high}`);
  return [low, high];
}
