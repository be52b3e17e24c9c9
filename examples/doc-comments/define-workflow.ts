/**
 * The `@example` of `defineWorkflow` (src/workflow/define.ts), kept here so that a test compiles and runs it;
 * `doc-comments.test.ts` checks that the doc comment shows the lines between the markers.
 */
// example:start
import assert from 'node:assert/strict';
import * as z from 'zod';
import { defineWorkflow } from 'engagement-lifecycle/workflow';

const retest = defineWorkflow({
  id: 'retest',
  statuses: ['Requested', 'Testing', 'Done'],
  initial: 'Requested',
  terminal: ['Done'],
  events: { create: { finding: z.string() }, start: {}, finish: { fixed: z.boolean() } },
  data: z.object({ finding: z.string(), fixed: z.boolean().optional() }),
  transitions: [
    { from: 'Requested', on: 'start', to: 'Testing' },
    { from: 'Testing', on: 'finish', to: 'Done', update: ({ state, event }) => ({ ...state.data, fixed: event.fixed }) },
  ],
});

const created = retest.create({ type: 'create', id: 'rt-1', at: '2026-03-02T09:00:00Z', finding: 'XSS in search' });
assert.ok(created.ok);
assert.equal(created.state.status, 'Requested');
// example:end

export { created, retest };
