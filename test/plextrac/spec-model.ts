/**
 * PlexTrac's rules written out from the product documentation, independently of `src/`: a table from report status
 * to engagement status, the start date reached at 00:00 of that day in the tenant's zone, and which commands an
 * engagement accepts. The properties compare the engines with this model, so that a wrong rule in the library (a
 * mis-mapped report status, a start date read in UTC) cannot agree with itself.
 */
import { TZDate } from '@date-fns/tz';

export type SpecStatus = 'Pending' | 'Scheduled' | 'In Progress' | 'In Review' | 'Complete' | 'Canceled';

/** The documentation's table: report status → engagement status; Draft waits for the start date. */
export const REPORT_TO_STATUS: Readonly<Record<string, SpecStatus | 'by start date'>> = {
  Draft: 'by start date',
  'Ready for Review': 'In Review',
  'Ready For Review': 'In Review', // the API's spelling of the same stage
  'In Review': 'In Review',
  Approved: 'In Review',
  Published: 'Complete',
};

/** What the model knows about one engagement. */
export interface SpecFacts {
  approved: boolean;
  cancelled: boolean;
  report: string | null;
  startDate: string;
}

/** 00:00 of a `YYYY-MM-DD` day in `zone`, in epoch ms, built by the zone library directly. */
export function midnightIn(date: string, zone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, 0, 0, 0, 0, zone).getTime();
}

const ms = (at: unknown): number => (at instanceof Date ? at.getTime() : Date.parse(String(at)));

/** The status the documentation gives for these facts at `at` (an instant) in `zone`. */
export function specStatus(facts: SpecFacts, at: unknown, zone: string): SpecStatus {
  if (facts.cancelled) return 'Canceled';
  if (!facts.approved) return 'Pending';
  const row = REPORT_TO_STATUS[facts.report ?? 'Draft'];
  if (row === undefined) throw new Error(`the model has no row for report status ${String(facts.report)}`);
  if (row !== 'by start date') return row;
  return ms(at) >= midnightIn(facts.startDate, zone) ? 'In Progress' : 'Scheduled';
}

interface AnyEvent {
  readonly type: string;
  readonly at: unknown;
  readonly startDate?: string;
  readonly reportStatus?: string;
}

/**
 * The facts after `event`, or `'refused'` when the documentation says the command cannot apply: anything after a
 * cancel, an approval of an approved engagement, a report status before approval (there is no report yet).
 */
export function specStep(facts: SpecFacts | null, event: AnyEvent): SpecFacts | 'refused' {
  if (facts === null) {
    if (event.type === 'request') return { approved: false, cancelled: false, report: null, startDate: String(event.startDate) };
    if (event.type === 'schedule') return { approved: true, cancelled: false, report: 'Draft', startDate: String(event.startDate) };
    return 'refused';
  }
  if (facts.cancelled) return 'refused';
  switch (event.type) {
    case 'approve':
      return facts.approved ? 'refused' : { ...facts, approved: true, report: 'Draft' };
    case 'report_status_changed':
      return facts.approved ? { ...facts, report: String(event.reportStatus) } : 'refused';
    case 'reschedule':
      return { ...facts, startDate: String(event.startDate) };
    case 'cancel':
      return { ...facts, cancelled: true };
    case 'clock':
      return facts;
    default:
      return 'refused';
  }
}
