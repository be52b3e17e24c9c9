/**
 * DefectDojo's engagement lifecycle as a declaration. DefectDojo enforces no transition graph: any status may be
 * set by an edit. What the library adds is the consistency DefectDojo leaves to chance (`active` follows the
 * status), the named operations with their side effects (close, reopen, add a test, import a scan), and the hourly
 * task's rules (overdue, auto-close, upcoming, stale) at the clock events the host sends.
 */
import * as z from 'zod';
import { calendarDateAt, calendarDateSchema, type CalendarDate, type InstantInput } from '../core/dates.js';
import { creationEventSchema, declareLifecycle, eventSchema, type EngagementState, type StepContext } from '../core/declaration.js';
import type { Effect, StatusChangedDraft } from '../core/effects.js';
import { LifecycleError } from '../core/errors.js';
import { defineLifecycle } from '../core/lifecycle.js';
import { closeEpic, type JiraCloseEpicDraft } from './close-epic.js';
import { withOverdue } from './clock.js';
import { engagementJiraSchema, jiraEpicSchema, jiraProjectSettingsSchema, NO_JIRA } from './jira.js';
import {
  applyEdits,
  DATE_ORDER_MESSAGE,
  defectDojoDataSchema,
  editableShape,
  refInputSchema,
  type DefectDojoData,
} from './model.js';
import { engagementAdded, engagementClosed, engagementReopened, type NotificationDraft } from './notifications.js';
import { writeRefusal, type WriteOperation } from './policy.js';
import { defectDojoSettingsSchema, type DefectDojoSettings, type DefectDojoSettingsInput } from './settings.js';
import { DEFECTDOJO_STATUSES, defectDojoStatusSchema, isClosedStatus, type DefectDojoStatus } from './statuses.js';
import { AUTO_CLOSE, nextDueMs, ruleDue, runTimeRules } from './time-rules.js';

/* ---------- events ---------- */

function dateOrderIssues(start: CalendarDate | undefined, end: CalendarDate | undefined): { path: string[]; message: string }[] {
  return start !== undefined && end !== undefined && start > end
    ? [
        { path: ['targetStart'], message: DATE_ORDER_MESSAGE },
        { path: ['targetEnd'], message: DATE_ORDER_MESSAGE },
      ]
    : [];
}

const createSchema = creationEventSchema('create', {
  ...editableShape,
  productId: refInputSchema,
  targetStart: calendarDateSchema,
  targetEnd: calendarDateSchema,
  status: defectDojoStatusSchema.optional(),
  jira: engagementJiraSchema.optional(),
}).superRefine((event, ctx) => {
  for (const issue of dateOrderIssues(event.targetStart, event.targetEnd)) ctx.addIssue({ code: 'custom', ...issue });
});

export const defectDojoEventSchemas = {
  /** A new engagement: Not Started, Interactive and active unless told otherwise; an empty name becomes the start date. */
  create: createSchema,
  /** Edit fields (not the status). Start ≤ end is checked against the merged dates. */
  edit: eventSchema('edit', editableShape),
  /** Any status to any status, as DefectDojo's edit form and API allow. */
  set_status: eventSchema('set_status', { status: defectDojoStatusSchema }),
  /** DefectDojo's "Close Engagement": Completed and inactive; closes the Jira epic when mapped. */
  close: eventSchema('close', {}),
  /** DefectDojo's "Reopen Engagement": In Progress and active, whatever the status was. */
  reopen: eventSchema('reopen', {}),
  /** A test was added ("Add Tests"): an active engagement that is not In Progress moves to In Progress. */
  add_test: eventSchema('add_test', { testId: refInputSchema.optional() }),
  /** A scan was imported: a CI/CD engagement's end date moves to the later of the scan date and its end date. */
  import_scan: eventSchema('import_scan', { scanDate: calendarDateSchema.optional() }),
  /** The Jira side changed: the engagement's own settings, its asset's settings, or its epic (null removes). */
  set_jira: eventSchema('set_jira', {
    project: jiraProjectSettingsSchema.nullable().optional(),
    assetProject: jiraProjectSettingsSchema.nullable().optional(),
    epic: jiraEpicSchema.nullable().optional(),
  }),
  /** The host tells the time (DefectDojo's hourly `add_alerts` task). */
  clock: eventSchema('clock', {}),
};

type Schemas = typeof defectDojoEventSchemas;
/** A validated DefectDojo event. */
export type DefectDojoEvent = { [K in keyof Schemas]: z.output<Schemas[K]> }[keyof Schemas];
/** What callers may pass as a DefectDojo event (ids as strings or integers, `at` as ISO string or `Date`). */
export type DefectDojoEventInput = { [K in keyof Schemas]: z.input<Schemas[K]> }[keyof Schemas] & { readonly at: InstantInput };

/* ---------- effects ---------- */

export type { JiraCloseEpicDraft } from './close-epic.js';

export type DefectDojoEffectDraft = NotificationDraft | JiraCloseEpicDraft;
export type DefectDojoEffect =
  | Effect<NotificationDraft>
  | Effect<JiraCloseEpicDraft>
  | Effect<StatusChangedDraft<DefectDojoStatus>>;
