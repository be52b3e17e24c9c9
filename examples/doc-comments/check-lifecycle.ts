/**
 * The `@example` of `checkLifecycle` (src/testing/check-lifecycle.ts), kept here so that a test compiles and runs
 * it; `doc-comments.test.ts` checks that the doc comment shows the lines between the markers.
 */
// example:start
import { plextrac } from 'engagement-lifecycle/plextrac';
import { checkLifecycle } from 'engagement-lifecycle/testing';

// Generated engagement lives, both engines, every invariant; throws LifecycleCheckError with a shrunk
// counterexample when one breaks.
const report = checkLifecycle(plextrac, { numRuns: 50, seed: 42 });
// report.invariants lists what was checked, e.g. 'enginesAgree' and 'plextracCanceledAbsorbs'
// example:end

export { report };
