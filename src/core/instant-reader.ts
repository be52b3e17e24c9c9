/**
 * The engines' reader of an event's instant: the canonical form read digit by digit, anything else by `instantMs`.
 * A module of its own so that a bundle of `derive` alone, which never reads an event, leaves the reader out.
 */
import { instantMs, isCanonicalShape, type Instant } from './dates.js';

/**
 * `instantMs` for the engines' hot path: the canonical form read digit by digit, anything else by `instantMs`.
 * @throws LifecycleError `invalid_input` as `instantMs`.
 */
export function eventInstantMs(instant: Instant): number {
  return (typeof instant === 'string' ? canonicalMs(instant) : undefined) ?? instantMs(instant);
}

/** The number written in `s` from `from` to `to` (exclusive), or NaN when a character is not a digit. */
function digits(s: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Epoch ms of `YYYY-MM-DDTHH:mm:ss.sssZ` read digit by digit (every engine call reads its event's instant, and
 * `Date.parse` was a tenth of an `apply`), or undefined for anything else, which `Date.parse` then reads: other
 * forms, years before 0100 (`Date.UTC` maps 0–99 to the 1900s), and fields out of range, so that an impossible
 * date keeps whatever answer `Date.parse` gives it.
 */
export function canonicalMs(s: string): number | undefined {
  if (!isCanonicalShape(s) || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) {
    return undefined;
  }
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const day = digits(s, 8, 10);
  const hour = digits(s, 11, 13);
  // NaN (a character that is not a digit) fails every comparison.
  if (!(year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23)) return undefined;
  const minute = digits(s, 14, 16);
  const second = digits(s, 17, 19);
  const ms = digits(s, 20, 23);
  if (!(minute <= 59 && second <= 59 && ms >= 0)) return undefined;
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Days 29 to 31 may not exist in their month (2026-02-30): Date.parse decides those.
  return day > 28 && new Date(t).getUTCDate() !== day ? undefined : t;
}
