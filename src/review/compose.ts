/**
 * Review → engagement: the report's status changes, replayed as PlexTrac's `report_status_changed` on the
 * engagement the report belongs to. A host that runs both lifecycles gets the engagement status for free: after
 * each change, the engagement's status is PlexTrac's `derive` of the report's status.
 */
import * as z from 'zod';
import { caughtResult, deepFreeze, lazyObject, LifecycleError, parseArguments, statusChangeSchema, type EngineOptions, type Effect, type Result, type StatusChangedEffect } from '../core/index.js';
import { plextrac, type PlextracEffect, type PlextracEventInput, type PlextracSettings, type PlextracState } from '../plextrac/index.js';
import type { ReviewState } from './lifecycle.js';
import { REVIEW_STATUSES, type ReviewStatus } from './statuses.js';

/** What the composition reads of a review status change (checked: these functions are public). */
const reviewChange = /* @__PURE__ */ lazyObject(() => statusChangeSchema(REVIEW_STATUSES).extend({ engagementId: z.string(), cause: z.string() }));
/** Any effect's envelope: enough to tell the review's status changes from the rest. */
const effectList = /* @__PURE__ */ lazyObject(() => z.array(z.looseObject({ type: z.string(), lifecycle: z.string() })));

const isReviewChange = (effect: { readonly type: string; readonly lifecycle: string }): boolean => effect.type === 'status_changed' && effect.lifecycle === 'review';

/**
 * The PlexTrac event a review status change drives, or null for the report's creation: PlexTrac's approval
 * already gave the engagement its Draft report.
 */
export function engagementEventOf(change: StatusChangedEffect<ReviewStatus>): PlextracEventInput | null {
  return eventOf('engagementEventOf', change);
}

function eventOf(what: string, change: unknown): PlextracEventInput | null {
  const { from, to, at, engagementId, cause } = parseArguments(what, { change: reviewChange }, [change]).change;
  if (from === null) return null;
  return Object.freeze({ type: 'report_status_changed' as const, at, reportStatus: to, reason: `report ${engagementId}: ${cause}` });
}

/** The PlexTrac events that a review step's effects drive, in order (other effects are not the engagement's). */
export function engagementEventsOf(effects: readonly Effect[]): readonly PlextracEventInput[] {
  const args = parseArguments('engagementEventsOf', { effects: effectList }, [effects]);
  return deepFreeze(args.effects.filter(isReviewChange).flatMap((e) => eventOf('engagementEventsOf', e) ?? []));
}

/** What driving the engagement gave: its new state and the effects of every change, in order. */
export interface DrivenEngagement {
  readonly state: PlextracState;
  readonly effects: readonly PlextracEffect[];
}

/**
 * Applies a review step to the engagement its report belongs to: each status change of the report becomes a
 * `report_status_changed` on the engagement. Returns the engagement unchanged when the report's status did not
 * change. Refuses with `invalid_input` when the report belongs to another engagement (or to none), and with
 * PlexTrac's own refusal when the engagement does not accept the change (a Pending or Canceled engagement).
 */
export function driveEngagement(
  engagement: PlextracState,
  report: ReviewState,
  reviewEffects: readonly Effect[],
  options?: EngineOptions<Partial<PlextracSettings>>,
): Result<DrivenEngagement> {
  // The caller's getters and Proxy traps run here; whatever they throw is the failed result.
  return deepFreeze(caughtResult('driveEngagement', () => drive(engagement, report, reviewEffects, options)));
}

function drive(
  engagement: PlextracState,
  report: ReviewState,
  reviewEffects: readonly Effect[],
  options?: EngineOptions<Partial<PlextracSettings>>,
): Result<DrivenEngagement> {
  if (report?.data?.engagementId !== engagement?.id) {
    return {
      ok: false,
      error: new LifecycleError(
        'invalid_input',
        `Report "${String(report?.id)}" belongs to ${report?.data?.engagementId ? `engagement "${report.data.engagementId}"` : 'no engagement'}, not to "${String(engagement?.id)}".`,
        // Only strings of the caller's go into the error: the result is deep-frozen, and a caller's object must not be.
        { details: { reportId: typeof report?.id === 'string' ? report.id : null, engagementId: typeof engagement?.id === 'string' ? engagement.id : null } },
      ),
    };
  }
  // The library's own parsed copy: the result is deep-frozen, and with no event to apply it would be the caller's.
  const parsed = plextrac.safeParseState(engagement);
  if (!parsed.ok) return parsed;
  let state = parsed.state;
  const effects: PlextracEffect[] = [];
  for (const event of engagementEventsOf(reviewEffects)) {
    const result = plextrac.apply(state, event, options);
    if (!result.ok) return result;
    state = result.state;
    effects.push(...result.effects);
  }
  return { ok: true, state, effects: deepFreeze(effects) };
}
