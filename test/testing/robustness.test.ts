/**
 * Issue #12's root causes in `engagement-lifecycle/testing`, one reproducer each: a value that is not a lifecycle,
 * a scenario, a schema or an options object is refused with `invalid_input` naming it; arbitraries refuse
 * impossible parameters when they are made (never an arbitrary that throws or never yields when sampled); reports
 * and helpers' outputs are frozen.
 */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { plextrac } from 'engagement-lifecycle/plextrac';
import {
  arbitraryFromSchema,
  calendarDateArb,
  calendarDateNear,
  checkLifecycle,
  checkScenario,
  clockArb,
  defectdojoCreateArb,
  formatRun,
  instantArb,
  invariantsFor,
  kitsOf,
  relativeDate,
  resolveRelative,
  scenarioArb,
  settingsArb,
  timeZoneArb,
} from 'engagement-lifecycle/testing';
import { memoryStoreUnderTest, registerStoreContract, storeContractCases } from 'engagement-lifecycle/testing/store';

const typed = (message?: RegExp) => expect.objectContaining({ name: 'LifecycleError', code: 'invalid_input', ...(message ? { message: expect.stringMatching(message) } : {}) });

describe('testing kit: a value that is not a lifecycle, a scenario or a schema', () => {
  it.each([
    ['kitsOf', () => kitsOf('America/New_York' as never)],
    ['invariantsFor', () => invariantsFor(42 as never)],
    ['scenarioArb', () => scenarioArb('x'.repeat(100) as never)],
    ['settingsArb', () => settingsArb(undefined as never)],
    ['checkLifecycle', () => checkLifecycle(plextrac.declaration as never)],
    ['checkScenario', () => checkScenario(-9007199254740992 as never, {} as never)],
  ])('%s refuses it with invalid_input naming the lifecycle', (_name, call) => {
    expect(call).toThrow(typed(/the lifecycle must be a lifecycle/));
  });

  it('checkScenario refuses what is not a scenario, formatRun what is not a run, arbitraryFromSchema what is not a schema', () => {
    expect(() => checkScenario(plextrac, { create: {} } as never)).toThrow(typed(/Expected a scenario/));
    expect(() => formatRun({} as never)).toThrow(typed(/formatRun expects a run/));
    expect(() => arbitraryFromSchema({ lifecycles: [Number.NaN] } as never)).toThrow(typed(/zod 4 schema/));
  });

  it('invariantsFor refuses a selection whose lists are not lists of invariants', () => {
    expect(() => invariantsFor(plextrac, { add: [{ name: 'x' }] as never })).toThrow(typed(/"add" must be an array of invariants/));
    expect(() => invariantsFor(plextrac, { drop: 'enginesAgree' as never })).toThrow(typed(/"drop" must be an array/));
  });

  it('the conformance suite refuses a runner that is not one and options without create', () => {
    expect(() => registerStoreContract(new Set() as never, { create: memoryStoreUnderTest })).toThrow(typed(/test runner/));
    expect(() => storeContractCases({} as never)).toThrow(typed(/create/));
  });
});

describe('testing kit: impossible arbitrary parameters are refused when the arbitrary is made', () => {
  it.each([
    ['timeZoneArb([])', () => timeZoneArb([])],
    ['timeZoneArb(a non-zone)', () => timeZoneArb(['Mars/Olympus'])],
    ['timeZoneArb(a cycle)', () => { const a: unknown[] = []; a.push(a); return timeZoneArb(a as never); }],
    ['instantArb(reversed range)', () => instantArb({ min: new Date('2030-01-01'), max: new Date('2020-01-01') })],
    ['calendarDateArb(invalid date)', () => calendarDateArb({ min: new Date(Number.NaN) })],
    ['calendarDateNear(-1, 1.8e308)', () => calendarDateNear(-1, 1.8e308)],
    ['calendarDateNear(an object, 3)', () => calendarDateNear(Object.create(null), 3)],
    ['clockArb(near the end of time)', () => clockArb(8.64e15 - 1, 3)],
    ['relativeDate(-5, 1.8e308)', () => relativeDate(-5, 1.8e308)],
    ['defectdojoCreateArb(an invalid Date)', () => defectdojoCreateArb(new Date(Number.NaN))],
    ['defectdojoCreateArb(the last instant)', () => defectdojoCreateArb(new Date(8.64e15))],
  ])('%s is invalid_input', (_name, make) => {
    expect(make).toThrow(typed());
  });

  it('valid parameters still give arbitraries that yield', () => {
    expect(fc.sample(timeZoneArb(['Europe/Paris', 'UTC']), { numRuns: 5, seed: 1 }).every((z) => ['Europe/Paris', 'UTC'].includes(z))).toBe(true);
    expect(fc.sample(calendarDateNear('2026-03-01T00:00:00Z', 2), { numRuns: 5, seed: 1 }).every((d) => d >= '2026-02-27' && d <= '2026-03-03')).toBe(true);
  });
});

describe('testing kit: outputs are frozen and inputs untouched', () => {
  it("checkLifecycle's report, kitsOf, invariantsFor and the conformance cases are frozen", () => {
    const report = checkLifecycle(plextrac, { numRuns: 3, seed: 1 });
    expect(Object.isFrozen(report) && Object.isFrozen(report.invariants) && Object.isFrozen(report.statusesReached) && Object.isFrozen(report.refusals)).toBe(true);
    expect(Object.isFrozen(kitsOf(plextrac))).toBe(true);
    expect(Object.isFrozen(invariantsFor(plextrac))).toBe(true);
    const cases = storeContractCases({ create: memoryStoreUnderTest });
    expect(Object.isFrozen(cases) && Object.isFrozen(cases[0])).toBe(true);
    expect(Object.isFrozen(memoryStoreUnderTest())).toBe(true);
  });

  it('resolveRelative returns frozen copies, leaves its input alone, and refuses a cycle', () => {
    const input = { settings: { timeZone: 'Australia/Sydney', autoClose: { enabled: false, days: 1 } } };
    const out = resolveRelative(input, 0, 'UTC');
    expect(out).toEqual(input);
    expect(Object.isFrozen(out.settings.autoClose)).toBe(true);
    expect(Object.isFrozen(input.settings)).toBe(false);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => resolveRelative(cyclic, 0, 'UTC')).toThrow(typed(/cyclic/));
    expect(() => resolveRelative(input, Number.NaN, 'UTC')).toThrow(typed());
  });
});
