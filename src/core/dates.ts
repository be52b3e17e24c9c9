/**
 * Calendar dates and instants.
 *
 * A calendar date (`YYYY-MM-DD`) names a day, not a moment: when that day starts depends on the tenant's time
 * zone. An instant is a moment, written as ISO 8601 with `Z` or an offset. The two are different types so that
 * one cannot be passed where the other is meant. Nothing here reads the clock.
 */
import * as z from 'zod';
import { tzOffset } from '@date-fns/tz/tzOffset';
import { argumentError, integerArgument } from './arguments.js';
import { LifecycleError, caught, describeValue, fromZodError } from './errors.js';
import { lazyObject, once } from './lazy.js';

/** A calendar date, `YYYY-MM-DD`. */
export type CalendarDate = `${number}-${number}-${number}`;
/** An instant, ISO 8601 with `Z` or an offset. The library always emits the UTC form `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export type Instant = `${number}-${number}-${number}T${string}`;
/** What the public API accepts for an instant: the ISO string, or a `Date`. */
export type InstantInput = Instant | Date;
/** An IANA time zone name such as `Europe/Paris`. */
export type TimeZone = string;

/** The time zone date rules use when a tenant names none. */
export const DEFAULT_TIME_ZONE = 'UTC';

/** Validates a `YYYY-MM-DD` calendar date (a real day: `2023-02-29` is refused). */
// Cast: the one place a checked string becomes a `CalendarDate` (zod types `z.iso.date()` as plain `string`).
// Built on first use, as every schema here: building them was most of an import's cost. The `built…` functions
// give the library the schema itself (no stand-in), and keep the stand-in out of bundles that only parse (`derive`).
/** The calendar-date schema itself, built on the first call (library-internal; the public face is the stand-in). */
export const builtCalendarDateSchema = /* @__PURE__ */ once(() => z.iso.date() as unknown as z.ZodType<CalendarDate, CalendarDate>);
export const calendarDateSchema = /* @__PURE__ */ lazyObject(builtCalendarDateSchema);

const INSTANT_RANGE = 'Invalid instant: expected a moment between years 0001 and 9999';

/**
 * `YYYY-MM-DDTHH:mm:ss.sssZ`, for a string zod's ISO check has accepted: then only its length and the places of
 * `.` and `Z` tell the canonical form from the others (an offset, other precisions).
 */
export function isCanonicalShape(value: string): boolean {
  return value.length === 24 && value.charCodeAt(23) === 90 /* Z */ && value.charCodeAt(19) === 46 /* . */;
}

/**
 * Validates an instant (ISO string with `Z` or offset, or a valid `Date`) and turns it into the canonical UTC
 * string. Canonical instants compare correctly as strings.
 */
/** The instant schema itself, built on the first call (library-internal). */
export const builtInstantSchema = /* @__PURE__ */ once((): z.ZodType<Instant, InstantInput> =>
  z
  .union([z.iso.datetime({ offset: true }), z.date()])
  .transform((value, ctx) => {
    // Hot path: the library's own form (what it emits, so most of what comes back) is already canonical once
    // zod has checked it is a real moment; only the year 0000 is out of range. Parsing and re-printing it was
    // a third of an event's cost.
    if (typeof value === 'string' && isCanonicalShape(value)) {
      if (!value.startsWith('0000')) return value as Instant;
      ctx.issues.push({ code: 'custom', message: INSTANT_RANGE, input: value });
      return z.NEVER;
    }
    const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
    const year = new Date(ms).getUTCFullYear();
    if (!Number.isFinite(ms) || year < 1 || year > 9999) {
      ctx.issues.push({ code: 'custom', message: INSTANT_RANGE, input: value });
      return z.NEVER;
    }
    return new Date(ms).toISOString() as Instant;
    // Cast: the one place a checked value becomes an `Instant` (zod types the pipe's input as `string | Date` only).
  }) as unknown as z.ZodType<Instant, InstantInput>);
export const instantSchema: z.ZodType<Instant, InstantInput> = /* @__PURE__ */ lazyObject(builtInstantSchema);