export type DefectDojoState = EngagementState<DefectDojoStatus, DefectDojoData>;

/* ---------- the declaration ---------- */

type Ctx<K extends DefectDojoEvent['type']> = StepContext<DefectDojoStatus, DefectDojoData, Extract<DefectDojoEvent, { type: K }>, DefectDojoSettings>;

/** The time rules at one clock event (the table runs once for the update and once for the effects). */
function clockAt(ctx: { state: DefectDojoState; now: number; settings: DefectDojoSettings }): ReturnType<typeof runTimeRules> {
  return runTimeRules(ctx.state.id, ctx.state.status, ctx.state.data, ctx.now, ctx.settings);
}

/** Every event refreshes the overdue flag for the status the engagement ends in. */
function settle(data: DefectDojoData, status: DefectDojoStatus, ctx: { now: number; settings: DefectDojoSettings }): DefectDojoData {
  const active = !isClosedStatus(status);
  const consistent = data.active === active ? data : { ...data, active };
  return withOverdue(consistent, status, ctx.now, ctx.settings);
}

/** DefectDojo's `engagement_pre_save` rules: closed on a change into Completed or Cancelled; reopened on a change into In Progress from anything but Not Started. */
function statusNotifications(id: string, from: DefectDojoStatus, to: DefectDojoStatus, data: DefectDojoData): NotificationDraft[] {
  if (from === to) return [];
  if (isClosedStatus(to)) return [engagementClosed(id, data)];
  if (to === 'In Progress' && from !== 'Not Started') return [engagementReopened(id, data)];
  return [];
}

const writeRejection = (operation: WriteOperation) => (ctx: { state: DefectDojoState; settings: DefectDojoSettings }) =>
  writeRefusal(ctx.state.id, ctx.state.status, operation, ctx.settings);

const ALL: readonly DefectDojoStatus[] = DEFECTDOJO_STATUSES;
const NOT_IN_PROGRESS = ALL.filter((s) => s !== 'In Progress');

const DEFAULTS: Omit<DefectDojoData, 'productId' | 'targetStart' | 'targetEnd'> = {
  name: '',
  productName: null,
  engagementType: 'Interactive',
  active: true,
  lead: null,
  description: null,
  version: null,
  firstContacted: null,
  reason: null,
  requester: null,
  preset: null,
  reportType: null,
  tracker: null,
  testStrategy: null,
  threatModel: true,
  apiTest: true,
  penTest: true,
  checkList: true,
  progress: 'threat_model',
  tmodelPath: 'none',
  doneTesting: false,
  buildId: null,
  commitHash: null,
  branchTag: null,
  sourceCodeManagementUri: null,
  buildServer: null,
  sourceCodeManagementServer: null,
  orchestrationEngine: null,
  deduplicationOnEngagement: false,
  tags: [],
  jira: NO_JIRA,
  clock: { overdue: false, upcomingFor: null, staleFor: null, expiredFor: null },
};

export const defectDojoDeclaration = /* @__PURE__ */ declareLifecycle<
  DefectDojoStatus,
  DefectDojoData,
  DefectDojoEvent,
  DefectDojoSettings,
  DefectDojoEffectDraft
