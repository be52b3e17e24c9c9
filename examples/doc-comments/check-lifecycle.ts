/**
 * The `@example` of `checkLifecycle` (src/testing/check-lifecycle.ts), kept here so that a test compiles and runs
 * it; `doc-comments.test.ts` checks that the doc comment shows the lines between the markers.
 */
// example:start
import assert from 'node:assert/strict';
import { plextrac } from 'engagement-lifecycle/plextrac';
import { checkLifecycle } from 'engagement-lifecycle/testing';

// Generated engagement lives, both engines, every invariant; throws LifecycleCheckError with a shrunk
// counterexample when one breaks.
const report = checkLifecycle(plextrac, { numRuns: 50, seed: 42 });
// report.invariants lists what was checked, the core's and PlexTrac's own.
assert.ok(report.invariants.includes('enginesAgree') && report.invariants.includes('plextracCanceledAbsorbs'));
// example:end

export { report };
