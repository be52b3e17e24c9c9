/**
 * `checkLifecycle`: a fast-check property over generated scenarios. Both engines run every scenario step by step;
 * they must agree, and every invariant must hold after every step. A failure is shrunk by fast-check to a minimal
 * scenario and reported as a readable run, status by status, with the times.
 *
 * With vitest, either call `checkLifecycle` inside a test (it throws), or use `@fast-check/vitest`:
 * `test.prop([scenarioArb(lifecycle)])('...', (s) => assertScenario(lifecycle, s))`. The kit never imports vitest.
 */
import * as fc from 'fast-check';
import * as z from 'zod';
import { caught, deepFreeze, describeValue, eager, lazyObject, LifecycleError } from '../core/index.js';
import { optionsObject, requireLifecycle } from './guards.js';
import type { AnyLifecycle, Invariant } from './invariants.js';
import { invariantsFor, type InvariantSelection } from './registry.js';
import { removeNeedless } from './minimise.js';
import { engineCache, formatRun, runScenario, type EngineCache, type ScenarioRun, type Violation } from './run.js';
import { scenarioArb } from './lifecycle-scenarios.js';
import { parseOptions, scenarioOptionsSchema, type Scenario, type ScenarioOf, type ScenarioOptions } from './scenario.js';

/** Options of `checkScenario` and `assertScenario`: which invariants, and whether to run the machine. */
export interface AssertScenarioOptions extends InvariantSelection {
  /** Run the xstate machine engine beside the fast engine and require that they agree (default true). */
  readonly machine?: boolean;
}

/** Options of `checkLifecycle` and `lifecycleProperty`: the scenarios, the invariants and fast-check's run. */
export interface CheckLifecycleOptions extends ScenarioOptions, AssertScenarioOptions {
  /** Scenarios to use instead of `scenarioArb(lifecycle, options)`. */
  readonly scenarios?: fc.Arbitrary<Scenario>;
  /** Statuses that some scenario must reach (`'all'`: every status). Finds guards that never pass. */
  readonly mustReach?: readonly string[] | 'all';
  /** Number of scenarios (default 100). */
  readonly numRuns?: number;
  /**
   * Accept declaration functions that throw (the engines turn a throw into an `invalid_declaration` refusal) instead
   * of reporting each as the `functionThrew` finding (default false).
   */
  readonly allowThrows?: boolean;
  /** Seed and path of an earlier failure, to replay it. */
  readonly seed?: number;
  readonly path?: string;
  /** Any other fast-check parameters. */
  readonly parameters?: fc.Parameters<[Scenario]>;
}

/** A scenario whose run broke an invariant. Its message is the run, step by step. */
export class ScenarioFailure extends Error {
  override readonly name = 'ScenarioFailure';
  constructor(
    readonly run: ScenarioRun,
    readonly violation: Violation,
  ) {
    super(`invariant ${violation.invariant} does not hold (${violation.description})\n${formatRun(run)}`);
  }
}

/** What a passing check saw, to judge whether it explored enough. */
export interface CheckReport {
  readonly lifecycle: string;
  readonly numRuns: number;
  readonly seed: number;
  readonly invariants: readonly string[];
  /** In how many scenarios each status was reached. */
  readonly statusesReached: Readonly<Record<string, number>>;
  /** Events applied (creations included), and refusals by error code. */
  readonly applied: number;
  readonly refusals: Readonly<Record<string, number>>;
}

/** `checkLifecycle` found a counterexample (or could not run). The message is meant to be read by a person. */
export class LifecycleCheckError extends Error {
  override readonly name = 'LifecycleCheckError';
  // Held privately, read through getters: Node prints an error's own enumerable properties, and a run (every
  // state, event and effect) printed that way made an uncaught check error some 600 lines long.
  readonly #run: ScenarioRun | null;
  constructor(
    /** The finding, the shrunk counterexample step by step, and the replay line: a handful of lines. */
    message: string,
    readonly lifecycle: string,
    /** The shrunk scenario's run, when an invariant failed. */
    run: ScenarioRun | null,
    readonly seed: number | null,
    readonly path: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.#run = run;
  }

  /** The shrunk scenario's run (its steps, states and effects), when an invariant failed. */
  get run(): ScenarioRun | null {
    return this.#run;
  }

  get violation(): Violation | null {
    return this.#run?.violation ?? null;
  }

  get scenario(): Scenario | null {
    return this.#run?.scenario ?? null;
  }
}

const checkOptionsSchema = /* @__PURE__ */ lazyObject(() => eager(scenarioOptionsSchema).extend({
  machine: z.boolean().optional(),
  invariants: z.array(z.looseObject({ name: z.string() })).optional(),
  add: z.array(z.looseObject({ name: z.string() })).optional(),
  drop: z.array(z.string()).optional(),
  scenarios: z.unknown().optional(),
  mustReach: z.union([z.literal('all'), z.array(z.string())]).optional(),
  numRuns: z.number().int().min(1).optional(),
  allowThrows: z.boolean().optional(),
  seed: z.number().int().optional(),
  path: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
}));

const caches = new WeakMap<object, EngineCache>();

