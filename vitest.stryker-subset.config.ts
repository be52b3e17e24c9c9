/**
 * For a quick mutation measurement of one concern (`stryker.subset.config.mjs`): the mutation run's vitest
 * configuration with `include` narrowed to the test files named in `EL_MUTATION_TESTS` (comma-separated).
 * `mergeConfig` would append to the `include` list, hence the spread. A score measured this way is a lower bound.
 */
import { defineConfig } from 'vitest/config';
import stryker from './vitest.stryker.config.js';

const files = (process.env['EL_MUTATION_TESTS'] ?? '').split(',').filter(Boolean);

export default defineConfig({ ...stryker, test: { ...stryker.test, include: files, exclude: ['**/node_modules/**'], typecheck: { enabled: false } } } as never);
