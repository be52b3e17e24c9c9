/**
 * Retention: archive a finished engagement N days after it was first finished, and plan its deletion M days after
 * it was archived (SysReptor's `AUTOMATICALLY_ARCHIVE_PROJECTS_AFTER` and automatic delete; Ghostwriter's 90-day
 * archive task). Both built-in lifecycles carry the same setting and facts and call these functions, so the rule
 * is stated once here.
 *
 * Which instants count (SysReptor #651: re-archiving restarted the deletion clock):
 * - the archive counts from the **first** finish, kept across reopening: finishing again never restarts it;
 * - the deletion counts from the **first** archive, kept across reopening;
 * - each happens once, and only while the engagement is finished: an engagement reopened when its archive or
 *   deletion falls due waits until it is finished again, and is then due at once.
 * Days are calendar days in the tenant's zone: due from 00:00 on the N-th day after the finish day.
 */
import * as z from 'zod';
import { calendarDateAt, dayStartMs, instantSchema, msToInstant, type Instant, type TimeZone } from './dates.js';
import { eager, lazyObject } from './lazy.js';
import type { DeletePlan } from './plans.js';

// Built on first use (`lazyObject`, marked pure so that a bundle that does not use retention drops them).
const days = () => z.number().int().min(0, 'a day count cannot be negative');

/**
 * Validates a tenant's retention settings: `null` (off) by default. When on, `archiveAfterDays` is required and
 * `deleteAfterDays` optional (`null`: never delete), so that a deletion always has an archive to count from.
 */
export const retentionSettingsSchema = /* @__PURE__ */ lazyObject(() =>
  z
    .strictObject({
      /** Days after the first finish before the engagement is archived. */
      archiveAfterDays: days(),
      /** Days after the archive before its deletion is planned; `null`: never. */
      deleteAfterDays: days().nullable().default(null),
    })
    .nullable()
    .default(null));

/** A tenant's retention settings, validated and defaulted: `null` when off. */
export type RetentionSettings = z.output<typeof retentionSettingsSchema>;
/** What callers may pass as retention settings: `null` or left out when off. */
export type RetentionSettingsInput = z.input<typeof retentionSettingsSchema>;

/** The facts retention needs, kept in the engagement's data once it is first finished with retention on. */
export interface RetentionFacts {
  /** The first time the engagement was finished (kept across reopening): the archive counts from it. */
  readonly firstFinishedAt: Instant;
  /** When it was archived (the clock that archived it); null until then. The deletion counts from it. */
  readonly archivedAt: Instant | null;
  /** When its deletion was planned; null until then. */
  readonly deletionPlannedAt: Instant | null;
}

/** Validates the retention facts of an engagement's data. */
export const retentionFactsSchema: z.ZodType<RetentionFacts, unknown> = /* @__PURE__ */ lazyObject(() =>
  z.strictObject({
    firstFinishedAt: eager(instantSchema),
    archivedAt: eager(instantSchema).nullable(),
    deletionPlannedAt: eager(instantSchema).nullable(),
  }));

/** The effect of archiving: the host archives the engagement's data (SysReptor encrypts it, Ghostwriter zips it). */
export interface ArchiveEngagementDraft {
  readonly type: 'archive_engagement';
  /** The finish the archive counted from. */
  readonly firstFinishedAt: Instant;
}

/** The effect of the deletion falling due: the delete plan the host's store executes. */
export interface DeleteEngagementDraft {
  readonly type: 'delete_engagement';
  /** The archive the deletion counted from. */
  readonly archivedAt: Instant;
  readonly plan: DeletePlan;
}

/** What retention emits. */
export type RetentionEffectDraft = ArchiveEngagementDraft | DeleteEngagementDraft;

/**
 * The facts after an event that leaves the engagement `finished` (or not) at `now`: the first finish is recorded
 * once, with retention on; nothing else changes. Returns `facts` itself when nothing changes.
 */
export function noteFinish(facts: RetentionFacts | undefined, finished: boolean, now: number, settings: RetentionSettings): RetentionFacts | undefined {
  if (facts !== undefined || !finished || settings === null) return facts;
  return { firstFinishedAt: msToInstant(now), archivedAt: null, deletionPlannedAt: null };
}

/**
 * The instant (epoch ms) from which retention's next step is due, or null when none is to come. A finished
 * engagement without facts (finished before retention was turned on) is due at `unrecordedMs` (pass its last
 * change): the next clock records its finish then.
 */
export function retentionDueMs(
  facts: RetentionFacts | undefined,
  finished: boolean,
  zone: TimeZone,
  settings: RetentionSettings,
  unrecordedMs: number,
): number | null {
  if (!finished || settings === null) return null;
  if (facts === undefined) return unrecordedMs;
  if (facts.archivedAt === null) return dayStartMs(calendarDateAt(facts.firstFinishedAt, zone), zone, settings.archiveAfterDays);
  if (facts.deletionPlannedAt === null && settings.deleteAfterDays !== null) {
    return dayStartMs(calendarDateAt(facts.archivedAt, zone), zone, settings.deleteAfterDays);
  }
  return null;
}

/**
 * Retention at a clock at `now` for an engagement that is `finished` (or not) after the clock: records the first
 * finish, then archives and plans the deletion when each is due (both in one clock when both are). Returns
 * `facts` itself when nothing changes.
 */
export function runRetention(
  facts: RetentionFacts | undefined,
  finished: boolean,
  now: number,
  zone: TimeZone,
  settings: RetentionSettings,
): RetentionFacts | undefined {
  let next = noteFinish(facts, finished, now, settings);
  for (;;) {
    const due = retentionDueMs(next, finished, zone, settings, now);
    if (next === undefined || due === null || due > now) return next;
    const at = msToInstant(now);
    next = next.archivedAt === null ? { ...next, archivedAt: at } : { ...next, deletionPlannedAt: at };
  }
}

/** What the engine knows of the change that archived or planned the deletion: for the delete plan. */
export interface RetentionChange {
  readonly lifecycle: string;
  readonly engagementId: string;
  /** The engagement's version after the change: the plan expects it. */
  readonly version: number;
  readonly actor?: string | undefined;
}

/**
 * The effects of a change of the facts from `before` to `after`: `archive_engagement` when it archived,
 * `delete_engagement` (with the plan the lifecycle gives for the engagement) when it planned the deletion.
 */
export function retentionEffects(
  before: RetentionFacts | undefined,
  after: RetentionFacts | undefined,
  plan: (at: Instant) => DeletePlan,
): RetentionEffectDraft[] {
  const effects: RetentionEffectDraft[] = [];
  if (after === undefined) return effects;
  if (after.archivedAt !== null && before?.archivedAt == null) {
    effects.push({ type: 'archive_engagement', firstFinishedAt: after.firstFinishedAt });
  }
  if (after.archivedAt !== null && after.deletionPlannedAt !== null && before?.deletionPlannedAt == null) {
    effects.push({ type: 'delete_engagement', archivedAt: after.archivedAt, plan: plan(after.deletionPlannedAt) });
  }
  return effects;
}

/** The plan to delete the engagement alone at `at`, with the lifecycle's own records and effects when it has any. */
export function engagementDeletePlan(change: RetentionChange, at: Instant, parts: Pick<DeletePlan, 'deletes' | 'unlinks' | 'effects'>): DeletePlan {
  return {
    type: 'delete',
    lifecycle: change.lifecycle,
    engagementId: change.engagementId,
    expectedVersion: change.version,
    at,
    ...(change.actor !== undefined ? { actor: change.actor } : {}),
    ...parts,
  };
}
