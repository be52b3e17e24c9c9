/**
 * Model-based testing of a host's own system (an API, a database, a job) against the library's model, built on
 * fast-check's model-based runner (`fc.commands` + `fc.asyncModelRun`). Every generated event is sent to both;
 * after each, the host's view of the engagement must equal the model's state seen through the host's projection,
 * and the host must accept exactly the events the model accepts. fast-check shrinks a divergence to the fewest
 * events that show it.
 */
import * as fc from 'fast-check';
import * as z from 'zod';
import { deepEqual, eager, lazyObject, type EngagementState } from '../core/index.js';
import { formatEvent, formatTime, zoneOfSettings } from './format.js';
import { removeNeedlessAsync } from './minimise.js';
import type { AnyLifecycle, StepResult } from './invariants.js';
import { scenarioParts } from './lifecycle-scenarios.js';
import { optionsObject } from './guards.js';
import {
  advance,
  formatWait,
  parseOptions,
  scenarioOptionsSchema,
  type EventTemplate,
  type ScenarioOptions,
  type ScenarioParts,
  type StepTemplate,
} from './scenario.js';

/** What the host said about one event: accepted, or refused (with its error code, when it has one). */
export interface HostReply {
  readonly ok: boolean;
  readonly code?: string | undefined;
}

/** The host's system, as the runner drives it. Each run gets a fresh one from `setup`. */
export interface HostSystem<Real, View> {
  /** A fresh system for a tenant with these settings: an empty in-memory API, a new database schema... */
  setup(settings: unknown): Real | Promise<Real>;
  /** Sends one event (the creation first). Return what the host said, or nothing to skip that comparison. */
  send(real: Real, event: Record<string, unknown>): HostReply | void | Promise<HostReply | void>;
  /** The host's view of the engagement (for example the body of `GET /engagements/:id`). */
  observe(real: Real, engagementId: string): View | Promise<View>;
  teardown?(real: Real): void | Promise<void>;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
/** The engagement state type of a lifecycle. */
export type StateOfLifecycle<L> = L extends { create(...args: any[]): infer R } ? (Extract<R, { ok: true }> extends { state: infer St } ? St : EngagementState) : EngagementState;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Options of `checkHostAgainstModel`: the host system, how its view is compared with the model, and the scenarios. */
export interface HostCheckOptions<Real, View, St = EngagementState> extends ScenarioOptions {
  readonly host: HostSystem<Real, View>;
  /** The model's state seen as the host shows it (null before creation, or after a refused creation). */
  project(state: St | null): View;
  /** Compares the host's view with the projection (default: deep equality of their JSON). */
  readonly equals?: (host: View, model: View) => boolean;
  /** Send only events the model accepts (default false: refusals are compared too). */
  readonly validOnly?: boolean;
  /** Number of runs (default 100). */
  readonly numRuns?: number;
  readonly seed?: number;
  readonly path?: string;
  readonly parameters?: fc.Parameters<unknown[]>;
}

/** One event sent: what the model did, and what the host said. */
interface Sent {
  readonly event: Record<string, unknown>;
  readonly result: StepResult;
  readonly reply: HostReply | undefined;
}

interface Model {
  readonly engine: ReturnType<AnyLifecycle['with']>;
  /** The run's settings as generated, and the engagement's id: to replay the events on a fresh host. */
  readonly settings: unknown;
  readonly engagementId: string;
  readonly zone: string;
  state: EngagementState | null;
  clock: number;
  readonly history: Sent[];
}

interface Real<R> {
  readonly system: R;
}

/** The host diverged from the model. The message shows every event sent, what the model did and what the host said. */
export class HostDivergence extends Error {
  override readonly name = 'HostDivergence';
  constructor(
    message: string,
    /** The events sent, creation first, up to and including the one that showed the divergence. */
    readonly events: readonly Record<string, unknown>[],
    /** The run's settings, to replay the events. */
    readonly settings: unknown,
    readonly engagementId: string,
  ) {
    super(message);
  }
}

/** Sends one event to the model and to the host, then compares them. Throws `HostDivergence`. */
async function send<R, V>(options: HostCheckOptions<R, V, EngagementState>, model: Model, real: Real<R>, event: Record<string, unknown>): Promise<void> {
  const result = step(model, event);
  const reply = (await options.host.send(real.system, event)) ?? undefined;
  model.history.push({ event, result, reply });
  if (result.ok) model.state = result.state;
  await compare(options, model, real, model.state?.id ?? model.engagementId);
}

/**
 * Replays concrete events (creation first) against a fresh host and the model; the divergence, or null. With
 * `validOnly`, events the model refuses are not sent, as in the generated runs.
 */
async function replayEvents<R, V>(
  lifecycle: AnyLifecycle,
  options: HostCheckOptions<R, V, EngagementState>,
  settings: unknown,
  events: readonly Record<string, unknown>[],
  engagementId: string,
): Promise<HostDivergence | null> {
  const engine = lifecycle.with({ ...(settings === undefined ? {} : { settings }), newId: () => engagementId });
  const system = await options.host.setup(settings);
  const model: Model = { engine, settings, engagementId, zone: zoneOfSettings(unwrapSettings(lifecycle, settings)), state: null, clock: 0, history: [] };
  try {
    for (const [i, event] of events.entries()) {
      if (i > 0 && model.state === null) break;
      if (i > 0 && options.validOnly && !step(model, event).ok) continue;
      await send(options, model, { system }, event);
    }
    return null;
  } catch (error) {
    if (error instanceof HostDivergence) return error;
    throw error;
  } finally {
    await options.host.teardown?.(system);
  }
}

function unwrapSettings(lifecycle: AnyLifecycle, settings: unknown): unknown {
  const parsed = lifecycle.safeParseSettings(settings);
  return parsed.ok ? parsed.settings : undefined;
}

function formatHistory(model: Model): string {
  return model.history
    .map((h, i) => {
      const outcome = h.result.ok ? `model: ${h.result.state.status} (v${h.result.state.version})` : `model: refused [${h.result.error.code}]`;
      const host = h.reply === undefined ? '' : `; host: ${h.reply.ok ? 'accepted' : `refused${h.reply.code ? ` [${h.reply.code}]` : ''}`}`;
      return `  #${i} ${formatTime(h.event.at, model.zone)}  ${formatEvent(h.event)}\n       ${outcome}${host}`;
    })
    .join('\n');
}

const json = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

async function compare<R, V>(options: HostCheckOptions<R, V, EngagementState>, model: Model, real: Real<R>, engagementId: string): Promise<void> {
  const last = model.history[model.history.length - 1]!;
  const fail = (what: string): never => {
    throw new HostDivergence(`${what}\n\n${formatHistory(model)}`, model.history.map((h) => h.event), model.settings, model.engagementId);
  };
  if (last.reply !== undefined) {
    if (last.reply.ok !== last.result.ok) {
      fail(
        last.result.ok
          ? `The host refused "${String(last.event.type)}"${last.reply.code ? ` [${last.reply.code}]` : ''}, which the model accepts.`
          : `The host accepted "${String(last.event.type)}", which the model refuses [${last.result.error.code}]: ${last.result.error.message}`,
      );
    }
    if (!last.result.ok && last.reply.code !== undefined && last.reply.code !== last.result.error.code) {
      fail(`The host refused "${String(last.event.type)}" with ${last.reply.code}, the model with ${last.result.error.code}.`);
    }
  }
  const hostView = await options.host.observe(real.system, engagementId);
  const modelView = options.project(model.state);
  const equal = options.equals ? options.equals(hostView, modelView) : deepEqual(json(hostView), json(modelView));
  if (!equal) fail(`After "${String(last.event.type)}", the host shows ${JSON.stringify(hostView)} but the model projects ${JSON.stringify(modelView)}.`);
}

function step(model: Model, event: Record<string, unknown>): StepResult {
  if (model.state === null) return model.engine.create(event) as StepResult;
  return model.engine.apply(model.state, event) as StepResult;
}

class EventCommand<R, V> implements fc.AsyncCommand<Model, Real<R>> {
  constructor(
    private readonly template: StepTemplate,
    private readonly parts: ScenarioParts,
    private readonly options: HostCheckOptions<R, V, EngagementState>,
  ) {}

