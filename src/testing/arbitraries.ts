/**
 * fast-check arbitraries for dates, instants, time zones and realistic clocks, and generated event sequences for
 * the built-in lifecycles. Only `engagement-lifecycle/testing` imports fast-check.
 */
import * as fc from 'fast-check';
import type { CalendarDate, Instant } from '../core/dates.js';
import { REPORT_STATUSES } from '../plextrac/statuses.js';
import type { PlextracEventInput } from '../plextrac/lifecycle.js';

const DAY = 86_400_000;

/**
 * Time zones that stress date rules: UTC, DST in both hemispheres, 30- and 45-minute offsets, the furthest
 * offsets (+14, -11), a zone that skipped a whole day (Pacific/Apia, 2011) and ones whose DST starts at midnight.
 */
export const TRICKY_TIME_ZONES = [
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Europe/Paris',
  'America/Sao_Paulo',
  'America/Santiago',
  'America/Havana',
  'Asia/Beirut',
  'Australia/Lord_Howe',
  'Australia/Sydney',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Pacific/Apia',
  'America/St_Johns',
  'Africa/Casablanca',
] as const;

export function timeZoneArb(): fc.Arbitrary<string> {
  return fc.constantFrom(...TRICKY_TIME_ZONES);
}

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

/** One step of a realistic clock, in ms: from minutes to months, never backwards. */
export function clockStepArb(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 59 }).map((m) => m * 60_000) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 23 }).map((h) => h * 3_600_000) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 14 }).map((d) => d * DAY) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 6 }).map((m) => m * 30 * DAY) },
    { weight: 1, arbitrary: fc.constant(0) },
  );
}

/** Instants from `start` onwards, each at or after the previous one. */
export function clockArb(start: Instant | number, length: number): fc.Arbitrary<Instant[]> {
  const t0 = typeof start === 'number' ? start : Date.parse(start);
  return fc.array(clockStepArb(), { minLength: length, maxLength: length }).map((steps) => {
    let t = t0;
    return steps.map((s) => {
      t += s;
      return new Date(t).toISOString() as Instant;
    });
  });
}

/* ---------- PlexTrac ---------- */

export interface PlextracScenario {
  readonly timeZone: string;
  readonly create: PlextracEventInput;
  readonly events: readonly PlextracEventInput[];
}

export interface PlextracScenarioOptions {
  readonly maxEvents?: number;
  /** Weight of `cancel` among the commands (0 to leave it out). */
  readonly cancelWeight?: number;
}

/**
 * A PlexTrac engagement's life: a creation (request or schedule) and a sequence of events with a realistic
 * clock. Start dates fall near the clock so that Scheduled → In Progress happens; report statuses use both API
 * and UI spellings; rare `cancel` and out-of-place commands exercise refusals.
 */
export function plextracScenarioArb(options: PlextracScenarioOptions = {}): fc.Arbitrary<PlextracScenario> {
  const maxEvents = options.maxEvents ?? 25;
  const cancelWeight = options.cancelWeight ?? 1;
  return fc
    .record({
      timeZone: timeZoneArb(),
      t0: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.getTime()),
      length: fc.integer({ min: 0, max: maxEvents }),
      scheduled: fc.boolean(),
    })
    .chain(({ timeZone, t0, length, scheduled }) => {
      const at0 = new Date(t0).toISOString() as Instant;
      const kind = fc.oneof(
        { weight: 2, arbitrary: fc.constant('approve' as const) },
        { weight: 4, arbitrary: fc.constant('report_status_changed' as const) },
        { weight: 5, arbitrary: fc.constant('clock' as const) },
        { weight: 2, arbitrary: fc.constant('reschedule' as const) },
        ...(cancelWeight > 0 ? [{ weight: cancelWeight, arbitrary: fc.constant('cancel' as const) }] : []),
      );
      const create: fc.Arbitrary<PlextracEventInput> = fc
        .record({ startDate: calendarDateNear(t0, 20), operators: fc.uniqueArray(fc.constantFrom('alice', 'bob', 'carol'), { maxLength: 3 }) })
        .map(({ startDate, operators }) =>
          scheduled
            ? { type: 'schedule', id: 'eng-1', at: at0, clientId: 'client-1', name: 'Web app pentest', startDate, operators }
            : { type: 'request', id: 'eng-1', at: at0, clientId: 'client-1', name: 'Web app pentest', startDate },
        );
      const events = fc
        .tuple(clockArb(t0, length), fc.array(kind, { minLength: length, maxLength: length }))
        .chain(([times, kinds]) =>
          fc.tuple(
            ...times.map((at, i): fc.Arbitrary<PlextracEventInput> => {
              switch (kinds[i]!) {
                case 'approve':
                  return fc
                    .uniqueArray(fc.constantFrom('alice', 'bob', 'carol'), { maxLength: 3 })
                    .map((operators) => ({ type: 'approve', at, operators }));
                case 'report_status_changed':
                  return fc
                    .constantFrom(...REPORT_STATUSES, 'Ready For Review' as const)
                    .map((reportStatus) => ({ type: 'report_status_changed', at, reportStatus }));
                case 'clock':
                  return fc.constant({ type: 'clock', at });
                case 'reschedule':
                  return calendarDateNear(at, 15).map((startDate) => ({ type: 'reschedule', at, startDate }));
                case 'cancel':
                  return fc.constant({ type: 'cancel', at });
              }
            }),
          ),
        );
      return fc.record({ timeZone: fc.constant(timeZone), create, events });
    });
}
