import { defineConfig } from 'vitest/config';

// Browser tests: not part of `npm test`. They need the built site (`npm run docs:build`) and Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    // One browser at a time: the CI machine has two cores, shared.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
