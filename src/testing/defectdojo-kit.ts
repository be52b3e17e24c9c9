/** DefectDojo's test kit: its invariants, and payloads that make engagements live realistic lives. */
import type { LifecycleTestKit } from './kit.js';
import { defectdojoInvariants } from './defectdojo-invariants.js';
import { defectdojoPayloads, defectdojoSettingsArb, defectdojoWeights } from './defectdojo-arbitraries.js';

export const defectdojoKit: LifecycleTestKit = {
  invariants: defectdojoInvariants,
  scenario: { settings: defectdojoSettingsArb(), weights: defectdojoWeights, payloads: defectdojoPayloads },
};
