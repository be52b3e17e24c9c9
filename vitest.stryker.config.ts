/**
 * The vitest configuration for `npm run mutation` only (Stryker runs the suite once per mutant): modules shared
 * between test files and one worker, so two shared cores are enough, and the setup in `test/mutation/setup.ts`.
 * The suite's own configuration (`vitest.config.ts`) is unchanged; this one extends it.
 */
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      // The examples run the built-in lifecycles through the package name: they cover no rule the tests do not.
      include: ['test/**/*.test.ts'],
      // The fuzz harness compares the kinds of failure it finds with test/fuzz/known-failures.json. Run on
      // Stryker's instrumented copy it reported kinds beyond that list (8 for ./plextrac on 2026-11-26), which
      // failed the initial run; it checks that nothing throws, not the rules a mutant breaks.
      exclude: ['test/fuzz/**'],
      isolate: false,
      fileParallelism: false,
      maxWorkers: 1,
      setupFiles: ['test/mutation/setup.ts'],
      // Coverage instrumentation and a loaded machine make some property tests slower than the 5 s default.
      testTimeout: 60_000,
    },
  }),
);
