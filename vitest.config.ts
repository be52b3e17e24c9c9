import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Examples import the package by name, as users do; tests run them against the sources.
    alias: [
      { find: /^engagement-lifecycle$/, replacement: src('index.ts') },
      { find: /^engagement-lifecycle\/(.*)$/, replacement: src('$1/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**', 'e2e/**'],
    setupFiles: ['test/setup/fast-check.ts'],
    // Type tests (`*.test-d.ts`): `expectTypeOf` checked by the compiler, as part of `npm test`.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    // Threads start faster than forks. Without isolation a worker keeps the modules it has imported (xstate, zod,
    // date-fns, the library) for the next file: imports were 70 s of a 116 s run. It is safe here because the code
    // under test is pure and no test mocks modules, stubs globals or fakes timers (check before adding one that does;
    // `test/core/dates-cache.test.ts` replaces `Intl.DateTimeFormat` only within one synchronous call, and imports its
    // own instance of the dates module rather than resetting the shared ones).
    pool: 'threads',
    isolate: false,
    // Property tests run hundreds of generated cases; on a busy 2-core machine one can take several seconds. The
    // budget is per test and stated here, not vitest's 5 s default by accident; heavy properties also set `numRuns`.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
