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

/** The lifecycle with its engines' results rewritten (the machine's only, with `machineOnly`). Keeps its id, so its kit applies. */
export function tamper<L extends AnyLifecycle>(lifecycle: L, t: Tampering): L {
  return {
    ...lifecycle,
    with: (options: unknown) => (t.machineOnly ? lifecycle.with(options as never) : wrap(lifecycle.with(options as never), t)),
    machineEngine: (options: unknown) => wrap(lifecycle.machineEngine(options as never), t),
  } as L;
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
