/** Arbitraries for PlexTrac: report statuses and their sequences, the facts the status is derived from, settings, scenarios. */
import * as fc from 'fast-check';
import type { Instant, TimeZone } from '../../core/index.js';
import { calendarDateArb, integerIn, optionsObject, scenarioArbWith, timeZoneArb, type InstantRange, type Scenario } from '../../testing/kit-support.js';
import { REPORT_STATUSES, plextrac, type PlextracEventInput, type PlextracFacts, type ReportStatus } from '../index.js';
import { plextracKit } from './test-kit.js';

/** A report status as PlexTrac sends it: the UI spellings, and the API's "Ready For Review". */
export function reportStatusArb(input: { readonly apiSpelling?: boolean } = {}): fc.Arbitrary<ReportStatus | 'Ready For Review'> {
  // Options are read once into a copy: null, a non-object or a throwing getter is invalid_input.
  const options = optionsObject(input, 'reportStatusArb options');
  return options.apiSpelling === false ? fc.constantFrom(...REPORT_STATUSES) : fc.constantFrom(...REPORT_STATUSES, 'Ready For Review' as const);
}

const NEXT: Readonly<Record<ReportStatus, readonly ReportStatus[]>> = {
  Draft: ['Ready for Review'],
  'Ready for Review': ['In Review', 'Draft'],
  'In Review': ['Approved', 'Draft'],
  Approved: ['Published', 'In Review'],
  Published: ['Draft'],
};

/**
 * Report status changes. `realistic` (the default) walks the review workflow from Draft, forwards mostly and back
 * sometimes (a reviewer sends it back, a published report is reopened); otherwise any status in any order.
 */
export function reportStatusSequenceArb(input: { readonly maxLength?: number; readonly realistic?: boolean } = {}): fc.Arbitrary<ReportStatus[]> {
  const options = optionsObject(input, 'reportStatusSequenceArb options');
  const maxLength = integerIn('reportStatusSequenceArb: maxLength', options.maxLength ?? 8, 0, 100_000);
  if (options.realistic === false) return fc.array(fc.constantFrom(...REPORT_STATUSES), { maxLength });
  return fc.array(fc.nat({ max: 3 }), { maxLength }).map((choices) => {
    let current: ReportStatus = 'Draft';
    return choices.map((c) => {
      const options = NEXT[current];
      // Three chances in four to move forward (the first option), otherwise back.
      current = c < 3 ? options[0]! : (options[1] ?? options[0]!);
      return current;
    });
  });
}

/** The facts PlexTrac derives a status from; consistent ones by default (a report exists only once approved). */
export function plextracFactsArb(input: { readonly consistent?: boolean; readonly dates?: InstantRange } = {}): fc.Arbitrary<PlextracFacts> {
  const options = optionsObject(input, 'plextracFactsArb options');
  const startDate = calendarDateArb(options.dates ?? {});
  if (options.consistent === false) {
    return fc.record({ approved: fc.boolean(), cancelled: fc.boolean(), reportStatus: fc.option(fc.constantFrom(...REPORT_STATUSES)), startDate });
  }
  return fc.record({ approved: fc.boolean(), cancelled: fc.boolean(), reportStatus: fc.constantFrom(...REPORT_STATUSES), startDate }).map(
    (f): PlextracFacts => (f.approved ? f : { ...f, reportStatus: null }),
  );
}

/** Input for `derive`: facts, a time near the start date, and a zone. */
export function deriveInputArb(): fc.Arbitrary<PlextracFacts & { readonly now: Instant; readonly timeZone: TimeZone }> {
  return fc
    .tuple(plextracFactsArb(), timeZoneArb(), fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }))
    .map(([facts, timeZone, offset]) => ({ ...facts, timeZone, now: new Date(Date.parse(`${facts.startDate}T00:00:00Z`) + offset).toISOString() as Instant }));
}

/** PlexTrac settings: the tenant zone, among the tricky ones (sometimes left out, for the UTC default). */
export function plextracSettingsArb(): fc.Arbitrary<{ timeZone?: TimeZone }> {
  return fc.record({ timeZone: timeZoneArb() }, { requiredKeys: [] });
}

/** A PlexTrac scenario, with its tenant zone at hand. */
export interface PlextracScenario extends Scenario<PlextracEventInput, { readonly timeZone: TimeZone }> {
  readonly timeZone: TimeZone;
}

/** Options of `plextracScenarioArb`. */
export interface PlextracScenarioOptions {
  readonly maxEvents?: number;
  /** Weight of `cancel` among the events (0 to leave it out). */
  readonly cancelWeight?: number;
}

/**
 * A PlexTrac engagement's life: a request or schedule, then events on a realistic clock with start dates near it,
 * report statuses in both spellings, and now and then a cancel. `scenarioArb(plextrac)` with PlexTrac's kit.
 */
export function plextracScenarioArb(input: PlextracScenarioOptions = {}): fc.Arbitrary<PlextracScenario> {
  // Read once into a copy: a caller's getter or Proxy cannot answer differently between the check and the use.
  const options = optionsObject(input, 'plextracScenarioArb options');
  return scenarioArbWith(plextrac, [plextracKit], {
    maxEvents: options.maxEvents ?? 25,
    weights: { cancel: options.cancelWeight ?? 1 },
    settings: fc.record({ timeZone: timeZoneArb() }),
    start: { min: '2020-01-01T00:00:00Z', max: '2030-01-01T00:00:00Z' },
  }).map((s) => {
    const scenario = s as Scenario<PlextracEventInput, { readonly timeZone: TimeZone }>;
    const withZone = { ...scenario, timeZone: scenario.settings!.timeZone };
    const print: unknown = Reflect.get(scenario, fc.toStringMethod);
    if (print) Object.defineProperty(withZone, fc.toStringMethod, { value: print, enumerable: false });
    return withZone;
  });
}


