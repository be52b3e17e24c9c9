/**
 * Runs one scenario through both engines, step by step, and checks every invariant after every step. The fast
 * engine (`lifecycle.with`) and the machine engine (`lifecycle.machineEngine`) each follow their own chain of
 * states, so a disagreement shows where it starts.
 */
import { LifecycleError, caught, describeValue, machineEngine, type EngagementState, type MachineEngine } from '../core/index.js';
import { formatEvents, formatSteps, zoneOfSettings, type FormattedViolation } from './format.js';
import type { AnyLifecycle, Invariant, StepResult, StepView } from './invariants.js';
import type { Scenario } from './scenario.js';

/** An invariant that a step broke: its name, the step and what went wrong. */
export type Violation = FormattedViolation;

/** What running one scenario through a lifecycle gave: every step, and the first violation if any. */
export interface ScenarioRun {
  readonly lifecycle: AnyLifecycle;
  readonly scenario: Scenario;
  /** The parsed settings. */
  readonly settings: unknown;
  readonly steps: readonly StepView[];
  /** The first invariant that failed, or null. */
  readonly violation: Violation | null;
}

/** How `runScenario` runs a scenario: the invariants to check and whether to run the machine too. */
export interface RunOptions {
  readonly invariants: readonly Invariant[];
  /** Also run the xstate machine engine (default true). */
  readonly machine?: boolean;
  /** Engines by settings, reused across the scenarios of one check (building a machine is the costly part). */
  readonly cache?: EngineCache;
  /** Accept declaration functions that throw instead of reporting `functionThrew` (default false). */
  readonly allowThrows?: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Engines = { readonly fast: ReturnType<AnyLifecycle['with']>; readonly machine: MachineEngine<AnyLifecycle> | null; readonly settings: any };
/** Engines per settings, built once per property run (building the xstate machine is the slow part). */
export type EngineCache = Map<string, Engines>;

/** A cache of engines per settings, for the scenarios of one check. */
export function engineCache(): EngineCache {
  return new Map();
}

function enginesFor(lifecycle: AnyLifecycle, scenario: Scenario, machine: boolean, cache: EngineCache | undefined): Engines {
  const key = `${machine}|${JSON.stringify(scenario.settings) ?? 'undefined'}|${String((scenario.create as { id?: unknown } | null)?.id)}`;
  const hit = cache?.get(key);
  if (hit) return hit;
  const parsed = lifecycle.safeParseSettings(scenario.settings);
  if (!parsed.ok) {
    throw new LifecycleError('invalid_input', `The scenario's settings ${JSON.stringify(scenario.settings)} are refused (pass a "settings" arbitrary): ${parsed.error.message}`);
  }
  // Creation events without an id get the scenario's own: ids stay stable across runs and engines.
  const id = (scenario.create as { id?: unknown } | null)?.id;
  const stableId = typeof id === 'string' ? id : 'eng-1';
  const options = { ...(scenario.settings === undefined ? {} : { settings: scenario.settings }), newId: () => stableId };
  const engines: Engines = { fast: lifecycle.with(options), machine: machine ? machineEngine(lifecycle, options) : null, settings: parsed.settings };
  cache?.set(key, engines);
  return engines;
}

function attempt(run: () => unknown): { result: StepResult } | { thrown: unknown } {
  try {
    const result = run() as StepResult;
    // A creation has no `changed`: it always changes.
    return { result: result.ok && (result as { changed?: boolean }).changed === undefined ? { ...(result as object), changed: true } as StepResult : result };
  } catch (thrown) {
    return { thrown };
  }
}

function describeThrow(thrown: unknown): string {
  return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
}

/**
 * A throw in one of the declaration's functions, as the engines report it (`invalid_declaration` with the `where`
 * that names the function): its own finding, before the invariants, which would only see its symptoms (two engines
 * whose messages differ, a refusal that is not one).
 */
function declarationThrow(result: StepResult): string | null {
  if (result.ok || result.error.code !== 'invalid_declaration') return null;
  const where = (result.error.details as { where?: unknown } | undefined)?.where;
  return typeof where === 'string' ? result.error.message : null;
}

function outcomeOf(invariant: Invariant, step: StepView): string | null {
  let outcome: unknown;
  try {
    outcome = invariant.check(step);
  } catch (thrown) {
    return describeThrow(thrown);
  }
  if (outcome === undefined || outcome === null || outcome === true) return null;
  if (outcome === false) return invariant.description;
  return String(outcome);
}

/** Runs a scenario and checks the invariants after every step; stops at the first violation. Never throws for a violation. */
export function runScenario(lifecycle: AnyLifecycle, scenario: Scenario, options: RunOptions): ScenarioRun {
  const engines = enginesFor(lifecycle, scenario, options.machine ?? true, options.cache);
  const steps: StepView[] = [];
  let fastState: EngagementState | null = null;
  let machineState: EngagementState | null = null;
  let violation: Violation | null = null;
  const all = [scenario.create, ...scenario.events];
  for (let index = 0; index < all.length; index++) {
    const event = all[index];
    const eventBefore = JSON.stringify(event);
    const before = fastState;
    const fast = attempt(() => (index === 0 ? engines.fast.create(event) : engines.fast.apply(before!, event)));
    const machine = engines.machine && attempt(() => (index === 0 ? engines.machine!.create(event) : engines.machine!.apply(machineState!, event)));
    const thrown = 'thrown' in fast ? { engine: 'fast engine', thrown: fast.thrown } : machine && 'thrown' in machine ? { engine: 'machine engine', thrown: machine.thrown } : null;
    if (thrown || !('result' in fast)) {
      violation = {
        invariant: 'neverThrows',
        description: 'The engines never throw: every refusal is a result.',
        step: index,
        message: `the ${thrown!.engine} threw on "${String((event as { type?: unknown } | null)?.type)}": ${describeThrow(thrown!.thrown)}`,
      };
      break;
    }
    const result = fast.result;
    const machineResult = machine && 'result' in machine ? machine.result : undefined;
    const view: StepView = {
      lifecycle,
      engine: engines.fast,
      settings: engines.settings,
      index,
      event,
      eventBefore,
      before,
      result,
      machineResult,
      after: result.ok ? result.state : before,
      steps: [],
    };
    steps.push(view);
    (view as { steps: readonly StepView[] }).steps = steps.slice();
    const threw = options.allowThrows ? null : declarationThrow(result);
    if (threw) {
      violation = { invariant: 'functionThrew', description: "The lifecycle's own functions (init, reject, guard, update, effects) never throw.", step: index, message: threw };
      break;
    }
    for (const invariant of options.invariants) {
      const message = outcomeOf(invariant, view);
      if (message !== null) {
        violation = { invariant: invariant.name, description: invariant.description, step: index, message };
        break;
      }
    }
    if (violation) break;
    if (result.ok) fastState = result.state;
    if (machineResult?.ok) machineState = machineResult.state;
    // A refused creation leaves no engagement to apply the rest to.
    if (index === 0 && !result.ok) break;
  }
  return { lifecycle, scenario, settings: engines.settings, steps, violation };
}

/** A run as text: the settings, then every step with its time and outcome, and the violation where it happened. */
export function formatRun(run: ScenarioRun): string {
  return caught('formatRun', () => {
    const r = run as Partial<ScenarioRun> | null;
    const scenario = r?.scenario as Partial<Scenario> | null | undefined;
    const lifecycle = r?.lifecycle as Partial<AnyLifecycle> | null | undefined;
    if (
      r === null ||
      typeof r !== 'object' ||
      !Array.isArray(r.steps) ||
      typeof lifecycle !== 'object' ||
      lifecycle === null ||
      typeof scenario !== 'object' ||
      scenario === null ||
      !Array.isArray(scenario.events)
    ) {
      throw new LifecycleError('invalid_input', `formatRun expects a run from checkScenario or runScenario, got ${describeValue(run)}`);
    }
    return format(run);
  });
}

function format(run: ScenarioRun): string {
  const zone = zoneOfSettings(run.settings);
  const header = `${run.lifecycle.id} (declaration version ${run.lifecycle.version}), settings ${JSON.stringify(run.scenario.settings) ?? '(defaults)'}${zone === 'UTC' ? '' : `; local times in ${zone}`}`;
  let text = `${header}\n${formatSteps(run.steps, zone, run.violation)}`;
  const v = run.violation;
  if (v && !run.steps.some((s) => s.index === v.step)) {
    // The step threw, so it has no result to show: show its event and the throw.
    const event = v.step === 0 ? run.scenario.create : run.scenario.events[v.step - 1];
    text += `\n${formatEvents([event], zone).replace('#0', `#${v.step}`)}\n  ✗ ${v.invariant}: ${v.message}`;
  }
  return text;
}
