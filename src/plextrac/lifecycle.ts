/**
 * PlexTrac's engagement lifecycle as a declaration. The status is never stored as a free choice: every event
 * updates the facts (approval, cancellation, report status, start date) and the status is re-derived at the
 * event's time. A clock event only moves time forward, which is how Scheduled becomes In Progress.
 */
import * as z from 'zod';
import { builtInDeclaration, builtInLifecycle, calendarDateSchema, creationEventSchema, dayStartMs, DEFAULT_TIME_ZONE, eager, eventSchema, instantMs, lazyObject, readonlyArray, retentionFactsSchema, retentionSettingsSchema, timeZoneSchema, type CalendarDate, type DynamicTarget, type Effect, type EngagementState, type ArchiveEngagementDraft, type DeleteEngagementDraft, type InstantInput, type RetentionEffectDraft, type StatusChangedDraft } from '../core/index.js';
import { deriveStatus } from './derive.js';
import { noteFinishOf, retentionClock, retentionClockEffects, retentionDue } from './retention.js';
import { PLEXTRAC_STATUSES, reportStatusSchema, type PlextracStatus } from './statuses.js';

/* ---------- data, settings, events ---------- */
// Module-level schemas are built in `/* @__PURE__ */` closures, so that a bundle of `derive` alone drops them.

/** The schema of a PlexTrac engagement's data. */
export const plextracDataSchema = /* @__PURE__ */ lazyObject(() => z.object({
  clientId: z.string().min(1),
  name: z.string(),
  startDate: eager(calendarDateSchema),
  approved: z.boolean(),
  cancelled: z.boolean(),
  reportStatus: eager(reportStatusSchema).nullable(),
  /** Operators (testers) assigned at approval. */
  operators: readonlyArray(z.string().min(1)),
  requestedBy: z.string().nullable(),
  /** Retention's facts (first finish, archive, deletion), present once first finished with retention on. */
  retention: eager(retentionFactsSchema).optional(),
  }));

/** A PlexTrac engagement's data: the four facts the status derives from, and who and what it is for. */
export type PlextracData = Readonly<z.output<typeof plextracDataSchema>>;

/** PlexTrac's settings schema: every setting has a default. */
export const plextracSettingsSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  /** The tenant's IANA time zone: start dates are reached at 00:00 there. */
  timeZone: eager(timeZoneSchema).default(DEFAULT_TIME_ZONE),
  /** Archive Complete engagements and plan their deletion (off by default; see docs/retention.md). */
  retention: eager(retentionSettingsSchema),
  }));

/** PlexTrac's settings: the tenant's time zone and retention. */
export type PlextracSettings = Readonly<z.output<typeof plextracSettingsSchema>>;

const operators = /* @__PURE__ */ lazyObject(() => readonlyArray(z.string().min(1)));

/** The schema of each PlexTrac event, by type. */
export const plextracEventSchemas = /* @__PURE__ */ lazyObject(() => ({
  /** Someone requests an engagement for a client: it is Pending until approved. */
  request: creationEventSchema('request', {
    clientId: z.string().min(1),
    name: z.string(),
    startDate: eager(calendarDateSchema),
    requestedBy: z.string().min(1).optional(),
  }),
  /** An engagement created already approved: its report is created at once. */
  schedule: creationEventSchema('schedule', {
    clientId: z.string().min(1),
    name: z.string(),
    startDate: eager(calendarDateSchema),
    operators: eager(operators).default([]),
  }),
  /** "Schedule & create report": approves a Pending request, creates the Draft report, assigns operators. */
  approve: eventSchema('approve', { operators: eager(operators).default([]) }),
  /** The report's status changed, in any order, backwards too. */
  report_status_changed: eventSchema('report_status_changed', { reportStatus: eager(reportStatusSchema) }),
  /** The host tells the time (PlexTrac's hourly query). */
  clock: eventSchema('clock', {}),
  /** The start date moved. */
  reschedule: eventSchema('reschedule', { startDate: eager(calendarDateSchema) }),
  /** The engagement is terminated. Final: nothing reopens it. */
  cancel: eventSchema('cancel', {}),
}));

