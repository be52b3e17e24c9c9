/**
 * A lifecycle's test kit: its invariants and realistic defaults for generated scenarios. The built-in kits are
 * registered by lifecycle id in `kits.ts`; a workflow that extends a built-in finds its base's kit through its
 * lineage.
 */
import type * as fc from 'fast-check';
import type { Invariant } from './invariants.js';

export interface ScenarioDefaults {
  /** Settings for each scenario (by default derived from the settings schema). */
  readonly settings?: fc.Arbitrary<unknown>;
  /** Relative frequency of each event type (default 1; the clock event 3; 0 leaves an event out). */
  readonly weights?: Readonly<Record<string, number>>;
  /** Payload fields per event type, merged over the fields derived from the event's schema. */
  readonly payloads?: Readonly<Record<string, fc.Arbitrary<Record<string, unknown>>>>;
}

export interface LifecycleTestKit {
  /** The lifecycle's own invariants; the core invariants are always added. */
  readonly invariants: readonly Invariant[];
  readonly scenario?: ScenarioDefaults;
}
