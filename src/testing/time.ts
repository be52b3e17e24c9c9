/**
 * fast-check arbitraries for time: IANA time zones that stress date rules, calendar dates, instants, instants at
 * the edges of local days, and realistic clocks that only move forward.
 */
import * as fc from 'fast-check';
import { integerIn, MAX_DAYS, MAX_LENGTH, MAX_MS } from './parameters.js';
import { LifecycleError, caught, dayStartMs, describeValue, timeZoneSchema, type CalendarDate, type Instant, type TimeZone } from '../core/index.js';
import { isArbitrary, optionsObject } from './guards.js';

const DAY = 86_400_000;

/** Zones with daylight saving time in both hemispheres, including changes at midnight and a 30-minute or 2-hour shift. */
export const DST_TIME_ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Europe/Paris',
  'Europe/Dublin',
  'America/Sao_Paulo',
  'America/Santiago',
  'America/Havana',
  'Asia/Beirut',
  'Australia/Lord_Howe',
  'Australia/Sydney',
  'America/St_Johns',
  'Africa/Casablanca',
  'Antarctica/Troll',
] as const;

/** Zones at the edges of the offset range: UTC+14, UTC+13:45, UTC-11, UTC-12, and Apia, which skipped a day in 2011. */
export const FAR_OFFSET_TIME_ZONES = ['Pacific/Kiritimati', 'Pacific/Chatham', 'Pacific/Apia', 'Pacific/Pago_Pago', 'Pacific/Niue', 'Etc/GMT+12'] as const;

/** Zones whose offset is not a whole number of hours. */
export const FRACTIONAL_OFFSET_TIME_ZONES = ['Asia/Kathmandu', 'Asia/Kolkata', 'Asia/Tehran', 'Pacific/Marquesas'] as const;

/** Every zone above, and UTC: the default pool of `timeZoneArb`. UTC comes first, so failures shrink towards it. */
export const TRICKY_TIME_ZONES = [
  'UTC',
  ...DST_TIME_ZONES,
  ...FAR_OFFSET_TIME_ZONES,
  ...FRACTIONAL_OFFSET_TIME_ZONES,
] as const;

/**
 * IANA time zones: by default the tricky ones (`TRICKY_TIME_ZONES`); pass `zones` to choose. Shrinks to the first.
 * @throws LifecycleError `invalid_input` when `zones` is not a non-empty array of IANA zone names.
 */
export function timeZoneArb(zones: readonly TimeZone[] = TRICKY_TIME_ZONES): fc.Arbitrary<TimeZone> {
  const copy = caught('timeZoneArb', () => {
    if (!Array.isArray(zones) || zones.length === 0 || zones.length > MAX_LENGTH) {
      throw new LifecycleError('invalid_input', `timeZoneArb expects a non-empty array of IANA time zones, got ${describeValue(zones)}`);
    }
    const zonesCopy = Array.from(zones as readonly unknown[], (zone, i) => {
      if (!timeZoneSchema.safeParse(zone).success) throw new LifecycleError('invalid_input', `timeZoneArb: zone ${i} is not an IANA time zone: ${describeValue(zone)}`);
      return zone as TimeZone;
    });
    // Checked on the copy too: a Proxy can answer a different length on each read.
    if (zonesCopy.length === 0) throw new LifecycleError('invalid_input', 'timeZoneArb expects a non-empty array of IANA time zones');
    return zonesCopy;
  });
  return fc.constantFrom(...copy);
}

/** Bounds of generated instants or dates (inclusive). */
export interface InstantRange {
  readonly min?: Date;
  readonly max?: Date;
}

const DEFAULT_MIN = new Date('2000-01-01T00:00:00Z');
const DEFAULT_MAX = new Date('2040-12-31T23:59:59Z');

/** The range's bounds as valid dates in order (copies: the caller's `Date`s are not kept). */
function datesOf(what: string, input: InstantRange | undefined): { readonly min: Date; readonly max: Date } {
  const range = optionsObject(input, `${what}: the range`);
  const bound = (value: unknown, fallback: Date, name: string): Date => {
    if (value === undefined) return fallback;
    const ms = caught(what, () => (value instanceof Date ? value.getTime() : Number.NaN));
    if (!Number.isFinite(ms)) throw new LifecycleError('invalid_input', `${what}: range.${name} must be a valid Date, got ${describeValue(value)}`);
    return new Date(ms);
  };
  const min = bound(range.min, DEFAULT_MIN, 'min');
  const max = bound(range.max, DEFAULT_MAX, 'max');
  if (min.getTime() > max.getTime()) throw new LifecycleError('invalid_input', `${what}: range.min is after range.max`);
  return { min, max };
}

