/**
 * When a DefectDojo engagement is overdue, in the tenant's time zone, and how DefectDojo writes how long it has
 * been. The time rules that act at a clock event are the table in `time-rules.ts`.
 */
import { addMonths } from 'date-fns/addMonths';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { calendarDateAt, dayStartMs, type CalendarDate, type TimeZone } from '../../core/index.js';
import type { DefectDojoData } from './model.js';
import { utcCalendarDay } from './utc-day.js';
import type { DefectDojoSettings } from './settings.js';
import { isClosedStatus, type DefectDojoStatus } from './statuses.js';

/** Days of grace past the end date before the engagement is overdue (DefectDojo: 10 for CI/CD, 0 otherwise). */
export function graceDays(data: Pick<DefectDojoData, 'engagementType'>, settings: DefectDojoSettings): number {
  return settings.overdueGraceDays[data.engagementType];
}

/** The instant (epoch ms) from which the engagement is overdue: the start of day `targetEnd + grace + 1`. */
export function overdueFrom(data: DefectDojoData, settings: DefectDojoSettings): number {
  return dayStartMs(data.targetEnd, settings.timeZone, graceDays(data, settings) + 1);
}

/**
 * Overdue: `targetEnd < today - grace` in the tenant zone (DefectDojo's `is_overdue`, strict `<`), and never
 * for a Completed or Cancelled engagement (DefectDojo hides the badge for Completed only).
 */
export function overdueAt(status: DefectDojoStatus, data: DefectDojoData, now: number, settings: DefectDojoSettings): boolean {
  return !isClosedStatus(status) && now >= overdueFrom(data, settings);
}

/** `data` with its overdue flag as of `now` for `status`; the same object when it does not change. */
export function withOverdue(data: DefectDojoData, status: DefectDojoStatus, now: number, settings: DefectDojoSettings): DefectDojoData {
  const overdue = overdueAt(status, data, now, settings);
  return overdue === data.clock.overdue ? data : { ...data, clock: { ...data.clock, overdue } };
}

/**
 * Years, months and days from `earlier` to `later` as Python's `relativedelta(later, earlier)` counts them: whole
 * months first (adding months clamps to the month's last day, so Feb 29 + 1 year is Feb 28), then the days left.
 * date-fns' `intervalToDuration` differs at month ends (it counts 2024-02-29 → 2025-02-28 as 12 months).
 */
export function relativeDelta(earlier: CalendarDate, later: CalendarDate): { years: number; months: number; days: number } {
  const from = utcCalendarDay(earlier);
  const to = utcCalendarDay(later);
  let months = (to.getFullYear() - from.getFullYear()) * 12 + (to.getMonth() - from.getMonth());
  let anchor = addMonths(from, months);
  // The anchor lands in `later`'s month: when it is past `later` (its day is later), one month back is before it.
  if (to.getTime() < anchor.getTime()) {
    months -= 1;
    anchor = addMonths(from, months);
  }
  return Object.freeze({ years: Math.trunc(months / 12), months: months % 12, days: differenceInCalendarDays(to, anchor) });
}

/**
 * How long past its end date an engagement is, as DefectDojo's `overdue` template filter writes it: "1 day",
 * "2 months 2 days", "1 year 1 day"; empty when the end date is today or later in `timeZone`. DefectDojo's
 * filter ignores the grace period and the status; so does this. (DefectDojo leaves a trailing space; this does not.)
 * For validated input and an epoch-ms `now`; the public `overdueText` validates and calls it.
 */
export function overdueTextAtMs(targetEnd: CalendarDate, now: number, timeZone: TimeZone): string {
  const today = calendarDateAt(now, timeZone);
  if (!(targetEnd < today)) return '';
  const { years, months, days } = relativeDelta(targetEnd, today);
  const parts: string[] = [];
  for (const [n, unit] of [
    [years, 'year'],
    [months, 'month'],
    [days, 'day'],
  ] as const) {
    if (n > 0) parts.push(`${n} ${unit}${n > 1 ? 's' : ''}`);
  }
  // At least a day has passed (`targetEnd` is before today), so some part is there.
  return parts.join(' ');
}
