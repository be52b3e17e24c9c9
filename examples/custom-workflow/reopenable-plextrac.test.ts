/** The kit catches the planted bug: a path out of Canceled. The counterexample is shrunk to a few events. */
import { expect, it } from 'vitest';
import { LifecycleCheckError, checkLifecycle } from 'engagement-lifecycle/testing';
import { reopenablePlextrac } from './reopenable-plextrac.js';

it('checkLifecycle finds that Canceled is no longer final, and shows how in a few events', () => {
  let failure: unknown;
  try {
    checkLifecycle(reopenablePlextrac, { numRuns: 200 });
  } catch (error) {
    failure = error;
  }
  expect(failure).toBeInstanceOf(LifecycleCheckError);
  const error = failure as LifecycleCheckError;
  expect(error.violation?.invariant).toBe('plextracCanceledAbsorbs');

  // Shrunk: a creation, a cancel, perhaps one more event, then the event that a Canceled engagement must refuse.
  expect(error.scenario!.events.length).toBeLessThanOrEqual(3);
  const steps = error.run!.steps;
  expect(steps.at(-1)!.before!.status).toBe('Canceled');
  expect(steps.some((s) => (s.event as { type: string }).type === 'cancel')).toBe(true);

  // The message reads status by status, with the times.
  expect(error.message).toContain('invariant plextracCanceledAbsorbs does not hold');
  expect(error.message).toMatch(/→ Canceled \(v\d\)/);
  expect(error.message).toMatch(/✗ plextracCanceledAbsorbs: "\w+" (was accepted on a Canceled engagement|on a Canceled engagement was refused with transition_not_allowed)/);
}, 60_000);
