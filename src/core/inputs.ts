/**
 * What both engines validate before they decide anything: call options, events, states. Shared below both
 * engines, so that neither engine imports the other and both refuse bad input with the same errors.
 */
import type { BaseEvent, EngagementState } from './declaration.js';
import { describeValue, failure, fromZodError, LifecycleError, type Result } from './errors.js';
import type { Effect } from './effects.js';
import type { Compiled } from './compile.js';
import { deepFreeze } from './immutable.js';
import { isTrusted, trust } from './step.js';
import { migrate } from './migrations.js';
import { bareEvent } from './bare-events.js';

/** Makes ids for new engagements (and anything else the library must name). Injected: `src/` never makes ids. */
export type IdGenerator = () => string;

/** Options of one call: the tenant's settings (time zone included) and the id generator. */
export interface EngineOptions<SettingsInput = unknown> {
  readonly settings?: SettingsInput;
  readonly newId?: IdGenerator;
}

/** Call options after validation: parsed, frozen settings and the id generator, if any. */
export interface ResolvedOptions {
  readonly settings: unknown;
  readonly newId: IdGenerator | undefined;
}

/** What `create` returns: the first state, its effects and the validated event, or the refusal. */
export type CreateResult<St, Ef, Ev> = Result<{ readonly state: St; readonly effects: readonly Ef[]; readonly event: Ev }>;
/** What `apply` returns: the next state, its effects, whether anything changed and the validated event, or the refusal. */
export type ApplyResult<St, Ef, Ev> = Result<{
  readonly state: St;
  readonly effects: readonly Ef[];
  /** False when the event changed nothing (for example a clock event with nothing due): same state, no effects. */
  readonly changed: boolean;
  readonly event: Ev;
}>;

const settingsCache = new WeakMap<object, unknown>();

/** The options of a call that gives none: the declaration's default settings, no id generator. */
export function defaultOptions(compiledDeclaration: Compiled): ResolvedOptions {
  return { settings: compiledDeclaration.defaultSettings, newId: undefined };
}

/** Validates call options. Settings objects are parsed once per object and frozen copies kept. */
export function resolveOptions(compiledDeclaration: Compiled, options: unknown): ResolvedOptions | LifecycleError {
  if (options === undefined) return defaultOptions(compiledDeclaration);
  if (options === null || typeof options !== 'object') {
    return new LifecycleError('invalid_input', 'Invalid options: expected an object such as { settings, newId }');
  }
  // Unknown keys are refused, not ignored: `{ timeZone }` where `{ settings: { timeZone } }` belongs would otherwise
  // compute silently in the default zone.
  let keys: string[];
  try {
    keys = Object.keys(options);
  } catch {
    return new LifecycleError('invalid_input', 'Invalid options: its keys cannot be read; expected a plain object such as { settings, newId }');
  }
  for (const key of keys) {
    if (key !== 'settings' && key !== 'newId') {
      const hint = key === 'timeZone' ? ' (a time zone belongs in the settings: { settings: { timeZone } })' : '';
      return new LifecycleError('invalid_input', `Invalid options: unknown key "${key}"; expected { settings, newId }${hint}`, {
        issues: [{ path: [key], message: 'unknown key', code: 'unrecognized_keys' }],
      });
    }
  }
  const { settings, newId } = options as { settings?: unknown; newId?: unknown };
  if (newId !== undefined && typeof newId !== 'function') {
    return new LifecycleError('invalid_input', 'Invalid options: newId must be a function that returns a new id');
  }
  let parsed: unknown = compiledDeclaration.defaultSettings;
  if (settings !== undefined) {
    const hit = settings !== null && typeof settings === 'object' ? settingsCache.get(settings) : undefined;
    if (hit !== undefined && Object.isFrozen(settings)) {
      parsed = hit;
    } else {
      const result = compiledDeclaration.declaration.settings.safeParse(settings);
      if (!result.success) return fromZodError('settings', result.error);
      parsed = deepFreeze(result.data);
      if (settings !== null && typeof settings === 'object' && Object.isFrozen(settings)) settingsCache.set(settings, parsed);
    }
  }
  return { settings: parsed, newId: newId as IdGenerator | undefined };
}

/**
 * The validated event the fast engine returned last, per declaration (deeply frozen). A sweep sends one clock event
 * to every due engagement: given back the engine's validated event, it is recognised by identity instead of parsed
 * again. One slot per declaration: nothing accumulates, and a miss only costs the parse.
 */
const lastValid = new WeakMap<Compiled, BaseEvent>();

