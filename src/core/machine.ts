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
import type { Compiled } from './compile.js';
import { instantMs } from './dates.js';
import { decide, decideCreation, notACreation, type CreationDecision, type Decision } from './decide.js';
import { creationId, validateEvent, validatingApply, type ApplyResult, type CreateResult, type ResolvedOptions } from './inputs.js';
import { wrapThrow } from './step.js';
import { markValidated, validEvent } from './validated-events.js';

/** The pseudo-status the machine starts in, before a creation event. */
export const NEW_STATE = '(new)';

/** The machine's context: the engagement state, or null before creation. */
export interface LifecycleMachineContext {
  readonly engagement: EngagementState | null;
}

type MachineEvent = AnyEventObject & BaseEvent;

/** A machine transition stands for one declared transition and one of its targets (null: keeps the status). */
interface TransitionParams {
  readonly transitionIndex: number;
  readonly target: string | null;
}
interface CreationParams {
  readonly creationIndex: number;
  readonly target: string;
}
interface RegionParams {
  readonly region: string;
  readonly value: string;
}

/**
 * The decision for one (state, event) pair, kept so that the guard computes it and the actions read it: one
 * `decide` per event however many candidate transitions xstate asks about. Keyed by the validated event object,
 * checked against the state object, per machine (a machine has one set of settings).
 */
interface Memo {
  readonly decisions: WeakMap<BaseEvent, { readonly state: EngagementState; readonly decision: Decision }>;
  readonly creations: WeakMap<BaseEvent, CreationDecision>;
}
const memos = new WeakMap<object, Memo>();

