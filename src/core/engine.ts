/**
 * The fast engine: `create` and `apply` as plain functions over immutable states. It validates what crosses the
 * public boundary, chooses the transition through precompiled tables, and runs the shared `step`. It never throws:
 * every refusal comes back as `{ ok: false, error }`.
 */
import type { BaseEvent, EngagementState } from './declaration.js';
import type { Effect } from './effects.js';
import { fromZodError, LifecycleError, failure, type Result } from './errors.js';
import {
  compiled,
  createStep,
  isTrusted,
  precheck,
  refusal,
  step,
  trust,
  wrapThrow,
  type AnyDeclaration,
  type Compiled,
  type CompiledTransition,
} from './compile.js';
import { instantMs } from './dates.js';
import { deepFreeze } from './immutable.js';

/** Makes ids for new engagements (and anything else the library must name). Injected: `src/` never makes ids. */
export type IdGenerator = () => string;

/** Options of one call: the tenant's settings (time zone included) and the id generator. */
export interface EngineOptions<SettingsInput = unknown> {
  readonly settings?: SettingsInput;
  readonly newId?: IdGenerator;
}

export interface ResolvedOptions {
  readonly settings: unknown;
  readonly newId: IdGenerator | undefined;
}

export type CreateResult<St, Ef, Ev> = Result<{ readonly state: St; readonly effects: readonly Ef[]; readonly event: Ev }>;
export type ApplyResult<St, Ef, Ev> = Result<{
  readonly state: St;
  readonly effects: readonly Ef[];
  /** False when the event changed nothing (for example a clock event with nothing due): same state, no effects. */
  readonly changed: boolean;
  readonly event: Ev;
}>;

const settingsCache = new WeakMap<object, unknown>();

/** Validates call options. Settings objects are parsed once per object and frozen copies kept. */
export function resolveOptions(c: Compiled, options: unknown): ResolvedOptions | LifecycleError {
  if (options === undefined) return { settings: c.defaultSettings, newId: undefined };
  if (options === null || typeof options !== 'object') {
    return new LifecycleError('invalid_input', 'Invalid options: expected an object such as { settings, newId }');
  }
  const { settings, newId } = options as { settings?: unknown; newId?: unknown };
  if (newId !== undefined && typeof newId !== 'function') {
    return new LifecycleError('invalid_input', 'Invalid options: newId must be a function that returns a new id');
  }
  let parsed: unknown = c.defaultSettings;
  if (settings !== undefined) {
    const hit = settings !== null && typeof settings === 'object' ? settingsCache.get(settings) : undefined;
    if (hit !== undefined && Object.isFrozen(settings)) {
      parsed = hit;
    } else {
      const result = c.declaration.settings.safeParse(settings);
      if (!result.success) return fromZodError('settings', result.error);
      parsed = deepFreeze(result.data);
      if (settings !== null && typeof settings === 'object' && Object.isFrozen(settings)) settingsCache.set(settings, parsed);
    }
  }
  return { settings: parsed, newId: newId as IdGenerator | undefined };
}

/** Validates an event: a known type and a payload that matches its schema. */
export function parseEvent(c: Compiled, input: unknown): BaseEvent | LifecycleError {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return new LifecycleError('invalid_input', 'Invalid event: expected an object with a "type" and an "at"');
  }
  const type = Object.prototype.hasOwnProperty.call(input, 'type') ? (input as { type?: unknown }).type : undefined;
  if (typeof type !== 'string') {
    return new LifecycleError('invalid_input', 'Invalid event: "type" must be a string', {
      issues: [{ path: ['type'], message: 'expected a string', code: 'invalid_type' }],
    });
  }
  const schema = c.eventSchemas.get(type);
  if (!schema) {
    return new LifecycleError(
      'unknown_event',
      `Unknown event "${type}" for lifecycle "${c.declaration.id}": expected one of ${[...c.eventSchemas.keys()].join(', ')}`,
      { details: { event: type, lifecycle: c.declaration.id } },
    );
  }
  const result = schema.safeParse(input);
  if (!result.success) return fromZodError(`"${type}" event`, result.error, { event: type });
  return result.data;
}

/** Validates a stored or received state; states the engines produced are trusted as they are. */
export function parseState(c: Compiled, input: unknown): EngagementState | LifecycleError {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return new LifecycleError('invalid_input', 'Invalid engagement state: expected an object');
  }
  const { lifecycle, lifecycleVersion } = input as { lifecycle?: unknown; lifecycleVersion?: unknown };
  const d = c.declaration;
  // Checked before trusting: a state another lifecycle produced is valid, but not for this one.
  if (lifecycle !== d.id || lifecycleVersion !== d.version) {
    return new LifecycleError(
      'lifecycle_mismatch',
      `This state belongs to lifecycle "${String(lifecycle)}" version ${String(lifecycleVersion)}, not "${d.id}" version ${d.version}.`,
      { details: { expected: { lifecycle: d.id, version: d.version }, received: { lifecycle, lifecycleVersion } } },
    );
  }
  if (isTrusted(input)) return input as EngagementState;
  const result = c.stateSchema.safeParse(input);
  if (!result.success) return fromZodError('engagement state', result.error);
  return trust(deepFreeze(result.data));
}

