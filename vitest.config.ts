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
    exclude: ['**/node_modules/**', 'dist/**'],
    // Type tests (`*.test-d.ts`): `expectTypeOf` checked by the compiler, as part of `npm test`.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
  },
});
