/**
 * The link between a finished engagement and its retests, kept by the parent: which retests were requested, in
 * which round, and which are still open. PwnDoc keeps the same link on the child (`type: retest`, `parentId`); here
 * each link carries both, and the parent's record lists them so that "the parent's open retests" is one read.
 */
import * as z from 'zod';
import { caughtResult, deepFreeze, eager, failure, fromZodError, instantSchema, lazyObject, LifecycleError, type Instant, type Result } from '../core/index.js';

/** How a retest's link was closed: the retest engagement finished, or it was cancelled. */
export const RETEST_OUTCOMES = ['finished', 'cancelled'] as const;
/** One of `RETEST_OUTCOMES`. */
export type RetestOutcome = (typeof RETEST_OUTCOMES)[number];

/** One retest of a parent engagement: a child engagement of the same lifecycle, linked by `parentId`. */
export interface RetestLink {
  /** Always `retest` (PwnDoc's audit `type`). */
  readonly kind: 'retest';
  /** The retest engagement's id. */
  readonly id: string;
  /** The engagement it retests. */
  readonly parentId: string;
  /** 1 for the parent's first retest, 2 for the second, and so on. */
  readonly round: number;
  readonly requestedAt: Instant;
  /** When the retest finished or was cancelled; null while it is open. */
  readonly closedAt: Instant | null;
  /** Null while open. */
  readonly outcome: RetestOutcome | null;
}

/** A parent engagement's retests: the record the host keeps beside the parent (one per parent). */
export interface RetestFamily {
  /** The parent's lifecycle (`plextrac` or `defectdojo`); its retests are engagements of the same lifecycle. */
  readonly lifecycle: string;
  readonly parentId: string;
  /** 0 before the first retest; grows by one with every change (a request, a link closed). */
  readonly version: number;
  /** The instant of the last change; null before the first retest. */
  readonly updatedAt: Instant | null;
  /** Every retest ever requested, in round order. */
  readonly retests: readonly RetestLink[];
}

const linkSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  kind: z.literal('retest'),
  id: z.string().min(1),
  parentId: z.string().min(1),
  round: z.number().int().min(1),
  requestedAt: eager(instantSchema),
  closedAt: eager(instantSchema).nullable(),
  outcome: z.enum(RETEST_OUTCOMES).nullable(),
}));

/** Validates a retest family: its shape, and that its links agree with it and with each other. */
export const retestFamilySchema: z.ZodType<RetestFamily> = /* @__PURE__ */ lazyObject(() => z
  .strictObject({
    lifecycle: z.string().min(1),
    parentId: z.string().min(1),
    version: z.number().int().min(0),
    updatedAt: eager(instantSchema).nullable(),
    retests: z.array(eager(linkSchema)),
  })
  .superRefine((family, ctx) => {
    const ids = new Set<string>();
    family.retests.forEach((link, i) => {
      const issue = (message: string, field: string) => ctx.addIssue({ code: 'custom', path: ['retests', i, field], message });
      if (link.parentId !== family.parentId) issue(`links to "${link.parentId}", not to the family's parent "${family.parentId}"`, 'parentId');
      if (link.id === family.parentId) issue('a retest cannot be its own parent', 'id');
      if (ids.has(link.id)) issue(`retest "${link.id}" is listed twice`, 'id');
      ids.add(link.id);
      if (link.round !== i + 1) issue(`expected round ${i + 1}: rounds count the retests in order`, 'round');
      if ((link.closedAt === null) !== (link.outcome === null)) issue('closedAt and outcome are both set or both null', 'outcome');
      if (link.closedAt !== null && link.closedAt < link.requestedAt) issue('closed before it was requested', 'closedAt');
    });
    if ((family.version === 0) !== (family.updatedAt === null)) {
      ctx.addIssue({ code: 'custom', path: ['updatedAt'], message: 'null exactly when version is 0 (nothing happened yet)' });
    }
  }) as z.ZodType<RetestFamily>);

/** The family of a parent with no retest yet. */
export function emptyFamily(lifecycle: string, parentId: string): RetestFamily {
  return deepFreeze({ lifecycle, parentId, version: 0, updatedAt: null, retests: [] });
}

/** The open links of a family already validated. */
export function openLinks(family: RetestFamily): readonly RetestLink[] {
  return deepFreeze(family.retests.filter((link) => link.closedAt === null));
}

/**
 * The retests of a family that are still open (requested, neither finished nor cancelled), in round order.
 * @throws LifecycleError `invalid_input` when `family` is not a valid retest family.
 */
export function openRetests(family: RetestFamily): readonly RetestLink[] {
  const parsed = safeParseRetestFamily(family);
  if (!parsed.ok) throw parsed.error;
  return openLinks(parsed.family);
}

/**
 * A retest family read from outside (a store, a request), validated; or `invalid_input` saying where it is wrong.
 * The caller's object is left as it is: the family returned is a frozen copy.
 */
export function safeParseRetestFamily(input: unknown): Result<{ readonly family: RetestFamily }> {
  return caughtResult('retest family', () => {
    const result = retestFamilySchema.safeParse(input);
    if (!result.success) return failure(fromZodError('retest family', result.error));
    return Object.freeze({ ok: true as const, family: deepFreeze(result.data) });
  });
}

/** Like `safeParseRetestFamily`, but returns the family or throws the `LifecycleError`. */
export function parseRetestFamily(input: unknown): RetestFamily {
  const result = safeParseRetestFamily(input);
  if (!result.ok) throw result.error;
  return result.family;
}

/** `invalid_input` when the family belongs to another engagement or lifecycle than `parent`. */
export function familyMismatch(family: RetestFamily, lifecycle: string, parentId: string): LifecycleError | null {
  if (family.lifecycle === lifecycle && family.parentId === parentId) return null;
  return new LifecycleError(
    'invalid_input',
    `The retest family of ${family.lifecycle} engagement "${family.parentId}" is not the family of ${lifecycle} engagement "${parentId}".`,
    { details: { parentId, familyParentId: family.parentId, lifecycle, familyLifecycle: family.lifecycle } },
  );
}
