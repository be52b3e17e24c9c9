/**
 * Setup for the mutation run only (`vitest.stryker.config.ts`): Stryker runs the suite once per mutant, so what
 * costs seconds once costs hours there.
 * - fast-check stops at the first counterexample: a killed mutant needs a failure, not the smallest one. The files
 *   that check the testing kit's shrinking keep it (modules are shared between files, so this is set per file).
 * - The testing kit's check errors carry whole runs (lifecycles, machines, every step); vitest serialises them for
 *   every failing test. Here they report their name and the head of their message only.
 */
import { expect } from 'vitest';
import { fc } from '@fast-check/vitest';
import { HostCheckError, HostDivergence, LifecycleCheckError, ScenarioFailure } from '../../src/testing/index.js';

const SHRINKING_UNDER_TEST = /test[\\/]testing[\\/](check-lifecycle|defectdojo-kit|invariants|model-run)\.test\.ts$/;
fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: !SHRINKING_UNDER_TEST.test(expect.getState().testPath ?? '') });

for (const type of [ScenarioFailure, LifecycleCheckError, HostDivergence, HostCheckError]) {
  Object.defineProperty(type.prototype, 'toJSON', {
    configurable: true,
    value(this: Error) {
      return { name: this.name, message: this.message.slice(0, 1500), stack: '' };
    },
  });
}
