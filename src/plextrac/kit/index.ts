/**
 * PlexTrac's test kit: arbitraries for report statuses, facts and whole engagement lives, PlexTrac's invariants,
 * and the kit the testing entry registers for the lifecycle id `plextrac`. Only `src/testing/` imports this folder.
 */
export {
  deriveInputArb,
  plextracFactsArb,
  plextracScenarioArb,
  plextracSettingsArb,
  reportStatusArb,
  reportStatusSequenceArb,
} from './arbitraries.js';
export type { PlextracScenario, PlextracScenarioOptions } from './arbitraries.js';
export {
  plextracCanceledAbsorbs,
  plextracCancelledFlag,
  plextracDerivation,
  plextracInvariants,
  plextracReportCreatedOnce,
  plextracReportOnlyWhenApproved,
} from './invariants.js';
export { plextracKit } from './test-kit.js';
