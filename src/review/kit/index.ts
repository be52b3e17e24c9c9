/**
 * The review lifecycle's test kit: its invariants, realistic payloads for generated scenarios, and arbitraries of
 * whole review sequences. Loaded by `engagement-lifecycle/testing` only (it imports fast-check).
 */
import * as fc from 'fast-check';
import type { LifecycleTestKit } from '../../testing/kit-support.js';
import { reviewInvariants } from './invariants.js';
import { reviewPayloads, reviewSettingsArb, reviewWeights } from './arbitraries.js';

export {
  AUTHOR,
  REVIEWERS,
  ROLES,
  WRITERS,
  reviewEventsArb,
  reviewPayloads,
  reviewSequenceArb,
  reviewSettingsArb,
  reviewWeights,
} from './arbitraries.js';
export type { ReviewSequence } from './arbitraries.js';
export {
  approvalsReplayed,
  reviewApprovalsCounted,
  reviewEditClears,
  reviewFourEyes,
  reviewInvariants,
  reviewLockedInReview,
  reviewPublishedApproved,
} from './invariants.js';

/** The kit `checkLifecycle` and `scenarioArb` use for the review lifecycle (registered under the id `review`). */
export const reviewKit: LifecycleTestKit = {
  invariants: reviewInvariants,
  scenario: {
    settings: reviewSettingsArb() as fc.Arbitrary<unknown>,
    // The scenario generator weighs events once for a whole life: the sum of the phases' weights.
    weights: Object.values(reviewWeights).reduce<Record<string, number>>((sum, phase) => {
      for (const [type, w] of Object.entries(phase)) sum[type] = (sum[type] ?? 0) + w;
      return sum;
    }, {}),
    payloads: reviewPayloads as unknown as Readonly<Record<string, fc.Arbitrary<Record<string, unknown>>>>,
  },
};
