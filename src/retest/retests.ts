/**
 * Retests as pure functions over a parent, its retest family and its retests: `request` makes the linked child,
 * `applyToParent` and `applyToRetest` run the lifecycle's own engine and hold the rules of `RETEST_RULES` around
 * it, `planParentDelete` adds the links to a parent's delete plan. Each returns new values and effects; nothing is
 * stored, read from a clock or generated here (the retest's id is the request's own or the injected generator's).
 */
import * as z from 'zod';
import {
  caughtResult,
  deepFreeze,
  failure,
  fromZodError,
  LifecycleError,
  stampEffects,
  type ApplyResult,
  type DeletePlan,
  type Effect,
  type EngagementState,
  type EngineOptions,
  type IdGenerator,
  type Instant,
  type Result,
} from '../core/index.js';
import { emptyFamily, familyMismatch, openLinks, safeParseRetestFamily, type RetestFamily, type RetestLink, type RetestOutcome } from './family.js';
import type { RetestProfile } from './profiles.js';
import { namedRetests, retestOutOfOrder, retestPolicySchema, retestRefusal, type RetestPolicyInput } from './rules.js';

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
   * A parent's delete plan with its retests: refused (`delete_parent`) while a retest is open; otherwise the
   * family record (kind `retest_family`) is deleted and each retest (kind `engagement`) is unlinked, not deleted.
   * Never throws.
   */
  planParentDelete(family: RetestFamily | null | undefined, plan: DeletePlan): Result<{ readonly plan: DeletePlan }>;
}

/** The lifecycle functions the retest code calls. */
interface ChildLifecycle<St, EvIn, Ef, SettingsInput> {
  readonly id: string;
  create(event: never, options?: EngineOptions<SettingsInput>): Result<{ readonly state: St; readonly effects: readonly Ef[] }>;
  apply(state: St, event: EvIn, options?: EngineOptions<SettingsInput>): ApplyResult<St, Ef, unknown>;
  safeParseState(input: unknown): Result<{ readonly state: St }>;
}

const optionsSchema = z.strictObject({
  settings: z.unknown().optional(),
  newId: z.custom<IdGenerator>((v) => typeof v === 'function', 'expected a function that returns a new id').optional(),
  policy: retestPolicySchema.optional(),
});

interface ParsedOptions<SettingsInput> {
  readonly engine: EngineOptions<SettingsInput>;
  readonly maxOpen: number;
}

function parseOptions<SettingsInput>(options: unknown): ParsedOptions<SettingsInput> | LifecycleError {
  const result = optionsSchema.safeParse(options ?? {});
  if (!result.success) return fromZodError('retest options', result.error);
  const { settings, newId, policy } = result.data;
  const engine = { ...(settings !== undefined ? { settings: settings as SettingsInput } : {}), ...(newId !== undefined ? { newId } : {}) };
  return { engine, maxOpen: policy?.maxOpen ?? retestPolicySchema.parse({}).maxOpen };
}

/** The family given (validated, and checked to be the parent's), or the parent's empty family. */
function familyOf(input: unknown, lifecycle: string, parentId: string): RetestFamily | LifecycleError {
  if (input === null || input === undefined) return emptyFamily(lifecycle, parentId);
  const parsed = safeParseRetestFamily(input);
  if (!parsed.ok) return parsed.error;
  return familyMismatch(parsed.family, lifecycle, parentId) ?? parsed.family;
}

const later = (a: Instant | null, b: Instant): Instant => (a !== null && a > b ? a : b);

