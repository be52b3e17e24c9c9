/**
 * Retests as pure functions over a parent, its retest family and its retests: `request` makes the linked child,
 * `applyToParent` and `applyToRetest` run the lifecycle's own engine and hold the rules of `RETEST_RULES` around
 * it, `settleRetest` closes a link the retest's own lifecycle finished, `planParentDelete` adds the links to a
 * parent's delete plan. Each returns new values and effects; nothing is stored, read from a clock or generated
 * here (the retest's id is the request's own or the injected generator's).
 */
import * as z from 'zod';
import { caughtResult, deepFreeze, failure, fromZodError, lazyObject, LifecycleError, stampEffects, type ApplyResult, type DeletePlan, type EngagementState, type EngineOptions, type IdGenerator, type Instant, type Result } from '../core/index.js';
import { emptyFamily, familyMismatch, openLinks, safeParseRetestFamily, type RetestFamily, type RetestLink, type RetestOutcome } from './family.js';
import type { RetestProfile } from './profiles.js';
import { namedRetests, retestOutOfOrder, retestPolicySchema, retestRefusal } from './rules.js';
import type { RetestApplied, RetestClosedDraft, RetestFamilyEffect, RetestRequested, RetestRequestedDraft, RetestSettled, Retests } from './types.js';

/** The lifecycle functions the retest code calls. */
interface ChildLifecycle<St, EvIn, Ef, SettingsInput> {
  readonly id: string;
  create(event: never, options?: EngineOptions<SettingsInput>): Result<{ readonly state: St; readonly effects: readonly Ef[] }>;
  apply(state: St, event: EvIn, options?: EngineOptions<SettingsInput>): ApplyResult<St, Ef, unknown>;
  safeParseState(input: unknown): Result<{ readonly state: St }>;
}

const optionsSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  settings: z.unknown().optional(),
  newId: z.custom<IdGenerator>((v) => typeof v === 'function', 'expected a function that returns a new id').optional(),
  policy: retestPolicySchema.optional(),
}));

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
  // Cast: the profile holds PlexTrac's or DefectDojo's lifecycle, typed by its own parameters; `ChildLifecycle` is
  // the narrow view of it these functions use, with the types `plextracRetests`/`defectDojoRetests` name.
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

  /** The family and the retest's link, validated; `not_found` when the retest is not one of the family's. */
  function linkOf(familyInput: unknown, retestInput: unknown): { family: RetestFamily; retest: St; link: RetestLink } | LifecycleError {
    const parsedFamily = safeParseRetestFamily(familyInput);
    if (!parsedFamily.ok) return parsedFamily.error;
    const family = parsedFamily.family;
    const mismatch = familyMismatch(family, lifecycle.id, family.parentId);
    if (mismatch) return mismatch;
    const parsedRetest = lifecycle.safeParseState(retestInput);
    if (!parsedRetest.ok) return parsedRetest.error;
    const retest = parsedRetest.state;
    const link = family.retests.find((l) => l.id === retest.id);
    if (!link) return new LifecycleError('not_found', `Engagement "${retest.id}" is not a retest of "${family.parentId}".`, { details: { id: retest.id, lifecycle: lifecycle.id } });
    return { family, retest, link };
  }

  /** The family with the link closed, when the open retest is finished or cancelled; null while it is open. */
  function closeLink(family: RetestFamily, link: RetestLink, retest: St): { family: RetestFamily; link: RetestLink; effects: RetestFamilyEffect[] } | null {
    const outcome: RetestOutcome | null = retest.status === profile.finished ? 'finished' : retest.status === profile.cancelled ? 'cancelled' : null;
    if (link.closedAt !== null || outcome === null) return null;
    const closed: RetestLink = { ...link, closedAt: retest.updatedAt, outcome };
    const next: RetestFamily = {
      ...family,
      version: family.version + 1,
      updatedAt: later(family.updatedAt, retest.updatedAt),
      retests: family.retests.map((l) => (l.id === link.id ? closed : l)),
    };
    const draft: RetestClosedDraft = { type: 'retest_closed', parentId: family.parentId, retestId: link.id, round: link.round, outcome };
    return { family: next, link: closed, effects: stamp(next, [draft]) };
  }

  function applyToRetest(familyInput: RetestFamily, retestInput: St, event: EvIn, optionsInput?: unknown): RetestApplied<St, Ef> {
    const options = parseOptions<SettingsInput>(optionsInput);
    if (options instanceof LifecycleError) return failure(options);
    const found = linkOf(familyInput, retestInput);
    if (found instanceof LifecycleError) return failure(found);
    const { family, retest: before, link } = found;
    const result = lifecycle.apply(before, event, options.engine);
    if (!result.ok) return result;
    const { state, changed } = result;
    if (link.closedAt !== null && state.status !== before.status) {
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
    const closing = closeLink(family, link, state);
    if (closing === null) return deepFreeze({ ok: true as const, state, changed, family, link, effects: [...result.effects] });
    return deepFreeze({ ok: true as const, state, changed, family: closing.family, link: closing.link, effects: [...result.effects, ...closing.effects] });
  }

  function settleRetest(familyInput: RetestFamily, retestInput: St): RetestSettled {
    const found = linkOf(familyInput, retestInput);
    if (found instanceof LifecycleError) return failure(found);
    const closing = closeLink(found.family, found.link, found.retest);
    if (closing === null) return deepFreeze({ ok: true as const, changed: false, family: found.family, link: found.link, effects: [] });
    return deepFreeze({ ok: true as const, changed: true, ...closing });
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
    settleRetest: guard('retest settle', settleRetest),
    planParentDelete: guard('parent delete plan', planParentDelete),
  }) as Retests<St, EvIn, Ef, ReqIn, SettingsInput>;
}
