/**
 * Whole DefectDojo engagement lives on a realistic clock, with DefectDojo's kit. Apart from the other arbitraries
 * because the kit is made from them.
 */
import * as fc from 'fast-check';
import { optionsObject, scenarioArbWith, type Scenario } from '../../testing/kit-support.js';
import { defectdojo, type DefectDojoEventInput, type DefectDojoSettingsInput } from '../lifecycle/index.js';
import { defectdojoPayloads, defectdojoSettingsArb, defectdojoWeights } from './arbitraries.js';
import { defectdojoKit } from './test-kit.js';

/** A DefectDojo scenario always carries its settings. */
export type DefectDojoScenario = Scenario<DefectDojoEventInput, DefectDojoSettingsInput> & { readonly settings: DefectDojoSettingsInput };

/** Options of `defectdojoScenarioArb`. */
export interface DefectDojoScenarioOptions {
  readonly maxEvents?: number;
  readonly minEvents?: number;
  /** Fixed settings instead of generated ones. */
  readonly settings?: DefectDojoSettingsInput;
}

/** A DefectDojo engagement's life: settings, a creation, and events with a realistic clock. */
export function defectdojoScenarioArb(input: DefectDojoScenarioOptions = {}): fc.Arbitrary<DefectDojoScenario> {
  // Read once into a copy: a caller's getter or Proxy cannot answer differently between the check and the use.
  const options = optionsObject(input, 'defectdojoScenarioArb options');
  return scenarioArbWith(defectdojo, [defectdojoKit], {
    maxEvents: options.maxEvents ?? 25,
    minEvents: options.minEvents ?? 0,
    settings: options.settings ? fc.constant(options.settings) : defectdojoSettingsArb(),
    weights: defectdojoWeights,
    payloads: defectdojoPayloads,
    start: { min: '2021-01-01T00:00:00Z', max: '2029-01-01T00:00:00Z' },
  }) as fc.Arbitrary<DefectDojoScenario>;
}