/** Builds the retest functions of a lifecycle from its profile. */
export function defineRetests<St extends EngagementState, EvIn, Ef, Req, ReqIn, SettingsInput>(
  profile: RetestProfile<St, Req>,
): Retests<St, EvIn, Ef, ReqIn, SettingsInput> {
  const lifecycle = profile.lifecycle as unknown as ChildLifecycle<St, EvIn, Ef, SettingsInput>;
  const familyLifecycle = `${lifecycle.id}.retests`;
  const stamp = (family: RetestFamily, drafts: (RetestRequestedDraft | RetestClosedDraft)[]) =>
    stampEffects(drafts, familyLifecycle, family.parentId, family.version, family.updatedAt!) as RetestFamilyEffect[];

  function request(parentInput: St, familyInput: unknown, requestInput: ReqIn, optionsInput?: unknown): Result<RetestRequested<St, Ef>> {
    const options = parseOptions<SettingsInput>(optionsInput);
    if (options instanceof LifecycleError) return failure(options);
    const parsedRequest = profile.requestSchema.safeParse(requestInput);
    if (!parsedRequest.success) return failure(fromZodError('retest request', parsedRequest.error));
    const req = parsedRequest.data as Req & { readonly at: Instant };
    const parsedParent = lifecycle.safeParseState(parentInput);
    if (!parsedParent.ok) return parsedParent;
    const parent = parsedParent.state;
    const family = familyOf(familyInput, lifecycle.id, parent.id);
    if (family instanceof LifecycleError) return failure(family);

    const last = later(family.updatedAt, parent.updatedAt);
    if (req.at < last) return failure(retestOutOfOrder(parent.id, req.at, last, 'Requesting a retest'));
    const open = openLinks(family);
    if (parent.status !== profile.finished) {
      return failure(
        retestRefusal('request_retest', `Engagement "${parent.id}" is ${parent.status}: only a ${profile.finished} engagement can be retested.`, parent.id, parent.status, open),
      );
    }
    if (open.length >= options.maxOpen) {
      return failure(
        retestRefusal(
          'request_retest',
          `Engagement "${parent.id}" already has ${namedRetests(open)} open (at most ${options.maxOpen}): finish or cancel it first, or raise policy.maxOpen.`,
          parent.id,
          parent.status,
          open,
        ),
      );
    }

    const round = family.retests.length + 1;
    const created = lifecycle.create(profile.childEvent(parent, req, round) as never, options.engine);
    if (!created.ok) return created;
    const retest = created.state;
    if (retest.id === parent.id || family.retests.some((l) => l.id === retest.id)) {
      return failure(
        new LifecycleError('invalid_input', `The retest's id "${retest.id}" is already the parent's or one of its retests': give a new id.`, {
          details: { engagementId: parent.id, retestId: retest.id },
        }),
      );
    }
    const link: RetestLink = { kind: 'retest', id: retest.id, parentId: parent.id, round, requestedAt: retest.createdAt, closedAt: null, outcome: null };
    const next: RetestFamily = { ...family, version: family.version + 1, updatedAt: retest.createdAt, retests: [...family.retests, link] };
    const effects = [...created.effects, ...stamp(next, [{ type: 'retest_requested', parentId: parent.id, retestId: retest.id, round }])];
    return deepFreeze({ ok: true as const, retest, link, family: next, effects });
  }

  function applyToParent(familyInput: unknown, parentInput: St, event: EvIn, optionsInput?: unknown): ApplyResult<St, Ef, unknown> {
    const options = parseOptions<SettingsInput>(optionsInput);
    if (options instanceof LifecycleError) return failure(options);
    const before = lifecycle.safeParseState(parentInput);
    if (!before.ok) return before;
    const parent = before.state;
    const family = familyOf(familyInput, lifecycle.id, parent.id);
    if (family instanceof LifecycleError) return failure(family);
    const result = lifecycle.apply(parent, event, options.engine);
    if (!result.ok) return result;
    const open = openLinks(family);
    const leaves = parent.status === profile.finished && result.state.status !== profile.finished;
    if (!leaves || open.length === 0) return result;
    const cancels = result.state.status === profile.cancelled;
    const message = cancels
      ? `Engagement "${parent.id}" cannot be cancelled while ${namedRetests(open)} of it is open: cancel the retest first.`
      : `Engagement "${parent.id}" cannot leave ${profile.finished} (to ${result.state.status}) while ${namedRetests(open)} of it is open: finish or cancel the retest first.`;
    return failure(retestRefusal(cancels ? 'cancel_parent' : 'reopen_parent', message, parent.id, parent.status, open));
  }

  function applyToRetest(familyInput: RetestFamily, retestInput: St, event: EvIn, optionsInput?: unknown): RetestApplied<St, Ef> {
    const options = parseOptions<SettingsInput>(optionsInput);
    if (options instanceof LifecycleError) return failure(options);
    const parsedFamily = safeParseRetestFamily(familyInput);
    if (!parsedFamily.ok) return parsedFamily;
    const family = parsedFamily.family;
    const mismatch = familyMismatch(family, lifecycle.id, family.parentId);
    if (mismatch) return failure(mismatch);
    const parsedRetest = lifecycle.safeParseState(retestInput);
    if (!parsedRetest.ok) return parsedRetest;
    const before = parsedRetest.state;
    const link = family.retests.find((l) => l.id === before.id);
    if (!link) {
      return failure(
        new LifecycleError('not_found', `Engagement "${before.id}" is not a retest of "${family.parentId}".`, { details: { id: before.id, lifecycle: lifecycle.id } }),
      );
    }
    const result = lifecycle.apply(before, event, options.engine);
    if (!result.ok) return result;
    const { state, changed } = result;
    if (link.closedAt !== null) {
      if (state.status !== before.status) {
        return failure(
          retestRefusal(
            'change_closed_retest',
            `Retest "${before.id}" of "${family.parentId}" is closed (${link.outcome}): it cannot move to ${state.status}; request a new retest instead.`,
            before.id,
            before.status,
            [],
          ),
        );
      }
      return deepFreeze({ ok: true as const, state, changed, family, link, effects: [...result.effects] });
    }
    const outcome: RetestOutcome | null = state.status === profile.finished ? 'finished' : state.status === profile.cancelled ? 'cancelled' : null;
    if (outcome === null) return deepFreeze({ ok: true as const, state, changed, family, link, effects: [...result.effects] });
    const closed: RetestLink = { ...link, closedAt: state.updatedAt, outcome };
    const next: RetestFamily = {
      ...family,
      version: family.version + 1,
      updatedAt: later(family.updatedAt, state.updatedAt),
      retests: family.retests.map((l) => (l.id === link.id ? closed : l)),
    };
    const draft: RetestClosedDraft = { type: 'retest_closed', parentId: family.parentId, retestId: link.id, round: link.round, outcome };
    return deepFreeze({ ok: true as const, state, changed, family: next, link: closed, effects: [...result.effects, ...stamp(next, [draft])] });
  }

  function planParentDelete(familyInput: unknown, plan: DeletePlan): Result<{ readonly plan: DeletePlan }> {
    const p = plan as Partial<DeletePlan> | null;
    if (p === null || typeof p !== 'object' || p.type !== 'delete' || typeof p.engagementId !== 'string' || !Array.isArray(p.deletes) || !Array.isArray(p.unlinks)) {
      return failure(new LifecycleError('invalid_input', 'Invalid delete plan: expected a plan of type "delete" with an engagementId, deletes and unlinks.'));
    }
    if (p.lifecycle !== lifecycle.id) {
      return failure(new LifecycleError('invalid_input', `The delete plan is for a ${String(p.lifecycle)} engagement, not a ${lifecycle.id} one.`));
    }
    const family = familyOf(familyInput, lifecycle.id, p.engagementId);
    if (family instanceof LifecycleError) return failure(family);
    const open = openLinks(family);
    if (open.length > 0) {
      return failure(
        retestRefusal('delete_parent', `Engagement "${family.parentId}" cannot be deleted while ${namedRetests(open)} of it is open: finish or cancel the retest first.`, family.parentId, null, open),
      );
    }
    const self = { kind: 'engagement', id: family.parentId };
    const extraDeletes = family.version > 0 ? [{ kind: 'retest_family', id: family.parentId, parent: self }] : [];
    const extraUnlinks = family.retests.map((l) => ({ kind: 'engagement', id: l.id, parent: self }));
    return deepFreeze({ ok: true as const, plan: { ...structuredClone(p as DeletePlan), deletes: [...p.deletes, ...extraDeletes], unlinks: [...p.unlinks, ...extraUnlinks] } });
  }

  const guard =
    <A extends unknown[], R extends { readonly ok: boolean }>(what: string, fn: (...args: A) => R) =>
    (...args: A): R =>
      caughtResult(what, () => fn(...args)) as R;

  return Object.freeze({
    lifecycle: lifecycle.id,
    finished: profile.finished,
    cancelled: profile.cancelled,
    request: guard('retest request', request),
    applyToParent: guard('retest parent event', applyToParent),
    applyToRetest: guard('retest event', applyToRetest),
    planParentDelete: guard('parent delete plan', planParentDelete),
  }) as Retests<St, EvIn, Ef, ReqIn, SettingsInput>;
}
