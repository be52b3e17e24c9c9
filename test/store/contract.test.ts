/** The in-memory store passes the store conformance suite. */
import { test } from 'vitest';
import { memoryStoreUnderTest, registerStoreContract } from '../../src/testing/store-contract.js';

registerStoreContract(test, { create: memoryStoreUnderTest });
