/**
 * DefectDojo's engagement lifecycle as a declaration. DefectDojo enforces no transition graph: any status may be
 * set by an edit. What the library adds is the consistency DefectDojo leaves to chance (`active` follows the
 * status), the named operations with their side effects (close, reopen, add a test, import a scan), and the hourly
 * task's rules (overdue, auto-close, upcoming, stale) at the clock events the host sends.
 */
import * as z from 'zod';
import {
  calendarDateAt,
  builtInDeclaration,
  deepEqual,
  builtInLifecycle,
  LifecycleError,
  type CalendarDate,
  type Effect,
  type EngagementState,
  type ArchiveEngagementDraft,
  type DeleteEngagementDraft,
  type RetentionEffectDraft,
  type StatusChangedDraft,
  type StepContext,
  type NextState,
  type TransitionSpec,
} from '../../core/index.js';
import { closeEpic, type JiraCloseEpicDraft } from './close-epic.js';
import { dateOrderIssues, defectDojoEventSchemas, type DefectDojoEvent, type DefectDojoEventInput } from './events.js';
import { NO_JIRA } from './jira.js';
import {
  applyEdits,
  DATE_ORDER_MESSAGE,
  defectDojoDataSchema,
  NEW_ENGAGEMENT_DEFAULTS,
  type DefectDojoData,
} from './model.js';
import { withOverdue } from './overdue.js';
import { engagementAdded, engagementClosed, engagementReopened, type NotificationDraft } from './notifications.js';
import { writeRefusal, type WriteOperation } from './policy.js';
import { defectDojoSettingsSchema, type DefectDojoSettings, type DefectDojoSettingsInput } from './settings.js';
import { DEFECTDOJO_STATUSES, isClosedStatus, type DefectDojoStatus } from './statuses.js';
import { noteFinishOf, retentionAt, retentionDue, retentionEffectsOf } from './retention.js';
import { AUTO_CLOSE, nextDueMs, ruleDue, runTimeRules } from './time-rules.js';

/* ---------- effects ---------- */

export type { JiraCloseEpicDraft } from './close-epic.js';

/** An effect a DefectDojo transition emits, before the engine stamps it. */
export type DefectDojoEffectDraft = NotificationDraft | JiraCloseEpicDraft | RetentionEffectDraft;
/** An effect of the DefectDojo lifecycle, stamped: a notification, a Jira task or a status change. */
export type DefectDojoEffect =
  | Effect<NotificationDraft>
  | Effect<JiraCloseEpicDraft>
  | Effect<ArchiveEngagementDraft>
  | Effect<DeleteEngagementDraft>
  | Effect<StatusChangedDraft<DefectDojoStatus>>;
/** A DefectDojo engagement: its status, data, id, version and times. */
export type DefectDojoState = EngagementState<DefectDojoStatus, DefectDojoData>;

/* ---------- the declaration ---------- */

type Ctx<K extends DefectDojoEvent['type']> = StepContext<DefectDojoStatus, DefectDojoData, Extract<DefectDojoEvent, { type: K }>, DefectDojoSettings>;

/** The time rules at one clock event (the table runs once for the update and once for the effects). */
function clockAt(ctx: { state: DefectDojoState; now: number; settings: DefectDojoSettings }): ReturnType<typeof runTimeRules> {
  return runTimeRules(ctx.state.id, ctx.state.status, ctx.state.data, ctx.now, ctx.settings);
}

/** No effects: one frozen empty list for the clocks that emit nothing (most of them). */
const NONE: readonly DefectDojoEffectDraft[] = Object.freeze([]);