>({
  id: 'defectdojo',
  version: 1,
  statuses: DEFECTDOJO_STATUSES,
  terminal: [],
  data: defectDojoDataSchema,
  events: defectDojoEventSchemas as never,
  settings: defectDojoSettingsSchema as unknown as z.ZodType<DefectDojoSettings, unknown>,
  clockEvent: 'clock',
  create: [
    {
      on: 'create',
      label: 'create',
      to: { oneOf: ALL, select: ({ event }) => event.status ?? 'Not Started' },
      init: (ctx) => {
        const { event } = ctx;
        const { type: _t, at: _a, id: _i, actor: _ac, reason: _r, status, productId, jira, ...fields } = event;
        const base: DefectDojoData = { ...DEFAULTS, productId, targetStart: event.targetStart, targetEnd: event.targetEnd, jira: jira ?? NO_JIRA };
        return settle(applyEdits(base, fields), status ?? 'Not Started', ctx);
      },
      effects: ({ id }, next) => [engagementAdded(id, next.data)],
    },
  ],
  transitions: [
    {
      // Auto-close is the one time rule that moves the engagement: its statuses, due instant and effects come
      // from the table; the clock's other rules run in the same event.
      from: AUTO_CLOSE.statuses,
      on: 'clock',
      label: 'auto-close',
      guard: ({ state, now, settings }) => ruleDue(AUTO_CLOSE, state.status, state.data, now, settings),
      to: AUTO_CLOSE.to,
      update: (ctx) => settle({ ...ctx.state.data, clock: clockAt(ctx).clock }, AUTO_CLOSE.to, ctx),
      effects: (ctx) => clockAt(ctx).effects,
    },
    {
      from: '*',
      on: 'clock',
      label: 'clock',
      update: (ctx) => {
        const { clock } = clockAt(ctx);
        return settle(clock === ctx.state.data.clock ? ctx.state.data : { ...ctx.state.data, clock }, ctx.state.status, ctx);
      },
      effects: (ctx) => clockAt(ctx).effects,
    },
    {
      from: '*',
      on: 'set_status',
      label: 'set status',
      to: { oneOf: ALL, select: ({ event }: Ctx<'set_status'>) => event.status },
      update: (ctx) => settle(ctx.state.data, ctx.event.status, ctx),
      effects: ({ state, event }, next) => statusNotifications(state.id, state.status, event.status, next.data),
    },
    {
      // Closing a Completed engagement is a no-op, as in DefectDojo: no notification (and no Jira task).
      from: ['Completed'],
      on: 'close',
      label: 'close (already closed)',
      update: (ctx) => settle(ctx.state.data, 'Completed', ctx),
    },
    {
      from: '*',
      on: 'close',
      label: 'close',
      to: 'Completed',
      update: (ctx) => settle(ctx.state.data, 'Completed', ctx),
      effects: ({ state }, next) => [...statusNotifications(state.id, state.status, 'Completed', next.data), ...closeEpic(next.data)],
    },
    {
      from: ['In Progress'],
      on: 'reopen',
      label: 'reopen (already open)',
      update: (ctx) => settle(ctx.state.data, 'In Progress', ctx),
    },
    {
      from: '*',
      on: 'reopen',
      label: 'reopen',
      to: 'In Progress',
      update: (ctx) => settle(ctx.state.data, 'In Progress', ctx),
      effects: ({ state }, next) => statusNotifications(state.id, state.status, 'In Progress', next.data),
    },
    {
      from: NOT_IN_PROGRESS,
      on: 'add_test',
      label: 'add test (starts it)',
      reject: writeRejection('add_test'),
      guard: ({ state }) => state.data.active,
      to: 'In Progress',
      update: (ctx) => settle(ctx.state.data, 'In Progress', ctx),
      effects: ({ state }, next) => statusNotifications(state.id, state.status, 'In Progress', next.data),
    },
    {
      from: '*',
      on: 'add_test',
      label: 'add test',
      reject: writeRejection('add_test'),
      update: (ctx) => settle(ctx.state.data, ctx.state.status, ctx),
    },
    {
      from: '*',
      on: 'import_scan',
      label: 'import scan',
      reject: writeRejection('import_scan'),
      update: (ctx) => {
        const { state, event, now, settings } = ctx;
        let data = state.data;
        if (data.engagementType === 'CI/CD') {
          const scanDate = event.scanDate ?? calendarDateAt(now, settings.timeZone);
          if (scanDate > data.targetEnd) data = { ...data, targetEnd: scanDate as CalendarDate };
        }
        return settle(data, state.status, ctx);
      },
    },
    {
      from: '*',
      on: 'edit',
      label: 'edit',
      reject: ({ state, event }: Ctx<'edit'>) => {
        const issues = dateOrderIssues(event.targetStart ?? state.data.targetStart, event.targetEnd ?? state.data.targetEnd);
        if (issues.length === 0) return null;
        return new LifecycleError('invalid_input', `Invalid edit of engagement "${state.id}": ${DATE_ORDER_MESSAGE}`, {
          issues: issues.map((i) => ({ ...i, code: 'custom' })),
          details: { engagementId: state.id, targetStart: event.targetStart ?? state.data.targetStart, targetEnd: event.targetEnd ?? state.data.targetEnd },
        });
      },
      update: (ctx) => {
        const { type: _t, at: _a, actor: _ac, reason: _r, ...fields } = ctx.event;
        return settle(applyEdits(ctx.state.data, fields), ctx.state.status, ctx);
      },
    },
    {
      from: '*',
      on: 'set_jira',
      label: 'jira settings',
      update: (ctx) => {
        const { state, event } = ctx;
        const jira = {
          project: event.project === undefined ? state.data.jira.project : event.project,
          assetProject: event.assetProject === undefined ? state.data.jira.assetProject : event.assetProject,
          epic: event.epic === undefined ? state.data.jira.epic : event.epic,
        };
        const same = jira.project === state.data.jira.project && jira.assetProject === state.data.jira.assetProject && jira.epic === state.data.jira.epic;
        return settle(same ? state.data : { ...state.data, jira }, state.status, ctx);
      },
    },
  ],
  regions: { schedule: { values: ['on_track', 'overdue'], of: (data) => (data.clock.overdue ? 'overdue' : 'on_track') } },
  facets: (state) => ({ asset: state.data.productId, active: state.data.active }),
  nextDue: (state, settings) => nextDueMs(state.status, state.data, settings),
});

/** DefectDojo's engagement lifecycle: `create`, `apply`, `machine` and the rest of `Lifecycle`. */
export const defectdojo = /* @__PURE__ */ defineLifecycle<
  DefectDojoStatus,
  DefectDojoData,
  DefectDojoEvent,
  DefectDojoSettings,
  DefectDojoEffectDraft,
  DefectDojoEventInput,
  DefectDojoSettingsInput
>(defectDojoDeclaration);
