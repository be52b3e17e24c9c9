/**
 * Smoke consumer: a custom workflow property-tested with the testing kit, under vitest and @fast-check/vitest
 * installed from npm, as ESM and as CommonJS. It mixes `fc` from @fast-check/vitest (ESM only) with
 * `fast-check` imported directly (the `require` copy in CommonJS): both must type-check against the kit.
 */
import * as fc from 'fast-check';
import { fc as vfc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import * as z from 'zod';
import { defineWorkflow } from 'engagement-lifecycle/workflow';
import { LifecycleCheckError, assertScenario, checkLifecycle, lifecycleProperty, scenarioArb } from 'engagement-lifecycle/testing';

const review = (plantedBug: boolean) =>
  defineWorkflow({
    id: 'report-review',
    statuses: ['Draft', 'In Review', 'Approved', 'Rejected'],
    initial: 'Draft',
    terminal: ['Approved', 'Rejected'],
    events: { create: { title: z.string().min(1), author: z.string() }, submit: {}, approve: { reviewer: z.string() }, send_back: {}, reject: {} },
    transitions: [
      { from: 'Draft', on: 'submit', to: 'In Review' },
      {
        from: 'In Review', on: 'approve', to: 'Approved',
        guard: ({ state, event }) => {
          if (plantedBug) throw new Error('reviewer lookup failed');
          // The data is the creation event's fields, typed: `author` is a string.
          return event.reviewer !== state.data.author;
        },
        effects: ({ event }) => [{ type: 'publish', reviewer: event.reviewer }],
      },
      { from: 'In Review', on: 'send_back', to: 'Draft' },
      { from: ['Draft', 'In Review'], on: 'reject', to: 'Rejected' },
    ],
  });

const workflow = review(false);

test.prop([scenarioArb(workflow, { payloads: { approve: vfc.record({ reviewer: vfc.constantFrom('ana', 'bo') }) } })], { numRuns: 40 })(
  'every review life keeps the invariants (test.prop)',
  (scenario) => {
    assertScenario(workflow, scenario);
  },
);

test('fast-check directly: fc.assert(lifecycleProperty(...)) with fc.record payloads', () => {
  const scenarios = scenarioArb(workflow, { payloads: { approve: fc.record({ reviewer: fc.constantFrom('ana', 'bo') }) } });
  fc.assert(lifecycleProperty(workflow, { scenarios }), { numRuns: 40 });
});

test('checkLifecycle explores the workflow, and catches a planted throwing guard', () => {
  expect(checkLifecycle(workflow, { numRuns: 40 }).numRuns).toBe(40);
  expect(() => checkLifecycle(review(true))).toThrow(LifecycleCheckError);
});
