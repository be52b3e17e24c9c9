// @ts-check
/**
 * Mutation testing (`npm run mutation`): StrykerJS 9.6.x with the vitest runner (10.x needs Node 22). Not in CI: a
 * full run takes about an hour on two cores. Measure one folder or file with
 * `npx stryker run --mutate 'src/plextrac/**\/*.ts'`. See docs/testing.md.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['src/core/**/*.ts', 'src/plextrac/**/*.ts', 'src/defectdojo/**/*.ts', 'src/store/**/*.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  // Re-tests only mutants whose code or tests changed since the last run; the file is git-ignored (see docs/testing.md).
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 95, low: 90, break: null },
  timeoutMS: 20000,
  // The initial run covers the whole suite per test; on two shared cores it can take longer than the 5-minute default.
  dryRunTimeoutMinutes: 40,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
