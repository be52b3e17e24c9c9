/**
 * The store conformance suite: every promise of the storage ports (`engagement-lifecycle/store`) as a named async
 * case that throws on failure. It needs no test runner: register the cases with vitest's, jest's or node:test's
 * `test`, or run them in a loop.
 *
 * ```ts
 * import { test } from 'vitest'; // or from 'node:test', or jest's global
 * registerStoreContract(test, { create: async () => ({ store: await freshStore(), faults, close }) });
 * ```
 *
 * Each case gets a fresh, empty store from `create` and closes it after. The half-way cases need `faults`: a way to
 * make the store's next write fail, so that they can check that a failed step leaves nothing behind.
 */
import { LifecycleError, caught, describeValue } from '../core/index.js';
import { createMemoryStore } from '../store/index.js';
import { engagementCases } from './store-contract/engagement-cases.js';
import { faultCases } from './store-contract/fault-cases.js';
import { outboxCases } from './store-contract/outbox-cases.js';
import { queryCases } from './store-contract/query-cases.js';
import { sweepCases } from './store-contract/sweep-cases.js';
import { tenancyCases } from './store-contract/tenancy-cases.js';
import type { StoreFaults, StoreUnderTest } from './store-contract/types.js';

export { StoreContractFailure } from './store-contract/check.js';
export { probeA, probeB } from './store-contract/probe.js';
export type { StoreFaults, StoreUnderTest } from './store-contract/types.js';

export interface StoreContractOptions {
  /** A fresh, empty store for each case. */
  readonly create: () => StoreUnderTest | Promise<StoreUnderTest>;
}

export interface StoreContractCase {
  /** `group: promise`, e.g. `engagements: a save with a stale expected version is a version_conflict ...`. */
  readonly name: string;
  /** Runs the case on a fresh store; rejects with a `StoreContractFailure` (or the store's error) when it fails. */
  readonly run: () => Promise<void>;
}

const groups = [
  ['engagements', engagementCases],
  ['queries', queryCases],
  ['outbox and audit', outboxCases],
  ['half-way failures', faultCases],
  ['sweep', sweepCases],
  ['tenancy', tenancyCases],
] as const;

/** The cases of the contract, for a store factory. */
export function storeContractCases(options: StoreContractOptions): readonly StoreContractCase[] {
  // Read once: the cases call the factory, never the caller's options object.
  const create = caught('storeContractCases options', () => (options === null || typeof options !== 'object' ? undefined : options.create));
  if (typeof create !== 'function') {
    throw new LifecycleError('invalid_input', `storeContractCases expects options { create: () => StoreUnderTest }, got ${describeValue(options)}`);
  }
  const all = groups.flatMap(([group, cases]) =>
    cases.map((c) => Object.freeze({
      name: `${group}: ${c.name}`,
      run: async () => {
        const sut = await create();
        try {
          await c.body(sut);
        } finally {
          await sut.close?.();
        }
      },
    })),
  );
  return Object.freeze(all);
}

/**
 * Registers every case with a runner's `test(name, fn)` (vitest, jest, node:test).
 * @throws LifecycleError `invalid_input` when `test` is not a function or the options have no `create`.
 */
export function registerStoreContract(test: (name: string, fn: () => Promise<void>) => unknown, options: StoreContractOptions): void {
  if (typeof test !== 'function') throw new LifecycleError('invalid_input', `registerStoreContract expects a test runner's test(name, fn), got ${describeValue(test)}`);
  for (const c of storeContractCases(options)) test(c.name, c.run);
}

/** Fault injection for a counter of writes: `hit()` is called before each write and throws when the fault is due. */
export function writeFaults(): StoreFaults & { hit(): void } {
  let remaining: number | null = null;
  let fired = false;
  return {
    arm(writes) {
      remaining = writes;
      fired = false;
    },
    disarm() {
      const result = fired;
      remaining = null;
      fired = false;
      return result;
    },
    hit() {
      if (remaining === null) return;
      if (remaining === 0) {
        remaining = null;
        fired = true;
        throw new Error('injected fault: the store failed half-way through an atomic step');
      }
      remaining--;
    },
  };
}

/** The in-memory store with fault injection: the suite's reference implementation. */
export function memoryStoreUnderTest(): StoreUnderTest {
  const faults = writeFaults();
  return Object.freeze({ store: createMemoryStore({ beforeWrite: () => faults.hit() }), faults });
}
