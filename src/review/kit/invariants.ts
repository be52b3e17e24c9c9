/**
 * The review lifecycle's invariants. Each states its rule again from the events a run applied, not from the
 * lifecycle's own rule functions, so that a bug in those functions cannot hide itself.
 */
import { defineInvariant, type Invariant, type StepView } from '../../testing/kit-support.js';
import type { ReviewData, ReviewStatus } from '../index.js';
import { eager, lazyObject } from '../../core/index.js';

type Step = StepView<ReviewStatus, ReviewData>;

interface Settings {
  readonly minApprovals: number;
  readonly clearApprovalsOnEdit: boolean;
  readonly requireApproval: boolean;
  readonly editRolesInReview: readonly string[];
}

const settingsOf = (step: Step): Settings => step.settings as Settings;
const typeOf = (event: unknown): string => String((event as { type?: unknown } | null)?.type);
const field = (event: unknown, key: string): unknown => (event as Record<string, unknown> | null)?.[key];

/** The writers of a report: its author and every collaborator it has had. */
function writersAt(step: Step): ReadonlySet<string> {
  const s = step.result.ok ? step.result.state : step.before;
  return new Set(s ? [s.data.author, ...s.data.collaborators] : []);
}

/**
 * The distinct approvals standing after this step, replayed from the run's accepted events: an approve adds its
 * reviewer; going back to Draft, or an edit while `clearApprovalsOnEdit` is on, starts again from none.
 */
export function approvalsReplayed(step: Step): readonly string[] {
  const { clearApprovalsOnEdit } = settingsOf(step);
  let approvals: string[] = [];
  for (const s of step.steps) {
    if (!s.result.ok) continue;
    const type = typeOf(s.event);
    if (s.result.state.status === 'Draft') approvals = [];
    else if (type === 'approve') {
      const reviewer = String(field(s.event, 'reviewer'));
      if (!approvals.includes(reviewer)) approvals = [...approvals, reviewer];
    } else if (type === 'edit' && clearApprovalsOnEdit) approvals = [];
  }
  return approvals;
}

export const reviewFourEyes = /* @__PURE__ */ lazyObject(() => defineInvariant<ReviewStatus, ReviewData>(
  'reviewFourEyes',
  'Four eyes: an approval by the author or a collaborator is refused with operation_not_allowed, and no writer is ever among the approvals.',
  (step) => {
    const writers = writersAt(step);
    if (typeOf(step.event) === 'approve' && writers.has(String(field(step.event, 'reviewer')))) {
      if (step.result.ok) return `"${String(field(step.event, 'reviewer'))}" wrote the report and their approval was accepted`;
      // Where approving is possible at all, the refusal must name the rule; elsewhere the status refuses first.
      const open = step.before?.status === 'In Review' || step.before?.status === 'Approved';
      if (open && step.result.error.code !== 'operation_not_allowed') return `a writer's approval was refused with ${step.result.error.code}`;
    }
    if (step.result.ok) {
      const own = step.result.state.data.approvals.filter((p) => writers.has(p));
      if (own.length > 0) return `the approvals include writers: ${own.join(', ')}`;
    }
  },
));

export const reviewApprovalsCounted = /* @__PURE__ */ lazyObject(() => defineInvariant<ReviewStatus, ReviewData>(
  'reviewApprovalsCounted',
  'The approvals are exactly the distinct reviewers approved since the last return to Draft (or clearing edit); In Review and Approved follow from their count.',
  (step) => {
    if (!step.result.ok) return;
    const { state } = step.result;
    const expected = approvalsReplayed(step);
    if (JSON.stringify(state.data.approvals) !== JSON.stringify(expected)) {
      return `approvals are ${JSON.stringify(state.data.approvals)}, the events give ${JSON.stringify(expected)}`;
    }
    const enough = expected.length >= settingsOf(step).minApprovals;
    if (state.status === 'Approved' && !enough) return `Approved with ${expected.length} of ${settingsOf(step).minApprovals} approvals`;
    if (state.status === 'In Review' && enough) return `still In Review with ${expected.length} of ${settingsOf(step).minApprovals} approvals`;
  },
));

export const reviewPublishedApproved = /* @__PURE__ */ lazyObject(() => defineInvariant<ReviewStatus, ReviewData>(
  'reviewPublishedApproved',
  'When approval is required, a report is published only with at least minApprovals distinct approvals, none by a writer.',
  (step) => {
    const { requireApproval, minApprovals } = settingsOf(step);
    if (!requireApproval || !step.result.ok || step.result.state.status !== 'Published' || step.before?.status === 'Published') return;
    const writers = writersAt(step);
    const approvals = approvalsReplayed(step).filter((p) => !writers.has(p));
    if (approvals.length < minApprovals) return `published with ${approvals.length} approvals by non-writers; ${minApprovals} required`;
  },
));

export const reviewEditClears = /* @__PURE__ */ lazyObject(() => defineInvariant<ReviewStatus, ReviewData>(
  'reviewEditClears',
  'An accepted edit clears the approvals when clearApprovalsOnEdit is on, and keeps them when it is off.',
  (step) => {
    if (typeOf(step.event) !== 'edit' || !step.result.ok || !step.before) return;
    const after = step.result.state.data.approvals;
    if (settingsOf(step).clearApprovalsOnEdit && after.length > 0) return `an edit left ${after.length} approvals`;
    if (!settingsOf(step).clearApprovalsOnEdit && JSON.stringify(after) !== JSON.stringify(step.before.data.approvals)) return 'an edit changed the approvals';
  },
));

export const reviewLockedInReview = /* @__PURE__ */ lazyObject(() => defineInvariant<ReviewStatus, ReviewData>(
  'reviewLockedInReview',
  'In Ready for Review, In Review and Approved, an edit is accepted exactly when its role is one the settings let through.',
  (step) => {
    const status = step.before?.status;
    if (typeOf(step.event) !== 'edit' || (status !== 'Ready for Review' && status !== 'In Review' && status !== 'Approved')) return;
    const role = field(step.event, 'role');
    const allowed = typeof role === 'string' && settingsOf(step).editRolesInReview.includes(role);
    if (allowed && !step.result.ok && step.result.error.code !== 'invalid_input') return `an edit by role "${String(role)}" was refused in ${status}`;
    if (!allowed && step.result.ok) return `an edit by role ${JSON.stringify(role)} was accepted in ${status}`;
    if (!allowed && !step.result.ok && step.result.error.code !== 'operation_not_allowed' && step.result.error.code !== 'invalid_input') {
      return `a locked edit was refused with ${step.result.error.code}, not operation_not_allowed`;
    }
  },
));

/** The review lifecycle's invariants, four eyes first. */
export const reviewInvariants: readonly Invariant[] = Object.freeze([
  reviewFourEyes,
  reviewApprovalsCounted,
  reviewPublishedApproved,
  reviewEditClears,
  reviewLockedInReview,
] as Invariant[]);
