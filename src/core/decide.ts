/**
 * The one decision both engines follow for an event on an existing engagement, in this order: a terminal status
 * refuses everything; an event dated before the last change is out of order; then each candidate transition, in
 * declaration order, is skipped when its `reject` returns an error or its `guard` is false, and the first left is
 * stepped, once. When none is left, the refusal says why. The fast engine calls `decide` directly; the xstate
 * machine calls it from its guard and reads the outcome in its actions, so no `update`, `guard` or `select` runs
 * twice for one event and the two engines cannot choose differently.
 */
import { eventInstantMs } from './instant-reader.js';
import type { BaseEvent, EngagementState } from './declaration.js';
import { LifecycleError, failure } from './errors.js';
import type { Compiled, CompiledCreation, CompiledTransition } from './compile.js';
import { createStep, step, wrapThrow, type AnyCreateContext, type AnyStepContext, type StepOutcome } from './step.js';

/** The transition chosen for an event and the outcome of stepping it, or the refusal. */
export type Decision =
  | { readonly ok: true; readonly transition: CompiledTransition; readonly outcome: StepOutcome }
  | { readonly ok: false; readonly error: LifecycleError };

/** The creation chosen for a creation event and its outcome, or the error its functions raised. */
export type CreationDecision =
  | { readonly ok: true; readonly creation: CompiledCreation; readonly outcome: StepOutcome }
  | { readonly ok: false; readonly error: LifecycleError };

/** Decides what `event` does to `state` under `settings` (see the module comment for the order). Never throws. */
export function decide(compiledDeclaration: Compiled, state: EngagementState, event: BaseEvent, settings: unknown): Decision {
  const early = precheck(compiledDeclaration, state, event);
  if (early) return failure(early);
  const candidates = compiledDeclaration.table.get(state.status)?.get(event.type) ?? [];
  const context: AnyStepContext = { state, event, settings, now: eventInstantMs(event.at) };
  // Which of the declaration's functions is running, so that a throw names it ("the guard of "approve" from Pending").
  let part = 'reject';
  try {
    let firstRejection: LifecycleError | null = null;
    for (const transition of candidates) {
      part = 'reject';
      const rejection = transition.spec.reject?.(context as never);
      if (rejection) {
        firstRejection ??= rejection;
        continue;
      }
      part = 'guard';
      if (!transition.spec.guard || transition.spec.guard(context as never)) {
        part = 'update, target or effects';
        return { ok: true, transition, outcome: step(compiledDeclaration, transition, context) };
      }
    }
    return failure(firstRejection ?? refusal(compiledDeclaration, state, event, candidates));
  } catch (error) {
    return failure(wrapThrow(compiledDeclaration, `the ${part} of "${event.type}" from ${state.status}`, error));
  }
}

/** Decides a creation: the first creation declared for the event, stepped once. Never throws. */
export function decideCreation(compiledDeclaration: Compiled, context: AnyCreateContext): CreationDecision {
  const creation = compiledDeclaration.creationsByEvent.get(context.event.type)?.[0];
  if (!creation) return failure(notACreation(compiledDeclaration, context.event));
  try {
    return { ok: true, creation, outcome: createStep(compiledDeclaration, creation, context) };
  } catch (error) {
    return failure(wrapThrow(compiledDeclaration, `creation on "${context.event.type}"`, error));
  }
}

/** Refusals that hold before any transition is considered: a terminal status, then time order. */
function precheck(compiledDeclaration: Compiled, state: EngagementState, event: BaseEvent): LifecycleError | null {
  if (compiledDeclaration.terminal.has(state.status)) {
    return new LifecycleError(
      'terminal_state',
      `Engagement "${state.id}" is ${state.status}, which is final: "${event.type}" is refused. Create a new engagement instead.`,
      { details: { engagementId: state.id, status: state.status, event: event.type } },
    );
  }
  // ISO instants in UTC compare as strings.
  if (event.at < state.updatedAt) {
    return new LifecycleError(
      'out_of_order',
      `Event "${event.type}" at ${event.at} is dated before the engagement's last change at ${state.updatedAt}; events must arrive in time order.`,
      { details: { engagementId: state.id, at: event.at, updatedAt: state.updatedAt, event: event.type } },
    );
  }
  return null;
}

/** The refusal when no candidate transition applies and none rejected with its own error. */
function refusal(
  compiledDeclaration: Compiled,
  state: EngagementState,
  event: BaseEvent,
  candidates: readonly CompiledTransition[],
): LifecycleError {
  const details = { engagementId: state.id, status: state.status, event: event.type };
  if (candidates.length > 0) {
    const reasons = candidates.map((transition) => transition.spec.refusal).filter((reason): reason is string => typeof reason === 'string');
    return new LifecycleError(
      'transition_not_allowed',
      `"${event.type}" is not allowed for engagement "${state.id}" (${state.status}) now: ${reasons.length > 0 ? reasons.join('; ') : 'its conditions are not met'}.`,
      { details },
    );
  }
  if (compiledDeclaration.creationsByEvent.has(event.type)) {
    return new LifecycleError('transition_not_allowed', `"${event.type}" creates an engagement; engagement "${state.id}" already exists.`, { details });
  }
  const hints = compiledDeclaration.declaration.hints as Readonly<Record<string, string>> | undefined;
  const hint = hints?.[event.type];
  const allowed = compiledDeclaration.allowedIn.get(event.type) ?? [];
  const where = allowed.length > 0 ? `it is allowed only when the status is ${allowed.join(', ')}` : 'no status allows it';
  return new LifecycleError(
    'transition_not_allowed',
    `Cannot apply "${event.type}" to engagement "${state.id}" in status ${state.status}: ${where}.${hint ? ` ${hint}` : ''}`,
    { details },
  );
}

/** The refusal for a non-creation event sent to `create`. */
export function notACreation(compiledDeclaration: Compiled, event: BaseEvent): LifecycleError {
  const names = [...compiledDeclaration.creationsByEvent.keys()].join(', ');
  return new LifecycleError('transition_not_allowed', `"${event.type}" needs an existing engagement; create one first with ${names}.`, {
    details: { event: event.type },
  });
}
