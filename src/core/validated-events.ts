/**
 * The events the machine has already validated: a live actor is sent raw events, and xstate asks each candidate
 * transition's guard about the same event, so each event is validated once and remembered by object identity.
 */
import type { BaseEvent } from './declaration.js';
import type { Compiled } from './compile.js';
import { LifecycleError } from './errors.js';
import { validateEvent } from './inputs.js';

/** Events that already passed validation, and the validated form of raw ones (for live actors). */
const validated = new WeakMap<object, BaseEvent | null>();

/**
 * The validated form of an event a machine's guard or action is given, or null when it is invalid. xstate hands
 * them only event objects: it routes an event by its `type` (the machine has no wildcard transition), and ignores
 * or refuses anything else before a guard runs.
 */
export function validEvent(compiledDeclaration: Compiled, event: object): BaseEvent | null {
  const hit = validated.get(event);
  if (hit !== undefined) return hit;
  const parsed = validateEvent(compiledDeclaration, event);
  const value = parsed instanceof LifecycleError ? null : parsed;
  validated.set(event, value);
  return value;
}

export function markValidated(event: BaseEvent): void {
  validated.set(event, event);
}
