/**
 * The review rules, each stated once: who may approve (four eyes), when approvals suffice, who may edit while the
 * report is in review, and the refusals that say so. The declaration uses them; the kit's invariants state the
 * same rules again from the events, independently.
 */
import * as z from 'zod';
import { eager, lazyObject, LifecycleError, parseArguments } from '../core/index.js';
import type { ReviewSettings } from './settings.js';

/*
 * The rules are public functions too, so each checks its arguments first (`invalid_input` naming the argument):
 * the declaration passes parsed values, a caller may pass anything.
 */
const text = /* @__PURE__ */ lazyObject(() => z.string());
const names = /* @__PURE__ */ lazyObject(() => z.array(z.string()));
const peopleSchema = /* @__PURE__ */ lazyObject(() => z.looseObject({ author: eager(text), collaborators: eager(names) }));
const settingsRead = /* @__PURE__ */ lazyObject(() => z.looseObject({ minApprovals: z.number().int().min(1), editRolesInReview: eager(names) }));

/** The statuses in which the report is read-only, except for the roles the settings let through. */
export const LOCKED_STATUSES = ['Ready for Review', 'In Review', 'Approved'] as const;

/** The people bound by four eyes: the author and the collaborators. */
export interface ReviewPeople {
  readonly author: string;
  readonly collaborators: readonly string[];
}

/** Four eyes: the author and the collaborators cannot approve their own report. */
export function isOwnReport(people: ReviewPeople, person: string): boolean {
  const args = parseArguments('isOwnReport', { people: peopleSchema, person: text }, [people, person]);
  return args.person === args.people.author || args.people.collaborators.includes(args.person);
}

/** Whether this many distinct approvals make the report Approved. */
export function hasEnoughApprovals(approvals: readonly string[], settings: ReviewSettings): boolean {
  const args = parseArguments('hasEnoughApprovals', { approvals: names, settings: settingsRead }, [approvals, settings]);
  return args.approvals.length >= args.settings.minApprovals;
}

/** The refusal of an approval by the author or a collaborator, or null when the reviewer may approve. */
export function fourEyesRefusal(people: ReviewPeople, reviewer: string, reportId: string): LifecycleError | null {
  const args = parseArguments('fourEyesRefusal', { people: peopleSchema, reviewer: text, reportId: text }, [people, reviewer, reportId]);
  if (!isOwnReport(args.people, args.reviewer)) return null;
  const who = args.reviewer === args.people.author ? 'its author' : 'a collaborator';
  return new LifecycleError(
    'operation_not_allowed',
    `"${args.reviewer}" cannot approve report "${args.reportId}": they are ${who}, and the four-eyes rule needs someone who did not write it.`,
    { details: { rule: 'four_eyes', reportId: args.reportId, reviewer: args.reviewer } },
  );
}

/** The refusal of an edit while the report is in review, or null when the editor's role is let through. */
export function lockedEditRefusal(settings: ReviewSettings, role: string | undefined, reportId: string, status: string): LifecycleError | null {
  const args = parseArguments('lockedEditRefusal', { settings: settingsRead, role: text.optional(), reportId: text, status: text }, [settings, role, reportId, status]);
  const roles = args.settings.editRolesInReview;
  if (args.role !== undefined && roles.includes(args.role)) return null;
  const allowed = roles.length > 0 ? `only the roles ${roles.join(', ')} may edit it now` : 'no role may edit it now';
  return new LifecycleError(
    'operation_not_allowed',
    `Report "${args.reportId}" is ${args.status} and read-only during review: ${allowed}${args.role === undefined ? '' : ` (the editor's role is "${args.role}")`}. Send it back to Draft to change it.`,
    { details: { rule: 'locked_in_review', reportId: args.reportId, status: args.status, role: args.role ?? null } },
  );
}

/** The refusal of publishing a report that is not Approved while approval is required. */
export function unapprovedPublishRefusal(approvals: readonly string[], settings: ReviewSettings, reportId: string, status: string): LifecycleError {
  const args = parseArguments('unapprovedPublishRefusal', { approvals: names, settings: settingsRead, reportId: text, status: text }, [approvals, settings, reportId, status]);
  const { minApprovals } = args.settings;
  return new LifecycleError(
    'operation_not_allowed',
    `Report "${args.reportId}" cannot be published from ${args.status}: it needs ${minApprovals} approval${minApprovals === 1 ? '' : 's'} and has ${args.approvals.length}.`,
    { details: { rule: 'approval_required', reportId: args.reportId, status: args.status, approvals: args.approvals.length, minApprovals } },
  );
}
