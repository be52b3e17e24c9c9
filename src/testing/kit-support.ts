/**
 * What a lifecycle's test kit (`src/<lifecycle>/kit/`) builds on: invariants, scenario machinery, time and
 * schema arbitraries, the kit's own type. Kits import the testing machinery only from here, and nothing here
 * imports a kit or the registry, so the kits and `src/testing/` form no import cycle.
 */
export { defineInvariant, type Invariant, type StepView } from './invariants.js';
export { isArbitrary, optionsObject } from './guards.js';
export { integerIn } from './parameters.js';
export { scenarioArbWith, type Scenario } from './scenario.js';
export { Relative, relativeDate } from './schema-arbitrary.js';
export { defineTestKit, type LifecycleTestKit } from './test-kit.js';
export { calendarDateArb, calendarDateNear, instantArb, timeZoneArb, type InstantRange } from './time.js';
