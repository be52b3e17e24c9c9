/**
 * fast-check arbitraries for time: IANA time zones that stress date rules, calendar dates, instants, instants at
 * the edges of local days, and realistic clocks that only move forward.
 */
import * as fc from 'fast-check';
import { integerIn, MAX_LENGTH, MAX_MS } from './parameters.js';
import { dayStartMs, type CalendarDate, type Instant, type TimeZone } from '../core/index.js';

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

/** IANA time zones: by default the tricky ones (`TRICKY_TIME_ZONES`); pass `zones` to choose. Shrinks to the first. */
export function timeZoneArb(zones: readonly TimeZone[] = TRICKY_TIME_ZONES): fc.Arbitrary<TimeZone> {
  return fc.constantFrom(...zones);
}

/** Bounds of generated instants or dates (inclusive). */
export interface InstantRange {
  readonly min?: Date;
  readonly max?: Date;
}

const DEFAULT_MIN = new Date('2000-01-01T00:00:00Z');
const DEFAULT_MAX = new Date('2040-12-31T23:59:59Z');

/** Canonical UTC instants (`YYYY-MM-DDTHH:mm:ss.sssZ`). */
export function instantArb(range: InstantRange = {}): fc.Arbitrary<Instant> {
  return fc
    .date({ min: range.min ?? DEFAULT_MIN, max: range.max ?? DEFAULT_MAX, noInvalidDate: true })
    .map((d) => d.toISOString() as Instant);
}

/** Calendar dates `YYYY-MM-DD`. */
export function calendarDateArb(range: InstantRange = {}): fc.Arbitrary<CalendarDate> {
  return fc
    .date({ min: range.min ?? DEFAULT_MIN, max: range.max ?? DEFAULT_MAX, noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10) as CalendarDate);
}

/** A calendar date within `days` days of an instant (either side), to land near the clock's interesting edges. */
export function calendarDateNear(at: Instant | number, days: number): fc.Arbitrary<CalendarDate> {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return fc.integer({ min: -days, max: days }).map((d) => new Date(ms + d * DAY).toISOString().slice(0, 10) as CalendarDate);
}

/**
 * Instants within `withinMs` of the start of a calendar day in `zone` (by default a minute either side): where
 * "has the start date been reached?" flips, including days whose midnight a DST change skips.
 */
export function instantNearDayStartArb(zone: TimeZone, options: { readonly dates?: fc.Arbitrary<CalendarDate>; readonly withinMs?: number } = {}): fc.Arbitrary<Instant> {
  const within = options.withinMs ?? 60_000;
  return fc
    .tuple(options.dates ?? calendarDateArb(), fc.integer({ min: -within, max: within }))
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

/** `length` instants from `start` onwards, each at or after the previous one. */
export function clockArb(start: Instant | number, length: number): fc.Arbitrary<Instant[]> {
  const t0 = typeof start === 'number' ? start : typeof start === 'string' ? Date.parse(start) : Number.NaN;
  integerIn('clockArb: start (epoch ms, or an ISO instant)', t0, -MAX_MS, MAX_MS);
  integerIn('clockArb: length', length, 0, MAX_LENGTH);
  return fc.array(clockStepArb(), { minLength: length, maxLength: length }).map((steps) => {
    let t = t0;
    return steps.map((s) => {
      t += s;
      return new Date(t).toISOString() as Instant;
    });
  });
}