function cacheFor(lifecycle: AnyLifecycle): EngineCache {
  let cache = caches.get(lifecycle);
  if (!cache || cache.size > 500) {
    cache = engineCache();
    caches.set(lifecycle, cache);
  }
  return cache;
}

/** Runs one scenario and checks the invariants; returns the run, whether or not an invariant failed. */
export function checkScenario(lifecycle: AnyLifecycle, scenario: Scenario, options: AssertScenarioOptions = {}): ScenarioRun {
  requireLifecycle(lifecycle, 'checkScenario: the lifecycle');
  const o = optionsObject(options, 'checkScenario options');
  const checked = checkedScenario(scenario);
  const invariants = invariantsFor(lifecycle, o);
  // A scenario's events are the caller's values: one that cannot be read (a trap, a cycle) is refused as input.
  return caught('checkScenario', () => runScenario(lifecycle, checked, { invariants, machine: o.machine ?? true, cache: cacheFor(lifecycle) }));
}

/** A scenario read once into a copy of its three parts: `{ settings, create, events }` with `events` an array. */
function checkedScenario(scenario: unknown): Scenario {
  return caught('the scenario', () => {
    const s = scenario as Partial<Scenario> | null;
    if (s === null || typeof s !== 'object' || !Array.isArray(s.events)) {
      throw new LifecycleError('invalid_input', `Expected a scenario { settings, create, events: [...] }, got ${describeValue(scenario)}`);
    }
    return { settings: s.settings, create: s.create, events: [...s.events] };
  });
}

/**
 * Runs one scenario through both engines and checks the invariants after every step.
 * @throws ScenarioFailure whose message is the run, status by status, when an invariant fails.
 */
export function assertScenario(lifecycle: AnyLifecycle, scenario: Scenario, options: AssertScenarioOptions = {}): ScenarioRun {
  const run = checkScenario(lifecycle, scenario, options);
  if (run.violation) throw new ScenarioFailure(run, run.violation);
  return run;
}

interface Tally {
  reached: Record<string, number>;
  applied: number;
  refusals: Record<string, number>;
  firstCreationRefusal: string | null;
}

function prepare<L extends AnyLifecycle>(lifecycle: L, input: CheckLifecycleOptions) {
  requireLifecycle(lifecycle, 'checkLifecycle: the lifecycle');
  // The kit reads its own copy of the options, after checking them: never the caller's object again.
  const options = optionsObject(input, 'checkLifecycle options');
  parseOptions(checkOptionsSchema, options, 'checkLifecycle options');
  // The copy's values are still the caller's (lists, arbitraries): what reads them runs inside the trap guard.
  const { invariants, arb, machine, allowThrows } = caught('checkLifecycle options', () => {
    const { scenarios, mustReach: _m, numRuns: _n, seed: _s, path: _p, parameters: _x, machine, invariants: _i, add: _a, drop: _d, allowThrows, ...scenarioOptions } = options;
    return {
      invariants: invariantsFor(lifecycle, options) as readonly Invariant[],
      arb: (scenarios ?? scenarioArb(lifecycle, scenarioOptions)) as fc.Arbitrary<ScenarioOf<L>>,
      machine,
      allowThrows,
    };
  });
  const cache = engineCache();
  const tally: Tally = { reached: {}, applied: 0, refusals: {}, firstCreationRefusal: null };
  const property = fc.property(arb, (scenario) => {
    const run = runScenario(lifecycle, scenario as Scenario, { invariants, machine: machine ?? true, cache, allowThrows: allowThrows ?? false });
    if (run.violation) throw new ScenarioFailure(run, run.violation);
    const seen = new Set<string>();
    for (const step of run.steps) {
      if (step.result.ok) {
        tally.applied++;
        seen.add(step.result.state.status);
      } else {
        tally.refusals[step.result.error.code] = (tally.refusals[step.result.error.code] ?? 0) + 1;
        if (step.index === 0) tally.firstCreationRefusal ??= step.result.error.message;
      }
    }
    for (const s of seen) tally.reached[s] = (tally.reached[s] ?? 0) + 1;
  });
  return { invariants, property, tally, machine: machine ?? true, cache, allowThrows: allowThrows ?? false, options };
}

/** The property `checkLifecycle` runs, for `fc.assert`/`fc.check` with your own parameters. */
export function lifecycleProperty<L extends AnyLifecycle>(lifecycle: L, options: CheckLifecycleOptions = {}): fc.IProperty<[ScenarioOf<L>]> {
  return prepare(lifecycle, options).property;
}

/**
 * Why statuses went unreached, most likely first: guards of the transitions into them refusing the generated
 * payloads (the usual cause, fixed with `payloads`), then too few or too short runs.
 */
