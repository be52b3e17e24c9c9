/**
 * Retention for DefectDojo engagements (the rule itself is the core's): Completed is the finished status, and the
 * deletion's plan is the engagement with its `engagement_deleted` notification. Its tests, findings, notes, files
 * and Jira records are in the host's aggregate, not in the lifecycle's data: a host that keeps them computes the
 * whole cascade with `planEngagementDelete` at the effect's `at` (the same version). Cancelled engagements are not
 * retained: DefectDojo's Cancelled is not a finished engagement (it may be reopened, and nothing was delivered),
 * as Ghostwriter and SysReptor archive only completed or finished projects.
 */
import {
  engagementDeletePlan,
  noteFinish,
  retentionDueMs,
  retentionEffects,
  runRetention,
  stampEffects,
  type RetentionEffectDraft,
  type RetentionFacts,
  type TimeZone,
  type RetentionSettings,
  type StepContext,
  type BaseEvent,
  type EngagementState,
  instantMs,
} from '../../core/index.js';
import type { DefectDojoData } from './model.js';
import { engagementDeleted } from './notifications.js';
import type { DefectDojoStatus } from './statuses.js';

/** The status in which an engagement is finished for retention. */
export const FINISHED: DefectDojoStatus = 'Completed';

interface RetentionContext {
  readonly now: number;
  readonly settings: { readonly timeZone: TimeZone; readonly retention: RetentionSettings };
}

const withFacts = (data: DefectDojoData, facts: RetentionFacts | undefined): DefectDojoData =>
  facts === data.retention ? data : { ...data, retention: facts };

/** The data after any event leaving the engagement in `status`: the first finish recorded (with retention on). */
export function noteFinishOf(data: DefectDojoData, status: DefectDojoStatus, ctx: RetentionContext): DefectDojoData {
  return withFacts(data, noteFinish(data.retention, status === FINISHED, ctx.now, ctx.settings.retention));
}

/** The data after a clock leaving the engagement in `status`: archived and its deletion planned when due. */
export function retentionAt(data: DefectDojoData, status: DefectDojoStatus, ctx: RetentionContext): DefectDojoData {
  return withFacts(data, runRetention(data.retention, status === FINISHED, ctx.now, ctx.settings.timeZone, ctx.settings.retention));
}

/** What a clock emits for retention: `archive_engagement`, and `delete_engagement` with its plan. */
export function retentionEffectsOf(
  ctx: StepContext<DefectDojoStatus, DefectDojoData, BaseEvent, unknown>,
  next: { readonly data: DefectDojoData },
): RetentionEffectDraft[] {
  const { state, event } = ctx;
  // No retention facts changed (every clock but the few that archive or plan): nothing to emit, nothing to build.
  if (next.data.retention === state.data.retention) return [];
  const change = { lifecycle: 'defectdojo', engagementId: state.id, version: state.version + 1, actor: event.actor };
  return retentionEffects(state.data.retention, next.data.retention, (at) =>
    engagementDeletePlan(change, at, {
      deletes: [],
      unlinks: [],
      // Delivered once the deletion is done: stamped for the version after the one the plan expects.
      effects: stampEffects([engagementDeleted(next.data, event.actor ?? null)], change.lifecycle, state.id, change.version + 1, at),
    }),
  );
}

/** When retention is next due for an engagement in `state`, or null. */
export function retentionDue(state: EngagementState<DefectDojoStatus, DefectDojoData>, settings: RetentionContext['settings']): number | null {
  return retentionDueMs(state.data.retention, state.status === FINISHED, settings.timeZone, settings.retention, instantMs(state.updatedAt));
}
