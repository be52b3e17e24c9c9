/**
 * Scenarios with the built-in kits' defaults: the kits of the lifecycle's lineage (its own, then those of the
 * lifecycles it extends) give realistic settings, weights and payloads. The generic machinery is `scenario.ts`.
 */
import type * as fc from 'fast-check';
import { caught } from '../core/index.js';
import { requireLifecycle } from './guards.js';
import type { AnyLifecycle } from './invariants.js';
import { kitsOf } from './registry.js';
import { scenarioArbWith, scenarioPartsWith, settingsArbWith, type ScenarioOf, type ScenarioOptions, type ScenarioParts } from './scenario.js';

/**
 * Scenarios for any lifecycle: settings, a creation, and up to `maxEvents` events on a realistic clock. Event
 * payloads come from the events' zod schemas (with the built-in kits' realistic values, and `payloads` merged
 * over them); creations carry a stable `id`.
 * @throws LifecycleError `invalid_input` on bad options, or naming an event payload it cannot derive.
 */
export function scenarioArb<L extends AnyLifecycle>(lifecycle: L, options: ScenarioOptions = {}): fc.Arbitrary<ScenarioOf<L>> {
  requireLifecycle(lifecycle, 'scenarioArb: the lifecycle');
  return caught('scenarioArb', () => scenarioArbWith(lifecycle, kitsOf(lifecycle), options));
}

/**
 * Settings for a lifecycle: those of its kit (PlexTrac's: a tricky time zone), else values its settings schema
 * accepts (a `timeZone` field gets the tricky zones).
 */
export function settingsArb(lifecycle: AnyLifecycle): fc.Arbitrary<unknown> {
  requireLifecycle(lifecycle, 'settingsArb: the lifecycle');
  return caught('settingsArb', () => settingsArbWith(lifecycle, kitsOf(lifecycle)));
}

/**
 * The parts of a lifecycle's scenarios with the built-in kits' defaults (for the model-based runner).
 * @throws LifecycleError `invalid_input` on bad options or underivable payloads.
 */
export function scenarioParts(lifecycle: AnyLifecycle, options: ScenarioOptions = {}): ScenarioParts {
  requireLifecycle(lifecycle, 'scenarioParts: the lifecycle');
  return caught('scenarioParts', () => scenarioPartsWith(lifecycle, kitsOf(lifecycle), options));
}
