/**
 * A lifecycle's test kit: its invariants and realistic defaults for generated scenarios. A built-in lifecycle's kit
 * lives in its folder (`src/<lifecycle>/kit/`), is made with `defineTestKit` and listed once in `lifecycle-kits.ts`;
 * a workflow that extends a built-in finds its base's kit through its lineage.
 */
import type * as fc from 'fast-check';
import type { Invariant } from './invariants.js';

/** A kit's defaults for generated scenarios; the user's `scenarioArb` options are merged over them. */
export interface ScenarioDefaults {
  /** Settings for each scenario (by default derived from the settings schema). */
  readonly settings?: fc.Arbitrary<unknown>;
  /** Relative frequency of each event type (default 1; the clock event 3; 0 leaves an event out). */
  readonly weights?: Readonly<Record<string, number>>;
  /** Payload fields per event type, merged over the fields derived from the event's schema. */
  readonly payloads?: Readonly<Record<string, fc.Arbitrary<Record<string, unknown>>>>;
}

/** A lifecycle's test kit: the invariants its engagements keep, and how to generate realistic lives for them. */
export interface LifecycleTestKit {
  /** The lifecycle's own invariants; the core invariants are always added. */
  readonly invariants: readonly Invariant[];
  /** Defaults for generated scenarios. */
  readonly scenario?: ScenarioDefaults;
}

/** A built-in lifecycle's kit, as `defineTestKit` makes it: the kit and the id of the lifecycle it is for. */
export interface BuiltInTestKit extends LifecycleTestKit {
  /** The id of the lifecycle the kit is for (its `declaration.id`). */
  readonly lifecycle: string;
}

// Marks the objects `defineTestKit` made, so that the registry tells a kit from the kit folder's other exports.
const TEST_KIT = Symbol('engagement-lifecycle test kit');

/** A built-in lifecycle's kit, for the registry to find among the exports of `src/<lifecycle>/kit/index.ts`. */
export function defineTestKit(lifecycle: string, kit: LifecycleTestKit): BuiltInTestKit {
  // Frozen to the arbitraries (`kitsOf` hands kits out); those are fast-check's objects, left as they are.
  const defaults = kit.scenario;
  const scenario = defaults && Object.freeze({
    ...defaults,
    ...(defaults.weights ? { weights: Object.freeze({ ...defaults.weights }) } : {}),
    ...(defaults.payloads ? { payloads: Object.freeze({ ...defaults.payloads }) } : {}),
  });
  const made = { ...kit, invariants: Object.freeze([...kit.invariants]), ...(scenario ? { scenario } : {}), lifecycle };
  return Object.freeze(Object.defineProperty(made, TEST_KIT, { value: true, enumerable: false }));
}

/** Whether a value is a kit that `defineTestKit` made. */
export function isBuiltInTestKit(value: unknown): value is BuiltInTestKit {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[TEST_KIT] === true;
}
