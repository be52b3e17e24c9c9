/** PlexTrac's engagement and report statuses, spelled as PlexTrac's documentation spells them. */
import * as z from 'zod';
import { lazyObject, once } from '../core/index.js';

/** PlexTrac's six engagement statuses, in lifecycle order. */
export const PLEXTRAC_STATUSES = ['Pending', 'Scheduled', 'In Progress', 'In Review', 'Complete', 'Canceled'] as const;
/** One of PlexTrac's engagement statuses. */
export type PlextracStatus = (typeof PLEXTRAC_STATUSES)[number];

/** PlexTrac's report statuses, in workflow order. */
export const REPORT_STATUSES = ['Draft', 'Ready for Review', 'In Review', 'Approved', 'Published'] as const;
/** One of PlexTrac's report statuses. */
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The three report statuses that PlexTrac shows as one engagement status, "In Review". */
export const REVIEW_REPORT_STATUSES: readonly ReportStatus[] = ['Ready for Review', 'In Review', 'Approved'];

/**
 * A report status. PlexTrac's API spells one value "Ready For Review" where the UI writes "Ready for Review": both
 * are accepted, and the library always emits the UI spelling.
 */
/** The report-status schema itself, built on the first call (library-internal: `derive` parses with it). */
export const builtReportStatusSchema = /* @__PURE__ */ once((): z.ZodType<ReportStatus, ReportStatus | 'Ready For Review'> => z
  .enum([...REPORT_STATUSES, 'Ready For Review'])
  .transform((value): ReportStatus => (value === 'Ready For Review' ? 'Ready for Review' : value)));
export const reportStatusSchema: z.ZodType<ReportStatus, ReportStatus | 'Ready For Review'> = /* @__PURE__ */ lazyObject(builtReportStatusSchema);

/** The schema of a PlexTrac engagement status. */
export const plextracStatusSchema = /* @__PURE__ */ lazyObject(() => z.enum(PLEXTRAC_STATUSES));
