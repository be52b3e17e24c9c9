/**
 * The xstate v5 machine derived from a declaration. xstate chooses the transition (state node + event + guards,
 * first match wins) and holds the status as its state value; the guards, the data update and the effects are the
 * declaration's own functions, run through the same `selectTarget` and `step` as the fast engine.
 *
 * - The machine starts in the pseudo-status `(new)`; creation events leave it.
 * - Context is `{ engagement }`: the full engagement state, the same immutable value the fast engine produces.
 * - Effects are the params of an `effects` action: in pure mode (`transition()`) they come back as data; on a live
 *   actor, provide an implementation with `machine.provide({ actions: { effects: (_, effects) => ... } })`.
 * - Declarations with `regions` give a parallel machine: `{ status: ..., <region>: ... }`, regions following the
 *   data through eventless transitions.
 * - No delayed transitions: time arrives as events.
 */
import { assign, initialTransition, setup, transition, type AnyEventObject, type SnapshotFrom } from 'xstate';
import type { BaseEvent, EngagementState } from './declaration.js';
import type { Effect } from './effects.js';
import { LifecycleError, failure } from './errors.js';
import {
  createStep,
  refusal,
  selectCreation,
  selectTarget,
  step,
  wrapThrow,
  type Compiled,
  type CompiledTransition,
} from './compile.js';
import { instantMs } from './dates.js';
import { creationId, notACreation, parseEvent, prepareApply, type ApplyResult, type CreateResult, type ResolvedOptions } from './engine.js';

export const NEW_STATE = '(new)';

export interface LifecycleMachineContext {
  readonly engagement: EngagementState | null;
}

type MachineEvent = AnyEventObject & BaseEvent;

interface TransitionParams {
  readonly t: number;
  readonly target: string | null;
}
interface CreationParams {
  readonly k: number;
  readonly target: string;
}
interface RegionParams {
  readonly region: string;
  readonly value: string;
}

/** Events that already passed validation, and the validated form of raw ones (for live actors). */
const validated = new WeakMap<object, BaseEvent | null>();

function validEvent(c: Compiled, event: unknown): BaseEvent | null {
  if (event === null || typeof event !== 'object') return null;
  const hit = validated.get(event);
  if (hit !== undefined) return hit;
  const parsed = parseEvent(c, event);
  const value = parsed instanceof LifecycleError ? null : parsed;
  validated.set(event, value);
  if (value) validated.set(value, value);
  return value;
}

export function markValidated(event: BaseEvent): void {
  validated.set(event, event);
}

