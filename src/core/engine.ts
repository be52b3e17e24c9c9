/**
 * The fast engine: `create` and `apply` as plain functions over immutable states. It validates what crosses the
 * public boundary (`inputs.ts`), lets `decide` choose and step the transition, and never throws: every refusal
 * comes back as `{ ok: false, error }`. Its sibling, the xstate machine (`machine.ts`), shares everything below it.
 */
import type { BaseEvent, EngagementState } from './declaration.js';
import type { Effect } from './effects.js';
import { LifecycleError, failure } from './errors.js';
import type { Compiled } from './compile.js';
import { eventInstantMs } from './instant-reader.js';
import { decide, decideCreation } from './decide.js';
import { deepFreeze } from './immutable.js';
import { creationId, rememberValid, validateEvent, validatingApply, type CreateResult, type ResolvedOptions } from './inputs.js';

/** `create` on the fast engine: validates the event, makes or takes the id, and steps the creation. */
export function createWith(compiledDeclaration: Compiled, eventInput: unknown, options: ResolvedOptions): CreateResult<EngagementState, Effect, BaseEvent> {
  const event = validateEvent(compiledDeclaration, eventInput);
  if (event instanceof LifecycleError) return failure(event);
  const id = compiledDeclaration.creationsByEvent.has(event.type) ? creationId(event, options) : '';
  if (id instanceof LifecycleError) return failure(id);
  const decision = decideCreation(compiledDeclaration, { id, event, settings: options.settings, now: eventInstantMs(event.at) });
  if (!decision.ok) return decision;
  // Every part is already deeply frozen, so freezing the result itself makes it deeply frozen: the public wrapper's
  // deepFreeze then stops at the top instead of walking it again on every call.
  return Object.freeze({ ok: true, state: decision.outcome.state, effects: decision.outcome.effects, event: deepFreeze(event) });
}

/** `apply` on the fast engine: validates the state and the event, then `decide`s. */
// Pure: a bundle that uses only one engine drops the other (the machine's would keep xstate).
export const applyWith = /* @__PURE__ */ validatingApply((compiledDeclaration, state, event, options) => {
  const decision = decide(compiledDeclaration, state, event, options.settings);
  if (!decision.ok) return decision;
  const { outcome } = decision;
  // Frozen here for the reason given in createWith.
  return Object.freeze({ ok: true, state: outcome.state, effects: outcome.effects, changed: outcome.changed, event: rememberValid(compiledDeclaration, deepFreeze(event)) });
});

/** The earliest instant (epoch ms) at which a clock event would change the engagement, or null. */
export function nextDueWith(compiledDeclaration: Compiled, state: EngagementState, settings: unknown): number | null {
  if (!compiledDeclaration.declaration.nextDue || compiledDeclaration.terminal.has(state.status)) return null;
  return compiledDeclaration.declaration.nextDue(state, settings);
}
