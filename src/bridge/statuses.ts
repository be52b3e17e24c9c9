/**
 * The status mapping between PlexTrac's six engagement statuses and DefectDojo's eight. Each direction is a total
 * table (the types check that every status of each side maps); what a status loses on the way is named in
 * `STATUS_LOSSES`, which a test holds to the tables.
 */
import { argumentError } from '../core/index.js';
import type { DefectDojoStatus } from '../defectdojo/index.js';
import type { PlextracStatus } from '../plextrac/index.js';

/** Where each PlexTrac status goes in DefectDojo. */
export const PLEXTRAC_TO_DEFECTDOJO = Object.freeze({
  // Requested, not approved: DefectDojo has no request, and its default status says nothing has begun.
  Pending: 'Not Started',
  Scheduled: 'Scheduled',
  'In Progress': 'In Progress',
  // Testing is over and the report is being reviewed: DefectDojo has no review stage, and closing the engagement
  // would close its Jira epic before the report is out. Findings are still being worked on: In Progress.
  'In Review': 'In Progress',
  Complete: 'Completed',
  Canceled: 'Cancelled',
} as const satisfies Record<PlextracStatus, DefectDojoStatus>);

/** Where each DefectDojo status goes in PlexTrac. */
export const DEFECTDOJO_TO_PLEXTRAC = Object.freeze({
  'Not Started': 'Pending',
  Scheduled: 'Scheduled',
  'In Progress': 'In Progress',
  // PlexTrac has no pause: an engagement on hold or blocked is still approved and under way.
  'On Hold': 'In Progress',
  Blocked: 'In Progress',
  // Not yet staffed: PlexTrac assigns operators at approval, so an engagement waiting for them is still Pending.
  'Waiting for Resource': 'Pending',
  Completed: 'Complete',
  Cancelled: 'Canceled',
} as const satisfies Record<DefectDojoStatus, PlextracStatus>);

/**
 * PlexTrac's status for a DefectDojo status.
 * @throws LifecycleError `invalid_input` when `status` is not one of DefectDojo's statuses.
 */
export function toPlextracStatus(status: DefectDojoStatus): PlextracStatus {
  // Own keys only: `__proto__` or `toString` must not read the table's prototype.
  if (typeof status !== 'string' || !Object.hasOwn(DEFECTDOJO_TO_PLEXTRAC, status)) throw argumentError('toPlextracStatus', 'status', 'a DefectDojo status', status);
  return DEFECTDOJO_TO_PLEXTRAC[status];
}

/**
 * DefectDojo's status for a PlexTrac status.
 * @throws LifecycleError `invalid_input` when `status` is not one of PlexTrac's statuses.
 */
export function toDefectDojoStatus(status: PlextracStatus): DefectDojoStatus {
  if (typeof status !== 'string' || !Object.hasOwn(PLEXTRAC_TO_DEFECTDOJO, status)) throw argumentError('toDefectDojoStatus', 'status', 'a PlexTrac status', status);
  return PLEXTRAC_TO_DEFECTDOJO[status];
}

/** A status that does not come back as itself from the other side, and what is lost. */
export interface StatusLoss {
  readonly side: 'plextrac' | 'defectdojo';
  readonly status: string;
  /** What it comes back as after one round. */
  readonly returnsAs: string;
  readonly lost: string;
}

/** Every status that a round trip changes, with what is lost (the same list as in `docs/bridge.md`). */
export const STATUS_LOSSES: readonly StatusLoss[] = Object.freeze([
  { side: 'plextrac', status: 'In Review', returnsAs: 'In Progress', lost: 'that testing is over and the report is in review (DefectDojo has no review stage)' },
  { side: 'defectdojo', status: 'Blocked', returnsAs: 'In Progress', lost: 'the block (PlexTrac has no Blocked)' },
  { side: 'defectdojo', status: 'On Hold', returnsAs: 'In Progress', lost: 'the pause (PlexTrac has no On Hold)' },
  { side: 'defectdojo', status: 'Waiting for Resource', returnsAs: 'Not Started', lost: 'that the engagement waits for testers rather than for approval' },
] as const satisfies readonly StatusLoss[]);