type Schemas = typeof plextracEventSchemas;
/** A validated PlexTrac event. */
export type PlextracEvent = { [K in keyof Schemas]: z.output<Schemas[K]> }[keyof Schemas];
/** What callers may pass as a PlexTrac event (`at` as ISO string or `Date`; the API's "Ready For Review"). */
export type PlextracEventInput = { [K in keyof Schemas]: z.input<Schemas[K]> }[keyof Schemas] & { readonly at: InstantInput };

/* ---------- effects ---------- */

/** Approval creates the engagement's report, in Draft. */
export interface CreateReportDraft {
  readonly type: 'create_report';
  readonly clientId: string;
  readonly name: string;
  readonly reportStatus: 'Draft';
}

/** Approval assigns the chosen operators. */
export interface AssignOperatorsDraft {
  readonly type: 'assign_operators';
  readonly operators: readonly string[];
}

/** The effects PlexTrac's lifecycle declares, before stamping. */
export type PlextracEffectDraft = CreateReportDraft | AssignOperatorsDraft | RetentionEffectDraft;
/** Every effect a PlexTrac engagement emits, stamped. */
export type PlextracEffect =
  | Effect<CreateReportDraft>
  | Effect<AssignOperatorsDraft>
  | Effect<ArchiveEngagementDraft>
  | Effect<DeleteEngagementDraft>
  | Effect<StatusChangedDraft<PlextracStatus>>;
/** A PlexTrac engagement's state. */
export type PlextracState = EngagementState<PlextracStatus, PlextracData>;

/* ---------- the declaration ---------- */

const APPROVED_LIVE: readonly PlextracStatus[] = ['Scheduled', 'In Progress', 'In Review', 'Complete'];
/** Approved, with a Draft report: the statuses the start date decides between. */
const DRAFT_LIVE: readonly PlextracStatus[] = ['Scheduled', 'In Progress'];

/** Every target that the derivation may give, re-derived from the next data at the event's time. */
function derived(oneOf: readonly PlextracStatus[]): DynamicTarget<PlextracStatus, { now: number; settings: PlextracSettings }, PlextracData> {
  return { oneOf, select: (ctx, data) => deriveStatus(data, ctx.now, ctx.settings.timeZone) };
}

function reschedule({ state, event }: { state: PlextracState; event: Extract<PlextracEvent, { type: 'reschedule' }> }): PlextracData {
  return state.data.startDate === event.startDate ? state.data : { ...state.data, startDate: event.startDate as CalendarDate };
}

function approvalEffects(data: PlextracData): PlextracEffectDraft[] {
  const effects: PlextracEffectDraft[] = [{ type: 'create_report', clientId: data.clientId, name: data.name, reportStatus: 'Draft' }];
  if (data.operators.length > 0) effects.push({ type: 'assign_operators', operators: data.operators });
  return effects;
}

/** The zones furthest ahead of and behind UTC: a start day begins between their two midnights. */
const EARLIEST_ZONE = 'Etc/GMT-14';
const LATEST_ZONE = 'Etc/GMT+12';

/**
 * A stored state is consistent when it was not updated before it was created and its status is what its facts derive at `updatedAt` (every event re-derives
 * it then; a clock event that changes nothing leaves both alone). Without the tenant's zone, a status that some
 * zone gives is accepted (Scheduled and In Progress differ only by where the start day begins).
 */
function consistency(state: PlextracState, settings: PlextracSettings | undefined): string | null {
  const at = instantMs(state.updatedAt);
  if (instantMs(state.createdAt) > at) return `updatedAt (${state.updatedAt}) is before createdAt (${state.createdAt})`;
  const zones = settings ? [settings.timeZone] : [EARLIEST_ZONE, LATEST_ZONE];
  const derivedStatuses = zones.map((zone) => deriveStatus(state.data, at, zone));
  if (derivedStatuses.includes(state.status)) return null;
  const facts = `approved ${state.data.approved}, cancelled ${state.data.cancelled}, report ${state.data.reportStatus ?? 'none'}, start ${state.data.startDate}`;
  return `status is ${state.status} but its facts (${facts}) give ${[...new Set(derivedStatuses)].join(' or ')} at updatedAt ${state.updatedAt}`;
}

