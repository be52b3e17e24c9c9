/**
 * A calendar date as a `TZDate`, for date-fns (DefectDojo's business days and notification dates). Here rather
 * than in core: `@date-fns/tz`'s `TZDate` builds its methods in a loop when loaded, which a bundler cannot drop, so
 * every bundle of core's chunk kept all of it; core's day rules use `tzOffset` alone and `derive` stays small. The
 * package root re-exports it.
 */
import { TZDate } from '@date-fns/tz';
import type { CalendarDate } from '../../core/index.js';

/** `date` at 00:00 UTC, as a `TZDate`: the form calendar arithmetic and formatting (date-fns) work on. */
export function utcCalendarDay(date: CalendarDate): TZDate {
  const epoch = new TZDate(0, 'UTC');
  epoch.setFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return epoch;
}
