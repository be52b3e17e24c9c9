/** The review lifecycle's statuses: PlexTrac's five report statuses, spelled as PlexTrac's UI spells them. */
import { REPORT_STATUSES, type ReportStatus } from '../plextrac/index.js';

/** Draft, Ready for Review, In Review, Approved, Published: the statuses of a report under review. */
export const REVIEW_STATUSES: readonly ReviewStatus[] = REPORT_STATUSES;

/** A report's status in the review lifecycle: one of PlexTrac's report statuses. */
export type ReviewStatus = ReportStatus;