/**
 * Canonical UTC instants (`YYYY-MM-DDTHH:mm:ss.sssZ`).
 * @throws LifecycleError `invalid_input` when a bound is not a valid `Date`, or `min` is after `max`.
 */
export function instantArb(range: InstantRange = {}): fc.Arbitrary<Instant> {
  const { min, max } = datesOf('instantArb', range);
  return fc.date({ min, max, noInvalidDate: true }).map((d) => d.toISOString() as Instant);
}

/**
 * Calendar dates `YYYY-MM-DD`.
 * @throws LifecycleError `invalid_input` when a bound is not a valid `Date`, or `min` is after `max`.
 */
export function calendarDateArb(range: InstantRange = {}): fc.Arbitrary<CalendarDate> {
  const { min, max } = datesOf('calendarDateArb', range);
  return fc.date({ min, max, noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10) as CalendarDate);
}

/** Epoch ms of an instant given as epoch ms or an ISO string, within what a `Date` can hold. */
function epochMs(what: string, at: unknown): number {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : Number.NaN;
  return integerIn(`${what} (epoch ms, or an ISO instant)`, ms, -MAX_MS, MAX_MS);
}

/**
 * A calendar date within `days` days of an instant (either side), to land near the clock's interesting edges.
 * @throws LifecycleError `invalid_input` for an invalid instant, or `days` not an integer ≥ 0 that keeps every date
 * within what a `Date` can hold.
 */
export function calendarDateNear(at: Instant | number, days: number): fc.Arbitrary<CalendarDate> {
  const ms = epochMs('calendarDateNear: at', at);
  const span = integerIn('calendarDateNear: days', days, 0, MAX_DAYS);
  if (Math.abs(ms) + span * DAY > MAX_MS) throw new LifecycleError('invalid_input', `calendarDateNear: ${span} days either side of the instant leave the range of a Date`);
  return fc.integer({ min: -span, max: span }).map((d) => new Date(ms + d * DAY).toISOString().slice(0, 10) as CalendarDate);
}

/**
 * Instants within `withinMs` of the start of a calendar day in `zone` (by default a minute either side): where
 * "has the start date been reached?" flips, including days whose midnight a DST change skips.
 */
export function instantNearDayStartArb(zone: TimeZone, options: { readonly dates?: fc.Arbitrary<CalendarDate>; readonly withinMs?: number } = {}): fc.Arbitrary<Instant> {
  if (typeof zone !== 'string' || !timeZoneSchema.safeParse(zone).success) throw new LifecycleError('invalid_input', `instantNearDayStartArb: zone must be an IANA time zone, got ${describeValue(zone)}`);
  const o = optionsObject(options, 'instantNearDayStartArb options');
  const within = integerIn('instantNearDayStartArb: withinMs', o.withinMs ?? 60_000, 0, DAY);
  const dates = o.dates ?? calendarDateArb();
  if (!isArbitrary(dates, 'instantNearDayStartArb options')) throw new LifecycleError('invalid_input', `instantNearDayStartArb: dates must be a fast-check arbitrary, got ${describeValue(dates)}`);
  return fc
    .tuple(dates, fc.integer({ min: -within, max: within }))
    .map(([date, offset]) => new Date(dayStartMs(date, zone) + offset).toISOString() as Instant);
}

/** One step of a realistic clock, in ms: from minutes to months, never backwards (0 now and then: same instant). */
export function clockStepArb(): fc.Arbitrary<number> {
  // Cross-shrinking lets a failing clock shrink towards zero steps: the counterexample keeps only the waits that matter.
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 59 }).map((m) => m * 60_000) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 23 }).map((h) => h * 3_600_000) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 14 }).map((d) => d * DAY) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 6 }).map((m) => m * 30 * DAY) },
  );
}

/** The longest step `clockStepArb` makes. */
const MAX_STEP = 6 * 30 * DAY;

/**
 * `length` instants from `start` onwards, each at or after the previous one.
 * @throws LifecycleError `invalid_input` for an invalid start, a length outside 0..100,000, or a clock that could
 * run past what a `Date` can hold.
 */
export function clockArb(start: Instant | number, length: number): fc.Arbitrary<Instant[]> {
  const t0 = epochMs('clockArb: start', start);
  integerIn('clockArb: length', length, 0, MAX_LENGTH);
  if (t0 + length * MAX_STEP > MAX_MS) throw new LifecycleError('invalid_input', `clockArb: ${length} steps from that start could run past what a Date can hold`);
  return fc.array(clockStepArb(), { minLength: length, maxLength: length }).map((steps) => {
    let t = t0;
    return steps.map((s) => {
      t += s;
      return new Date(t).toISOString() as Instant;
    });
  });
}