/** Every event refreshes the overdue flag for the status the engagement ends in, and notes a first finish. */
function settle(data: DefectDojoData, status: DefectDojoStatus, ctx: { now: number; settings: DefectDojoSettings }): DefectDojoData {
  const active = !isClosedStatus(status);
  const consistent = data.active === active ? data : { ...data, active };
  return noteFinishOf(withOverdue(consistent, status, ctx.now, ctx.settings), status, ctx);
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

type Spec = TransitionSpec<DefectDojoStatus, DefectDojoData, DefectDojoEvent, DefectDojoSettings, DefectDojoEffectDraft>;

/**
 * Close and reopen, as DefectDojo has them: from `status` itself a no-op that only settles the data (no notification,
 * no Jira task), from anywhere else the move to `status` with its notifications and the `extra` effects.
 */
function commandTo(
  on: 'close' | 'reopen',
  status: DefectDojoStatus,
  already: string,
  extra: (data: DefectDojoData) => readonly DefectDojoEffectDraft[] = () => [],
): readonly Spec[] {
  const update = (ctx: Ctx<'close' | 'reopen'>) => settle(ctx.state.data, status, ctx);
  const effects = ({ state }: Ctx<'close' | 'reopen'>, next: NextState<DefectDojoStatus, DefectDojoData>) => [
    ...statusNotifications(state.id, state.status, status, next.data),
    ...extra(next.data),
  ];
  return [
    { from: [status], on, label: `${on} (already ${already})`, update },
    { from: '*', on, label: on, to: status, update, effects },
  ];
}

const ALL: readonly DefectDojoStatus[] = DEFECTDOJO_STATUSES;
const NOT_IN_PROGRESS = ALL.filter((s) => s !== 'In Progress');

/** DefectDojo's lifecycle as a declaration: statuses, events, transitions, time rules and regions. */
export const defectDojoDeclaration = /* @__PURE__ */ builtInDeclaration<
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
  settings: defectDojoSettingsSchema satisfies z.ZodType<DefectDojoSettings, unknown>,
  clockEvent: 'clock',
  create: [
    {
      on: 'create',
      label: 'create',
      to: { oneOf: ALL, select: ({ event }) => event.status ?? 'Not Started' },
      init: (ctx) => {
        const { event } = ctx;
        const { type: _t, at: _a, id: _i, actor: _ac, reason: _r, status, productId, jira, ...fields } = event;
        const base: DefectDojoData = { ...NEW_ENGAGEMENT_DEFAULTS, productId, targetStart: event.targetStart, targetEnd: event.targetEnd, jira: jira ?? NO_JIRA };
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
      update: (ctx) => retentionAt(settle({ ...ctx.state.data, clock: clockAt(ctx).clock }, AUTO_CLOSE.to, ctx), AUTO_CLOSE.to, ctx),
      effects: (ctx, next) => [...clockAt(ctx).effects, ...retentionEffectsOf(ctx, next)],
    },
    {
      from: '*',
      on: 'clock',
      label: 'clock',
      update: (ctx) => {
        const { clock } = clockAt(ctx);
        const settled = settle(clock === ctx.state.data.clock ? ctx.state.data : { ...ctx.state.data, clock }, ctx.state.status, ctx);
        return retentionAt(settled, ctx.state.status, ctx);
      },
      // Every rule that runs here marks the clock (auto-close, the one that does not, is the transition above), so
      // marks left as they were mean no rule ran: the table runs again only when it did.
      effects: (ctx, next) => {
        const timeRules = next.data.clock === ctx.state.data.clock ? NONE : clockAt(ctx).effects;
        const retention = retentionEffectsOf(ctx, next);
        return retention.length === 0 ? timeRules : [...timeRules, ...retention];
      },
    },
    {
      from: '*',
      on: 'set_status',
      label: 'set status',
      to: { oneOf: ALL, select: ({ event }: Ctx<'set_status'>) => event.status },
      update: (ctx) => settle(ctx.state.data, ctx.event.status, ctx),
      effects: ({ state, event }, next) => statusNotifications(state.id, state.status, event.status, next.data),
    },
    ...commandTo('close', 'Completed', 'closed', closeEpic),
    ...commandTo('reopen', 'In Progress', 'open'),
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
        const was = state.data.jira;
        // A field left out, or sent again with the same value (a new object from the host), keeps the stored one:
        // the comparison is by value, so re-sending the settings in force changes nothing and bumps no version.
        const keep = <K extends keyof typeof was>(key: K): (typeof was)[K] => {
          const sent = event[key] as (typeof was)[K] | undefined;
          return sent === undefined || deepEqual(sent, was[key]) ? was[key] : sent;
        };
        const jira = { project: keep('project'), assetProject: keep('assetProject'), epic: keep('epic') };
        const same = jira.project === was.project && jira.assetProject === was.assetProject && jira.epic === was.epic;
        return settle(same ? state.data : { ...state.data, jira }, state.status, ctx);
      },
    },
  ],
  regions: { schedule: { values: ['on_track', 'overdue'], of: (data) => (data.clock.overdue ? 'overdue' : 'on_track') } },
  facets: (state) => ({ asset: state.data.productId, active: state.data.active }),
  nextDue: (state, settings) => {
    // The earlier of the time rules' next instant and retention's.
    const due = [nextDueMs(state.status, state.data, settings), retentionDue(state, settings)].filter((ms): ms is number => ms !== null);
    return due.length === 0 ? null : Math.min(...due);
  },
});

/** DefectDojo's engagement lifecycle: `create`, `apply` and the rest of `Lifecycle`; its machine has the `schedule` region. */
export const defectdojo = /* @__PURE__ */ builtInLifecycle<
  DefectDojoStatus,
  DefectDojoData,
  DefectDojoEvent,
  DefectDojoSettings,
  DefectDojoEffectDraft,
  DefectDojoEventInput,
  DefectDojoSettingsInput,
  { schedule: 'on_track' | 'overdue' }
>(defectDojoDeclaration);
