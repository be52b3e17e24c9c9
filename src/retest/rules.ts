/**
 * The rules for a parent engagement and its retests, declared once as data: the code refuses by them and the docs
 * list them. Every refusal is `operation_not_allowed` with `details.operation` naming the rule.
 */
import * as z from 'zod';
import { lazyObject, LifecycleError, type Instant } from '../core/index.js';
import type { RetestLink } from './family.js';

/** What a rule is about: the `details.operation` of its refusal. */
export type RetestOperation = 'request_retest' | 'reopen_parent' | 'cancel_parent' | 'delete_parent' | 'change_closed_retest';

/** One declared rule: the situation, what the library does, and why. */
export interface RetestRule {
  readonly operation: RetestOperation | 'close_link';
  readonly when: string;
  readonly decision: string;
  readonly why: string;
}

/** The rules for a parent and its retests, in the order `docs/retests.md` lists them. */
export const RETEST_RULES: readonly RetestRule[] = Object.freeze(
  [
    {
      operation: 'request_retest',
      when: 'a retest is requested on a parent that is not finished (PlexTrac Complete, DefectDojo Completed)',
      decision: 'refused',
      why: 'a retest checks the fixes of findings already reported; before the report is out there is nothing to retest (APTRS allows retests on completed projects only)',
    },
    {
      operation: 'request_retest',
      when: 'a retest is requested while `maxOpen` retests of the parent are open (1 by default)',
      decision: 'refused',
      why: 'two open retests of one report would verify the same findings twice; APTRS allows one active retest at a time. Raise `maxOpen` to allow more',
    },
    {
      operation: 'reopen_parent',
      when: 'an event would move the parent out of its finished status while a retest is open',
      decision: 'refused',
      why: 'the open retest verifies the published report; reopening it would change what is being retested. Finish or cancel the retest first',
    },
    {
      operation: 'cancel_parent',
      when: 'the parent would be cancelled while a retest is open',
      decision: 'refused',
      why: 'cancelling would leave a retest of a cancelled engagement; cancelling the retest silently would lose its work. Cancel the retest first',
    },
    {
      operation: 'delete_parent',
      when: 'the parent would be deleted while a retest is open',
      decision: 'refused; with every retest closed, the retests stay (unlinked) and the family record is deleted',
      why: 'a retest is an engagement of its own, with its own report: deleting the parent must not delete it, nor leave it open without a parent',
    },
    {
      operation: 'close_link',
      when: 'a retest reaches its finished status, or is cancelled (through `applyToRetest`, or `settleRetest` after the lifecycle alone moved it)',
      decision: 'its link closes (`outcome` finished or cancelled) and the parent may be reopened, cancelled or retested again',
      why: 'the parent knows its open retests: those neither finished nor cancelled',
    },
    {
      operation: 'change_closed_retest',
      when: 'an event would change the status of a closed retest (DefectDojo reopen, a PlexTrac report moved back)',
      decision: 'refused; events that keep its status (edits, clock) are applied',
      why: 'a closed link stays closed, so a retest can never be open on a parent that has been reopened since. Request a new retest instead',
    },
  ].map((rule) => Object.freeze(rule)) as RetestRule[],
);

/** The policy of a tenant's retests. */
export const retestPolicySchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  /** How many retests of one parent may be open at once; 1 by default (APTRS). */
  maxOpen: z.number().int().min(1).default(1),
}));

/** The policy of a tenant's retests, validated, with defaults. */
export type RetestPolicy = Readonly<z.output<typeof retestPolicySchema>>;
/** The policy as callers give it (every field optional). */
export type RetestPolicyInput = z.input<typeof retestPolicySchema>;

/** `operation_not_allowed` for a retest rule, with the engagement, its status (when known), the rule and the open retests. */
export function retestRefusal(
  operation: RetestOperation,
  message: string,
  engagementId: string,
  status: string | null,
  open: readonly RetestLink[],
): LifecycleError<'operation_not_allowed'> {
  const openRetests = open.map((l) => l.id);
  return new LifecycleError('operation_not_allowed', message, {
    details: status === null ? { engagementId, operation, openRetests } : { engagementId, status, operation, openRetests },
  });
}

/** `out_of_order` for a retest operation dated before the last change it depends on. */
export function retestOutOfOrder(engagementId: string, at: Instant, updatedAt: Instant, what: string): LifecycleError<'out_of_order'> {
  return new LifecycleError('out_of_order', `${what} at ${at} is dated before the last change at ${updatedAt}; time only moves forward.`, {
    details: { engagementId, at, updatedAt },
  });
}

/** "retest "a"" or "retests "a", "b"", for messages. */
export function namedRetests(open: readonly RetestLink[]): string {
  return `${open.length === 1 ? 'retest' : 'retests'} ${open.map((l) => `"${l.id}"`).join(', ')}`;
}
