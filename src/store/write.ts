/**
 * From an engine result to a store write: the new state with its index fields (due instant, asset, active), the
 * effects, and the audit record, all derived from the lifecycle so that every writer indexes alike.
 */
import { LifecycleError, caught, describeValue, unwrap, type BaseEvent, type Effect, type EngagementState, type Instant } from '../core/index.js';
import { deepFreeze } from '../core/index.js';
import { requireLifecycle, type AnyLifecycle, type Handled } from './lifecycles.js';
import type { AuditRecord, EngagementWrite } from './ports.js';
import { trustWrite } from './schemas.js';

/** The part of a `create` or `apply` success that a write needs. */
export interface AppliedChange<St extends EngagementState = EngagementState> {
  readonly state: St;
  readonly effects: readonly Effect[];
  readonly event: BaseEvent;
  /** `apply`'s flag; a result with `changed: false` has nothing to save. */
  readonly changed?: boolean;
}

export interface WriteOptions {
  /** The tenant's settings for the lifecycle: the due instant depends on them (time zone, day counts). */
  readonly settings?: unknown;
}

function invalid(message: string): LifecycleError {
  return new LifecycleError('invalid_input', message);
}

/** Builds the write; `dueOf` gives the next due instant of the new state. */
export function buildWrite<St extends EngagementState>(
  lifecycle: AnyLifecycle,
  previousInput: EngagementState | null,
  changeInput: AppliedChange<St>,
  dueOf: (state: St) => Instant | null,
): EngagementWrite<St> {
  // A caller's getter or Proxy trap that throws while the change is read is refused like any bad input.
  return caught('writeOf', () => build(lifecycle, previousInput, changeInput, dueOf));
}

/**
 * The previous state, read for its key, version and status only (the sweep hands the stored state it just applied
 * the clock to; parsing it again would double the cost of every change).
 */
function previousOf(input: unknown): Pick<EngagementState, 'lifecycle' | 'id' | 'version' | 'status'> | null {
  if (input === null) return null;
  const s = input as Partial<EngagementState> | undefined;
  if (
    s === undefined ||
    typeof s !== 'object' ||
    typeof s.lifecycle !== 'string' ||
    typeof s.id !== 'string' ||
    typeof s.status !== 'string' ||
    !Number.isSafeInteger(s.version)
  ) {
    throw invalid(`writeOf expects the previous state to be a state (or null for a creation), got ${describeValue(input)}`);
  }
  return { lifecycle: s.lifecycle, id: s.id, version: s.version!, status: s.status };
}

function build<St extends EngagementState>(
  lifecycle: AnyLifecycle,
  previousInput: EngagementState | null,
  changeInput: AppliedChange<St>,
  dueOf: (state: St) => Instant | null,
): EngagementWrite<St> {
  if (changeInput === null || typeof changeInput !== 'object') {
    throw invalid(`writeOf expects the change to be a create or apply success ({ state, effects, event }), got ${describeValue(changeInput)}`);
  }
  const change = changeInput;
  const previous = previousOf(previousInput);
  if (!Array.isArray(change.effects)) throw invalid(`writeOf expects the change's effects to be an array, got ${describeValue(change.effects)}`);
  if (change.event === null || typeof change.event !== 'object' || typeof change.event.type !== 'string') {
    throw invalid(`writeOf expects the change's event to be an event with a type, got ${describeValue(change.event)}`);
  }
  if (change.changed === false) throw invalid('Nothing changed (changed: false): there is nothing to save');
  // Checked here too: the core's parseState passes a state the engine made without looking at its lifecycle.
  if (change.state?.lifecycle !== lifecycle.id || change.state.lifecycleVersion !== lifecycle.version) {
    throw new LifecycleError(
      'lifecycle_mismatch',
      `This state belongs to lifecycle ${describeValue(change.state?.lifecycle)} version ${describeValue(change.state?.lifecycleVersion)}, not "${lifecycle.id}" version ${lifecycle.version}.`,
    );
  }
  const parsed = lifecycle.safeParseState(change.state);
  if (!parsed.ok) throw parsed.error;
  const state = parsed.state as St;
  if (previous !== null && (previous.lifecycle !== state.lifecycle || previous.id !== state.id)) {
    throw invalid(`The previous state is engagement "${previous.lifecycle}/${previous.id}", the new one "${state.lifecycle}/${state.id}"`);
  }
  if (state.version !== (previous?.version ?? 0) + 1) {
    throw invalid(`The new state has version ${state.version}; after ${previous ? `version ${previous.version}` : 'creation'} it must be ${(previous?.version ?? 0) + 1}`);
  }
  const facets = lifecycle.facets(state);
  const event = change.event;
  const audit: AuditRecord = {
    lifecycle: state.lifecycle,
    engagementId: state.id,
    version: state.version,
    from: previous?.status ?? null,
    to: state.status,
    event: event.type,
    actor: typeof event.actor === 'string' ? event.actor : null,
    reason: typeof event.reason === 'string' ? event.reason : null,
    at: state.updatedAt,
  };
  const write: EngagementWrite<St> = {
    expectedVersion: previous?.version ?? null,
    engagement: { state, dueAt: dueOf(state), asset: facets.asset, active: facets.active },
    effects: change.effects,
    audit,
  };
  // A state the engine made comes back from parseState as the same object, and engine effects are frozen and
  // stamped for that state: such a write is valid by construction and stores skip re-validating it. Anything else
  // (hand-made effects) is validated by the store like any other input.
  if (engineMade(state, change)) return deepFreeze(trustWrite(write));
  // Hand-made effects are the caller's objects: the write holds a frozen copy of them, never the originals.
  let effects: readonly Effect[];
  try {
    effects = structuredClone(change.effects);
  } catch (error) {
    throw new LifecycleError('invalid_input', 'writeOf: the effects must be plain data (they are copied into the write)', { cause: error });
  }
  return deepFreeze({ ...write, effects });
}

