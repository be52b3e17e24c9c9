/**
 * The one `step` both engines run: from a chosen transition (or creation) to the next state and its stamped
 * effects. Neither engine computes a next state any other way, so they cannot disagree on one.
 */
import type { Instant } from './dates.js';
import type { BaseEvent, EngagementState, StepContext } from './declaration.js';
import { stampEffects, type Effect, type EffectDraft } from './effects.js';
import { LifecycleError } from './errors.js';
import { deepFreeze, shallowEqual } from './immutable.js';
import { brand } from './brand.js';
import type { Compiled, CompiledCreation, CompiledTransition } from './compile.js';

/** States produced by the engines: valid by construction, so they skip re-validation. */
const trusted = /* @__PURE__ */ brand('trusted-state');

/** Marks a state the engines produced (or validated) as trusted, before it is frozen, and returns it. */
export function trust<T extends object>(state: T): T {
  return trusted.set(state);
}

/** True for a state the engines produced or already validated. */
export function isTrusted(state: unknown): boolean {
  return trusted.has(state);
}

/** The effects of a step that changes nothing: one frozen empty list, instead of a new one to freeze per call. */
const NO_EFFECTS: readonly Effect[] = Object.freeze([]);

/** The result of one step: the next state and its effects; `changed: false` (same state, no effects) when nothing changes. */
export interface StepOutcome {
  readonly state: EngagementState;
  readonly effects: readonly Effect[];
  readonly changed: boolean;
}

/** The status and data a transition or creation leads to. */
export interface Selected {
  readonly status: string;
  readonly data: unknown;
}

/** What a transition's functions see, untyped: the engines work for any declaration. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStepContext = StepContext<string, any, BaseEvent, any>;

/** What a creation's functions see. */
export interface AnyCreateContext {
  readonly id: string;
  readonly event: BaseEvent;
  readonly settings: unknown;
  readonly now: number;
}

/** A declaration function's throw as a `LifecycleError`: its own when it threw one, else `invalid_declaration`. */
export function wrapThrow(compiledDeclaration: Compiled, where: string, error: unknown): LifecycleError {
  if (error instanceof LifecycleError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const lifecycle = compiledDeclaration.declaration.id;
  return new LifecycleError('invalid_declaration', `Lifecycle "${lifecycle}": ${where} threw: ${message}`, {
    details: { lifecycle, where },
  });
}

/** The next status and data of a transition. Throws `invalid_declaration` when `select` leaves its `oneOf`. */
export function selectTarget(compiledDeclaration: Compiled, transition: CompiledTransition, context: AnyStepContext): Selected {
  const data = transition.spec.update ? transition.spec.update(context as never) : context.state.data;
  if (transition.dynamic) {
    const status = transition.dynamic.select(context, data);
    if (!transition.targets.includes(status)) {
      throw new LifecycleError(
        'invalid_declaration',
        `Lifecycle "${compiledDeclaration.declaration.id}": transition #${transition.index} on "${transition.spec.on}" selected "${String(status)}", which is not in its oneOf (${transition.targets.join(', ')})`,
        { details: { lifecycle: compiledDeclaration.declaration.id, where: `transition #${transition.index}` } },
      );
    }
    return { status, data };
  }
  return { status: transition.targets.length === 1 ? transition.targets[0]! : context.state.status, data };
}

/** Applies a chosen transition: next state (version + 1) and stamped effects, or `changed: false` when nothing changes. */
export function step(compiledDeclaration: Compiled, transition: CompiledTransition, context: AnyStepContext): StepOutcome {
  const { state, event } = context;
  const { status, data } = selectTarget(compiledDeclaration, transition, context);
  let drafts: readonly EffectDraft[] = transition.spec.effects ? transition.spec.effects(context as never, { status, data }) : [];
  const statusChanged = status !== state.status;
  if (statusChanged) drafts = [statusChangedDraft(state.status, status, event.type), ...drafts];
  const dataChanged = data !== state.data && !shallowEqual(data, state.data);
  if (!statusChanged && !dataChanged && drafts.length === 0) return { state, effects: NO_EFFECTS, changed: false };
  const version = state.version + 1;
  const next: EngagementState = {
    lifecycle: state.lifecycle,
    lifecycleVersion: state.lifecycleVersion,
    id: state.id,
    status,
    version,
    createdAt: state.createdAt,
    updatedAt: event.at,
    data,
  };
  const effects = stampEffects(drafts, state.lifecycle, state.id, version, event.at);
  return { state: deepFreeze(trust(next)), effects: deepFreeze(effects), changed: true };
}

/** The first status and data of a creation. Throws `invalid_declaration` when `select` leaves its `oneOf`. */
export function selectCreation(compiledDeclaration: Compiled, creation: CompiledCreation, context: AnyCreateContext): Selected {
  const data = creation.spec.init(context as never);
  if (creation.dynamic) {
    const status = creation.dynamic.select(context, data);
    if (!creation.targets.includes(status)) {
      throw new LifecycleError(
        'invalid_declaration',
        `Lifecycle "${compiledDeclaration.declaration.id}": creation on "${creation.spec.on}" selected "${String(status)}", which is not in its oneOf (${creation.targets.join(', ')})`,
        { details: { lifecycle: compiledDeclaration.declaration.id, where: `creation #${creation.index}` } },
      );
    }
    return { status, data };
  }
  return { status: creation.targets[0]!, data };
}

/** Builds the first state of an engagement and its effects. */
export function createStep(compiledDeclaration: Compiled, creation: CompiledCreation, context: AnyCreateContext): StepOutcome {
  const { id, event } = context;
  const { status, data } = selectCreation(compiledDeclaration, creation, context);
  const at: Instant = event.at;
  const drafts: EffectDraft[] = [
    statusChangedDraft(null, status, event.type),
    ...(creation.spec.effects ? creation.spec.effects(context as never, { status, data }) : []),
  ];
  const lifecycle = compiledDeclaration.declaration.id;
  const state: EngagementState = {
    lifecycle,
    lifecycleVersion: compiledDeclaration.declaration.version,
    id,
    status,
    version: 1,
    createdAt: at,
    updatedAt: at,
    data,
  };
  return { state: deepFreeze(trust(state)), effects: deepFreeze(stampEffects(drafts, lifecycle, id, 1, at)), changed: true };
}

function statusChangedDraft(from: string | null, to: string, cause: string): EffectDraft {
  const draft: EffectDraft & { from: string | null; to: string; cause: string } = { type: 'status_changed', from, to, cause };
  return draft;
}
