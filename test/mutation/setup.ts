/**
 * Setup for the mutation run only (`vitest.stryker.config.ts`): Stryker runs the suite once per mutant, so what
 * costs seconds once costs hours there.
 * - fast-check stops at the first counterexample: a killed mutant needs a failure, not the smallest one. The files
 *   that check the testing kit's shrinking keep it (modules are shared between files, so this is set per file).
 * - fast-check's seed is fixed. `@fast-check/vitest` writes the seed into each property's test name
 *   ("… (with seed=N)"), and Stryker runs a mutant's tests by the names it recorded in its first run: with a new
 *   random seed in every process, no property test ever matched, so every property was silently left out of every
 *   mutant's run (a `sorted-list.ts` run reported 105 of 105 mutants surviving, 0 tests per mutant).
 * - The testing kit's check errors carry whole runs (lifecycles, machines, every step); vitest serialises them for
 *   every failing test. Here they report their name and the head of their message only.
 */
import { expect } from 'vitest';
import { fc } from '@fast-check/vitest';
import { HostCheckError, HostDivergence, LifecycleCheckError, ScenarioFailure } from '../../src/testing/index.js';

const SHRINKING_UNDER_TEST = /test[\\/]testing[\\/](check-lifecycle|defectdojo-kit|invariants|model-run)\.test\.ts$/;
/** Any fixed value works; this one is the date the name mismatch was found. */
const MUTATION_SEED = 20261127;
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: MUTATION_SEED, endOnFailure: !SHRINKING_UNDER_TEST.test(expect.getState().testPath ?? '') });

for (const type of [ScenarioFailure, LifecycleCheckError, HostDivergence, HostCheckError]) {
  Object.defineProperty(type.prototype, 'toJSON', {
    configurable: true,
    value(this: Error) {
      return { name: this.name, message: this.message.slice(0, 1500), stack: '' };
    },
  });
}
