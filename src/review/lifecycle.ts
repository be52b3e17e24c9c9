/**
 * Report review as a lifecycle: PlexTrac's report statuses with the review rules teams ask for (PwnDoc's review,
 * PwnDoc #108 and #565): a minimum number of distinct approvals, four eyes, approvals cleared by an edit, publishing
 * refused unless approved, and a report that is read-only in review except for the roles the host lets through.
 */
import * as z from 'zod';
import { builtInDeclaration, builtInLifecycle, creationEventSchema, eager, eventSchema, lazyObject, readonlyArray, type DynamicTarget, type EngagementState, type InstantInput, type StepContext } from '../core/index.js';
import { REPORT_STATUSES } from '../plextrac/index.js';
import {
  LOCKED_STATUSES,
  fourEyesRefusal,
  hasEnoughApprovals,
  lockedEditRefusal,
  unapprovedPublishRefusal,
} from './rules.js';
import { reviewSettingsSchema, type ReviewSettings, type ReviewSettingsInput } from './settings.js';
import type { ReviewStatus } from './statuses.js';

/* ---------- data and events ---------- */

const person = /* @__PURE__ */ lazyObject(() => z.string().min(1));
const people = /* @__PURE__ */ lazyObject(() => readonlyArray(eager(person)));

/** The schema of a report's review data. */
export const reviewDataSchema = /* @__PURE__ */ lazyObject(() => z.object({
  name: z.string(),
  /** The PlexTrac engagement the report belongs to, if any. */
  engagementId: z.string().min(1).nullable(),
  author: eager(person),
  collaborators: eager(people),
  /** The distinct people who approved the current revision, in order. */
  approvals: eager(people),
  /** Grows by one with every edit. */
  revision: z.number().int().min(0),
}));

/** A report's review data. */
export interface ReviewData {
  readonly name: string;
  readonly engagementId: string | null;
  readonly author: string;
  readonly collaborators: readonly string[];
  readonly approvals: readonly string[];
  readonly revision: number;
}

/**
 * The review events, one schema each. `approve` names its `reviewer` and `edit` its `editor`: the rules are about
 * who acts, so these are required fields rather than the optional audit `actor`.
 */
export const reviewEventSchemas = /* @__PURE__ */ lazyObject(() => ({
  /** A new report, in Draft. */
  create_report: creationEventSchema('create_report', {
    name: z.string(),
    author: eager(person),
    collaborators: eager(people).default([]),
    engagementId: z.string().min(1).optional(),
  }),
  /** Someone joins the writing; only in Draft (a collaborator who had approved would break four eyes). */
  add_collaborator: eventSchema('add_collaborator', { collaborator: eager(person) }),
  /** The report's content changed. In review only for the roles in `editRolesInReview`. */
  edit: eventSchema('edit', { editor: eager(person), role: z.string().min(1).optional() }),
  /** The writers hand the report over: Draft → Ready for Review. */
  submit: eventSchema('submit', {}),
  /** The writers take it back: Ready for Review → Draft. */
  withdraw: eventSchema('withdraw', {}),
  /** A reviewer picks it up: Ready for Review → In Review. */
  start_review: eventSchema('start_review', {}),
  /** A reviewer approves; enough distinct approvals make it Approved. */
  approve: eventSchema('approve', { reviewer: eager(person) }),
  /** A reviewer sends it back to Draft; the approvals are cleared. */
  request_changes: eventSchema('request_changes', {}),
  /** The report is published. */
  publish: eventSchema('publish', {}),
  /** A published report is reopened, back to Draft; the approvals are cleared. */
  reopen: eventSchema('reopen', {}),
}));

type Schemas = typeof reviewEventSchemas;
/** A validated review event. */
export type ReviewEvent = { [K in keyof Schemas]: z.output<Schemas[K]> }[keyof Schemas];
/** A review event as callers write it, without its time: one member per event type. */
export type ReviewEventBody = { [K in keyof Schemas]: Omit<z.input<Schemas[K]>, 'at'> }[keyof Schemas];
/** What callers may pass as a review event (`at` as an ISO string or a `Date`). */
export type ReviewEventInput = ReviewEventBody & { readonly at: InstantInput };
/** A report's review state. */
export type ReviewState = EngagementState<ReviewStatus, ReviewData>;

/* ---------- the declaration ---------- */

type Ctx<K extends ReviewEvent['type']> = StepContext<ReviewStatus, ReviewData, Extract<ReviewEvent, { type: K }>, ReviewSettings>;

