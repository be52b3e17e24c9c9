/**
 * Generated lives of one engagement for any lifecycle: settings, a creation event, then events on a realistic
 * clock (time only moves forward, in steps from minutes to months). Payloads are derived from the events' zod
 * schemas, with the built-in kits' realistic values and the user's overrides merged over them.
 *
 * Shrinking: a scenario is generated as a list of independent steps (a wait, an event type, a payload whose dates
 * are relative to the event), and mapped to events afterwards; removing a step keeps every later event valid and
 * in time order, so fast-check can shrink a failure to the few events that matter.
 *
 * The kits whose defaults apply are passed in, nearest first: this module knows no lifecycle, so a lifecycle's kit
 * can build on it without an import cycle (`lifecycle-scenarios.ts` looks the built-in kits up by lineage).
 */
import * as fc from 'fast-check';
import * as z from 'zod';
import { addCalendarDays, calendarDateAt, caught, dayStartMs, eager, fromZodError, lazyObject, LifecycleError, msToInstant, type Instant } from '../core/index.js';
import { formatEvents, zoneOfSettings } from './format.js';
import type { AnyLifecycle } from './invariants.js';
import { isArbitrary } from './guards.js';
import { resolveTemplate, templateFromSchema } from './schema-arbitrary.js';
import type { LifecycleTestKit } from './test-kit.js';
import { clockStepArb } from './time.js';

/** One engagement's life: the settings it runs with, its creation, and the events that follow. */
export interface Scenario<I = unknown, OIn = unknown> {
  /** The settings passed to the engines; undefined for the lifecycle's defaults. */
  readonly settings: OIn | undefined;
  readonly create: I;
  readonly events: readonly I[];
}

/* eslint-disable @typescript-eslint/no-explicit-any */
/** The event input type of a lifecycle. */
export type EventInputOfLifecycle<L> = L extends { create(event: infer I, ...rest: any[]): any } ? I : unknown;
/** The settings input type of a lifecycle. */
export type SettingsInputOfLifecycle<L> = L extends { with(options: { settings?: infer O }): any } ? O : unknown;
/* eslint-enable @typescript-eslint/no-explicit-any */
export type ScenarioOf<L> = Scenario<EventInputOfLifecycle<L>, SettingsInputOfLifecycle<L>>;

/** Options of `scenarioArb`: lengths, weights, payloads, creations, start instants, settings and late events. */
export interface ScenarioOptions {
  /** At most this many events after the creation (default 20). */
  readonly maxEvents?: number;
  /** At least this many (default 0). */
  readonly minEvents?: number;
  /** When the creation happens (default between 2024-01-01 and 2030-01-01; shrinks to `min`). */
  readonly start?: { readonly min?: Instant | Date; readonly max?: Instant | Date };
  /** Settings for each scenario (default: the kit's, else derived from the settings schema). */
  readonly settings?: fc.Arbitrary<unknown>;
  /** Which creation events to use (default all). */
  readonly creations?: readonly string[];
  /** Relative frequency per event type (default 1, the clock event 3, a kit's own; 0 leaves an event out). */
  readonly weights?: Readonly<Record<string, number>>;
  /**
   * Payload fields per event type, merged over the derived ones. Dates may be `relativeDate(...)`,
   * instants `relativeInstant(...)`: they are placed relative to the event's time.
   */
  readonly payloads?: Readonly<Record<string, fc.Arbitrary<Record<string, unknown>>>>;
  /** The engagement's id, stable across runs (default `eng-1`). */
  readonly engagementId?: string;
  /**
   * The waits between events, in ms (≥ 0). By default `clockStepArb()` (minutes to months), with one wait in five
   * going to around a local midnight instead.
   */
  readonly clock?: fc.Arbitrary<number>;
  /** The share (0..1) of events delivered late: dated up to 30 days before the previous one (default 0). */
  readonly lateEvents?: number;
}

const arbitrary = /* @__PURE__ */ lazyObject(() => z.custom<fc.Arbitrary<unknown>>((v) => isArbitrary(v, 'scenario options'), { message: 'expected a fast-check arbitrary' }));
const instantLike = /* @__PURE__ */ lazyObject(() => z.union([z.iso.datetime({ offset: true }), z.date()]));

