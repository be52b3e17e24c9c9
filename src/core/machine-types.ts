/**
 * The xstate types of a lifecycle's machine, read from the lifecycle: its event inputs, its state type, its
 * effect union and its regions. The machine's config is generated from the declaration at run time, so xstate
 * cannot infer the state value from it; these types state what the generation guarantees (the status union, one
 * key per region), and the type tests hold them to the runtime.
 */
import type {
  EventObject,
  MachineSnapshot,
  MetaObject,
  NonReducibleUnknown,
  StateMachine,
  StateSchema,
} from 'xstate';
import type { EngagementState } from './declaration.js';
import type { Effect } from './effects.js';
import type { NEW_STATE } from './machine.js';

/** The machine's context: the engagement state, or null before creation (the `(new)` pseudo-status). */
export interface MachineContext<St> {
  readonly engagement: St | null;
}

/** The state value: the status (or `(new)`), or with regions `{ status, <region>: value }`. */
export type MachineStateValue<S extends string, R> = [keyof R] extends [never]
  ? S | typeof NEW_STATE
  : { readonly status: S | typeof NEW_STATE } & { readonly [K in keyof R]: R[K] };

/** The machine's actions: `effects` carries the change's effects as params (provide it on a live actor). */
export type MachineAction<Ef> =
  | { type: 'effects'; params: readonly Ef[] }
  | { type: 'step'; params: { readonly transitionIndex: number; readonly target: string | null } }
  | { type: 'create'; params: { readonly creationIndex: number; readonly target: string } };

/** The machine's guards (all ask `decide`, or a region's `of`). */
export type MachineGuard =
  | { type: 'transition'; params: { readonly transitionIndex: number; readonly target: string | null } }
  | { type: 'creation'; params: { readonly creationIndex: number; readonly target: string } }
  | { type: 'region'; params: { readonly region: string; readonly value: string } };

/**
 * The xstate v5 machine of a lifecycle: `St` its engagement state, `Ev` the events a caller may send (the same
 * inputs as `apply`, `at` as an ISO string or a `Date`), `Ef` its effect union, `R` its regions' values.
 */
export type TypedMachine<St extends EngagementState, Ev extends EventObject, Ef, R> = StateMachine<
  MachineContext<St>,
  Ev,
  {},
  never,
  MachineAction<Ef>,
  MachineGuard,
  never,
  MachineStateValue<St['status'], R>,
  string,
  NonReducibleUnknown,
  NonReducibleUnknown,
  EventObject,
  MetaObject,
  StateSchema
>;

/** A snapshot of a lifecycle's machine: typed `value`, `context`, `matches` and `can`. */
export type TypedSnapshot<St extends EngagementState, Ev extends EventObject, R> = MachineSnapshot<
  MachineContext<St>,
  Ev,
  {},
  MachineStateValue<St['status'], R>,
  string,
  NonReducibleUnknown,
  MetaObject,
  StateSchema
>;

/** What the machine functions read from a lifecycle's type (every `Lifecycle` has these members). */
export interface MachineLifecycleShape {
  readonly regions: object;
  parseState(input: unknown): EngagementState;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  create(event: any, options?: any): { readonly ok: boolean };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  apply(state: any, event: any, options?: any): { readonly ok: boolean };
}

/** The engagement state of a lifecycle. */
export type StateOfLifecycle<L extends MachineLifecycleShape> = ReturnType<L['parseState']>;
/** The event inputs of a lifecycle (what `create` and `apply` take). */
export type EventInputOfLifecycle<L extends MachineLifecycleShape> = Parameters<L['create']>[0] & EventObject;
/** The effect union of a lifecycle. */
export type EffectOfLifecycle<L extends MachineLifecycleShape> = Extract<ReturnType<L['create']>, { ok: true }> extends { readonly effects: readonly (infer Ef)[] } ? Ef : Effect;
/** The regions of a lifecycle: region name to the union of its values. */
export type RegionsOfLifecycle<L extends MachineLifecycleShape> = { [K in keyof L['regions']]: L['regions'][K] extends readonly (infer V)[] ? V : never };

/** The typed machine of a lifecycle. */
export type MachineOfLifecycle<L extends MachineLifecycleShape> = TypedMachine<StateOfLifecycle<L>, EventInputOfLifecycle<L>, EffectOfLifecycle<L>, RegionsOfLifecycle<L>>;
/** A snapshot of a lifecycle's typed machine. */
export type SnapshotOfLifecycle<L extends MachineLifecycleShape> = TypedSnapshot<StateOfLifecycle<L>, EventInputOfLifecycle<L>, RegionsOfLifecycle<L>>;
