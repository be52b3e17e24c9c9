/**
 * PlexTrac's engagement status as a pure function of four facts and the time. Importing `derive` alone does not
 * pull xstate into a bundle.
 */
import * as z from 'zod';
import { argumentError, builtCalendarDateSchema, builtInstantSchema, builtTimeZoneSchema, caught, dayStartMs, DEFAULT_TIME_ZONE, fromZodError, instantMs, once, type CalendarDate, type InstantInput, type TimeZone } from '../core/index.js';
import { builtReportStatusSchema, type PlextracStatus, type ReportStatus } from './statuses.js';

/** The facts PlexTrac derives an engagement's status from. */
export interface PlextracFacts {
  /** The request was approved ("Schedule & create report"). */
  readonly approved: boolean;
  /** The engagement was cancelled (final). */
  readonly cancelled: boolean;
  /** The report's status; `null` while there is no report (before approval). */
  readonly reportStatus: ReportStatus | null;
  /** The start date: reached at 00:00 of that day in the tenant's time zone. */
  readonly startDate: CalendarDate;
}

/**
 * Derives the status. Precedence: Canceled > Pending (not approved) > Complete (Published) > In Review (Ready for
 * Review, In Review, Approved) > In Progress (Draft or no report, start date reached) > Scheduled. The engines call
 * it with validated data on every event, so it checks only kinds (cheap); `derive` validates an input in full.
 * @throws LifecycleError `invalid_input` when a fact, `now` (epoch ms) or the time zone is not of its kind.
 */
export function deriveStatus(facts: PlextracFacts, now: number, timeZone: TimeZone): PlextracStatus {
  return caught('deriveStatus', () => {
    if (facts === null || typeof facts !== 'object') throw argumentError('deriveStatus', 'facts', 'an object of PlexTrac facts', facts);
    if (typeof now !== 'number' || Number.isNaN(now)) throw argumentError('deriveStatus', 'now', 'epoch milliseconds', now);
    const { cancelled, approved, reportStatus, startDate } = facts;
    if (typeof cancelled !== 'boolean') throw argumentError('deriveStatus', 'facts.cancelled', 'a boolean', cancelled);
    if (typeof approved !== 'boolean') throw argumentError('deriveStatus', 'facts.approved', 'a boolean', approved);
    if (cancelled) return 'Canceled';
    if (!approved) return 'Pending';
    switch (reportStatus) {
      case 'Published':
        return 'Complete';
      case 'Ready for Review':
      case 'In Review':
      case 'Approved':
        return 'In Review';
      case 'Draft':
      case null:
        return now >= dayStartMs(startDate, timeZone) ? 'In Progress' : 'Scheduled';
      default:
        throw argumentError('deriveStatus', 'facts.reportStatus', 'a report status or null', reportStatus);
    }
  });
}

// Built on first use, from the built schemas themselves: a bundle of `derive` alone carries no stand-in.
const deriveInputSchema = /* @__PURE__ */ once(() => z.strictObject({
  approved: z.boolean(),
  cancelled: z.boolean(),
  reportStatus: builtReportStatusSchema().nullable(),
  startDate: builtCalendarDateSchema(),
  now: builtInstantSchema(),
  timeZone: builtTimeZoneSchema().default(DEFAULT_TIME_ZONE),
}));

/** What `derive` takes: PlexTrac's four facts, the time and the tenant's zone. */
export interface DeriveInput {
  readonly approved: boolean;
  readonly cancelled: boolean;
  readonly reportStatus: ReportStatus | 'Ready For Review' | null;
  readonly startDate: CalendarDate;
  readonly now: InstantInput;
  /** IANA time zone of the tenant; UTC by default. */
  readonly timeZone?: TimeZone;
}

/**
 * PlexTrac's engagement status for the given facts at `now` in `timeZone`.
 * @throws LifecycleError with code `invalid_input` when the input does not match `DeriveInput`.
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { derive } from 'engagement-lifecycle/plextrac';
 *
 * const facts = { approved: true, cancelled: false, reportStatus: 'Draft', startDate: '2026-04-01' } as const;
 * // The start date is reached at 00:00 in the tenant's zone: still March 31st in New York.
 * assert.equal(derive({ ...facts, now: '2026-04-01T02:00:00Z', timeZone: 'America/New_York' }), 'Scheduled');
 * assert.equal(derive({ ...facts, now: '2026-04-01T02:00:00Z' }), 'In Progress');
 * assert.equal(derive({ ...facts, reportStatus: 'Ready For Review', now: '2026-04-02T00:00:00Z' }), 'In Review');
 * ```
 */
export function derive(input: DeriveInput): PlextracStatus {
  const parsed = caught('derive', () => deriveInputSchema().safeParse(input));
  if (!parsed.success) throw fromZodError('derive input', parsed.error);
  const { now, timeZone, ...facts } = parsed.data;
  return deriveStatus(facts, instantMs(now), timeZone);
}
