/** A planted bug: a guard that throws. The kit names the function that threw, with a shrunk scenario, in its default runs. */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { LifecycleCheckError, checkLifecycle } from '../../src/testing/index.js';
import { defineWorkflow } from '../../src/workflow/index.js';
import { failureOf } from './tamper.js';

function review(throwing: { guard?: boolean; update?: boolean }) {
  return defineWorkflow({
    id: 'planted-review',
    statuses: ['Draft', 'In Review', 'Approved'],
    initial: 'Draft',
    terminal: ['Approved'],
    events: { create: { title: z.string() }, submit: {}, approve: { reviewer: z.string() }, retitle: { title: z.string() } },
    transitions: [
      { from: 'Draft', on: 'submit', to: 'In Review' },
      {
        from: 'In Review', on: 'approve', to: 'Approved',
        guard: ({ event }) => {
          if (throwing.guard) throw new Error('reviewer lookup failed');
          return event.reviewer !== '';
        },
      },
      {
        from: ['Draft', 'In Review'], on: 'retitle',
        update: ({ state, event }) => {
          if (throwing.update) throw new TypeError('cannot read title');
          return { ...state.data, title: event.title };
        },
      },
    ],
  });
}

describe('a planted throwing function', () => {
  it('a throwing guard is its own named finding, found in the default number of runs, with a shrunk scenario', () => {
    const error = failureOf(() => checkLifecycle(review({ guard: true })));
    expect(error).toBeInstanceOf(LifecycleCheckError);
    const check = error as LifecycleCheckError;
    expect(check.message).toContain('the guard of "approve" from In Review threw: reviewer lookup failed');
    expect(check.message).not.toContain('engines disagree');
    expect(check.run?.violation?.invariant).toBe('functionThrew');
    // Shrunk: the creation, a submit and the approve that throws need nothing else.
    expect(check.run!.scenario.events.map((e) => (e as { type: string }).type)).toEqual(['submit', 'approve']);
  });

  it('a throwing update is named as such', () => {
    const error = failureOf(() => checkLifecycle(review({ update: true })));
    expect((error as LifecycleCheckError).message).toContain('the update, target or effects of "retitle" from Draft threw: cannot read title');
  });

  it('the same workflow without the planted throw passes', () => {
    expect(checkLifecycle(review({})).numRuns).toBeGreaterThan(0);
  });
});
