/** The types of the retest functions: their options, results and effects. */
import type { ApplyResult, DeletePlan, Effect, EngagementState, EngineOptions, Result } from '../core/index.js';
import type { RetestFamily, RetestLink, RetestOutcome } from './family.js';
import type { RetestPolicyInput } from './rules.js';

/** A retest was requested: emitted on the parent's family. */
export interface RetestRequestedDraft {
  readonly type: 'retest_requested';
  readonly parentId: string;
  readonly retestId: string;
  readonly round: number;
}

/** A retest finished or was cancelled: its link is closed. */
export interface RetestClosedDraft {
  readonly type: 'retest_closed';
  readonly parentId: string;
  readonly retestId: string;
  readonly round: number;
  readonly outcome: RetestOutcome;
}

/**
 * An effect of a retest family, stamped with `lifecycle` `<parent lifecycle>.retests` (`plextrac.retests`), the
 * parent's id as `engagementId` and the family's new `version`: ids stay unique across requests and closes.
 */
export type RetestFamilyEffect = Effect<RetestRequestedDraft> | Effect<RetestClosedDraft>;

/** The options of a retest call: the lifecycle's settings and id generator, and the retest policy. */
export interface RetestOptions<SettingsInput = unknown> extends EngineOptions<SettingsInput> {
  /** The tenant's retest policy (`maxOpen`, 1 by default). */
  readonly policy?: RetestPolicyInput;
}

/** What `request` returns: the retest engagement, its link, the parent's new family and every effect. */
export interface RetestRequested<St, Ef> {
  /** The retest: a new engagement of the parent's lifecycle, version 1. */
  readonly retest: St;
  readonly link: RetestLink;
  readonly family: RetestFamily;
  /** The retest's creation effects (stamped for the retest), then `retest_requested` (stamped for the family). */
  readonly effects: readonly (Ef | RetestFamilyEffect)[];
}

/** What `applyToRetest` returns: the lifecycle's outcome for the retest, and its family (a new one if the link closed). */
export type RetestApplied<St, Ef> = Result<{
  readonly state: St;
  readonly changed: boolean;
  readonly family: RetestFamily;
  /** The link as it is after the event (closed when this event finished or cancelled the retest). */
  readonly link: RetestLink;
  /** The retest's effects, then `retest_closed` when the link closed. */
  readonly effects: readonly (Ef | RetestFamilyEffect)[];
}>;

/** What `settleRetest` returns: the family (a new one when the link closed), the link, and `retest_closed` if it did. */
export type RetestSettled = Result<{
  readonly changed: boolean;
  readonly family: RetestFamily;
  readonly link: RetestLink;
  readonly effects: readonly RetestFamilyEffect[];
}>;

/** The retest functions of one lifecycle. */
export interface Retests<St extends EngagementState, EvIn, Ef, ReqIn, SettingsInput> {
  /** The lifecycle whose engagements these are (`plextrac`, `defectdojo`). */
  readonly lifecycle: string;
  /** The status an engagement must have to be retested, and that finishes a retest. */
  readonly finished: St['status'];
  /** The status of a cancelled engagement (closes a retest's link too). */
  readonly cancelled: St['status'];
  /**
   * Requests a retest of `parent`: creates the child engagement with the scope it copies, links it, and returns
   * the parent's new family. `family` is the parent's current family; null or undefined before its first retest.
   * Refused (`operation_not_allowed`, `details.operation` `request_retest`) when the parent is not finished or
   * when `policy.maxOpen` retests are open; `out_of_order` when dated before the parent's or family's last change.
   * Never throws.
   */
  request(parent: St, family: RetestFamily | null | undefined, request: ReqIn, options?: RetestOptions<SettingsInput>): Result<RetestRequested<St, Ef>>;
  /**
   * Applies an event to a parent through its lifecycle, refusing one that would move it out of its finished
   * status while a retest is open (`reopen_parent` or `cancel_parent`). Never throws.
   */
  applyToParent(family: RetestFamily | null | undefined, parent: St, event: EvIn, options?: RetestOptions<SettingsInput>): ApplyResult<St, Ef, unknown>;
  /**
   * Applies an event to a retest through its lifecycle: finishing or cancelling it closes its link (the family's
   * next version and `retest_closed`); an event that would change a closed retest's status is refused
   * (`change_closed_retest`). `not_found` when the retest is not in the family. Never throws.
   */
  applyToRetest(family: RetestFamily, retest: St, event: EvIn, options?: RetestOptions<SettingsInput>): RetestApplied<St, Ef>;
  /**
   * Closes the link of a retest that reached its finished or cancelled status outside `applyToRetest` (the store's
   * sweep auto-closing a DefectDojo retest, an event the host applied with the lifecycle directly): the family's
   * next version and `retest_closed`, as `applyToRetest` would have. `changed: false` and the family as it was when
   * the retest is still open or its link already closed. `not_found` when the retest is not in the family. Never
   * throws.
   */
  settleRetest(family: RetestFamily, retest: St): RetestSettled;
  /**
   * A parent's delete plan with its retests: refused (`delete_parent`) while a retest is open; otherwise the
   * family record (kind `retest_family`) is deleted and each retest (kind `engagement`) is unlinked, not deleted.
   * Never throws.
   */
  planParentDelete(family: RetestFamily | null | undefined, plan: DeletePlan): Result<{ readonly plan: DeletePlan }>;
}
