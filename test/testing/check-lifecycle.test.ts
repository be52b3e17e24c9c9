/** checkLifecycle: passes the built-ins, reports what it explored, reports failures readably, integrates with vitest. */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import * as z from 'zod';
import { defectdojo } from '../../src/defectdojo/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import {
  ScenarioFailure,
  assertScenario,
  checkLifecycle,
  checkScenario,
  defineInvariant,
  invariantsFor,
  lifecycleProperty,
  plextracDerivation,
  plextracScenarioArb,
  relativeInstant,
  scenarioArb,
} from '../../src/testing/index.js';
import { defineWorkflow, extendWorkflow } from '../../src/workflow/index.js';
import { ticket } from '../core/fixtures.js';
import { failureOf } from './tamper.js';

const restorable = extendWorkflow(plextrac, {
  id: 'restorable',
  terminal: [],
  events: { restore: {} },
  transitions: [{ from: 'Canceled', on: 'restore', to: 'Pending', update: ({ state }) => ({ ...state.data, cancelled: false }) }],
});

describe('checkLifecycle on the built-in lifecycles', () => {
  it('PlexTrac keeps every invariant, and the report shows what the scenarios reached', () => {
    const report = checkLifecycle(plextrac, { numRuns: 150, mustReach: 'all' });
    expect(report.invariants).toContain('plextracDerivation');
    expect(report.invariants).toContain('enginesAgree');
    expect(Object.keys(report.statusesReached).sort()).toEqual([...plextrac.statuses].sort());
    expect(report.refusals.terminal_state).toBeGreaterThan(0);
  }, 60_000);

  it('PlexTrac refuses late events with out_of_order', () => {
    const report = checkLifecycle(plextrac, { numRuns: 60, lateEvents: 0.2 });
    expect(report.refusals.out_of_order).toBeGreaterThan(0);
  }, 60_000);

  it('DefectDojo keeps the core invariants, with payloads derived from its schemas alone', () => {
    const report = checkLifecycle(defectdojo, { numRuns: 40, maxEvents: 10 });
    expect(report.applied).toBeGreaterThan(0);
  }, 60_000);

  it('a fixture with regions, guards and a throwing update keeps the core invariants', () => {
    // dueMs is epoch ms: place it near the creation, so that the clock can make the ticket late.
    const report = checkLifecycle(ticket, {
      numRuns: 80,
      allowThrows: true, // the throw is planted to check that the engines refuse it alike; not a finding here
      payloads: { open: fc.record({ dueMs: relativeInstant(-3_600_000, 5 * 86_400_000, 'ms') }) },
    });
    expect(report.refusals.invalid_declaration).toBeGreaterThan(0);
  }, 60_000);
});