  private eventFor(model: Readonly<Model>): Record<string, unknown> {
    return this.parts.eventAt(this.template, advance(model.clock, this.template.wait, model.zone).at, model.zone);
  }

  check(model: Readonly<Model>): boolean {
    if (model.state === null) return false;
    return !this.options.validOnly || step(model as Model, this.eventFor(model)).ok;
  }

  async run(model: Model, real: Real<R>): Promise<void> {
    const event = this.eventFor(model);
    model.clock = advance(model.clock, this.template.wait, model.zone).clock;
    await send(this.options, model, real, event);
  }

  toString(): string {
    return `${formatWait(this.template.wait)}: ${formatEvent({ type: this.template.type, ...this.template.payload })}`;
  }
}

const hostOptionsSchema = /* @__PURE__ */ lazyObject(() => eager(scenarioOptionsSchema).extend({
  host: z.looseObject({
    setup: z.custom<() => unknown>((v) => typeof v === 'function'),
    send: z.custom<() => unknown>((v) => typeof v === 'function'),
    observe: z.custom<() => unknown>((v) => typeof v === 'function'),
  }),
  project: z.custom<() => unknown>((v) => typeof v === 'function', { message: 'expected a function' }),
  equals: z.custom<() => boolean>((v) => typeof v === 'function').optional(),
  validOnly: z.boolean().optional(),
  numRuns: z.number().int().min(1).optional(),
  seed: z.number().int().optional(),
  path: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
}));

interface Start {
  readonly settings: unknown;
  readonly start: number;
  readonly create: EventTemplate;
}

/**
 * The async property behind `checkHostAgainstModel`: generated settings and creation, then `fc.commands` of
 * events, run with `fc.asyncModelRun` against a fresh host system.
 */
export function hostModelProperty<L extends AnyLifecycle, R, V>(lifecycle: L, input: HostCheckOptions<R, V, StateOfLifecycle<L>>) {
  // Read once into a copy and checked there: the caller's object (a getter, a revoked Proxy) is not read again.
  const options = optionsObject(input, 'checkHostAgainstModel options') as HostCheckOptions<R, V, EngagementState>;
  parseOptions(hostOptionsSchema, options, 'checkHostAgainstModel options');
  const { host: _h, project: _p, equals: _e, validOnly: _v, numRuns: _n, seed: _s, path: _pa, parameters: _x, ...scenarioOptions } = options;
  const parts = scenarioParts(lifecycle, scenarioOptions);
  const start = fc.record({ settings: parts.settings, start: parts.start, create: parts.create });
  const commands = parts.step
    ? fc.commands([parts.step.map((t) => new EventCommand(t, parts, options))], { maxCommands: parts.maxEvents })
    : fc.constant([] as EventCommand<R, V>[]);
  return fc.asyncProperty(start, commands, async (s: Start, cmds: Iterable<fc.AsyncCommand<Model, Real<R>>>) => {
    const zone = parts.zoneOf(s.settings);
    const engine = lifecycle.with({ ...(s.settings === undefined ? {} : { settings: s.settings }), newId: () => parts.engagementId });
    const system = await options.host.setup(s.settings);
    try {
      const setup = async () => {
        const model: Model = { engine, settings: s.settings, engagementId: parts.engagementId, zone, state: null, clock: s.start, history: [] };
        const real: Real<R> = { system };
        await send(options, model, real, parts.eventAt(s.create, s.start, zone));
        return { model, real };
      };
      await fc.asyncModelRun(setup, cmds);
    } finally {
      await options.host.teardown?.(system);
    }
  });
}

/** What a passing host check ran. */
export interface HostCheckReport {
  readonly numRuns: number;
  readonly seed: number;
}

/**
 * Runs generated event sequences against the host's system and the library's model, comparing after every event
 * what the host shows (`host.observe`) with the model's state seen through `project`, and whether each accepted
 * the event. Resolves when they never diverge.
 * @throws HostCheckError with the shrunk sequence of events, what the model did and what the host said.
 */
export async function checkHostAgainstModel<L extends AnyLifecycle, R, V>(lifecycle: L, options: HostCheckOptions<R, V, StateOfLifecycle<L>>): Promise<HostCheckReport> {
  const property = hostModelProperty(lifecycle, options);
  const opts = options as HostCheckOptions<R, V, EngagementState>;
  const details = await fc.check(property, {
    numRuns: options.numRuns ?? 100,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.path !== undefined ? { path: options.path } : {}),
    ...(options.parameters as fc.Parameters<[Start, Iterable<fc.AsyncCommand<Model, Real<R>>>]> | undefined),
  });
  if (details.failed) {
    let cause = details.errorInstance;
    if (cause instanceof HostDivergence) {
      // Keep only the events the divergence needs (each keeps its own time), replaying them on fresh hosts.
      const { settings, engagementId } = cause;
      const found = cause;
      const needed = await removeNeedlessAsync(found.events, async (events) => (await replayEvents(lifecycle, opts, settings, events, engagementId)) !== null);
      if (needed.length < found.events.length) cause = (await replayEvents(lifecycle, opts, settings, needed, engagementId)) ?? found;
    }
    const replay = details.counterexamplePath !== null ? `\n\nReplay: { seed: ${details.seed}, path: "${details.counterexamplePath}" }` : '';
    const why = cause instanceof Error ? cause.message : details.interrupted ? 'the run was interrupted' : String(cause);
    const header =
      cause instanceof HostDivergence
        ? `checkHostAgainstModel("${lifecycle.id}"): the host diverges from the model after ${cause.events.length} event(s) (found after ${details.numRuns} run(s), shrunk ${details.numShrinks} time(s), seed ${details.seed}).\n`
        : `checkHostAgainstModel("${lifecycle.id}") failed (seed ${details.seed}):\n`;
    throw new HostCheckError(`${header}${why}${replay}`, cause instanceof HostDivergence ? cause.events : null, details.seed, details.counterexamplePath, { cause });
  }
  return { numRuns: details.numRuns, seed: details.seed };
}

/** `checkHostAgainstModel` found a divergence (or the host threw). */
export class HostCheckError extends Error {
  override readonly name = 'HostCheckError';
  constructor(
    message: string,
    /** The shrunk events, creation first, when the host diverged. */
    readonly events: readonly Record<string, unknown>[] | null,
    readonly seed: number,
    readonly path: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
