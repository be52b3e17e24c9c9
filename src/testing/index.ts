/**
 * `engagement-lifecycle/testing`: the property-testing kit. Arbitraries (time zones, dates, instants, realistic
 * clocks, payloads from zod schemas, whole engagement lives for any lifecycle), named invariants, `checkLifecycle`
 * (both engines, every invariant, shrunk readable counterexamples) and model-based testing of a host's own system.
 *
 * fast-check 4 is an optional peer dependency of the package: only this entry point imports it.
 */
export {
  DST_TIME_ZONES,
  FAR_OFFSET_TIME_ZONES,
  FRACTIONAL_OFFSET_TIME_ZONES,
  TRICKY_TIME_ZONES,
  calendarDateArb,
  calendarDateNear,
  clockArb,
  clockStepArb,
  instantArb,
  instantNearDayStartArb,
  timeZoneArb,
} from './time.js';
export type { InstantRange } from './time.js';
export { Relative, arbitraryFromSchema, relativeDate, relativeInstant, resolveRelative } from './schema-arbitrary.js';
export type { SchemaArbitraryOptions } from './schema-arbitrary.js';
export { scenarioArb, settingsArb } from './lifecycle-scenarios.js';
export type { EventInputOfLifecycle, Scenario, ScenarioOf, ScenarioOptions, SettingsInputOfLifecycle } from './scenario.js';
export {
  changeIsReal,
  coreInvariants,
  effectIdsUnique,
  effectsStamped,
  enginesAgree,
  inputsUntouched,
  nextDueExact,
  noChangeNoEffects,
  refusalsAreTyped,
  statesValid,
  statusChangeReported,
  terminalAbsorbs,
  timeMovesForward,
  versionGrowsByOne,
} from './core-invariants.js';
export { defineInvariant } from './invariants.js';
export type { AnyLifecycle, Invariant, InvariantOutcome, StepResult, StepView } from './invariants.js';
export { builtInKits, invariantsFor, kitsOf } from './registry.js';
export type { InvariantSelection } from './registry.js';
export type { BuiltInTestKit, LifecycleTestKit, ScenarioDefaults } from './test-kit.js';
// The built-in lifecycles' kits (arbitraries, invariants, the kit objects), one line per lifecycle there.
export * from './lifecycle-kits.js';

export { formatRun } from './run.js';
export type { ScenarioRun, Violation } from './run.js';
export { LifecycleCheckError, ScenarioFailure, assertScenario, checkLifecycle, checkScenario, lifecycleProperty } from './check-lifecycle.js';
export type { AssertScenarioOptions, CheckLifecycleOptions, CheckReport } from './check-lifecycle.js';
export { HostCheckError, HostDivergence, checkHostAgainstModel, hostModelProperty } from './model-run.js';
export type { HostCheckOptions, HostCheckReport, HostReply, HostSystem, StateOfLifecycle } from './model-run.js';

// The store conformance suite is the entry `engagement-lifecycle/testing/store` (src/testing/store/index.ts).