const zoneCache = new Map<string, string | null>();

/** The canonical IANA name of a time zone, or `null` when the runtime does not know it. */
export function canonicalTimeZone(zone: string): string | null {
  // Not a string: no zone, and never a cache key (the cache must not keep a caller's object).
  if (typeof zone !== 'string') return null;
  const hit = zoneCache.get(zone);
  if (hit !== undefined) return hit;
  let resolved: string | null;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    resolved = null;
  }
  if (zoneCache.size > 1000) zoneCache.clear();
  zoneCache.set(zone, resolved);
  return resolved;
}

/** Validates an IANA time zone name and returns its canonical spelling (`utc` → `UTC`). */
/** The time-zone schema itself, built on the first call (library-internal). */
export const builtTimeZoneSchema = /* @__PURE__ */ once((): z.ZodType<TimeZone, string> =>
  z
  .string()
  .min(1)
  .transform((zone, ctx) => {
    const canonical = canonicalTimeZone(zone);
    if (canonical === null) {
      ctx.issues.push({ code: 'custom', message: `Unknown time zone "${zone}": expected an IANA name such as "Europe/Paris"`, input: zone });
      return z.NEVER;
    }
    return canonical;
  }));
export const timeZoneSchema: z.ZodType<TimeZone, string> = /* @__PURE__ */ lazyObject(builtTimeZoneSchema);

/** Epoch ms of 0001-01-01T00:00:00.000Z and of 9999-12-31T23:59:59.999Z: the range an `Instant` can name. */
const MIN_INSTANT_MS = -62_135_596_800_000;
const MAX_INSTANT_MS = 253_402_300_799_999;

/** `ms` if it is a whole number of milliseconds an `Instant` can name, else the typed refusal. */
function instantMsArgument(what: string, ms: unknown): number {
  if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) {
    throw argumentError(what, 'ms', 'whole milliseconds between the years 0001 and 9999', ms);
  }
  return ms;
}

/** Epoch ms of `now`: an instant string, or a number of milliseconds (both checked). */
function nowMs(what: string, now: unknown): number {
  return typeof now === 'number' ? instantMsArgument(what, now) : instantMs(now as Instant);
}

/**
 * Milliseconds since the epoch of a canonical instant.
 * @throws LifecycleError `invalid_input` when `instant` is not a string `Date.parse` reads.
 */
export function instantMs(instant: Instant): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(ms)) throw argumentError('instantMs', 'instant', 'an ISO 8601 instant', instant);
  return ms;
}

/**
 * The canonical instant for a number of milliseconds since the epoch.
 * @throws LifecycleError `invalid_input` when `ms` is not whole milliseconds between the years 0001 and 9999.
 */
export function msToInstant(ms: number): Instant {
  return new Date(instantMsArgument('msToInstant', ms)).toISOString() as Instant;
}

/** `YYYY-MM-DD` with digits in place; whether the day exists is checked where the date is built. */
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** `date` if it has the calendar date's shape, else the typed refusal. */
function dateArgument(what: string, name: string, date: unknown): CalendarDate {
  if (typeof date !== 'string' || !DATE_SHAPE.test(date)) throw argumentError(what, name, 'a calendar date YYYY-MM-DD', date);
  return date as CalendarDate;
}

/** `zone` if it is an IANA time zone the runtime knows, else the typed refusal. */
function zoneArgument(what: string, zone: unknown): TimeZone {
  if (typeof zone !== 'string' || canonicalTimeZone(zone) === null) throw argumentError(what, 'zone', 'an IANA time zone such as "Europe/Paris"', zone);
  return zone;
}

/** Year, month (1-12) and day of a `YYYY-MM-DD` string whose shape is checked. */
function dateParts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when the parts name a real day (`2023-02-29` and month 13 do not), by the Gregorian leap rule. */
function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/**
 * A checked calendar date argument of `what`: its shape and that the day exists; returns its year, month and day.
 * @throws LifecycleError `invalid_input` naming the argument.
 */
