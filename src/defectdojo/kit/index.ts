/**
 * DefectDojo's test kit: arbitraries for settings, creations, engagements and whole engagement lives,
 * DefectDojo's invariants, and the kit the testing entry registers for the lifecycle id `defectdojo`. Only
 * `src/testing/` imports this folder; it imports the lifecycle, never the aggregate.
 */
export {
  defectdojoCreateArb,
  defectdojoEngagementArb,
  defectdojoPayloads,
  defectdojoSettingsArb,
  defectdojoStatusArb,
  defectdojoWeights,
  invalidDefectdojoInputArb,
} from './arbitraries.js';
export type { InvalidDefectDojoInput } from './arbitraries.js';
export {
  defectdojoActiveFollowsStatus,
  defectdojoClockOnlyAutoCloses,
  defectdojoDatesOrdered,
  defectdojoInvariants,
  defectdojoNoticesOnce,
  defectdojoRetentionOnce,
  defectdojoOverdueFlag,
  defectdojoStatusNotifications,
} from './invariants.js';
export { defectdojoScenarioArb } from './scenarios.js';
export type { DefectDojoScenario, DefectDojoScenarioOptions } from './scenarios.js';
export { defectdojoKit } from './test-kit.js';