function likelyCause(lifecycle: AnyLifecycle, missing: readonly string[]): string {
  const into = new Set<string>();
  for (const t of lifecycle.declaration.transitions as readonly { on: string; to?: unknown; guard?: unknown; reject?: unknown }[]) {
    const targets = typeof t.to === 'string' ? [t.to] : ((t.to as { oneOf?: readonly string[] } | undefined)?.oneOf ?? []);
    if ((t.guard || t.reject) && targets.some((s) => missing.includes(s))) into.add(t.on);
  }
  const events = [...into].map((e) => `"${e}"`).join(', ');
  const payloads = into.size > 0
    ? `Likely cause: the guards of ${events} refuse the generated payloads; pass "payloads" with values they accept (for example payloads: { ${[...into][0]}: fc.record({ … }) }). `
    : '';
  return `${payloads}Otherwise a transition the generated events never trigger, or too few runs (raise numRuns or maxEvents, or the events' weights).\n`;
}

/**
 * Checks a lifecycle on generated scenarios: the engines agree, and every invariant (the core ones, those of the
 * built-in lifecycles it is or extends, minus those dropped) holds after every step.
 * @returns what the check saw (statuses reached, refusals), when it passes.
 * @throws LifecycleCheckError with the shrunk counterexample, step by step, when it fails.
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { plextrac } from 'engagement-lifecycle/plextrac';
 * import { checkLifecycle } from 'engagement-lifecycle/testing';
 *
 * // Generated engagement lives, both engines, every invariant; throws LifecycleCheckError with a shrunk
 * // counterexample when one breaks.
 * const report = checkLifecycle(plextrac, { numRuns: 50, seed: 42 });
 * // report.invariants lists what was checked, the core's and PlexTrac's own.
 * assert.ok(report.invariants.includes('enginesAgree') && report.invariants.includes('plextracCanceledAbsorbs'));
 * ```
 */
export function checkLifecycle<L extends AnyLifecycle>(lifecycle: L, input: CheckLifecycleOptions = {}): CheckReport {
  const { invariants, property, tally, machine, cache, allowThrows, options } = prepare(lifecycle, input);
  const parameters: fc.Parameters<[ScenarioOf<L>]> = {
    numRuns: options.numRuns ?? 100,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.path !== undefined ? { path: options.path } : {}),
    ...(options.parameters as fc.Parameters<[ScenarioOf<L>]> | undefined),
  };
  const details = fc.check(property, parameters);
  const label = `checkLifecycle("${lifecycle.id}")`;
  if (details.failed) {
    const cause = details.errorInstance;
    const replay = details.counterexamplePath !== null ? `\n\nReplay: checkLifecycle(lifecycle, { seed: ${details.seed}, path: "${details.counterexamplePath}" })` : '';
    if (cause instanceof ScenarioFailure) {
      const found = cause.run;
      const violation = cause.violation;
      // Keep only the events this violation needs (each keeps its own time).
      const again = (events: readonly unknown[]) => runScenario(lifecycle, { ...found.scenario, events }, { invariants, machine, cache, allowThrows });
      const needed = removeNeedless(found.scenario.events, (events) => again(events).violation?.invariant === violation.invariant);
      const run = needed.length < found.scenario.events.length ? again(needed) : found;
      const events = run.scenario.events.length;
      const message =
        // A throwing guard, update or effects function is a finding of its own, named by the function that threw.
        (violation.invariant === 'functionThrew'
          ? `${label}: ${violation.message}\n`
          : `${label}: invariant ${violation.invariant} does not hold.\n${violation.description}\n`) +
        `Counterexample found after ${details.numRuns} run(s), shrunk ${details.numShrinks} time(s) to a creation and ${events} event(s) ` +
        `(seed ${details.seed}):\n\n${formatRun(run)}${replay}`;
      // No `cause`: it would be the unshrunk failure, printed in full after the message; the run is on `run`.
      throw new LifecycleCheckError(message, lifecycle.id, run, details.seed, details.counterexamplePath);
    }
    const why = cause instanceof Error ? cause.message : details.interrupted ? 'the run was interrupted' : String(cause);
    throw new LifecycleCheckError(`${label} failed: ${why}${replay}`, lifecycle.id, null, details.seed, details.counterexamplePath, { cause });
  }
  if (Object.keys(tally.reached).length === 0) {
    throw new LifecycleCheckError(
      `${label}: every generated creation was refused, so nothing was checked. The first refusal: ${tally.firstCreationRefusal ?? '(none)'}\nPass "payloads" for the creation event.`,
      lifecycle.id,
      null,
      details.seed,
      null,
    );
  }
  const wanted = options.mustReach === 'all' ? lifecycle.statuses : (options.mustReach ?? []);
  const missing = wanted.filter((s: string) => !tally.reached[s]);
  if (missing.length > 0) {
    throw new LifecycleCheckError(
      `${label}: no scenario reached ${missing.map((s: string) => `"${s}"`).join(', ')} in ${details.numRuns} runs (seed ${details.seed}). ` +
        likelyCause(lifecycle, missing) +
        `Reached: ${JSON.stringify(tally.reached)}`,
      lifecycle.id,
      null,
      details.seed,
      null,
    );
  }
  return deepFreeze({
    lifecycle: lifecycle.id,
    numRuns: details.numRuns,
    seed: details.seed,
    invariants: invariants.map((i) => i.name),
    statusesReached: { ...tally.reached },
    applied: tally.applied,
    refusals: { ...tally.refusals },
  });
}
