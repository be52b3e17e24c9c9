/**
 * The machine functions of the `engagement-lifecycle/machine` entry: each takes a lifecycle, so that the lifecycle
 * object (and a host that uses only `create`/`apply`) never loads xstate.
 */
import type { AnyDeclaration } from './compile.js';
import { compiled } from './compile.js';
import type { EngagementState } from './declaration.js';
import { LifecycleError, caught, caughtResult, describeValue, failure, type Result } from './errors.js';
import { deepEqual, deepFreeze } from './immutable.js';
import { resolveOptions, validateState, type EngineOptions, type ResolvedOptions } from './inputs.js';
import { NEW_STATE, machineApply, machineCreate, machineFor, snapshotOfState, statusOfValue, type LifecycleMachine } from './machine.js';
import type {
  EventInputOfLifecycle,
  MachineLifecycleShape,
  MachineOfLifecycle,
  SnapshotOfLifecycle,
  StateOfLifecycle,
} from './machine-types.js';

/** A lifecycle as the machine functions take it (every `Lifecycle` is one). */
export interface MachineLifecycle extends MachineLifecycleShape {
  readonly declaration: AnyDeclaration;
}

/** `create`/`apply` run through the xstate machine: the fast engine's results and refusals, at xstate's speed. */
export interface MachineEngine<L extends MachineLifecycle> {
  create(event: EventInputOfLifecycle<L>): ReturnType<L['create']>;
  apply(state: StateOfLifecycle<L>, event: EventInputOfLifecycle<L>): ReturnType<L['apply']>;
}

/** Refuses, with `invalid_input`, what is not a lifecycle (from `defineLifecycle` or `defineWorkflow`). */
function checkedLifecycle(value: unknown, what: string): MachineLifecycle {
  const declaration = (value as { declaration?: unknown } | null)?.declaration;
  // Null or another primitive has no declaration (`?.` reads undefined), so it fails the declaration's test too.
  if (typeof value !== 'object' || declaration === null || typeof declaration !== 'object') {
    throw new LifecycleError('invalid_input', `${what} expects a lifecycle (from defineLifecycle or defineWorkflow), got ${describeValue(value)}`);
  }
  return value as MachineLifecycle;
}

function built(lifecycle: MachineLifecycle, options: unknown): { machine: LifecycleMachine; resolved: ResolvedOptions } {
  const compiledDeclaration = compiled(lifecycle.declaration);
  const resolved = resolveOptions(compiledDeclaration, options);
  if (resolved instanceof LifecycleError) throw resolved;
  return { machine: machineFor(compiledDeclaration, resolved, options as object | undefined), resolved };
}

/**
 * The lifecycle's xstate v5 machine for these options (built once per options object), typed with the lifecycle's
 * events, state, status union, regions and effects. Throws `invalid_input` on bad options.
 */
export function machineOf<L extends MachineLifecycle>(lifecycle: L, options?: EngineOptions<unknown>): MachineOfLifecycle<L> {
  // Cast: the machine is built over the erased types; MachineOfLifecycle<L> is its view typed from L, checked by
  // `test/machine/machine.test-d.ts`, and this is the one place the view is given.
  return caught('machineOf', () => built(checkedLifecycle(lifecycle, 'machineOf'), options).machine) as unknown as MachineOfLifecycle<L>;
}

/** `create`/`apply` through the xstate machine instead of the fast engine. Throws `invalid_input` on bad options. */
export function machineEngine<L extends MachineLifecycle>(lifecycle: L, options?: EngineOptions<unknown>): MachineEngine<L> {
  const { compiledDeclaration, machine, resolved } = caught('machineEngine', () => {
    const checked = checkedLifecycle(lifecycle, 'machineEngine');
    return { compiledDeclaration: compiled(checked.declaration), ...built(checked, options) };
  });
  // Like the fast engine: a throw from the caller's getters or Proxies becomes the failed result; outputs are frozen.
  return {
    create: (event) =>
      deepFreeze(caughtResult('machineEngine().create', () => machineCreate(compiledDeclaration, machine, event, resolved))) as ReturnType<L['create']>,
    apply: (state, event) =>
      deepFreeze(caughtResult('machineEngine().apply', () => machineApply(compiledDeclaration, state, event, resolved, machine))) as ReturnType<L['apply']>,
  };
}

/** The value a snapshot holding `state` has: the status, or with regions `{ status, <region>: value }`. */
function valueOf(lifecycle: MachineLifecycle, state: EngagementState | null): unknown {
  const status = state ? state.status : NEW_STATE;
  const regions = lifecycle.declaration.regions as AnyDeclaration['regions'];
  if (!regions) return status;
  return { status, ...Object.fromEntries(Object.entries(regions).map(([name, region]) => [name, state ? region.of(state.data) : region.values[0]])) };
}

/**
 * A machine snapshot holding `state` (for `transition()` or `createActor(machine, { snapshot })`). The state is
 * validated (and migrated from an older version) first. Throws the typed `LifecycleError` on a bad state or options.
 */
export function snapshotOf<L extends MachineLifecycle>(lifecycle: L, state: StateOfLifecycle<L>, options?: EngineOptions<unknown>): SnapshotOfLifecycle<L> {
  return caught('snapshotOf', () => {
    const checked = checkedLifecycle(lifecycle, 'snapshotOf');
    const compiledDeclaration = compiled(checked.declaration);
    const { machine, resolved } = built(checked, options);
    const parsed = validateState(compiledDeclaration, state, resolved.settings);
    if (parsed instanceof LifecycleError) throw parsed;
    return snapshotOfState(compiledDeclaration, machine, parsed);
    // Cast: as in machineOf, the snapshot of the erased machine given its view typed from L in one place.
  }) as unknown as SnapshotOfLifecycle<L>;
}