export function realDateArgument(what: string, name: string, date: unknown): [number, number, number] {
  const parts = dateParts(dateArgument(what, name, date));
  if (!isRealDay(...parts)) throw argumentError(what, name, 'a calendar date that exists', date);
  return parts;
}

/** How far calendar arithmetic may move a date: a Date holds ±10^8 days around 1970. */
const DAY_RANGE = 100_000_000;

/** zone → date → plusDays → epoch ms. Nested maps: no key string is built on the hot path. */
const dayStartCache = new Map<string, Map<string, Map<number, number>>>();
let dayStartEntries = 0;

/**
 * The first instant (epoch ms) of calendar day `date + plusDays` in `zone`. Where midnight does not exist (a DST
 * change at 00:00, a skipped day) it is the first instant of that local day that does exist. Memoised: sweeps ask
 * for the same few hundred days over and over, and zone arithmetic is the costly part of every date rule.
 */
export function dayStartMs(date: CalendarDate, zone: TimeZone, plusDays = 0): number {
  // The types are checked on every call (cheap); the values only on a cache miss: a cached key was checked once.
  if (typeof date !== 'string') throw argumentError('dayStartMs', 'date', 'a calendar date YYYY-MM-DD', date);
  if (typeof zone !== 'string') throw argumentError('dayStartMs', 'zone', 'an IANA time zone such as "Europe/Paris"', zone);
  let byDate = dayStartCache.get(zone);
  if (!byDate) {
    zoneArgument('dayStartMs', zone);
    dayStartCache.set(zone, (byDate = new Map()));
  }
  let byOffset = byDate.get(date);
  if (!byOffset) {
    realDateArgument('dayStartMs', 'date', date);
    byDate.set(date, (byOffset = new Map()));
  }
  const hit = byOffset.get(plusDays);
  if (hit !== undefined) return hit;
  integerArgument('dayStartMs', 'plusDays', plusDays, -DAY_RANGE);
  if (plusDays > DAY_RANGE) throw argumentError('dayStartMs', 'plusDays', `an integer of at most ${DAY_RANGE}`, plusDays);
  const ms = firstInstantOfDay(localMidnightMs(date, plusDays), zone);
  // Within the bound, a move from a late date can still leave the range a Date holds: refused, never NaN.
  if (!Number.isFinite(ms)) throw argumentError('dayStartMs', 'plusDays', 'a move that stays within the dates a Date can hold', plusDays);
  if (++dayStartEntries > 50_000) {
    dayStartCache.clear();
    dayStartEntries = 1;
    dayStartCache.set(zone, (byDate = new Map([[date, (byOffset = new Map())]])));
  }
  byOffset.set(plusDays, ms);
  return ms;
}

/** `date + plusDays` at 00:00 read as UTC: the local wall-clock midnight as a number (years below 100 included). */
function localMidnightMs(date: CalendarDate, plusDays: number): number {
  const d = new Date(0);
  d.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + plusDays);
  return d.getTime();
}