/** Validates an event: a known type and a payload that matches its schema. */
export function validateEvent(compiledDeclaration: Compiled, input: unknown): BaseEvent | LifecycleError {
  if (input !== undefined && lastValid.get(compiledDeclaration) === input) return input as BaseEvent;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return new LifecycleError('invalid_input', 'Invalid event: expected an object with a "type" and an "at"');
  }
  const type = Object.prototype.hasOwnProperty.call(input, 'type') ? (input as { type?: unknown }).type : undefined;
  if (typeof type !== 'string') {
    return new LifecycleError('invalid_input', 'Invalid event: "type" must be a string', {
      issues: [{ path: ['type'], message: 'expected a string', code: 'invalid_type' }],
    });
  }
  const schema = compiledDeclaration.eventSchemas.get(type);
  if (!schema) {
    return new LifecycleError(
      'unknown_event',
      `Unknown event "${type}" for lifecycle "${compiledDeclaration.declaration.id}": expected one of ${[...compiledDeclaration.eventSchemas.keys()].join(', ')}`,
      { details: { event: type, lifecycle: compiledDeclaration.declaration.id } },
    );
  }
  const bare = bareEvent(schema, input, type);
  if (bare !== null) return bare;
  const result = schema.safeParse(input);
  if (!result.success) return fromZodError(`"${type}" event`, result.error, { event: type });
  return result.data;
}

/**
 * Remembers an event the engine validated and returned (deeply frozen: it cannot change), so that the same object
 * given back to this declaration is not parsed again. Returns the event.
 */
export function rememberValid(compiledDeclaration: Compiled, event: BaseEvent): BaseEvent {
  lastValid.set(compiledDeclaration, event);
  return event;
}

/**
 * Validates a stored or received state; states the engines produced are trusted as they are. A state from outside
 * must have the right shape and be consistent by the declaration's own `consistency` rule (its status agrees with
 * its data), checked with `settings` when the caller gave them.
 */
export function validateState(compiledDeclaration: Compiled, input: unknown, settings?: unknown): EngagementState | LifecycleError {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return new LifecycleError('invalid_input', 'Invalid engagement state: expected an object');
  }
  const { lifecycle, lifecycleVersion } = input as { lifecycle?: unknown; lifecycleVersion?: unknown };
  const declaration = compiledDeclaration.declaration;
  // Checked before trusting: a state another lifecycle produced is valid, but not for this one; an older version of
  // this one is upgraded through the declaration's migrations, then validated as any stored state.
  if (lifecycle !== declaration.id || lifecycleVersion !== declaration.version) {
    const migrated = migrate(declaration, input);
    if (migrated instanceof LifecycleError) return migrated;
    return parseState(compiledDeclaration, migrated, settings);
  }
  if (isTrusted(input)) return input as EngagementState;
  return parseState(compiledDeclaration, input, settings);
}

function parseState(compiledDeclaration: Compiled, input: object, settings: unknown): EngagementState | LifecycleError {
  const result = compiledDeclaration.stateSchema.safeParse(input);
  if (!result.success) return fromZodError('engagement state', result.error);
  const disagreement = inconsistency(compiledDeclaration, result.data, settings);
  if (disagreement !== null) {
    return new LifecycleError('invalid_input', `Inconsistent engagement state "${result.data.id}": ${disagreement}`, {
      issues: [{ path: [], message: disagreement, code: 'inconsistent_state' }],
    });
  }
  return deepFreeze(trust(result.data));
}

/**
 * What is wrong with a well-shaped state, or null: the declaration's own rule. Timestamp order is not forced on
 * every lifecycle: DefectDojo's records come from Django, whose `created` may be microseconds after `updated`.
 */
function inconsistency(compiledDeclaration: Compiled, state: EngagementState, settings: unknown): string | null {
  const rule = compiledDeclaration.declaration.consistency;
  return rule ? rule(state, settings) : null;
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

/** An engine's `apply` once the state and the event are valid (`extra`: what that engine needs besides). */
export type ApplyValid<A extends unknown[]> = (
  compiledDeclaration: Compiled,
  state: EngagementState,
  event: BaseEvent,
  options: ResolvedOptions,
  ...extra: A
) => ApplyResult<EngagementState, Effect, BaseEvent>;

/**
 * An engine's `apply` on raw inputs, from its `apply` on valid ones: both engines validate the state first, then
 * the event, and refuse with the first error, so that order is stated here once.
 */
export function validatingApply<A extends unknown[]>(applyValid: ApplyValid<A>) {
  return (compiledDeclaration: Compiled, stateInput: unknown, eventInput: unknown, options: ResolvedOptions, ...extra: A): ApplyResult<EngagementState, Effect, BaseEvent> => {
    const state = validateState(compiledDeclaration, stateInput, options.settings);
    if (state instanceof LifecycleError) return failure(state);
    const event = validateEvent(compiledDeclaration, eventInput);
    if (event instanceof LifecycleError) return failure(event);
    return applyValid(compiledDeclaration, state, event, options, ...extra);
  };
}