function buildMachine(c: Compiled, options: ResolvedOptions) {
  const { settings } = options;
  const decl = c.declaration;
  const ctxOf = (state: EngagementState, event: BaseEvent) => ({ state, event, settings, now: instantMs(event.at) });

  // For live actors sent an event without an id (machineCreate always puts one in).
  const newIdFor = (event: BaseEvent): string => {
    const id = creationId(event, options);
    if (id instanceof LifecycleError) throw id;
    return id;
  };

  const transitionGuard = ({ context, event }: { context: LifecycleMachineContext; event: MachineEvent }, p: TransitionParams): boolean => {
    const ev = validEvent(c, event);
    const state = context.engagement;
    if (!ev || !state || ev.at < state.updatedAt) return false;
    const t = c.transitions[p.t]!;
    const ctx = ctxOf(state, ev);
    if (t.spec.reject && t.spec.reject(ctx as never)) return false;
    if (t.spec.guard && !t.spec.guard(ctx as never)) return false;
    if (p.target === null || !t.dynamic) return true;
    return selectTarget(c, t, ctx).status === p.target;
  };

  const creationGuard = ({ context, event }: { context: LifecycleMachineContext; event: MachineEvent }, p: CreationParams): boolean => {
    const ev = validEvent(c, event);
    if (!ev || context.engagement) return false;
    const k = c.creations[p.k]!;
    if (!k.dynamic) return true;
    // The id does not choose the target; the generator is only called once, in `create`.
    const given = (ev as { id?: unknown }).id;
    const id = typeof given === 'string' ? given : '';
    return selectCreation(c, k, { id, event: ev, settings, now: instantMs(ev.at) }).status === p.target;
  };

  const regionGuard = ({ context }: { context: LifecycleMachineContext }, p: RegionParams): boolean => {
    const state = context.engagement;
    return state !== null && decl.regions![p.region]!.of(state.data) === p.value;
  };

  const stepAssign = assign<LifecycleMachineContext, MachineEvent, TransitionParams, MachineEvent, never>(({ context, event }: { context: LifecycleMachineContext; event: MachineEvent }, p: TransitionParams) => {
    const ev = validEvent(c, event)!;
    const out = step(c, c.transitions[p.t]!, ctxOf(context.engagement!, ev));
    return out.changed ? { engagement: out.state } : {};
  });

  const createAssign = assign<LifecycleMachineContext, MachineEvent, CreationParams, MachineEvent, never>(({ event }: { event: MachineEvent }, p: CreationParams) => {
    const ev = validEvent(c, event)!;
    const out = createStep(c, c.creations[p.k]!, { id: newIdFor(ev), event: ev, settings, now: instantMs(ev.at) });
    return { engagement: out.state };
  });

  const machineSetup = setup({
    types: {} as { context: LifecycleMachineContext; events: MachineEvent },
    guards: {
      transition: transitionGuard,
      creation: creationGuard,
      region: regionGuard,
    },
    actions: {
      step: stepAssign,
      create: createAssign,
      /** Carries the change's effects as params. A no-op by default: provide it on a live actor to deliver them. */
      effects: (_args, _effects: unknown) => {},
    },
  });

  // Effects are computed before `step` runs, from the state being left; for creations, after `create`.
  const transitionEffects = (t: CompiledTransition) => ({
    type: 'effects' as const,
    params: ({ context, event }: { context: LifecycleMachineContext; event: MachineEvent }): readonly Effect[] =>
      step(c, t, ctxOf(context.engagement!, validEvent(c, event)!)).effects,
  });

  const statusStates: Record<string, object> = {};
  const creationOn: Record<string, object[]> = {};
  for (const k of c.creations) {
    const list = (creationOn[k.spec.on] ??= []);
    for (const target of k.targets) {
      list.push({
        guard: { type: 'creation', params: { k: k.index, target } },
        target,
        actions: [
          { type: 'create', params: { k: k.index, target } },
          {
            type: 'effects',
            params: ({ context, event }: { context: LifecycleMachineContext; event: MachineEvent }): readonly Effect[] => {
              const ev = validEvent(c, event)!;
              return createStep(c, k, { id: context.engagement!.id, event: ev, settings, now: instantMs(ev.at) }).effects;
            },
          },
        ],
        ...(k.spec.label ? { description: k.spec.label } : {}),
      });
    }
  }
  statusStates[NEW_STATE] = { on: creationOn };
  for (const status of c.statuses) {
    const on: Record<string, object[]> = {};
    for (const [type, list] of c.table.get(status)!) {
      on[type] = list.flatMap((t) => {
        const targets: (string | null)[] = t.targets.length === 0 ? [null] : t.targets.length === 1 && !t.dynamic ? [t.targets[0]!] : [...t.targets];
        return targets.map((target) => ({
          guard: { type: 'transition', params: { t: t.index, target } },
          ...(target === null ? {} : { target }),
          actions: [transitionEffects(t), { type: 'step', params: { t: t.index, target } }],
          ...(t.spec.label ? { description: t.spec.label } : {}),
        }));
      });
    }
    statusStates[status] = c.terminal.has(status) ? { type: 'final', on } : { on };
  }

  const statusRegion = { initial: NEW_STATE, states: statusStates };
  const regions = decl.regions ?? {};
  const regionNames = Object.keys(regions);
  const config =
    regionNames.length === 0
      ? { id: decl.id, context: { engagement: null }, ...statusRegion }
      : {
          id: decl.id,
          context: { engagement: null },
          type: 'parallel' as const,
          states: {
            status: statusRegion,
            ...Object.fromEntries(
              regionNames.map((name) => {
                const values = regions[name]!.values;
                return [
                  name,
                  {
                    initial: values[0]!,
                    states: Object.fromEntries(
                      values.map((v) => [
                        v,
                        {
                          always: values
                            .filter((other) => other !== v)
                            .map((other) => ({ guard: { type: 'region', params: { region: name, value: other } }, target: other })),
                        },
                      ]),
                    ),
                  },
                ];
              }),
            ),
          },
        };
  // The config is generated, so xstate cannot infer state values from it: typed loosely, the machine keeps
  // string state values (`snapshot.matches("Pending")`) and stays assignable to AnyStateMachine.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return machineSetup.createMachine(config as any);
}