/**
 * Whether the change is the engine's own: the state `parseState` gave back is the change's (the engine made it),
 * and every effect is frozen and stamped for that state.
 */
function engineMade(state: EngagementState, change: AppliedChange): boolean {
  if (state !== change.state || !Object.isFrozen(change.effects)) return false;
  for (const e of change.effects) {
    if (!Object.isFrozen(e) || e.lifecycle !== state.lifecycle || e.engagementId !== state.id || e.version !== state.version) return false;
  }
  return true;
}

/**
 * The write that persists a change made by `lifecycle.create` (`previous` null) or `lifecycle.apply` (`previous`
 * the state it was applied to). The due instant is `lifecycle.nextDue` with `options.settings`.
 * @throws LifecycleError `invalid_input` when the change is not one of `previous` (other engagement, version not
 * previous + 1, `changed: false`), or the settings are invalid; `lifecycle_mismatch` for a state of another lifecycle.
 */
export function writeOf<St extends EngagementState>(
  lifecycle: AnyLifecycle,
  previous: EngagementState | null,
  change: AppliedChange<St>,
  options: WriteOptions = {},
): EngagementWrite<St> {
  requireLifecycle(lifecycle, 'writeOf: the lifecycle');
  const settings = caught('writeOf options', () => {
    if (options === undefined) return undefined;
    if (options === null || typeof options !== 'object') throw invalid(`writeOf expects options { settings }, got ${describeValue(options)}`);
    return options.settings;
  });
  const bound = boundFor(lifecycle, settings);
  return buildWrite(lifecycle, previous, change, (s) => unwrap(bound.nextDue(s)).due);
}

type Bound = ReturnType<AnyLifecycle['with']>;
const NO_SETTINGS = Object.freeze({});
const boundCache = new WeakMap<AnyLifecycle, WeakMap<object, Bound>>();

/** The lifecycle bound to its settings; kept per settings object when that object is frozen (it cannot change). */
function boundFor(lifecycle: AnyLifecycle, settings: unknown): Bound {
  const key = settings === undefined ? NO_SETTINGS : settings;
  const cacheable = typeof key === 'object' && key !== null && Object.isFrozen(key);
  let perLifecycle = boundCache.get(lifecycle);
  const hit = cacheable ? perLifecycle?.get(key) : undefined;
  if (hit) return hit;
  const bound = lifecycle.with(settings === undefined ? {} : { settings });
  if (cacheable) {
    if (!perLifecycle) boundCache.set(lifecycle, (perLifecycle = new WeakMap()));
    perLifecycle.set(key, bound);
  }
  return bound;
}

/** `writeOf` for a lifecycle already bound to its settings. */
export function writeFor<St extends EngagementState>(handled: Handled, previous: EngagementState | null, change: AppliedChange<St>): EngagementWrite<St> {
  return buildWrite(handled.lifecycle, previous, change, (s) => unwrap(handled.bound.nextDue(s)).due);
}
