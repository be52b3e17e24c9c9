/** The review settings, after PwnDoc's (`minReviewers`, `removeApprovalsUponUpdate`, `mandatoryReview`). */
import * as z from 'zod';
import { lazyObject, readonlyArray } from '../core/index.js';

/** The review settings: every field has a default, so `{}` is PwnDoc's defaults with reviews enabled. */
export const reviewSettingsSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  /** Distinct approvals (by people who are neither the author nor a collaborator) that make a report Approved. */
  minApprovals: z.number().int().min(1).max(100).default(1),
  /** An edit during review clears the approvals given so far (PwnDoc's `removeApprovalsUponUpdate`). */
  clearApprovalsOnEdit: z.boolean().default(true),
  /** Publishing is refused unless the report is Approved (PwnDoc's `mandatoryReview`). */
  requireApproval: z.boolean().default(true),
  /** Roles whose members may edit while the report is in review (PwnDoc #565); none by default. */
  editRolesInReview: readonlyArray(z.string().min(1)).default([]),
}));

/** Validated review settings. */
export interface ReviewSettings {
  readonly minApprovals: number;
  readonly clearApprovalsOnEdit: boolean;
  readonly requireApproval: boolean;
  readonly editRolesInReview: readonly string[];
}

/** What callers may pass as review settings (every field optional). */
export type ReviewSettingsInput = z.input<typeof reviewSettingsSchema>;