/**
 * The engagement state in a snapshot of the lifecycle's machine (null before creation). Throws `invalid_input`
 * when the snapshot's value and its context disagree; to load a snapshot from storage, use `restore`.
 */
export function stateOf<L extends MachineLifecycle>(lifecycle: L, snapshot: SnapshotOfLifecycle<L>): StateOfLifecycle<L> | null {
  return caught('stateOf', () => {
    const checked = checkedLifecycle(lifecycle, 'stateOf');
    const context = (snapshot as { context?: unknown } | null)?.context;
    // A snapshot that is null or any other primitive has no context (`?.` reads undefined), so it fails here too.
    if (typeof snapshot !== 'object' || context === null || typeof context !== 'object') {
      throw new LifecycleError('invalid_input', `stateOf expects a machine snapshot (an object with "value" and "context"), got ${describeValue(snapshot)}`);
    }
    const state = (context as { engagement?: EngagementState | null }).engagement ?? null;
    if (!deepEqual(snapshot.value, valueOf(checked, state))) {
      throw new LifecycleError('invalid_input', `The snapshot's value ${describeValue(snapshot.value)} disagrees with its context (status ${state ? describeValue(state.status) : NEW_STATE})`);
    }
    return state as StateOfLifecycle<L> | null;
  });
}

/** What `restore` gives: the live snapshot, the state it holds, and whether the state was migrated. */
export interface Restored<L extends MachineLifecycle> {
  readonly snapshot: SnapshotOfLifecycle<L>;
  readonly state: StateOfLifecycle<L> | null;
  readonly migrated: boolean;
}

const refuse = (message: string) => failure(new LifecycleError('invalid_input', `Cannot restore the snapshot: ${message}`));

/**
 * Restores a persisted snapshot (`actor.getPersistedSnapshot()`, through JSON or not): the one safe way back to a
 * live snapshot. The context's engagement is validated by the lifecycle's schema (its lifecycle id and version
 * checked, an older version migrated through the declaration's `migrations`), and the snapshot's value must agree
 * with it (the status, and each region's value): a tampered snapshot is refused with `invalid_input`, another
 * lifecycle's or an unreachable version with `lifecycle_mismatch`. The snapshot returned is rebuilt from the
 * validated state, never taken from the input. Never throws.
 */
export function restore<L extends MachineLifecycle>(lifecycle: L, persisted: unknown, options?: EngineOptions<unknown>): Result<Restored<L>> {
  return caughtResult('restore', () => restoreChecked(checkedLifecycle(lifecycle, 'restore') as L, persisted, options)) as Result<Restored<L>>;
}

function restoreChecked<L extends MachineLifecycle>(lifecycle: L, persisted: unknown, options?: EngineOptions<unknown>): Result<Restored<L>> {
  if (persisted === null || typeof persisted !== 'object' || Array.isArray(persisted)) return refuse('expected an object with "value" and "context"');
  const { value, context } = persisted as { value?: unknown; context?: unknown };
  if (context === null || typeof context !== 'object' || !('engagement' in context)) return refuse('its context has no "engagement"');
  if (typeof value !== 'string' && (value === null || typeof value !== 'object' || typeof (value as { status?: unknown }).status !== 'string')) {
    return refuse('its value is neither a status nor an object with a "status"');
  }
  const compiledDeclaration = compiled(lifecycle.declaration);
  const resolved = resolveOptions(compiledDeclaration, options);
  if (resolved instanceof LifecycleError) return failure(resolved);
  const machine = machineFor(compiledDeclaration, resolved, options as object | undefined);
  const stored = (context as { engagement: unknown }).engagement;
  try {
    if (stored === null) {
      if (!deepEqual(value, valueOf(lifecycle, null))) return refuse(`its value ${describeValue(value)} is not the initial one, but it holds no engagement`);
      return { ok: true, snapshot: machine.resolveState({ value: valueOf(lifecycle, null), context: { engagement: null } } as never) as never, state: null, migrated: false };
    }
    const state = validateState(compiledDeclaration, stored);
    if (state instanceof LifecycleError) return failure(state);
    const migrated = (stored as { lifecycleVersion?: unknown }).lifecycleVersion !== lifecycle.declaration.version;
    // A migrated state's regions follow the new data, so only its old status can be checked against the value.
    const agrees = migrated ? statusOfValue(value) === (stored as { status?: unknown }).status : deepEqual(value, valueOf(lifecycle, state));
    if (!agrees) return refuse(`its value ${describeValue(value)} disagrees with its context (status ${describeValue((stored as { status?: unknown }).status)})`);
    return { ok: true, snapshot: snapshotOfState(compiledDeclaration, machine, state) as never, state: state as StateOfLifecycle<L>, migrated };
  } catch (error) {
    // A region's `of` is the declaration's code: what it throws is a declaration error, not the caller's.
    return failure(error instanceof LifecycleError ? error : new LifecycleError('invalid_declaration', `Lifecycle "${lifecycle.declaration.id}": restoring threw: ${error instanceof Error ? error.message : describeValue(error)}`));
  }
}
