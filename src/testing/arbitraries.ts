/**
 * Every arbitrary of the kit, from one module (the path tests used before the kit had its own entry point):
 * time, schema-derived payloads, scenarios for any lifecycle, and PlexTrac's.
 */
export * from './time.js';
export * from './schema-arbitrary.js';
export { scenarioArb, settingsArb } from './lifecycle-scenarios.js';
export type { Scenario, ScenarioOf, ScenarioOptions } from './scenario.js';
// All of PlexTrac's arbitraries module, so that its list of names is kept in one place (the kit's index).
export * from '../plextrac/kit/arbitraries.js';
