// @ts-check
/**
 * `stryker.config.mjs` against only the test files in `EL_MUTATION_TESTS` (see vitest.stryker-subset.config.ts and
 * docs/testing.md), with its own incremental file. For a quick, lower-bound measurement on a busy machine:
 * EL_MUTATION_TESTS=test/a.test.ts,test/b.test.ts nice -n 19 npx stryker run stryker.subset.config.mjs --mutate 'src/x.ts:10-40'
 */
import base from './stryker.config.mjs';

export default { ...base, vitest: { configFile: 'vitest.stryker-subset.config.ts' }, incrementalFile: 'reports/stryker-incremental-subset.json' };