/** The shape `ScenarioOptions` must have, checked before any scenario is generated. */
export const scenarioOptionsSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  maxEvents: z.number().int().min(0).max(10_000).optional(),
  minEvents: z.number().int().min(0).optional(),
  start: z.strictObject({ min: eager(instantLike).optional(), max: eager(instantLike).optional() }).optional(),
  settings: eager(arbitrary).optional(),
  creations: z.array(z.string()).min(1).optional(),
  weights: z.record(z.string(), z.number().int().min(0)).optional(),
  payloads: z.record(z.string(), eager(arbitrary)).optional(),
  engagementId: z.string().min(1).optional(),
  clock: eager(arbitrary).optional(),
  lateEvents: z.number().min(0).max(1).optional(),
}));

/** Validates options shaped like `ScenarioOptions` (plus the keys of `extra`), throwing `invalid_input`. */
export function parseOptions<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  // zod formats its issues lazily, reading the input again: a caller's trap there is refused as input too.
  return caught(what, () => {
    const parsed = schema.safeParse(input ?? {});
    if (!parsed.success) throw fromZodError(what, parsed.error);
    return parsed.data;
  });
}

/** An event before it has its time: a type and a payload whose dates are relative to the event. */
export interface EventTemplate {
  readonly type: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/**
 * How the clock moves before an event: by `ms`; to `offsetMs` around the start of the local day `dayStart` days
 * ahead (where date rules flip, DST days included); or not at all, the event arriving `lateMs` late.
 */
export type Wait = { readonly ms: number } | { readonly dayStart: number; readonly offsetMs: number } | { readonly lateMs: number };

/** One step of a scenario: a wait, then an event. */
export interface StepTemplate extends EventTemplate {
  readonly wait: Wait;
}

/** The clock after a wait, and the time of the event that follows it. The clock never moves backwards. */
export function advance(clock: number, wait: Wait, zone: string): { readonly clock: number; readonly at: number } {
  if ('lateMs' in wait) return { clock, at: clock - wait.lateMs };
  if ('ms' in wait) return { clock: clock + wait.ms, at: clock + wait.ms };
  const target = dayStartMs(addCalendarDays(calendarDateAt(clock, zone), wait.dayStart), zone) + wait.offsetMs;
  const next = Math.max(clock, target);
  return { clock: next, at: next };
}

/** A wait as a person reads it: `+2h`, `to local midnight +3d -15min`, `late 40min`. */
export function formatWait(wait: Wait): string {
  const minutes = (ms: number) => (Math.abs(ms) >= 3_600_000 && ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${Math.round(ms / 60_000)}min`);
  if ('lateMs' in wait) return `late ${minutes(wait.lateMs)}`;
  if ('ms' in wait) return `+${minutes(wait.ms)}`;
  return `to local midnight +${wait.dayStart}d${wait.offsetMs === 0 ? '' : ` ${wait.offsetMs > 0 ? '+' : '-'}${minutes(Math.abs(wait.offsetMs))}`}`;
}

/** The parts scenarios are made of, shared by `scenarioArb` and the model-based runner. */
export interface ScenarioParts {
  readonly settings: fc.Arbitrary<unknown>;
  readonly start: fc.Arbitrary<number>;
  readonly create: fc.Arbitrary<EventTemplate>;
  /** Undefined when every event type has weight 0. */
  readonly step: fc.Arbitrary<StepTemplate> | undefined;
  readonly minEvents: number;
  readonly maxEvents: number;
  readonly engagementId: string;
  /** The zone relative dates are resolved in, for given settings. */
  zoneOf(settings: unknown): string;
  /** The event of a template at `atMs`. */
  eventAt(template: EventTemplate, atMs: number, zone: string): Record<string, unknown>;
}

const BASE_START = Date.UTC(2024, 0, 1);
const MINUTE = 60_000;

function ms(value: Instant | Date | string): number {
  return value instanceof Date ? value.getTime() : Date.parse(value);
}

function hasKey(schema: unknown, key: string): boolean {
  const def = (schema as { _zod?: { def?: { type?: string; shape?: Record<string, unknown> } } })._zod?.def;
  return def?.type === 'object' && def.shape !== undefined && Object.prototype.hasOwnProperty.call(def.shape, key);
}

/**
 * Builds the parts of a lifecycle's scenarios, with the defaults of `kits` (nearest first).
 * @throws LifecycleError `invalid_input` on bad options or underivable payloads.
 */
export function scenarioPartsWith(lifecycle: AnyLifecycle, kits: readonly LifecycleTestKit[], input: ScenarioOptions = {}): ScenarioParts {
  const options = parseOptions(scenarioOptionsSchema, input, 'scenario options') as ScenarioOptions;
  const decl = lifecycle.declaration;
  const events = decl.events as Record<string, z.ZodType>;
  const creationTypes = [...new Set(decl.create.map((k: { on: string }) => k.on))] as string[];
  const stepTypes = Object.keys(events).filter((t) => !creationTypes.includes(t));
  const known = new Set(Object.keys(events));
  for (const [what, record] of [['weights', options.weights], ['payloads', options.payloads]] as const) {
    const unknown = Object.keys(record ?? {}).filter((t) => !known.has(t));
    if (unknown.length > 0) {
      throw new LifecycleError('invalid_input', `Invalid scenario options: "${what}" names unknown event ${unknown.map((t) => `"${t}"`).join(', ')}; "${lifecycle.id}" has ${[...known].join(', ')}`);
    }
  }
  const creations = options.creations ?? creationTypes;
  for (const c of creations) {
    if (!creationTypes.includes(c)) throw new LifecycleError('invalid_input', `Invalid scenario options: "${c}" is not a creation event of "${lifecycle.id}" (${creationTypes.join(', ')})`);
  }
  const engagementId = options.engagementId ?? 'eng-1';

  // Nearest first: the user's options, then the kits from the lifecycle itself to its oldest ancestor.
  const payloadOverride = (type: string) => options.payloads?.[type] ?? kits.find((k) => k.scenario?.payloads?.[type])?.scenario?.payloads?.[type];
  const weightOf = (type: string): number =>
    options.weights?.[type] ?? kits.find((k) => k.scenario?.weights?.[type] !== undefined)?.scenario?.weights?.[type] ?? (type === decl.clockEvent ? 3 : 1);

  const payloadArb = (type: string, creation: boolean): fc.Arbitrary<Record<string, unknown>> => {
    const schema = events[type]!;
    const override = payloadOverride(type);
    let derived: fc.Arbitrary<unknown> | undefined;
    try {
      derived = templateFromSchema(schema, { path: `"${type}"`, omit: ['type', 'at', 'actor', 'reason', ...(creation ? ['id'] : [])] });
    } catch (error) {
      if (!override) throw error;
    }
    const withId = creation && hasKey(schema, 'id') ? { id: engagementId } : {};
    if (!derived) return override!.map((o) => ({ ...withId, ...o }));
    if (!override) return derived.map((d) => ({ ...withId, ...(d as Record<string, unknown>) }));
    return fc.tuple(derived, override).map(([d, o]) => {
      const merged: Record<string, unknown> = { ...withId, ...(d as Record<string, unknown>) };
      for (const [k, v] of Object.entries(o)) {
        if (v === undefined) delete merged[k];
        else merged[k] = v;
      }
      return merged;
    });
  };
  const templateOf = (type: string, creation: boolean) => payloadArb(type, creation).map((payload): EventTemplate => ({ type, payload }));

  const weighted = stepTypes.map((type) => ({ type, weight: weightOf(type) })).filter((w) => w.weight > 0);
  const late = options.lateEvents ?? 0;
  // By default one wait in five goes to around a local midnight: where start dates are reached and DST changes.
  const forward: fc.Arbitrary<Wait> = options.clock
    ? options.clock.map((ms) => ({ ms }))
    : fc.oneof(
        { weight: 4, arbitrary: clockStepArb().map((ms): Wait => ({ ms })) },
        { weight: 1, arbitrary: fc.record({ dayStart: fc.integer({ min: 1, max: 3 }), offsetMs: fc.integer({ min: -120, max: 120 }).map((m) => m * MINUTE) }) },
      );
  const gap: fc.Arbitrary<Wait> =
    late === 0
      ? forward
      : fc.oneof(
          { weight: Math.round((1 - late) * 100), arbitrary: forward },
          { weight: Math.max(1, Math.round(late * 100)), arbitrary: fc.integer({ min: 1, max: 30 * 24 * 60 }).map((m): Wait => ({ lateMs: m * MINUTE })) },
        );
  const eventArb =
    weighted.length === 0 ? undefined : fc.oneof(...weighted.map(({ type, weight }) => ({ weight, arbitrary: templateOf(type, false) })));
  const step = eventArb && fc.tuple(gap, eventArb).map(([wait, e]): StepTemplate => ({ wait, ...e }));

  const min = options.start?.min !== undefined ? ms(options.start.min) : BASE_START;
  const max = options.start?.max !== undefined ? ms(options.start.max) : Math.max(min, Date.UTC(2030, 0, 1));
  if (!(max >= min)) throw new LifecycleError('invalid_input', 'Invalid scenario options: start.max is before start.min');
  const start = fc.integer({ min: 0, max: Math.floor((max - min) / MINUTE) }).map((m) => min + m * MINUTE);

  const settings = options.settings ?? settingsArbWith(lifecycle, kits);
  const minEvents = options.minEvents ?? 0;
  const maxEvents = Math.max(options.maxEvents ?? 20, minEvents);

  const zoneOf = (s: unknown): string => {
    const parsed = lifecycle.safeParseSettings(s);
    return parsed.ok ? zoneOfSettings(parsed.settings) : 'UTC';
  };
  return {
    settings,
    start,
    create: fc.oneof(...creations.map((type) => templateOf(type, true))),
    step,
    minEvents,
    maxEvents: step ? maxEvents : 0,
    engagementId,
    zoneOf,
    eventAt: (template, atMs, zone) => ({ type: template.type, at: msToInstant(atMs), ...resolveTemplate(template.payload, atMs, zone) }),
  };
}

/**
 * Settings for a lifecycle: those of the nearest of `kits` that has some, else values its settings schema accepts
 * (a `timeZone` field gets the tricky zones).
 */
export function settingsArbWith(lifecycle: AnyLifecycle, kits: readonly LifecycleTestKit[]): fc.Arbitrary<unknown> {
  return kits.find((k) => k.scenario?.settings)?.scenario?.settings ?? templateFromSchema(lifecycle.declaration.settings as z.ZodType, { path: 'settings' });
}

/** A scenario that prints as its events, one a line, when fast-check reports it. */
function printable<T extends Scenario>(scenario: T, zone: string): T {
  Object.defineProperty(scenario, fc.toStringMethod, {
    value: () => `settings ${JSON.stringify(scenario.settings)}\n${formatEvents([scenario.create, ...scenario.events], zone)}`,
    enumerable: false,
  });
  return scenario;
}

/** Turns generated parts into a scenario: the clock starts at `start` and only moves forward. */
export function buildScenario(parts: ScenarioParts, settings: unknown, start: number, create: EventTemplate, steps: readonly StepTemplate[]): Scenario {
  const zone = parts.zoneOf(settings);
  let clock = start;
  const events = steps.map((s) => {
    const next = advance(clock, s.wait, zone);
    clock = next.clock;
    return parts.eventAt(s, next.at, zone);
  });
  return printable({ settings, create: parts.eventAt(create, start, zone), events }, zone);
}

/**
 * Scenarios for any lifecycle, with the defaults of `kits` (nearest first): see `scenarioArb`, which passes the
 * built-in kits of the lifecycle's lineage. A lifecycle's own kit calls this with itself.
 * @throws LifecycleError `invalid_input` on bad options, or naming an event payload it cannot derive.
 */
export function scenarioArbWith<L extends AnyLifecycle>(lifecycle: L, kits: readonly LifecycleTestKit[], options: ScenarioOptions = {}): fc.Arbitrary<ScenarioOf<L>> {
  const parts = scenarioPartsWith(lifecycle, kits, options);
  const steps = parts.step ? fc.array(parts.step, { minLength: parts.minEvents, maxLength: parts.maxEvents }) : fc.constant([] as StepTemplate[]);
  return fc
    .tuple(parts.settings, parts.start, parts.create, steps)
    .map(([settings, start, create, list]) => buildScenario(parts, settings, start, create, list) as ScenarioOf<L>);
}
