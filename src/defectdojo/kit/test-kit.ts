/** DefectDojo's test kit: its invariants, and payloads that make engagements live realistic lives. */
import { defineTestKit } from '../../testing/kit-support.js';
import { defectdojoPayloads, defectdojoSettingsArb, defectdojoWeights } from './arbitraries.js';
import { defectdojoInvariants } from './invariants.js';
import { lazyObject } from '../../core/index.js';

/** DefectDojo's test kit, registered under the lifecycle id `defectdojo`. */
export const defectdojoKit = /* @__PURE__ */ lazyObject(() => defineTestKit('defectdojo', {
  invariants: defectdojoInvariants,
  scenario: { settings: defectdojoSettingsArb(), weights: defectdojoWeights, payloads: defectdojoPayloads },
}));
