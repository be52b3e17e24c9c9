/** The shapes shared by the store contract's modules. */
import type { TenantedStore } from '../../store/index.js';

/** Fault injection: how the suite proves that a step which fails half-way leaves nothing behind. */
export interface StoreFaults {
  /**
   * Makes the next atomic step (a save, a delete plan, a claim's commit) fail after `writes` of its own writes
   * (statements, records) have been performed. Reads outside atomic steps are not counted.
   */
  arm(writes: number): void;
  /** Disarms the fault; true when it fired since `arm`. */
  disarm(): boolean;
}

/** A fresh, empty store for one case, and how to inject faults into it and release it. */
export interface StoreUnderTest {
  /** The store under test: the default tenant's, with `tenant(id)` for the others. */
  readonly store: TenantedStore;
  /** Needed by the half-way cases; without it they fail and say so. */
  readonly faults?: StoreFaults | undefined;
  readonly close?: (() => void | Promise<void>) | undefined;
}

export interface CaseSpec {
  readonly name: string;
  readonly body: (sut: StoreUnderTest) => Promise<void>;
}
