/**
 * `engagement-lifecycle/testing/store`: the store conformance suite, every promise of the storage ports as a named
 * async case (`storeContractCases`, `registerStoreContract`), with fault injection (`writeFaults`), the in-memory
 * store as a reference (`memoryStoreUnderTest`) and its test lifecycles (`probeA`, `probeB`).
 *
 * An entry of its own so that `engagement-lifecycle/testing` (the property-testing kit) does not load the store and
 * the suite's cases for a user who tests only a workflow: a cold import of the kit stays closer to its dependencies'.
 * The suite's files are in `src/testing/store-contract*`; this folder is the entry's face.
 */
export { StoreContractFailure, memoryStoreUnderTest, probeA, probeB, registerStoreContract, storeContractCases, writeFaults } from '../store-contract.js';
export type { StoreContractCase, StoreContractOptions, StoreFaults, StoreUnderTest } from '../store-contract.js';