/** PlexTrac's lifecycle declaration: the status re-derived from the facts at every event's time. */
export const plextracDeclaration = /* @__PURE__ */ builtInDeclaration<PlextracStatus, PlextracData, PlextracEvent, PlextracSettings, PlextracEffectDraft>({
  id: 'plextrac',
  version: 1,
  statuses: PLEXTRAC_STATUSES,
  terminal: ['Canceled'],
  data: plextracDataSchema,
  events: plextracEventSchemas as never,
  settings: plextracSettingsSchema,
  clockEvent: 'clock',
  create: [
    {
      on: 'request',
      label: 'request',
      to: 'Pending',
      init: ({ event }) => ({
        clientId: event.clientId,
        name: event.name,
        startDate: event.startDate as CalendarDate,
        approved: false,
        cancelled: false,
        reportStatus: null,
        operators: [],
        requestedBy: event.requestedBy ?? event.actor ?? null,
      }),
    },
    {
      on: 'schedule',
      label: 'schedule',
      to: /* @__PURE__ */ derived(DRAFT_LIVE),
      init: ({ event }) => ({
        clientId: event.clientId,
        name: event.name,
        startDate: event.startDate as CalendarDate,
        approved: true,
        cancelled: false,
        reportStatus: 'Draft',
        operators: event.operators,
        requestedBy: event.actor ?? null,
      }),
      effects: (_ctx, next) => approvalEffects(next.data),
    },
  ],
  transitions: [
    {
      from: ['Pending'],
      on: 'approve',
      label: 'approve',
      to: /* @__PURE__ */ derived(DRAFT_LIVE),
      update: ({ state, event }) => ({ ...state.data, approved: true, reportStatus: 'Draft', operators: event.operators }),
      effects: (_ctx, next) => approvalEffects(next.data),
    },
    {
      from: APPROVED_LIVE,
      on: 'report_status_changed',
      label: 'report status',
      to: /* @__PURE__ */ derived(APPROVED_LIVE),
      update: ({ state, event, now, settings }) =>
        noteFinishOf(state.data.reportStatus === event.reportStatus ? state.data : { ...state.data, reportStatus: event.reportStatus }, now, settings),
    },
    // Time only reaches the start date: a clock moves Scheduled to In Progress and nothing else.
    { from: ['Scheduled'], on: 'clock', label: 'clock', to: /* @__PURE__ */ derived(DRAFT_LIVE) },
    { from: ['Pending', 'In Progress', 'In Review'], on: 'clock', label: 'clock' },
    // On a Complete engagement the clock runs retention (a no-op while it is off).
    { from: ['Complete'], on: 'clock', label: 'clock', update: retentionClock, effects: retentionClockEffects },
    // A new start date matters only while the report is a draft; a Pending request stays Pending.
    { from: DRAFT_LIVE, on: 'reschedule', label: 'reschedule', to: /* @__PURE__ */ derived(DRAFT_LIVE), update: reschedule },
    { from: ['Pending', 'In Review', 'Complete'], on: 'reschedule', label: 'reschedule', update: reschedule },
    {
      from: '*',
      on: 'cancel',
      label: 'cancel',
      to: 'Canceled',
      update: ({ state }) => ({ ...state.data, cancelled: true }),
    },
  ],
  hints: {
    report_status_changed: 'There is no report until the engagement is approved.',
    approve: 'Only a Pending request can be approved.',
  },
  consistency,
  facets: (state) => ({ asset: state.data.clientId, active: state.status !== 'Complete' && state.status !== 'Canceled' }),
  nextDue: (state, settings) => {
    // By time alone, the start date moves a Scheduled engagement to In Progress, and retention archives and
    // deletes a Complete one.
    if (state.status === 'Complete') return retentionDue(state, settings);
    if (state.status !== 'Scheduled') return null;
    return dayStartMs(state.data.startDate, settings.timeZone);
  },
});

/** PlexTrac's engagement lifecycle: `create`, `apply`, `machine` and the rest of `Lifecycle`. */
export const plextrac = /* @__PURE__ */ builtInLifecycle<PlextracStatus, PlextracData, PlextracEvent, PlextracSettings, PlextracEffectDraft, PlextracEventInput, z.input<typeof plextracSettingsSchema>>(
  plextracDeclaration,
);
