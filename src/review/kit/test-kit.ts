/** The review lifecycle's test kit: its invariants, and payloads that make reports live realistic reviews. */
import type * as fc from 'fast-check';
import { defineTestKit } from '../../testing/kit-support.js';
import { reviewPayloads, reviewSettingsArb, reviewWeights } from './arbitraries.js';
import { reviewInvariants } from './invariants.js';
import { lazyObject } from '../../core/index.js';

// The scenario generator weighs events once for a whole life: the sum of the phases' weights.
const lifeWeights = Object.values(reviewWeights).reduce<Record<string, number>>((sum, phase) => {
  for (const [type, w] of Object.entries(phase)) sum[type] = (sum[type] ?? 0) + w;
  return sum;
}, {});

/** The review lifecycle's test kit, registered under the lifecycle id `review`. */
export const reviewKit = /* @__PURE__ */ lazyObject(() => defineTestKit('review', {
  invariants: reviewInvariants,
  scenario: {
    settings: reviewSettingsArb() as fc.Arbitrary<unknown>,
    weights: lifeWeights,
    payloads: reviewPayloads,
  },
}));
