import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    plextrac: 'src/plextrac/index.ts',
    defectdojo: 'src/defectdojo/index.ts',
    store: 'src/store/index.ts',
    workflow: 'src/workflow/index.ts',
    testing: 'src/testing/index.ts',
    postgres: 'src/postgres/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  // Shared code goes into chunks, so every entry sees the same classes (LifecycleError) and caches.
  splitting: true,
  treeshake: true,
  target: 'node20',
  outDir: 'dist',
});