/** The `YYYY-MM-DD` of a wall-clock time read as UTC. */
function utcDateOf(wallMs: number): CalendarDate {
  const d = new Date(wallMs);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` as CalendarDate;
}

const HOUR = 3_600_000;

/**
 * The zone's offset (ms) at an instant. `tzOffset` alone, not `TZDate`: `derive` stays small in a bundle. A zone
 * that is not a string is refused here: `tzOffset` would throw a TypeError on it.
 */
function offsetMs(zone: TimeZone, ms: number): number {
  if (typeof zone !== 'string') throw new LifecycleError('invalid_input', `Invalid time zone: expected an IANA name such as "Europe/Paris", got ${describeValue(zone)}`);
  const offset = Math.round(tzOffset(zone, new Date(ms)) * 60_000);
  // @date-fns/tz 1.5.0 reads Intl's "GMT-00:44:30" (Monrovia until 1972, Dublin until 1916) as east of UTC: an
  // offset under an hour east is checked against Intl's sign (rare: only old mean times have such offsets).
  return offset > 0 && offset < HOUR && westOfUtc(zone, ms) ? -offset : offset;
}

/** True when Intl writes the zone's offset at `ms` with a minus sign. */
function westOfUtc(zone: TimeZone, ms: number): boolean {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).format(new Date(ms)).includes('GMT-');
}

/**
 * The first instant whose wall-clock time in `zone` is at or after `wallMs` (a local midnight read as UTC). Offsets
 * lie between UTC-12 and UTC+14, so that instant is within [wallMs - 14 h, wallMs + 12 h]; the offsets at both ends
 * give the candidates. Where midnight occurs twice the earlier one wins; where it does not exist (a DST change at
 * 00:00, a skipped day) the instant of the change is found by bisection, where wall time jumps past midnight.
 */
function firstInstantOfDay(wallMs: number, zone: TimeZone): number {
  const early = offsetMs(zone, wallMs - 15 * HOUR);
  const late = offsetMs(zone, wallMs + 13 * HOUR);
  const candidates = [wallMs - early, wallMs - late].filter((t) => offsetMs(zone, t) === wallMs - t);
  if (candidates.length > 0) return Math.min(...candidates);
  let lo = Math.min(wallMs - early, wallMs - late) - HOUR; // wall time before midnight
  let hi = Math.max(wallMs - early, wallMs - late); // wall time past midnight
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid + offsetMs(zone, mid) >= wallMs) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** True when the calendar day `date + plusDays` has begun in `zone` at `now`. */
export function hasDayBegun(now: Instant | number, date: CalendarDate, zone: TimeZone, plusDays = 0): boolean {
  return nowMs('hasDayBegun', now) >= dayStartMs(date, zone, plusDays);
}

/** The calendar date in `zone` at instant `now`. */
export function calendarDateAt(now: Instant | number, zone: TimeZone): CalendarDate {
  return utcDateOf(wallClockMs(now, zone, 'calendarDateAt'));
}

/** The wall-clock time in `zone` at instant `now`, as epoch ms read as UTC (for formatting a local time). */
export function wallClockMs(now: Instant | number, zone: TimeZone, what = 'wallClockMs'): number {
  const ms = nowMs(what, now);
  return ms + offsetMs(zoneArgument(what, zone), ms);
}

/** `date` moved by `days` calendar days (no time zone is involved in calendar arithmetic). */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  realDateArgument('addCalendarDays', 'date', date);
  const moved = localMidnightMs(date, integerArgument('addCalendarDays', 'days', days, -DAY_RANGE));
  // Beyond the years 0000-9999 the date is no longer `YYYY-MM-DD`: refused, not printed with six digits.
  const year = new Date(moved).getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) throw argumentError('addCalendarDays', 'days', 'a move that stays within the years 0000 to 9999', days);
  return utcDateOf(moved);
}

/** Whole calendar days from `earlier` to `later` (negative when `later` is before `earlier`). */
export function calendarDaysBetween(earlier: CalendarDate, later: CalendarDate): number {
  realDateArgument('calendarDaysBetween', 'earlier', earlier);
  realDateArgument('calendarDaysBetween', 'later', later);
  // Whole days between two UTC midnights: no zone, so no day is 23 or 25 hours long.
  return Math.round((localMidnightMs(later, 0) - localMidnightMs(earlier, 0)) / 86_400_000);
}

/**
 * Checks and converts a value to an `Instant` (canonical UTC), for values typed `string` (from a database, a
 * request) or `Date`.
 * @throws LifecycleError `invalid_input` when the value is not an instant with `Z` or an offset.
 */
export function instant(value: string | Date): Instant {
  return caught('instant', () => {
    const result = builtInstantSchema().safeParse(value);
    if (!result.success) throw fromZodError('instant', result.error);
    return result.data;
  });
}

/**
 * Checks a `YYYY-MM-DD` string and types it as a `CalendarDate`.
 * @throws LifecycleError `invalid_input` when the value is not a real calendar date.
 */
export function calendarDate(value: string): CalendarDate {
  return caught('calendarDate', () => {
    const result = builtCalendarDateSchema().safeParse(value);
    if (!result.success) throw fromZodError('calendar date', result.error);
    return result.data;
  });
}