function buildMachine(compiledDeclaration: Compiled, options: ResolvedOptions) {
  const { settings } = options;
  const declaration = compiledDeclaration.declaration;
  const memo: Memo = { decisions: new WeakMap(), creations: new WeakMap() };

  const decisionFor = (state: EngagementState, event: BaseEvent): Decision => {
    const hit = memo.decisions.get(event);
    if (hit && hit.state === state) return hit.decision;
    const decision = decide(compiledDeclaration, state, event, settings);
    memo.decisions.set(event, { state, decision });
    return decision;
  };

  // machineCreate always puts an id in the event; a live actor may be sent one without, then the generator makes it.
  const creationFor = (event: BaseEvent): CreationDecision => {
    const hit = memo.creations.get(event);
    if (hit) return hit;
    const id = creationId(event, options);
    const decision = id instanceof LifecycleError ? failure(id) : decideCreation(compiledDeclaration, { id, event, settings, now: instantMs(event.at) });
    memo.creations.set(event, decision);
    return decision;
  };

  const transitionGuard = ({ context, event }: { context: LifecycleMachineContext; event: MachineEvent }, params: TransitionParams): boolean => {
    const validatedEvent = validEvent(compiledDeclaration, event);
    const state = context.engagement;
    if (!validatedEvent || !state) return false;
    const decision = decisionFor(state, validatedEvent);
    if (!decision.ok || decision.transition.index !== params.transitionIndex) return false;
    return params.target === null || decision.outcome.state.status === params.target;
  };

  const creationGuard = ({ context, event }: { context: LifecycleMachineContext; event: MachineEvent }, params: CreationParams): boolean => {
    const validatedEvent = validEvent(compiledDeclaration, event);
    if (!validatedEvent || context.engagement) return false;
    const decision = creationFor(validatedEvent);
    return decision.ok && decision.creation.index === params.creationIndex && decision.outcome.state.status === params.target;
  };

  const regionGuard = ({ context }: { context: LifecycleMachineContext }, params: RegionParams): boolean => {
    const state = context.engagement;
    return state !== null && declaration.regions![params.region]!.of(state.data) === params.value;
  };

  // The actions only read what the guard decided: the guard passed, so the decision is there and succeeded.
  const decidedStep = (event: MachineEvent) => {
    const decision = memo.decisions.get(validEvent(compiledDeclaration, event)!)!.decision;
    return (decision as Extract<Decision, { ok: true }>).outcome;
  };
  const decidedCreation = (event: MachineEvent) => {
    const decision = memo.creations.get(validEvent(compiledDeclaration, event)!)!;
    return (decision as Extract<CreationDecision, { ok: true }>).outcome;
  };

  const stepAssign = assign<LifecycleMachineContext, MachineEvent, TransitionParams, MachineEvent, never>(({ event }: { event: MachineEvent }) => {
    const outcome = decidedStep(event);
    return outcome.changed ? { engagement: outcome.state } : {};
  });

  const createAssign = assign<LifecycleMachineContext, MachineEvent, CreationParams, MachineEvent, never>(({ event }: { event: MachineEvent }) => ({
    engagement: decidedCreation(event).state,
  }));

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

  const transitionEffects = {
    type: 'effects' as const,
    params: ({ event }: { event: MachineEvent }): readonly Effect[] => decidedStep(event).effects,
  };

  const statusStates: Record<string, object> = {};
  const creationOn: Record<string, object[]> = {};
  for (const creation of compiledDeclaration.creations) {
    const list = (creationOn[creation.spec.on] ??= []);
    for (const target of creation.targets) {
      list.push({
        guard: { type: 'creation', params: { creationIndex: creation.index, target } },
        target,
        actions: [
          { type: 'create', params: { creationIndex: creation.index, target } },
          { type: 'effects', params: ({ event }: { event: MachineEvent }): readonly Effect[] => decidedCreation(event).effects },
        ],
        ...(creation.spec.label ? { description: creation.spec.label } : {}),
      });
    }
  }
  statusStates[NEW_STATE] = { on: creationOn };
  for (const status of compiledDeclaration.statuses) {
    const on: Record<string, object[]> = {};
    for (const [type, list] of compiledDeclaration.table.get(status)!) {
      on[type] = list.flatMap((compiledTransition) => {
        const { targets: declared, index, spec } = compiledTransition;
        // One machine transition per possible target; null stands for "keeps the status" (no target).
        const targets: readonly (string | null)[] = declared.length === 0 ? [null] : declared;
        return targets.map((target) => ({
          guard: { type: 'transition', params: { transitionIndex: index, target } },
          ...(target === null ? {} : { target }),
          actions: [transitionEffects, { type: 'step', params: { transitionIndex: index, target } }],
          ...(spec.label ? { description: spec.label } : {}),
        }));
      });
    }
    statusStates[status] = compiledDeclaration.terminal.has(status) ? { type: 'final', on } : { on };
  }

  const statusRegion = { initial: NEW_STATE, states: statusStates };
  const regions = declaration.regions ?? {};
  const regionNames = Object.keys(regions);
  const config =
    regionNames.length === 0
      ? { id: declaration.id, context: { engagement: null }, ...statusRegion }
      : {
          id: declaration.id,
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
                      values.map((value) => [
                        value,
                        {
                          always: values
                            .filter((other) => other !== value)
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
  const machine = machineSetup.createMachine(config as any);
  memos.set(machine, memo);
  return machine;
}

/**
 * The machine as built, typed loosely (the config is generated); `machineOf` gives it the lifecycle's own types
 * (`TypedMachine` in machine-types.ts).
 */
export type LifecycleMachine = ReturnType<typeof buildMachine>;
/** A snapshot of the loosely typed machine. */
export type LifecycleSnapshot = SnapshotFrom<LifecycleMachine>;

const machineCache = new WeakMap<Compiled, WeakMap<object, LifecycleMachine>>();
const defaultMachines = new WeakMap<Compiled, LifecycleMachine>();

/** The machine for a declaration and options; built once per options object (`key`), or once for the defaults. */
export function machineFor(compiledDeclaration: Compiled, options: ResolvedOptions, key?: object): LifecycleMachine {
  if (!key) {
    let machine = defaultMachines.get(compiledDeclaration);
    if (!machine) {
      machine = buildMachine(compiledDeclaration, options);
      defaultMachines.set(compiledDeclaration, machine);
    }
    return machine;
  }
  let byKey = machineCache.get(compiledDeclaration);
  if (!byKey) {
    byKey = new WeakMap();
    machineCache.set(compiledDeclaration, byKey);
  }
  let machine = byKey.get(key);
  if (!machine) {
    machine = buildMachine(compiledDeclaration, options);
    byKey.set(key, machine);
  }
  return machine;
}

/** The status in a snapshot's value (the value itself, or its `status` region). */
export function statusOfValue(value: unknown): string {
  return typeof value === 'string' ? value : (value as { status: string }).status;
}

/**
 * The engagement state held by a snapshot this machine just made, or null before creation. The machine sets the
 * status and the context in the same transition, so they cannot disagree here; snapshots from outside are checked
 * by `stateOf` and `restore` (machine-api.ts).
 */
function stateOfSnapshot(snapshot: { context: LifecycleMachineContext }): EngagementState | null {
  return snapshot.context.engagement;
}

/** A machine snapshot holding `state`, to continue with `transition()` or `createActor(machine, { snapshot })`. */
export function snapshotOfState(compiledDeclaration: Compiled, machine: LifecycleMachine, state: EngagementState): LifecycleSnapshot {
  const regions = compiledDeclaration.declaration.regions;
  const value = regions
    ? { status: state.status, ...Object.fromEntries(Object.entries(regions).map(([name, region]) => [name, region.of(state.data)])) }
    : state.status;
  return machine.resolveState({ value, context: { engagement: state } } as never);
}

function effectsOf(actions: readonly { type: string; params?: unknown }[]): Effect[] {
  return actions.filter((action) => action.type === 'effects').flatMap((action) => action.params as readonly Effect[]);
}

/** `create` through the xstate machine: the same results and refusals as the fast engine, at xstate's speed. */
export function machineCreate(
  compiledDeclaration: Compiled,
  machine: LifecycleMachine,
  eventInput: unknown,
  options: ResolvedOptions,
): CreateResult<EngagementState, Effect, BaseEvent> {
  const parsed = validateEvent(compiledDeclaration, eventInput);
  if (parsed instanceof LifecycleError) return failure(parsed);
  if (!compiledDeclaration.creationsByEvent.has(parsed.type)) return failure(notACreation(compiledDeclaration, parsed));
  const id = creationId(parsed, options);
  if (id instanceof LifecycleError) return failure(id);
  // The id travels in the event, so the machine never has to call the generator again.
  const event = { ...parsed, id } as BaseEvent;
  markValidated(event);
  // decideCreation catches what the declaration's functions throw; this catches the rest (a region's `of`).
  try {
    const [initial] = initialTransition(machine);
    const [next, actions] = transition(machine, initial, event as MachineEvent);
    const state = stateOfSnapshot(next);
    if (!state) {
      const decided = memos.get(machine)!.creations.get(event);
      if (decided && !decided.ok) return decided;
      return failure(new LifecycleError('transition_not_allowed', `"${event.type}" did not create an engagement`, { details: { event: event.type } }));
    }
    return { ok: true, state, effects: effectsOf(actions), event: parsed };
  } catch (error) {
    return failure(wrapThrow(compiledDeclaration, `creation on "${event.type}"`, error));
  }
}

/** `apply` through the xstate machine: xstate picks the transition its guards allow, and the guards ask `decide`. */
// Pure: a bundle that uses only one engine drops the other (the machine's would keep xstate).
export const machineApply = /* @__PURE__ */ validatingApply((compiledDeclaration, state, event, options, machine: LifecycleMachine) => {
  markValidated(event);
  // decide catches what the declaration's functions throw; this catches the rest (a region's `of`).
  try {
    const snapshot = snapshotOfState(compiledDeclaration, machine, state);
    const [next, actions] = transition(machine, snapshot, event as MachineEvent);
    if (next === snapshot) {
      // No guard passed: the refusal is the decision the guards saw, or (no candidate asked) a fresh one.
      const seen = memos.get(machine)!.decisions.get(event);
      const decision = seen && seen.state === state ? seen.decision : decide(compiledDeclaration, state, event, options.settings);
      if (!decision.ok) return decision;
      return failure(new LifecycleError('invalid_declaration', `Lifecycle "${compiledDeclaration.declaration.id}": the machine did not take the transition on "${event.type}"`));
    }
    const after = stateOfSnapshot(next)!;
    return { ok: true, state: after, effects: effectsOf(actions), changed: after !== state, event };
  } catch (error) {
    return failure(wrapThrow(compiledDeclaration, `the transition on "${event.type}"`, error));
  }
});
