/** Lifecycles broken on purpose, to show that each invariant catches what it promises to. */
import { msToInstant, type EngagementState, type LifecycleError } from '../../src/index.js';
import { LifecycleCheckError, type AnyLifecycle } from '../../src/testing/index.js';

type Result =
  | { ok: true; state: EngagementState; effects: readonly Record<string, unknown>[]; changed?: boolean; event: Record<string, unknown> }
  | { ok: false; error: LifecycleError | Error };
type Step = (state: EngagementState | null, event: Record<string, unknown>, result: Result) => Result;

export interface Tampering {
  /** Rewrites every result (creation: `state` is null). */
  readonly result: Step;
  /** Only the xstate machine engine is broken. */
  readonly machineOnly?: boolean;
  /** Throws instead of answering, for these event types. */
  readonly throwsOn?: string;
}

function wrap(engine: { create(e: unknown): unknown; apply(s: unknown, e: unknown): unknown }, t: Tampering) {
  return {
    ...engine,
    create: (event: Record<string, unknown>) => t.result(null, event, engine.create(event) as Result),
    apply: (state: EngagementState, event: Record<string, unknown>) => {
      if (t.throwsOn === event.type) throw new Error(`broken on ${String(event.type)}`);
      return t.result(state, event, engine.apply(state, event) as Result);
    },
  };
}

/**
 * The lifecycle with its fast engine's results rewritten (`with`, which the kit runs). Keeps its id, so its kit
 * applies. The machine engine (`machineEngine(lifecycle)`, from the declaration) stays honest: the kit compares
 * the two, so a tampered fast engine is also how a disagreement between them is planted (`machineOnly` names
 * the cases whose point is that disagreement).
 */
export function tamper<L extends AnyLifecycle>(lifecycle: L, t: Tampering): L {
  const tampered = { ...lifecycle, with: (options: unknown) => wrap(lifecycle.with(options as never), t) } as L;
  if (!t.machineOnly) fastOnly.add(tampered);
  return tampered;
}

const fastOnly = new WeakSet<object>();

/**
 * The check options a tampered lifecycle is run with: only its (tampered) fast engine, unless the tampering is
 * about the engines disagreeing, so that the invariant under test, not `enginesAgree`, reports it.
 */
export function tamperedOptions(lifecycle: object): { readonly machine?: false } {
  return fastOnly.has(lifecycle) ? { machine: false } : {};
}

export function frozen<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) frozen(v);
  }
  return value;
}

export const later = (at: string, ms: number) => msToInstant(Date.parse(at) + ms);

/** The `LifecycleCheckError` that `run` throws (any other throw propagates); fails the test when it throws none. */
export function failureOf(run: () => unknown): LifecycleCheckError {
  try {
    run();
  } catch (error) {
    if (error instanceof LifecycleCheckError) return error;
    throw error;
  }
  throw new Error('expected checkLifecycle to fail');
}
