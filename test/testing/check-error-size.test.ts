/**
 * An uncaught `LifecycleCheckError` prints a handful of lines: the finding, the shrunk counterexample and the replay
 * line. The details (the run, the scenario, the violation) are on its properties, not in what Node prints: a
 * report of hundreds of lines buries the counterexample (and vitest spent minutes printing large error objects).
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { plextrac } from '../../src/plextrac/index.js';
import { LifecycleCheckError, checkLifecycle } from '../../src/testing/index.js';
import { defineWorkflow } from '../../src/workflow/index.js';
import { failureOf, tamper, tamperedOptions } from './tamper.js';

/** What Node prints for an uncaught error (its inspect, cause and properties included). */
const printed = (error: unknown) => inspect(error, { colors: false }).split('\n');

const throwing = defineWorkflow({
  id: 'planted-size',
  statuses: ['Draft', 'In Review', 'Approved'],
  initial: 'Draft',
  terminal: ['Approved'],
  events: { create: { title: z.string() }, submit: {}, approve: { reviewer: z.string() } },
  transitions: [
    { from: 'Draft', on: 'submit', to: 'In Review' },
    { from: 'In Review', on: 'approve', to: 'Approved', guard: () => { throw new Error('reviewer lookup failed'); } },
  ],
});

describe('an uncaught LifecycleCheckError', () => {
  it('a throwing guard: the finding and its replay line in under 30 lines, the run on its properties', () => {
    const error = failureOf(() => checkLifecycle(throwing)) as LifecycleCheckError;
    expect(error).toBeInstanceOf(LifecycleCheckError);
    const lines = printed(error);
    expect(lines.length).toBeLessThan(30);
    expect(lines.join('\n')).toContain('the guard of "approve" from In Review threw');
    expect(lines.join('\n')).toMatch(/Replay: checkLifecycle\(lifecycle, \{ seed: -?\d+, path: "[\d:]+" \}\)/);
    // The details stay reachable.
    expect(error.run?.violation?.invariant).toBe('functionThrew');
    expect(error.scenario?.events.length).toBe(2);
    expect(typeof error.seed).toBe('number');
  });

  it('a broken invariant (version not growing) prints under 30 lines too', () => {
    const broken = tamper(plextrac, {
      result: (_state, _event, r) => (r.ok && r.state.version > 1 ? { ...r, state: { ...r.state, version: r.state.version + 1 } } : r),
    });
    const error = failureOf(() => checkLifecycle(broken, tamperedOptions(broken))) as LifecycleCheckError;
    expect(error).toBeInstanceOf(LifecycleCheckError);
    const lines = printed(error);
    expect(lines.length).toBeLessThan(30);
    expect(error.message).toContain('invariant versionGrowsByOne does not hold');
    expect(error.violation?.invariant).toBe('versionGrowsByOne');
  });
});
