/**
 * Invariants: what must hold after every step of every engagement's life, checked by `checkLifecycle` and
 * `assertScenario`. Each has a stable name, so that a workflow can drop one it no longer promises. This file holds
 * the type and `defineInvariant`; the invariants every lifecycle keeps are in `core-invariants.ts`, each
 * lifecycle's own in its kit (`src/<lifecycle>/kit/invariants.ts`).
 */
import * as z from 'zod';
import { caught, describeValue, fromZodError, lazyObject, LifecycleError, type BaseEvent, type BoundLifecycle, type Effect, type EngagementState, type Lifecycle } from '../core/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
/** Any lifecycle: a built-in, a workflow, or one made with `defineLifecycle`. */
export type AnyLifecycle = Lifecycle<any, any, any, any, any, any, any>;
type AnyEngine = BoundLifecycle<any, any, any, any, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The outcome of one step, creation included (`changed` is always true for a creation). */
export type StepResult<S extends string = string, D = unknown> =
  | {
      readonly ok: true;
      readonly state: EngagementState<S, D>;
      readonly effects: readonly Effect[];
      readonly changed: boolean;
      readonly event: BaseEvent;
    }
  | { readonly ok: false; readonly error: LifecycleError };

/** What an invariant sees of one step. */
export interface StepView<S extends string = string, D = unknown> {
  readonly lifecycle: AnyLifecycle;
  /** The fast engine, bound to the run's settings: for probes ("what would a clock event do now?"). */
  readonly engine: AnyEngine;
  /** The run's settings, parsed (defaults filled in). */
  readonly settings: unknown;
  /** 0 for the creation, then 1, 2, ... */
  readonly index: number;
  /** The event as sent. */
  readonly event: unknown;
  /** The event as JSON before the engines saw it. */
  readonly eventBefore: string;
  /** The state the event was applied to; null for the creation. */
  readonly before: EngagementState<S, D> | null;
  /** The fast engine's result. */
  readonly result: StepResult<S, D>;
  /** The xstate machine engine's result, from its own chain of states; undefined when the machine is not run. */
  readonly machineResult: StepResult<S, D> | undefined;
  /** The state after the step: the new state, or `before` when the event was refused. */
  readonly after: EngagementState<S, D> | null;
  /** Every step so far, this one last. */
  readonly steps: readonly StepView<S, D>[];
}

/** What a check returns: nothing or `true` when the invariant holds; a message (or `false`) when it does not. */
export type InvariantOutcome = string | boolean | void | null | undefined;

/** A named rule that every step of an engagement's life must keep; made with `defineInvariant`. */
export interface Invariant<S extends string = string, D = unknown> {
  /** Stable name, used in reports and to drop the invariant (`drop: ['plextracDerivation']`). */
  readonly name: string;
  /** One sentence: what must hold. */
  readonly description: string;
  /**
   * May throw (an `expect` failure, for example): a throw counts as a violation with its message. (A method, so that
   * an invariant typed for one lifecycle's statuses and data fits in a list of invariants.)
   */
  check(step: StepView<S, D>): InvariantOutcome;
  /** Whether it applies to a lifecycle at all (default: always). */
  readonly appliesTo?: (lifecycle: AnyLifecycle) => boolean;
}

const invariantSchema = /* @__PURE__ */ lazyObject(() => z.object({
  name: z.string().regex(/^[A-Za-z][\w.-]*$/, 'a name of letters, digits, ".", "_" or "-", starting with a letter'),
  description: z.string().min(1),
  check: z.custom<(step: StepView) => InvariantOutcome>((v) => typeof v === 'function', { message: 'expected a function' }),
  appliesTo: z.custom<(l: AnyLifecycle) => boolean>((v) => typeof v === 'function', { message: 'expected a function' }).optional(),
}));

/**
 * Declares an invariant. `check` returns nothing when it holds, or a message saying what went wrong.
 * @throws LifecycleError `invalid_input` on a malformed name, description or check.
 */
export function defineInvariant<S extends string = string, D = unknown>(
  name: string,
  description: string,
  check: (step: StepView<S, D>) => InvariantOutcome,
  options: { readonly appliesTo?: (lifecycle: AnyLifecycle) => boolean } = {},
): Invariant<S, D> {
  // Options read once inside the guard; the message names the invariant without String() on a caller's value.
  return caught('defineInvariant', () => {
    const appliesTo = options === undefined || options === null ? undefined : options.appliesTo;
    const invariant = { name, description, check, ...(appliesTo ? { appliesTo } : {}) };
    const parsed = invariantSchema.safeParse(invariant);
    if (!parsed.success) throw fromZodError(`invariant ${describeValue(name)}`, parsed.error);
    return Object.freeze(invariant);
  });
}