export type LifecycleMachine = ReturnType<typeof buildMachine>;
export type LifecycleSnapshot = SnapshotFrom<LifecycleMachine>;

const machineCache = new WeakMap<Compiled, WeakMap<object, LifecycleMachine>>();
const defaultMachines = new WeakMap<Compiled, LifecycleMachine>();

/** The machine for a declaration and options; built once per options object. */
export function machineFor(c: Compiled, options: ResolvedOptions, key?: object): LifecycleMachine {
  if (!key) {
    let m = defaultMachines.get(c);
    if (!m) {
      m = buildMachine(c, options);
      defaultMachines.set(c, m);
    }
    return m;
  }
  let byKey = machineCache.get(c);
  if (!byKey) {
    byKey = new WeakMap();
    machineCache.set(c, byKey);
  }
  let m = byKey.get(key);
  if (!m) {
    m = buildMachine(c, options);
    byKey.set(key, m);
  }
  return m;
}

/** The status in a snapshot's value (the value itself, or its `status` region). */
export function statusOfValue(value: unknown): string {
  return typeof value === 'string' ? value : (value as { status: string }).status;
}

/** The engagement state held by a machine snapshot, or null before creation. */
export function stateOfSnapshot(snapshot: { value: unknown; context: LifecycleMachineContext }): EngagementState | null {
  const state = snapshot.context.engagement;
  if (state && statusOfValue(snapshot.value) !== state.status) {
    throw new LifecycleError(
      'invalid_input',
      `The snapshot's status ${statusOfValue(snapshot.value)} disagrees with its context's ${state.status}`,
    );
  }
  return state;
}

/** A machine snapshot holding `state`, to continue with `transition()` or `createActor(machine, { snapshot })`. */
export function snapshotOfState(c: Compiled, machine: LifecycleMachine, state: EngagementState): LifecycleSnapshot {
  const regions = c.declaration.regions;
  const value = regions
    ? { status: state.status, ...Object.fromEntries(Object.entries(regions).map(([name, r]) => [name, r.of(state.data)])) }
    : state.status;
  return machine.resolveState({ value, context: { engagement: state } } as never);
}

function effectsOf(actions: readonly { type: string; params?: unknown }[]): Effect[] {
  return actions.filter((a) => a.type === 'effects').flatMap((a) => a.params as readonly Effect[]);
}

/** `create` through the xstate machine: the same results and refusals as the fast engine, at xstate's speed. */
export function machineCreate(c: Compiled, machine: LifecycleMachine, eventInput: unknown, options: ResolvedOptions): CreateResult<EngagementState, Effect, BaseEvent> {
  const parsed = parseEvent(c, eventInput);
  if (parsed instanceof LifecycleError) return failure(parsed);
  if (!c.creationsByEvent.has(parsed.type)) return failure(notACreation(c, parsed));
  const id = creationId(parsed, options);
  if (id instanceof LifecycleError) return failure(id);
  // The id travels in the event, so the machine's own `create` never has to call the generator again.
  const event = { ...parsed, id } as BaseEvent;
  markValidated(event);
  try {
    const [initial] = initialTransition(machine);
    const [next, actions] = transition(machine, initial, event as MachineEvent);
    const state = stateOfSnapshot(next);
    if (!state) return failure(new LifecycleError('transition_not_allowed', `"${event.type}" did not create an engagement`));
    return { ok: true, state, effects: effectsOf(actions), event: parsed };
  } catch (error) {
    return failure(wrapThrow(c, `creation on "${event.type}"`, error));
  }
}

/** `apply` through the xstate machine. */
export function machineApply(
  c: Compiled,
  machine: LifecycleMachine,
  stateInput: unknown,
  eventInput: unknown,
  options: ResolvedOptions,
): ApplyResult<EngagementState, Effect, BaseEvent> {
  const prepared = prepareApply(c, stateInput, eventInput);
  if (prepared instanceof LifecycleError) return failure(prepared);
  const { state, event } = prepared;
  markValidated(event);
  try {
    const snapshot = snapshotOfState(c, machine, state);
    const [next, actions] = transition(machine, snapshot, event as MachineEvent);
    if (next === snapshot) return failure(refusal(c, state, event, options.settings));
    const after = stateOfSnapshot(next)!;
    return { ok: true, state: after, effects: effectsOf(actions), changed: after !== state, event };
  } catch (error) {
    return failure(wrapThrow(c, `the transition on "${event.type}"`, error));
  }
}
