/**
 * Plans: multi-record changes computed purely and executed by the host's store in one atomic step. A lifecycle
 * computes the plan (for example DefectDojo's cascade delete); `engagement-lifecycle/store` executes it.
 */
import type { Instant } from './dates.js';
import type { Effect } from './effects.js';

/** One record a plan touches. `parent` names the record it hangs under (a finding under its test). */
export interface PlanItem {
  readonly kind: string;
  readonly id: string;
  readonly parent?: { readonly kind: string; readonly id: string };
}

/** Deleting an engagement and everything that goes with it. */
export interface DeletePlan {
  readonly type: 'delete';
  readonly lifecycle: string;
  readonly engagementId: string;
  /** The version the plan was computed from: executing it against another version is a `version_conflict`. */
  readonly expectedVersion: number;
  readonly at: Instant;
  readonly actor?: string | undefined;
  /** Everything deleted with the engagement, each record exactly once, the engagement itself excluded. */
  readonly deletes: readonly PlanItem[];
  /** Records that stay but lose their link to the engagement. */
  readonly unlinks: readonly PlanItem[];
  /** Effects to deliver once the deletion is done (stored in the outbox in the same atomic step). */
  readonly effects: readonly Effect[];
}
