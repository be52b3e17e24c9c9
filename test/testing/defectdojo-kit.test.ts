/**
 * DefectDojo's test kit: the lifecycle passes every core and DefectDojo invariant on generated lives, each DefectDojo
 * invariant catches a lifecycle that breaks it on purpose (shrunk to a few events), and the arbitraries give valid
 * engagements and invalid inputs that the library refuses with typed errors.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { ERROR_CODES, dayStartMs, type EngagementState } from '../../src/index.js';
import { defectdojo, DEFECTDOJO_STATUSES, type DefectDojoData } from '../../src/defectdojo/index.js';
import {
  checkLifecycle,
  defectdojoEngagementArb,
  defectdojoInvariants,
  defectdojoScenarioArb,
  invalidDefectdojoInputArb,
  invariantsFor,
  type AnyLifecycle,
  type CheckLifecycleOptions,
  type Invariant,
} from '../../src/testing/index.js';
import { extendWorkflow } from '../../src/workflow/index.js';
import { failureOf, tamper, tamperedOptions } from './tamper.js';

const withData = (state: EngagementState, patch: (d: DefectDojoData) => DefectDojoData): EngagementState =>
  ({ ...state, data: patch(state.data as DefectDojoData) }) as EngagementState;

const cases: { invariant: string; broken: string; lifecycle: AnyLifecycle; options?: CheckLifecycleOptions }[] = [
  {
    invariant: 'defectdojoActiveFollowsStatus',
    broken: 'closed engagements stay active',
    lifecycle: tamper(defectdojo, {
      result: (_s, _e, r) => (r.ok && (r.state.status === 'Completed' || r.state.status === 'Cancelled') ? { ...r, state: withData(r.state, (d) => ({ ...d, active: true })) } : r),
    }),
  },
  {
    invariant: 'defectdojoDatesOrdered',
    broken: 'edit forgets to check the date order',
    lifecycle: extendWorkflow(defectdojo, {
      id: 'unordered-edit',
      transitions: [
        {
          from: '*',
          on: 'edit',
          update: ({ state, event }) => ({ ...state.data, targetStart: event.targetStart ?? state.data.targetStart, targetEnd: event.targetEnd ?? state.data.targetEnd }),
        },
      ],
    }),
  },
  {
    invariant: 'defectdojoStatusNotifications',
    broken: 'reopening sends no engagement_reopened',
    lifecycle: tamper(defectdojo, { result: (_s, _e, r) => (r.ok ? { ...r, effects: r.effects.filter((e) => e.type !== 'engagement_reopened') } : r) }),
  },
  {
    invariant: 'defectdojoClockOnlyAutoCloses',
    broken: 'auto-close ignores the setting that switches it off',
    lifecycle: extendWorkflow(defectdojo, {
      id: 'always-auto-close',
      transitions: [
        {
          from: ['In Progress'],
          on: 'clock',
          guard: ({ state, now, settings }) => now >= dayStartMs(state.data.targetEnd, settings.timeZone, settings.autoClose.days),
          to: 'Completed',
          update: ({ state }) => ({ ...state.data, active: false }),
          effects: [{ type: 'auto_close_engagement' }],
        },
      ],
    }),
    // Auto-close off: every In Progress engagement that a clock finds past its end date shows the bug.
    options: { settings: fc.record({ timeZone: fc.constantFrom('UTC', 'Asia/Tokyo'), autoClose: fc.record({ enabled: fc.constant(false), days: fc.integer({ min: 0, max: 3 }) }) }) },
  },
  {
    invariant: 'defectdojoOverdueFlag',
    broken: 'the overdue flag is never raised',
    lifecycle: tamper(defectdojo, { result: (_s, _e, r) => (r.ok ? { ...r, state: withData(r.state, (d) => ({ ...d, clock: { ...d.clock, overdue: false } })) } : r) }),
  },
  {
    invariant: 'defectdojoNoticesOnce',
    broken: 'every clock announces the engagement as upcoming',
    lifecycle: extendWorkflow(defectdojo, {
      id: 'chatty-clock',
      transitions: [{ from: '*', on: 'clock', effects: [{ type: 'upcoming_engagement', category: 'notification', title: 'Upcoming', description: null, url: '/', recipients: [] }] }],
    }),
  },
  {
    invariant: 'defectdojoRetentionOnce',
    broken: 'reopening forgets the first finish (SysReptor #651)',
    lifecycle: tamper(defectdojo, {
      result: (_s, e, r) => (r.ok && (e as { type: string }).type === 'reopen' ? { ...r, state: withData(r.state, ({ retention: _r, ...d }) => d as DefectDojoData) } : r),
    }),
    options: { settings: fc.record({ timeZone: fc.constantFrom('UTC', 'Asia/Tokyo'), retention: fc.record({ archiveAfterDays: fc.integer({ min: 0, max: 3 }) }) }) },
  },
];

describe('the DefectDojo kit', () => {
  it('DefectDojo passes every core and DefectDojo invariant on generated lives, reaching every status', () => {
    const report = checkLifecycle(defectdojo, { numRuns: 150, mustReach: 'all' });
    expect(report.invariants).toEqual(expect.arrayContaining(defectdojoInvariants.map((i) => i.name)));
    for (const status of DEFECTDOJO_STATUSES) expect(report.statusesReached[status]).toBeGreaterThan(0);
  }, 120_000);

  it('the cases below cover every DefectDojo invariant', () => {
    expect(cases.map((c) => c.invariant).sort()).toEqual(defectdojoInvariants.map((i) => i.name).sort());
    expect(invariantsFor(defectdojo).map((i) => i.name)).toEqual(expect.arrayContaining(defectdojoInvariants.map((i) => i.name)));
  });

  it.each(cases)('$invariant catches: $broken', ({ invariant, lifecycle, options }) => {
    const target = defectdojoInvariants.find((i) => i.name === invariant) as Invariant;
    const failure = failureOf(() => checkLifecycle(lifecycle, { numRuns: 300, invariants: [target], ...tamperedOptions(lifecycle), ...options }));
    expect(failure.violation?.invariant).toBe(invariant);
    expect(failure.scenario!.events.length).toBeLessThanOrEqual(4);
    expect(failure.message).toContain(`✗ ${invariant}:`);
  }, 60_000);
});

describe('DefectDojo arbitraries', () => {
  test.prop([defectdojoEngagementArb()])('valid engagements load, and keep active consistent with the status', (state) => {
    const parsed = defectdojo.safeParseState(JSON.parse(JSON.stringify(state)));
    expect(parsed.ok).toBe(true);
    expect(state.data.active).toBe(state.status !== 'Completed' && state.status !== 'Cancelled');
    expect(state.data.targetStart <= state.data.targetEnd).toBe(true);
  });

  test.prop([invalidDefectdojoInputArb()])('invalid inputs are refused with a typed error, never a throw', ({ flaw, value }) => {
    const result = flaw.startsWith('state') ? defectdojo.safeParseState(value) : defectdojo.create(value as never);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(ERROR_CODES).toContain(result.error.code);
  });

  test.prop([defectdojoScenarioArb({ maxEvents: 8 })], { numRuns: 30 })('scenarios are creations with events in time order', (scenario) => {
    const times = [scenario.create, ...scenario.events].map((e) => Date.parse(String(e.at)));
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
    expect(scenario.create.type).toBe('create');
  });

  it('the scenario arbitrary also serves plain fast-check', () => {
    fc.assert(fc.property(defectdojoScenarioArb({ maxEvents: 3 }), (s) => s.events.length <= 3), { numRuns: 20 });
  });
});
