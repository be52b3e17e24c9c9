/**
 * The review lifecycle's test kit: its invariants, realistic payloads for generated scenarios, and arbitraries of
 * whole review sequences. Loaded by `engagement-lifecycle/testing` only (it imports fast-check).
 */
export {
  REVIEW_AUTHOR,
  REVIEW_REVIEWERS,
  REVIEW_ROLES,
  REVIEW_WRITERS,
  reviewEventsArb,
  reviewPayloads,
  reviewSequenceArb,
  reviewSettingsArb,
  reviewWeights,
} from './arbitraries.js';
export type { ReviewSequence } from './arbitraries.js';
export {
  reviewApprovalsCounted,
  reviewEditClears,
  reviewFourEyes,
  reviewInvariants,
  reviewLockedInReview,
  reviewPublishedApproved,
} from './invariants.js';

export { reviewKit } from './test-kit.js';
