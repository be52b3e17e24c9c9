/**
 * DefectDojo's "Delete Engagement" (spec section 5) as a plan: the records that go with the engagement and those
 * that only lose their link to it, plus the `engagement_deleted` notification. The library computes the plan; the
 * host's store executes it in one atomic step (`engagement-lifecycle/store`).
 */
import * as z from 'zod';
import {
  deepFreeze,
  failure,
  instantSchema,
  LifecycleError,
  stampEffects,
  type DeletePlan,
  type InstantInput,
  type PlanItem,
  type Result,
  eager, lazyObject,
} from '../../core/index.js';
import { aggregateRecords, parseEngagementAggregate, type EngagementAggregateInput } from './aggregate.js';
import { safeParseWith } from './inputs.js';
import { defectdojo, engagementDeleted } from '../lifecycle/index.js';

/** Plan-item kinds for the engagement's Jira records (DefectDojo's `JIRA_Project` and `JIRA_Issue` rows). */
export const JIRA_PROJECT_KIND = 'jira_project';
/** The kind of a delete plan's item for the engagement's link to its Jira epic. */
export const JIRA_EPIC_LINK_KIND = 'jira_epic_link';

/** The options of `planEngagementDelete`: the instant and, when known, the acting user. */
export interface DeleteOptions {
  /** When the deletion happens: the plan's `at` and the instant of `engagement_deleted`. */
  readonly at: InstantInput;
  /** Who deletes it: named in "The engagement "X" was deleted by <actor>". */
  readonly actor?: string;
}

const deleteOptionsSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({ at: eager(instantSchema), actor: z.string().min(1).optional() }));

/**
 * The plan to delete an engagement and everything that goes with it, as DefectDojo's cascade does:
 * - deleted: its tests, their findings, the findings' endpoint statuses, and every note and file of the
 *   engagement, its tests and its findings; its own Jira project settings (kind `jira_project`, named by the
 *   engagement id: there is one per engagement) and its epic link (kind `jira_epic_link`, named by the epic's key;
 *   the epic itself stays in Jira). Each record appears exactly once, children before their parents;
 * - unlinked: its risk acceptances, which stay (with their notes), as DefectDojo leaves them;
 * - effects: `engagement_deleted` to the lead, stamped for the version after the engagement's current one.
 * `expectedVersion` is the engagement's version, so that a store refuses the plan if the engagement changed since.
 * `at` must not be before the engagement's last change (`out_of_order`). Never throws.
 */
export function planEngagementDelete(aggregate: EngagementAggregateInput, options: DeleteOptions): Result<{ readonly plan: DeletePlan }> {
  const optsResult = safeParseWith(deleteOptionsSchema, options, 'delete options');
  if (!optsResult.ok) return optsResult;
  const opts = optsResult.value;
  const parsed = parseEngagementAggregate(aggregate);
  if (!parsed.ok) return parsed;
  const a = parsed.aggregate;
  const e = a.engagement;
  if (opts.at < e.updatedAt) {
    return failure(
      new LifecycleError('out_of_order', `Deleting at ${opts.at} is dated before the engagement's last change at ${e.updatedAt}; time only moves forward.`, {
        details: { engagementId: e.id, at: opts.at, updatedAt: e.updatedAt },
      }),
    );
  }
  const self = { kind: 'engagement', id: e.id };
  const deletes: PlanItem[] = [];
  const unlinks: PlanItem[] = [];
  for (const r of aggregateRecords(a, e.id)) {
    if (r.kind === 'risk_acceptance') unlinks.push({ kind: r.kind, id: r.id, parent: self });
    else if (r.parent.kind !== 'risk_acceptance') deletes.push({ kind: r.kind, id: r.id, parent: { ...r.parent } });
  }
  if (e.data.jira.project) deletes.push({ kind: JIRA_PROJECT_KIND, id: e.id, parent: self });
  if (e.data.jira.epic) deletes.push({ kind: JIRA_EPIC_LINK_KIND, id: e.data.jira.epic.key, parent: self });
  const effects = stampEffects([engagementDeleted(e.data, opts.actor ?? null)], defectdojo.id, e.id, e.version + 1, opts.at);
  const plan: DeletePlan = {
    type: 'delete',
    lifecycle: defectdojo.id,
    engagementId: e.id,
    expectedVersion: e.version,
    at: opts.at,
    ...(opts.actor !== undefined ? { actor: opts.actor } : {}),
    deletes,
    unlinks,
    effects,
  };
  return { ok: true, plan: deepFreeze(plan) };
}
