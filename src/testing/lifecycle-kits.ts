/**
 * The built-in lifecycles' test kits: one line per lifecycle. Each line makes the kit's arbitraries and invariants
 * public names of `engagement-lifecycle/testing`, and the registry (`registry.ts`) finds the kit object among them,
 * by the lifecycle id it was made with (`defineTestKit`).
 */
export * from '../plextrac/kit/index.js';
export * from '../defectdojo/kit/index.js';
export * from '../review/kit/index.js';
