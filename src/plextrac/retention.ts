/**
 * Retention for PlexTrac engagements (the rule itself is the core's): Complete is the finished status, the
 * engagement is deleted alone (PlexTrac's report is the host's record), and only the clock archives or deletes.
 * Canceled engagements are not retained by the rule: Canceled is terminal, so no event, the clock included,
 * reaches them; a host deletes them by its own policy.
 */
import {
  engagementDeletePlan,
  noteFinish,
  retentionDueMs,
  retentionEffects,
  runRetention,
  instantMs,
  type EngagementState,
  type RetentionEffectDraft,
  type RetentionFacts,
  type RetentionSettings,
  type TimeZone,
} from '../core/index.js';
import { deriveStatus, type PlextracFacts } from './derive.js';
import type { PlextracStatus } from './statuses.js';

// Structural types, so that the declaration can import this file without a cycle.
type PlextracData = PlextracFacts & { readonly retention?: RetentionFacts | undefined };
interface PlextracSettings {
  readonly timeZone: TimeZone;
  readonly retention: RetentionSettings;
}
type PlextracState = EngagementState<PlextracStatus, PlextracData>;
interface Ctx {
  readonly state: PlextracState;
  readonly event: { readonly actor?: string | undefined };
  readonly settings: PlextracSettings;
  readonly now: number;
}

function withFacts<D extends PlextracData>(data: D, facts: RetentionFacts | undefined): D {
  return facts === data.retention ? data : { ...data, retention: facts };
}

/** The data after an event that left it `data` at `now`: the first finish is recorded when it derives Complete. */
export function noteFinishOf<D extends PlextracData>(data: D, now: number, settings: PlextracSettings): D {
  const finished = deriveStatus(data, now, settings.timeZone) === 'Complete';
  return withFacts(data, noteFinish(data.retention, finished, now, settings.retention));
}

/** A clock on a Complete engagement: records, archives and plans the deletion when due. */
export function retentionClock<D extends PlextracData>(ctx: Ctx & { readonly state: EngagementState<PlextracStatus, D> }): D {
  const { state, now, settings } = ctx;
  return withFacts(state.data, runRetention(state.data.retention, true, now, settings.timeZone, settings.retention));
}

/** What that clock emits: `archive_engagement`, `delete_engagement` with the plan to delete the engagement alone. */
export function retentionClockEffects(ctx: Ctx, next: { readonly data: PlextracData }): RetentionEffectDraft[] {
  const change = { lifecycle: 'plextrac', engagementId: ctx.state.id, version: ctx.state.version + 1, actor: ctx.event.actor };
  return retentionEffects(ctx.state.data.retention, next.data.retention, (at) => engagementDeletePlan(change, at, { deletes: [], unlinks: [], effects: [] }));
}

/** When retention is next due for a Complete engagement (the only status it runs in: the caller checks), or null. */
export function retentionDue(state: PlextracState, settings: PlextracSettings): number | null {
  return retentionDueMs(state.data.retention, true, settings.timeZone, settings.retention, instantMs(state.updatedAt));
}