/** Chooses the first transition whose guard passes, as xstate does. */
export function chooseTransition(
  c: Compiled,
  state: EngagementState,
  event: BaseEvent,
  settings: unknown,
  now: number,
): CompiledTransition | undefined {
  const candidates = c.table.get(state.status)!.get(event.type);
  if (!candidates) return undefined;
  const ctx = { state, event, settings, now };
  for (const t of candidates) {
    if (t.spec.reject && t.spec.reject(ctx as never)) continue;
    if (!t.spec.guard || t.spec.guard(ctx as never)) return t;
  }
  return undefined;
}

/** The refusal for a non-creation event sent to `create`. */
export function notACreation(c: Compiled, event: BaseEvent): LifecycleError {
  const names = [...c.creationsByEvent.keys()].join(', ');
  return new LifecycleError('transition_not_allowed', `"${event.type}" needs an existing engagement; create one first with ${names}.`, {
    details: { event: event.type },
  });
}

/** The id of a new engagement: the event's own, else one from the injected generator. */
export function creationId(event: BaseEvent, options: ResolvedOptions): string | LifecycleError {
  const given = (event as { id?: unknown }).id;
  if (typeof given === 'string') return given;
  if (!options.newId) {
    return new LifecycleError('invalid_input', `"${event.type}" has no "id" and no id generator was passed (options.newId)`);
  }
  return generateId(options.newId);
}

/** Calls the injected id generator: its id, or `invalid_input` when it throws or returns no non-empty string. */
export function generateId(newId: IdGenerator): string | LifecycleError {
  let id: unknown;
  try {
    id = newId();
  } catch (error) {
    return new LifecycleError('invalid_input', `The id generator threw: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof id !== 'string' || id.length === 0) {
    return new LifecycleError('invalid_input', 'The id generator must return a non-empty string');
  }
  return id;
}

export function createWith(c: Compiled, eventInput: unknown, options: ResolvedOptions): CreateResult<EngagementState, Effect, BaseEvent> {
  const event = parseEvent(c, eventInput);
  if (event instanceof LifecycleError) return failure(event);
  const creations = c.creationsByEvent.get(event.type);
  if (!creations) return failure(notACreation(c, event));
  const id = creationId(event, options);
  if (id instanceof LifecycleError) return failure(id);
  try {
    const outcome = createStep(c, creations[0]!, { id, event, settings: options.settings, now: instantMs(event.at) });
    return { ok: true, state: outcome.state, effects: outcome.effects, event: deepFreeze(event) };
  } catch (error) {
    return failure(wrapThrow(c, `creation on "${event.type}"`, error));
  }
}

/** What both engines check before choosing a transition: a valid state, a valid event, not terminal, in order. */
export function prepareApply(c: Compiled, stateInput: unknown, eventInput: unknown): { state: EngagementState; event: BaseEvent } | LifecycleError {
  const state = parseState(c, stateInput);
  if (state instanceof LifecycleError) return state;
  const event = parseEvent(c, eventInput);
  if (event instanceof LifecycleError) return event;
  return precheck(c, state, event) ?? { state, event };
}

export function applyWith(
  c: Compiled,
  stateInput: unknown,
  eventInput: unknown,
  options: ResolvedOptions,
): ApplyResult<EngagementState, Effect, BaseEvent> {
  const prepared = prepareApply(c, stateInput, eventInput);
  if (prepared instanceof LifecycleError) return failure(prepared);
  const { state, event } = prepared;
  try {
    const now = instantMs(event.at);
    const t = chooseTransition(c, state, event, options.settings, now);
    if (!t) return failure(refusal(c, state, event, options.settings));
    const outcome = step(c, t, { state, event, settings: options.settings, now });
    return { ok: true, state: outcome.state, effects: outcome.effects, changed: outcome.changed, event: deepFreeze(event) };
  } catch (error) {
    return failure(wrapThrow(c, `the transition on "${event.type}"`, error));
  }
}

/** The earliest instant (epoch ms) at which a clock event would change the engagement, or null. */
export function nextDueWith(c: Compiled, state: EngagementState, settings: unknown): number | null {
  if (!c.declaration.nextDue || c.terminal.has(state.status)) return null;
  return c.declaration.nextDue(state, settings);
}

export { compiled, type AnyDeclaration, type Compiled };