describe('counterexamples', () => {
  it('shrink to a few events and read status by status, with the times in UTC and in the tenant zone', () => {
    const error = failureOf(() => checkLifecycle(restorable, { numRuns: 200, settings: fc.constant({ timeZone: 'America/New_York' }) }));
    expect(error.violation!.invariant).toBe('plextracCanceledAbsorbs');
    expect(error.scenario!.events.length).toBeLessThanOrEqual(3);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('checkLifecycle("restorable"): invariant plextracCanceledAbsorbs does not hold.');
    expect(error.message).toContain('settings {"timeZone":"America/New_York"}; local times in America/New_York');
    expect(error.message).toMatch(/#0 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[\d{4}-\d\d-\d\d \d\d:\d\d GMT-[45]\]  (request|schedule) id="eng-1"/);
    expect(error.message).toMatch(/→ (Canceled|Pending|Scheduled|In Progress) \(v1\); effects: status_changed/);
    expect(error.message).toMatch(/→ Canceled \(v\d\)/);
    expect(error.message).toContain('✗ plextracCanceledAbsorbs:');
  }, 60_000);

  it('replay from the seed and path in the report', () => {
    const first = failureOf(() => checkLifecycle(restorable, { numRuns: 200 }));
    const again = failureOf(() => checkLifecycle(restorable, { seed: first.seed!, path: first.path! }));
    expect(again.scenario).toEqual(first.scenario);
  }, 60_000);

  it('lifecycleProperty works with fc.assert: the counterexample prints as events, its cause is the readable run', () => {
    let error: unknown;
    try {
      fc.assert(lifecycleProperty(restorable), { numRuns: 200 });
    } catch (e) {
      error = e;
    }
    expect(String(error)).toMatch(/Counterexample: \[settings \{"timeZone":"[^"]+"\}\n  #0 [^\n]+ (request|schedule) id="eng-1"/);
    const cause = (error as { cause?: unknown }).cause;
    expect(cause).toBeInstanceOf(ScenarioFailure);
    expect((cause as ScenarioFailure).message).toMatch(/plextracCanceledAbsorbs[\s\S]*→ Canceled/);
  }, 60_000);

  it('assertScenario throws a ScenarioFailure for one scenario, checkScenario returns the run', () => {
    const scenario = {
      settings: { timeZone: 'UTC' },
      create: { type: 'request', id: 'e', at: '2024-01-01T00:00:00Z', clientId: 'c', name: 'n', startDate: '2024-02-01' },
      events: [
        { type: 'cancel', at: '2024-01-02T00:00:00Z' },
        { type: 'restore', at: '2024-01-03T00:00:00Z' },
      ],
    };
    expect(() => assertScenario(restorable, scenario)).toThrow(ScenarioFailure);
    const run = checkScenario(restorable, scenario);
    expect(run.violation).toMatchObject({ invariant: 'plextracCanceledAbsorbs', step: 2 });
    expect(run.steps.map((s) => s.after?.status)).toEqual(['Pending', 'Canceled', 'Pending']);
    expect(checkScenario(restorable, scenario, { drop: ['plextracCanceledAbsorbs'] }).violation).toBeNull();
  });
});

describe('with @fast-check/vitest', () => {
  test.prop([scenarioArb(plextrac, { maxEvents: 10 })], { numRuns: 50 })('every PlexTrac scenario keeps the invariants', (scenario) => {
    assertScenario(plextrac, scenario);
  });

  test.prop([plextracScenarioArb({ maxEvents: 10 })], { numRuns: 50 })('the PlexTrac scenarios of the earlier tests work too', (scenario) => {
    assertScenario(plextrac, scenario, { invariants: [plextracDerivation], machine: false });
  });
});

describe('choosing invariants', () => {
  it('a lifecycle gets the core invariants and those of the built-ins it extends', () => {
    const names = invariantsFor(restorable).map((i) => i.name);
    expect(names).toContain('terminalAbsorbs');
    expect(names).toContain('plextracDerivation');
    expect(invariantsFor(defectdojo).map((i) => i.name)).not.toContain('plextracDerivation');
  });

  it('drop removes by name, and an unknown name is an error that lists the known ones', () => {
    expect(invariantsFor(plextrac, { drop: ['plextracDerivation'] }).map((i) => i.name)).not.toContain('plextracDerivation');
    expect(() => invariantsFor(plextrac, { drop: ['plextracDerivaton'] })).toThrow(/unknown invariant "plextracDerivaton".*plextracDerivation/);
  });

  it('add appends invariants; invariants replaces the list', () => {
    const mine = defineInvariant<string, { clientId: string }>('clientNeverChanges', 'an engagement keeps its client', (step) =>
      !step.result.ok || step.before === null || step.result.state.data.clientId === step.before.data.clientId,
    );
    expect(invariantsFor(plextrac, { add: [mine] }).at(-1)).toBe(mine);
    expect(invariantsFor(plextrac, { invariants: [mine] })).toEqual([mine]);
  });

  it('a user invariant can fail with a message, false, or a thrown expectation', () => {
    const neverScheduled = defineInvariant('neverScheduled', 'no engagement is ever Scheduled', (step) => step.after?.status !== 'Scheduled');
    const error = failureOf(() => checkLifecycle(plextrac, { invariants: [neverScheduled], numRuns: 200 }));
    expect(error.violation).toMatchObject({ invariant: 'neverScheduled', message: 'no engagement is ever Scheduled' });
    const throwing = defineInvariant('throws', 'throws', (step) => {
      if (step.after?.status === 'Scheduled') throw new Error('Scheduled seen');
    });
    expect(failureOf(() => checkLifecycle(plextrac, { invariants: [throwing], numRuns: 200 })).violation?.message).toBe('Error: Scheduled seen');
  }, 60_000);

  it('defineInvariant validates its name', () => {
    expect(() => defineInvariant('has space', 'x', () => true)).toThrow(/Invalid invariant/);
  });
});

describe('what a check needs to be meaningful', () => {
  const gated = defineWorkflow({
    id: 'gated',
    statuses: ['Open', 'Approved', 'Closed'],
    initial: 'Open',
    terminal: ['Closed'],
    events: { create: {}, approve: { by: z.string() }, close: {} },
    transitions: [
      // A guard that never passes: Approved is declared reachable, but no scenario ever gets there.
      { from: 'Open', on: 'approve', guard: ({ event }) => event.by === 'nobody', to: 'Approved' },
      { from: ['Open', 'Approved'], on: 'close', to: 'Closed' },
      { from: 'Approved', on: 'close', to: 'Closed' },
    ],
  });

  it('mustReach finds statuses that guards make unreachable in practice', () => {
    expect(() => checkLifecycle(gated, { numRuns: 50, mustReach: 'all' })).toThrow(/no scenario reached "Approved"/);
  });

  it('a failed mustReach names the likely cause: the guard reading payloads, and "payloads" as the fix', () => {
    expect(() => checkLifecycle(gated, { numRuns: 50, mustReach: 'all' })).toThrow(/guards of "approve" refuse the generated payloads; pass "payloads"/);
    // With payloads the guard accepts, the same check reaches every status.
    expect(checkLifecycle(gated, { numRuns: 50, mustReach: 'all', payloads: { approve: fc.record({ by: fc.constant('nobody') }) } }).numRuns).toBe(50);
  });

  it('a check whose every creation is refused says so instead of passing', () => {
    const strict = defineWorkflow({
      id: 'strict',
      statuses: ['Open', 'Closed'],
      initial: 'Open',
      terminal: ['Closed'],
      events: { create: { code: z.string() }, close: {} },
      transitions: [{ from: 'Open', on: 'close', to: 'Closed' }],
      data: z.object({ code: z.string().length(3) }),
    });
    expect(() => checkLifecycle(strict, { numRuns: 20, payloads: { create: fc.record({ code: fc.constant('toolong') }) } })).toThrow(/every generated creation was refused/);
  });

  it('options are validated, typos included', () => {
    expect(() => checkLifecycle(plextrac, { numruns: 3 } as never)).toThrow(/Unrecognized key: "numruns"/);
    expect(() => checkLifecycle(plextrac, { weights: { cancell: 1 } })).toThrow(/unknown event "cancell"/);
  });
});
