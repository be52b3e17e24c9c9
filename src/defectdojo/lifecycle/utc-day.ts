/**
 * A calendar date as a `TZDate`, for date-fns (DefectDojo's business days and notification dates). Here rather
 * than in core: `@date-fns/tz`'s `TZDate` builds its methods in a loop when loaded, which a bundler cannot drop, so
 * every bundle of core's chunk kept all of it; core's day rules use `tzOffset` alone and `derive` stays small. The
 * package root re-exports it.
 */
import { TZDate } from '@date-fns/tz';
import { realDateArgument, type CalendarDate } from '../../core/index.js';

/**
 * `date` at 00:00 UTC, as a `TZDate`: the form calendar arithmetic and formatting (date-fns) work on.
 * @throws LifecycleError `invalid_input` when `date` is not a calendar date that exists.
 */
export function utcCalendarDay(date: CalendarDate): TZDate {
  const [year, month, day] = realDateArgument('utcCalendarDay', 'date', date);
  const epoch = new TZDate(0, 'UTC');
  epoch.setFullYear(year, month - 1, day);
  return epoch;
}