/** Approved when the approvals suffice, else In Review: the status an approval or an edit leads to. */
function byApprovals<K extends ReviewEvent['type']>(): DynamicTarget<ReviewStatus, Ctx<K>, ReviewData> {
  return { oneOf: ['In Review', 'Approved'], select: (ctx, data) => (hasEnoughApprovals(data.approvals, ctx.settings) ? 'Approved' : 'In Review') };
}

const NO_ONE: readonly string[] = [];
const cleared = (data: ReviewData): ReviewData => (data.approvals.length === 0 ? data : { ...data, approvals: NO_ONE });

function edited({ state, settings }: Ctx<'edit'>): ReviewData {
  const data = { ...state.data, revision: state.data.revision + 1 };
  return settings.clearApprovalsOnEdit ? cleared(data) : data;
}

const fourEyes = ({ state, event }: Ctx<'approve'>) => fourEyesRefusal(state.data, event.reviewer, state.id);

/** Adds the reviewer's approval; a second approval by the same person is no change (approvals count people). */
const approved = ({ state, event }: Ctx<'approve'>): ReviewData =>
  state.data.approvals.includes(event.reviewer) ? state.data : { ...state.data, approvals: [...state.data.approvals, event.reviewer] };

const lockedEdit = ({ state, event, settings }: Ctx<'edit'>) => lockedEditRefusal(settings, event.role, state.id, state.status);

/** The review lifecycle's declaration. */
export const reviewDeclaration = /* @__PURE__ */ builtInDeclaration<ReviewStatus, ReviewData, ReviewEvent, ReviewSettings, never>({
  id: 'review',
  version: 1,
  statuses: REPORT_STATUSES,
  // Nothing is final: PlexTrac lets a published report go back to Draft.
  terminal: [],
  data: reviewDataSchema,
  events: reviewEventSchemas as never,
  settings: reviewSettingsSchema,
  create: [
    {
      on: 'create_report',
      label: 'create report',
      to: 'Draft',
      init: ({ event }) => ({
        name: event.name,
        engagementId: event.engagementId ?? null,
        author: event.author,
        collaborators: [...new Set(event.collaborators)].filter((c) => c !== event.author),
        approvals: NO_ONE,
        revision: 0,
      }),
    },
  ],
  transitions: [
    {
      from: ['Draft'],
      on: 'add_collaborator',
      label: 'add collaborator',
      update: ({ state, event }) =>
        event.collaborator === state.data.author || state.data.collaborators.includes(event.collaborator)
          ? state.data
          : { ...state.data, collaborators: [...state.data.collaborators, event.collaborator] },
    },
    { from: ['Draft'], on: 'edit', label: 'edit', update: edited },
    { from: ['Ready for Review', 'In Review'], on: 'edit', label: 'edit', reject: lockedEdit, update: edited },
    { from: ['Approved'], on: 'edit', label: 'edit', reject: lockedEdit, update: edited, to: byApprovals<'edit'>() },
    { from: ['Draft'], on: 'submit', label: 'submit', to: 'Ready for Review' },
    { from: ['Ready for Review'], on: 'withdraw', label: 'withdraw', to: 'Draft' },
    { from: ['Ready for Review'], on: 'start_review', label: 'start review', to: 'In Review' },
    { from: ['In Review'], on: 'approve', label: 'approve', reject: fourEyes, update: approved, to: byApprovals<'approve'>() },
    // More approvals of an Approved report are recorded; they cannot make it less approved.
    { from: ['Approved'], on: 'approve', label: 'approve', reject: fourEyes, update: approved },
    { from: ['In Review', 'Approved'], on: 'request_changes', label: 'request changes', to: 'Draft', update: ({ state }) => cleared(state.data) },
    { from: ['Approved'], on: 'publish', label: 'publish', to: 'Published' },
    {
      from: ['Draft', 'Ready for Review', 'In Review'],
      on: 'publish',
      label: 'publish unreviewed',
      reject: ({ state, settings }) => (settings.requireApproval ? unapprovedPublishRefusal(state.data.approvals, settings, state.id, state.status) : null),
      to: 'Published',
    },
    { from: ['Published'], on: 'reopen', label: 'reopen', to: 'Draft', update: ({ state }) => cleared(state.data) },
  ],
  hints: {
    approve: 'A report is approved during review: submit it and start the review first.',
    add_collaborator: 'Collaborators join while the report is a Draft.',
  },
  facets: (state) => ({ asset: state.data.engagementId, active: state.status !== 'Published' }),
});

/** The report-review lifecycle: `create`, `apply`, `machine` and the rest of `Lifecycle`. */
export const review = /* @__PURE__ */ builtInLifecycle<ReviewStatus, ReviewData, ReviewEvent, ReviewSettings, never, ReviewEventInput, ReviewSettingsInput>(
  reviewDeclaration,
);

