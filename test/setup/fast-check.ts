/**
 * fast-check's defaults for every test file, stated once. Properties that are heavier than the default 100 runs can
 * afford set their own `numRuns`; the time budget per test is vitest's `testTimeout` (vitest.config.ts).
 */
import * as fc from 'fast-check';

fc.configureGlobal({ numRuns: 100 });
