/**
 * The review rules, each stated once: who may approve (four eyes), when approvals suffice, who may edit while the
 * report is in review, and the refusals that say so. The declaration uses them; the kit's invariants state the
 * same rules again from the events, independently.
 */
import { LifecycleError } from '../core/index.js';
import type { ReviewSettings } from './settings.js';

/** The statuses in which the report is read-only, except for the roles the settings let through. */
export const LOCKED_STATUSES = ['Ready for Review', 'In Review', 'Approved'] as const;

/** The people bound by four eyes: the author and the collaborators. */
export interface ReviewPeople {
  readonly author: string;
  readonly collaborators: readonly string[];
}

/** Four eyes: the author and the collaborators cannot approve their own report. */
export function isOwnReport(people: ReviewPeople, person: string): boolean {
  return person === people.author || people.collaborators.includes(person);
}

/** Whether this many distinct approvals make the report Approved. */
export function hasEnoughApprovals(approvals: readonly string[], settings: ReviewSettings): boolean {
  return approvals.length >= settings.minApprovals;
}

/** The refusal of an approval by the author or a collaborator, or null when the reviewer may approve. */
export function fourEyesRefusal(people: ReviewPeople, reviewer: string, reportId: string): LifecycleError | null {
  if (!isOwnReport(people, reviewer)) return null;
  const who = reviewer === people.author ? 'its author' : 'a collaborator';
  return new LifecycleError(
    'operation_not_allowed',
    `"${reviewer}" cannot approve report "${reportId}": they are ${who}, and the four-eyes rule needs someone who did not write it.`,
    { details: { rule: 'four_eyes', reportId, reviewer } },
  );
}

/** The refusal of an edit while the report is in review, or null when the editor's role is let through. */
export function lockedEditRefusal(settings: ReviewSettings, role: string | undefined, reportId: string, status: string): LifecycleError | null {
  if (role !== undefined && settings.editRolesInReview.includes(role)) return null;
  const allowed = settings.editRolesInReview.length > 0 ? `only the roles ${settings.editRolesInReview.join(', ')} may edit it now` : 'no role may edit it now';
  return new LifecycleError(
    'operation_not_allowed',
    `Report "${reportId}" is ${status} and read-only during review: ${allowed}${role === undefined ? '' : ` (the editor's role is "${role}")`}. Send it back to Draft to change it.`,
    { details: { rule: 'locked_in_review', reportId, status, role: role ?? null } },
  );
}

/** The refusal of publishing a report that is not Approved while approval is required. */
export function unapprovedPublishRefusal(approvals: readonly string[], settings: ReviewSettings, reportId: string, status: string): LifecycleError {
  return new LifecycleError(
    'operation_not_allowed',
    `Report "${reportId}" cannot be published from ${status}: it needs ${settings.minApprovals} approval${settings.minApprovals === 1 ? '' : 's'} and has ${approvals.length}.`,
    { details: { rule: 'approval_required', reportId, status, approvals: approvals.length, minApprovals: settings.minApprovals } },
  );
}
