import { defineConfig } from 'tsup';
import { packageEntries } from './scripts/entries.js';

export default defineConfig({
  // One entry per package.json export: adding an export adds its build.
  entry: Object.fromEntries(packageEntries().map((e) => [e.name, e.source])),
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
