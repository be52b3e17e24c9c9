/**
 * Properties of PlexTrac's lifecycle stated against the documentation (see `spec-model.ts`), not against the code
 * they test. Each takes the lifecycle as a parameter so that a test can hand it a deliberately wrong one and check
 * that fast-check finds the counterexample.
 */
import { fc } from '@fast-check/vitest';
import { plextracScenarioArb } from '../../src/testing/index.js';
import { specStatus, specStep, type SpecFacts } from './spec-model.js';

interface Outcome {
  readonly ok: boolean;
  readonly state?: { readonly id: string; readonly status: string; readonly version: number; readonly data: unknown };
  readonly effects?: readonly { readonly id: string; readonly type: string; readonly version: number }[];
  readonly error?: { readonly code: string };
}

/** The two calls a property needs: `plextrac`, a workflow built on it, or a test's wrapper. */
export interface Engine {
  create(event: never, options: never): unknown;
  apply(state: never, event: never, options: never): unknown;
}

/** A generated life: the creation, the events, the settings (any lifecycle's kit scenario). */
interface AnyScenario {
  readonly settings: unknown;
  readonly create: unknown;
  readonly events: readonly unknown[];
}

type Event = { readonly type: string; readonly at: unknown; readonly id?: string };

/** Runs the scenario, calling `visit` with each step's event, prior state and outcome. */
function run(engine: Engine, scenario: AnyScenario, visit: (event: Event, before: Outcome['state'] | null, outcome: Outcome) => void): void {
  const options = { settings: scenario.settings } as never;
  let state: Outcome['state'] | null = null;
  for (const raw of [scenario.create, ...scenario.events]) {
    const event = raw as unknown as Event;
    const outcome = (state === null ? engine.create(raw as never, options) : engine.apply(state as never, raw as never, options)) as Outcome;
    visit(event, state, outcome);
    if (outcome.ok) state = outcome.state!;
    else if (state === null) return; // the creation was refused: nothing to apply to
  }
}

/**
 * After every event, a command the documentation forbids is refused, and an accepted one leaves the status that
 * the documentation's table gives for the facts at the event's time in the tenant's zone.
 */
export function statusFollowsTheDocumentation(engine: Engine, scenarios = plextracScenarioArb()) {
  return fc.property(scenarios, (scenario) => {
    let facts: SpecFacts | null = null;
    run(engine, scenario, (event, _before, outcome) => {
      const next = specStep(facts, event as never);
      if (next === 'refused') {
        if (outcome.ok) throw new Error(`"${event.type}" was accepted, but the documentation forbids it here`);
        return;
      }
      if (!outcome.ok) {
        // Only a malformed event may be refused where the documentation allows the command.
        if (outcome.error?.code !== 'invalid_input') throw new Error(`"${event.type}" was refused with ${outcome.error?.code}`);
        return;
      }
      facts = next;
      const expected = specStatus(facts, event.at, scenario.timeZone);
      if (outcome.state!.status !== expected) {
        throw new Error(`after "${event.type}" at ${String(event.at)} in ${scenario.timeZone}: ${outcome.state!.status}, expected ${expected} for ${JSON.stringify(facts)}`);
      }
    });
  });
}

const changed = (before: Outcome['state'] | null, after: NonNullable<Outcome['state']>) =>
  before == null || before.status !== after.status || JSON.stringify(before.data) !== JSON.stringify(after.data);

/**
 * Effect ids follow the documented format `<lifecycle>:<engagement id>:<version>:<type>`, with `:<n>` for the n-th
 * (n ≥ 2) effect of one type in a change, where the version is 1 at creation and grows by one with every change
 * the test itself observes; and delivering the same event again to the same stored state repeats the ids, so that
 * a webhook consumer can drop the copy.
 */
export function effectIdsFollowTheRule(engine: Engine, lifecycleId = 'plextrac', scenarios: fc.Arbitrary<AnyScenario> = plextracScenarioArb()) {
  return fc.property(scenarios, (scenario) => {
    const options = { settings: scenario.settings } as never;
    const engagementId = String((scenario.create as unknown as Event).id);
    let version = 0;
    run(engine, scenario, (event, before, outcome) => {
      if (!outcome.ok) return;
      if (changed(before, outcome.state!)) version += 1;
      const seen = new Map<string, number>();
      for (const effect of outcome.effects ?? []) {
        const n = (seen.get(effect.type) ?? 0) + 1;
        seen.set(effect.type, n);
        const expected = `${lifecycleId}:${engagementId}:${version}:${effect.type}${n > 1 ? `:${n}` : ''}`;
        if (effect.id !== expected) throw new Error(`after "${event.type}": effect id ${effect.id}, expected ${expected}`);
      }
      if (before != null) {
        const again = engine.apply(JSON.parse(JSON.stringify(before)) as never, JSON.parse(JSON.stringify(event)) as never, options) as Outcome;
        const ids = (o: Outcome) => (o.effects ?? []).map((e) => e.id).join(',');
        if (ids(again) !== ids(outcome)) throw new Error(`redelivering "${event.type}" gave ids ${ids(again)}, first ${ids(outcome)}`);
      }
    });
  });
}
