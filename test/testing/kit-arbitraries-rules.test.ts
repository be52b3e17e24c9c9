/**
 * What the two lifecycles' arbitraries generate, stated from their documentation (docs/testing.md §4) and checked on
 * a fixed-seed sample: the exact set of values each field takes, the ranges with both ends reached, the options that
 * narrow them, and the review workflow written out as its own table. `arbitraries.test.ts` checks that generated
 * values are accepted; this file checks that the arbitraries reach what they promise, and nothing else.
 */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { isLifecycleError } from '../../src/index.js';
import { defectdojo, DEFECTDOJO_STATUSES } from '../../src/defectdojo/index.js';
import { plextrac, REPORT_STATUSES } from '../../src/plextrac/index.js';
import {
  defectdojoCreateArb,
  defectdojoEngagementArb,
  defectdojoScenarioArb,
  defectdojoSettingsArb,
  deriveInputArb,
  invalidDefectdojoInputArb,
  plextracFactsArb,
  plextracScenarioArb,
  plextracSettingsArb,
  reportStatusArb,
  reportStatusSequenceArb,
  scenarioArb,
  TRICKY_TIME_ZONES,
  invariantsFor,
  plextracInvariants,
  defectdojoInvariants,
} from '../../src/testing/index.js';

const DAY = 86_400_000;
const sample = <T>(arb: fc.Arbitrary<T>, numRuns = 400): T[] => fc.sample(arb, { numRuns, seed: 20261127 });
const distinct = <T>(values: readonly T[]): T[] => [...new Set(values.map((v) => JSON.stringify(v)))].map((v) => JSON.parse(v) as T).sort();
const sorted = <T>(values: readonly T[]): T[] => [...values].sort();
/** Whole days from `date`'s UTC midnight to `at`'s UTC date. */
const daysBetween = (date: string, at: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${at.slice(0, 10)}T00:00:00Z`)) / DAY);
/** A scenario's events with the creation first. */
const eventsOf = (s: { create: unknown; events: readonly unknown[] }) => [s.create, ...s.events] as Record<string, unknown>[];

describe('PlexTrac arbitraries', () => {
  it('reportStatusArb: the five UI spellings and the API\'s "Ready For Review"; only the five with apiSpelling: false', () => {
    expect(distinct(sample(reportStatusArb()))).toEqual(sorted([...REPORT_STATUSES, 'Ready For Review']));
    expect(distinct(sample(reportStatusArb({ apiSpelling: true })))).toEqual(sorted([...REPORT_STATUSES, 'Ready For Review']));
    expect(distinct(sample(reportStatusArb({ apiSpelling: false })))).toEqual(sorted(REPORT_STATUSES));
  });

  /** PlexTrac's review workflow: each status's next step forward, and where a reviewer sends it back. */
  const FORWARD: Record<string, string> = { Draft: 'Ready for Review', 'Ready for Review': 'In Review', 'In Review': 'Approved', Approved: 'Published', Published: 'Draft' };
  const BACK: Record<string, string | undefined> = { 'Ready for Review': 'Draft', 'In Review': 'Draft', Approved: 'In Review' };

  it('reportStatusSequenceArb: from Draft, one review step at a time, forwards three times in four; every step is taken', () => {
    const sequences = sample(reportStatusSequenceArb());
    const moves: string[] = [];
    let forward = 0;
    let back = 0;
    for (const sequence of sequences) {
      let current = 'Draft';
      for (const next of sequence) {
        expect([FORWARD[current], BACK[current]]).toContain(next);
        if (BACK[current] !== undefined) next === FORWARD[current] ? forward++ : back++;
        moves.push(`${current} → ${next}`);
        current = next;
      }
    }
    expect(distinct(moves)).toHaveLength(Object.keys(FORWARD).length + Object.keys(BACK).length);
    expect(forward / (forward + back)).toBeGreaterThan(0.65);
    expect(forward / (forward + back)).toBeLessThan(0.85);
    expect(distinct(sequences.map((s) => s.length))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(distinct(sample(reportStatusSequenceArb({ maxLength: 3 })).map((s) => s.length))).toEqual([0, 1, 2, 3]);
  });

  it('reportStatusSequenceArb({ realistic: false }): any status in any order', () => {
    const sequences = sample(reportStatusSequenceArb({ realistic: false, maxLength: 4 }));
    expect(distinct(sequences.flatMap((s) => s.slice(0, 1)))).toEqual(sorted(REPORT_STATUSES));
    expect(sequences.some((s) => s.includes('Published') && s.indexOf('Published') < s.indexOf('Draft'))).toBe(true);
    expect(Math.max(...sequences.map((s) => s.length))).toBe(4);
  });

  it('plextracFactsArb: a report status exactly once approved; every combination with consistent: false', () => {
    const combos = (facts: { approved: boolean; cancelled: boolean; reportStatus: string | null }[]) =>
      distinct(facts.map((f) => `${f.approved}/${f.cancelled}/${f.reportStatus}`));
    const consistent = sample(plextracFactsArb());
    const expected = [true, false].flatMap((cancelled) => [`false/${cancelled}/null`, ...REPORT_STATUSES.map((r) => `true/${cancelled}/${r}`)]);
    expect(combos(consistent)).toEqual(sorted(expected));
    const any = combos(sample(plextracFactsArb({ consistent: false }), 1000));
    expect(any).toEqual(sorted([true, false].flatMap((a) => [true, false].flatMap((c) => [null, ...REPORT_STATUSES].map((r) => `${a}/${c}/${r}`)))));
    const dates = sample(plextracFactsArb({ dates: { min: new Date('2024-02-28T00:00:00Z'), max: new Date('2024-03-01T23:59:59Z') } })).map((f) => f.startDate);
    expect(distinct(dates)).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });

  it('deriveInputArb: a tricky zone, and now within three days either side of the start date', () => {
    const inputs = sample(deriveInputArb());
    const offsets = inputs.map((i) => Date.parse(i.now) - Date.parse(`${i.startDate}T00:00:00Z`));
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(-3 * DAY);
    expect(Math.max(...offsets)).toBeLessThanOrEqual(3 * DAY);
    expect(Math.min(...offsets)).toBeLessThan(-2 * DAY);
    expect(Math.max(...offsets)).toBeGreaterThan(2 * DAY);
    expect(distinct(inputs.map((i) => i.timeZone))).toEqual(sorted(TRICKY_TIME_ZONES));
    expect(distinct(inputs.map((i) => i.reportStatus === null || i.approved))).toEqual([true]);
  });

  it('plextracSettingsArb: a tricky zone, or none (the UTC default)', () => {
    const zones = sample(plextracSettingsArb()).map((s) => ('timeZone' in s ? s.timeZone : 'none'));
    expect(distinct(zones)).toEqual(sorted([...TRICKY_TIME_ZONES, 'none']));
  });

  describe('plextracScenarioArb and the PlexTrac kit', () => {
    const scenarios = sample(plextracScenarioArb(), 200);
    const events = scenarios.flatMap(eventsOf);
    const ofType = (type: string) => events.filter((e) => e['type'] === type);

    it('each scenario carries its zone, at most 25 events, a creation between 2020 and 2030, and prints as fast-check printed it', () => {
      for (const s of scenarios) {
        expect(s.timeZone).toBe(s.settings?.timeZone);
        expect(TRICKY_TIME_ZONES).toContain(s.timeZone);
        expect(s.events.length).toBeLessThanOrEqual(25);
        const at = Date.parse((s.create as { at: string }).at);
        expect(at).toBeGreaterThanOrEqual(Date.parse('2020-01-01T00:00:00Z'));
        expect(at).toBeLessThanOrEqual(Date.parse('2030-01-01T00:00:00Z'));
        const print = Object.getOwnPropertyDescriptor(s, fc.toStringMethod);
        expect(print?.enumerable).toBe(false);
        expect(typeof print?.value).toBe('function');
      }
      expect(Math.max(...sample(plextracScenarioArb({ maxEvents: 3 }), 100).map((s) => s.events.length))).toBe(3);
      // From 2020, not from scenarioArb's default of 2024.
      expect(scenarios.some((s) => (s.create as { at: string }).at < '2024')).toBe(true);
      // The scenario arbitrary's readable print (settings, then one line per event), not an object dump.
      expect(fc.stringify(scenarios[0])).toMatch(/^settings \{"timeZone":/);
    });

    it('cancel comes now and then, never with cancelWeight 0', () => {
      expect(ofType('cancel').length).toBeGreaterThan(0);
      expect(sample(plextracScenarioArb({ cancelWeight: 0 }), 100).flatMap(eventsOf).filter((e) => e['type'] === 'cancel')).toEqual([]);
    });

    it("the kit's weights: clocks most often, then report changes, then approvals and reschedules, cancels least", () => {
      const count = (type: string) => ofType(type).length;
      expect(count('clock')).toBeGreaterThan(count('report_status_changed'));
      expect(count('report_status_changed')).toBeGreaterThan(count('approve'));
      expect(count('report_status_changed')).toBeGreaterThan(count('reschedule'));
      expect(count('approve')).toBeGreaterThan(count('cancel'));
      expect(count('reschedule')).toBeGreaterThan(count('cancel'));
    });

    it("the kit's payloads: PlexTrac's clients, names, requesters, operators, both spellings, start dates near the event", () => {
      const creations = [...ofType('request'), ...ofType('schedule')];
      expect(distinct(creations.map((e) => e['clientId']))).toEqual(['client-1', 'client-2']);
      expect(distinct(creations.map((e) => e['name']))).toEqual(['External network test', 'Web app pentest']);
      // The kit's requesters, over those derived from the event schema (a random string) when left out.
      const requesters = ofType('request').map((e) => e['requestedBy']);
      for (const name of ['dana', 'erin']) expect(requesters.filter((r) => r === name).length).toBeGreaterThan(requesters.length / 5);
      const operators = [...ofType('schedule'), ...ofType('approve')].map((e) => e['operators'] as string[] | undefined);
      for (const list of operators) if (list) expect(new Set(list).size).toBe(list.length);
      expect(distinct(operators.flatMap((l) => l ?? []))).toEqual(['alice', 'bob', 'carol']);
      expect(Math.max(...operators.map((l) => l?.length ?? 0))).toBe(3);
      expect(distinct(ofType('report_status_changed').map((e) => e['reportStatus']))).toEqual(sorted([...REPORT_STATUSES, 'Ready For Review']));
      const starts = creations.map((e) => daysBetween(e['startDate'] as string, e['at'] as string));
      expect(Math.min(...starts)).toBeGreaterThanOrEqual(-21);
      expect(Math.max(...starts)).toBeLessThanOrEqual(21);
      expect(Math.min(...starts)).toBeLessThan(-15);
      expect(Math.max(...starts)).toBeGreaterThan(15);
      const moves = ofType('reschedule').filter((e) => 'startDate' in e).map((e) => daysBetween(e['startDate'] as string, e['at'] as string));
      expect(Math.min(...moves)).toBeGreaterThanOrEqual(-16);
      expect(Math.max(...moves)).toBeLessThanOrEqual(16);
      expect(Math.min(...moves)).toBeLessThan(-10);
      expect(Math.max(...moves)).toBeGreaterThan(10);
      for (const s of scenarios.slice(0, 50)) expect(plextrac.create(s.create, { settings: { timeZone: s.timeZone } }).ok).toBe(true);
    });
  });
});

describe('DefectDojo arbitraries', () => {
  it('defectdojoSettingsArb: every setting over its documented range, both ends reached', () => {
    const all = sample(defectdojoSettingsArb());
    const values = (pick: (s: (typeof all)[number]) => unknown) => distinct(all.map(pick));
    expect(values((s) => s.timeZone)).toEqual(sorted(TRICKY_TIME_ZONES));
    expect(values((s) => s.autoClose?.enabled)).toEqual([false, true]);
    expect(values((s) => s.autoClose?.days)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(values((s) => s.overdueGraceDays?.Interactive)).toEqual([0, 1, 2, 3]);
    expect(values((s) => s.overdueGraceDays?.['CI/CD'])).toEqual([0, 1, 10, 11, 12, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(values((s) => s.upcomingDays)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(values((s) => s.writePolicy)).toEqual(['closed-when-completed', 'open']);
    expect(values((s) => s.autoCloseClosesJiraEpic)).toEqual([false, true]);
    for (const s of all.slice(0, 20)) expect(() => defectdojo.parseSettings(s)).not.toThrow();
  });

  it('defectdojoCreateArb: ids as integers, start within 30 days of the event, 0–60 days long, DefectDojo-like fields', () => {
    const at = '2026-01-05T09:00:00Z';
    const creates = sample(defectdojoCreateArb(), 600) as unknown as Record<string, unknown>[];
    const values = (key: string) => distinct(creates.map((c) => (key in c ? c[key] : 'absent')));
    for (const c of creates) {
      expect(c['type']).toBe('create');
      expect(c['at']).toBe(at);
      expect(String(Number(c['id']))).toBe(c['id']);
      expect(Number(c['id'])).toBeGreaterThanOrEqual(1);
      expect(Number(c['id'])).toBeLessThanOrEqual(99_999);
    }
    const starts = creates.map((c) => daysBetween(c['targetStart'] as string, at));
    const lengths = creates.map((c) => daysBetween(c['targetEnd'] as string, `${c['targetStart'] as string}T00:00:00Z`));
    expect([Math.min(...starts), Math.max(...starts)]).toEqual([-30, 30]);
    expect([Math.min(...lengths), Math.max(...lengths)]).toEqual([0, 60]);
    expect(values('productId')).toEqual([139, 140]);
    expect(values('productName')).toEqual(['Mobile app', 'Payments API', 'absent']);
    expect(values('name')).toEqual(['', 'CI scan', 'Q1 pentest']);
    expect(values('engagementType')).toEqual(['CI/CD', 'Interactive']);
    expect(values('status')).toEqual(sorted([...DEFECTDOJO_STATUSES, 'absent']));
    expect(distinct(creates.map((c) => c['lead']))).toEqual([7, 8, null]);
    expect(distinct(creates.flatMap((c) => (c['tags'] as string[] | undefined) ?? []))).toEqual(['Internal', 'PCI', 'pci', 'web']);
    for (const c of creates) {
      const tags = c['tags'] as string[] | undefined;
      if (tags) expect(new Set(tags).size).toBe(tags.length);
      if (tags) expect(tags.length).toBeLessThanOrEqual(3);
    }
    const given = sample(defectdojoCreateArb(new Date('2024-06-01T00:00:00Z')), 50) as unknown as Record<string, unknown>[];
    for (const c of given) expect(Math.abs(daysBetween(c['targetStart'] as string, '2024-06-01T00:00:00Z'))).toBeLessThanOrEqual(30);
    for (const c of creates.slice(0, 30)) expect(defectdojo.create(c as never).ok).toBe(true);
  });

  it('defectdojoCreateArb refuses an instant a Date cannot hold 30 and 60 days around', () => {
    // A Date holds ±8.64e15 ms: 31 days before and 91 after must fit too.
    const near = (edge: number, days: number) => new Date(edge + days * DAY);
    for (const bad of ['not an instant', new Date(Number.NaN), new Date(8.64e15), 42, near(-8.64e15, 30), near(8.64e15, -90)]) {
      let error: unknown;
      try {
        defectdojoCreateArb(bad as never);
      } catch (e) {
        error = e;
      }
      expect(isLifecycleError(error) && error.code).toBe('invalid_input');
      expect((error as Error).message).toMatch(/^defectdojoCreateArb expects an instant \(an ISO string or a valid Date\) well inside the range of a Date, got /);
    }
    for (const ok of [near(-8.64e15, 32), near(8.64e15, -92)]) expect(() => defectdojoCreateArb(ok)).not.toThrow();
  });

  it('defectdojoEngagementArb: engagements the engine made, in every status, created between 2021 and 2029', () => {
    const states = sample(defectdojoEngagementArb(), 300);
    expect(distinct(states.map((s) => s.status))).toEqual(sorted(DEFECTDOJO_STATUSES));
    for (const s of states) {
      expect(Date.parse(s.createdAt)).toBeGreaterThanOrEqual(Date.parse('2021-01-01T00:00:00Z'));
      expect(Date.parse(s.createdAt)).toBeLessThanOrEqual(Date.parse('2029-01-01T00:00:00Z'));
      expect(defectdojo.parseState(s)).toEqual(s);
      // Moved a minute after the creation, when the status changed.
      if (s.version === 2) expect(Date.parse(s.updatedAt) - Date.parse(s.createdAt)).toBe(60_000);
    }
  });

  it('invalidDefectdojoInputArb: every documented flaw, each refused with a typed error', () => {
    const inputs = sample(invalidDefectdojoInputArb(), 600);
    expect(distinct(inputs.map((i) => i.flaw))).toEqual(sorted([
      'start after end',
      'unknown status',
      'unknown type',
      'no asset',
      'misspelt field',
      'a calendar date where an instant belongs',
      'negative asset id',
      'state with an unknown status',
      'state with an impossible date',
      'state without its asset',
      'state of another lifecycle',
      'state with a zero version',
    ]));
    for (const { flaw, value } of inputs.slice(0, 120)) {
      const result = flaw.startsWith('state') ? defectdojo.apply(value as never, { type: 'clock', at: '2030-01-01T00:00:00Z' }) : defectdojo.create(value as never);
      expect(result.ok, flaw).toBe(false);
      if (!result.ok) expect(isLifecycleError(result.error)).toBe(true);
    }
  });

  it('invalidDefectdojoInputArb: each value is refused for its own flaw, and only for it', () => {
    // code, the issues' paths, and (where the flaw has one) the refusal's words.
    const why: Record<string, string> = {
      'start after end': 'invalid_input | targetStart,targetEnd | Your target start date exceeds your target end date',
      'unknown status': 'invalid_input | status',
      'unknown type': 'invalid_input | engagementType',
      'no asset': 'invalid_input | productId',
      'misspelt field': 'invalid_input |  | Unrecognized key: "target_end"',
      'a calendar date where an instant belongs': 'invalid_input | at',
      'negative asset id': 'invalid_input | productId | Too small: expected number to be >=0',
      'state with an unknown status': 'invalid_input | status',
      'state with an impossible date': 'invalid_input | data.targetEnd',
      'state without its asset': 'invalid_input | data.productId',
      'state of another lifecycle': 'lifecycle_mismatch | ',
      'state with a zero version': 'invalid_input | version | Too small: expected number to be >=1',
    };
    const reasons = new Map<string, Set<string>>();
    for (const { flaw, value } of sample(invalidDefectdojoInputArb(), 300)) {
      const r = flaw.startsWith('state') ? defectdojo.safeParseState(value) : defectdojo.create(value as never);
      if (r.ok) throw new Error(`${flaw} was accepted`);
      const parts = [r.error.code, r.error.issues.map((i) => i.path.join('.')).join(',')];
      if (why[flaw]!.split(' | ').length === 3) parts.push([...new Set(r.error.issues.map((i) => i.message))].join('; '));
      (reasons.get(flaw) ?? reasons.set(flaw, new Set()).get(flaw)!).add(parts.join(' | '));
    }
    for (const [flaw, seen] of reasons) expect([...seen], flaw).toEqual([why[flaw]]);
  });

  describe('defectdojoScenarioArb and the DefectDojo kit', () => {
    const scenarios = sample(defectdojoScenarioArb(), 200);
    const events = scenarios.flatMap(eventsOf);
    const ofType = (type: string) => events.filter((e) => e['type'] === type);

    it('at most 25 events (or maxEvents), at least minEvents, settings generated or fixed, a creation between 2021 and 2029', () => {
      for (const s of scenarios) {
        expect(s.events.length).toBeLessThanOrEqual(25);
        const at = Date.parse((s.create as { at: string }).at);
        expect(at).toBeGreaterThanOrEqual(Date.parse('2021-01-01T00:00:00Z'));
        expect(at).toBeLessThanOrEqual(Date.parse('2029-01-01T00:00:00Z'));
      }
      expect(distinct(scenarios.map((s) => s.settings.autoClose?.days))).toEqual([0, 1, 2, 3, 4, 5, 6]);
      // From 2021 (not scenarioArb's default of 2024) to 2029 (not 2030).
      expect(scenarios.some((s) => (s.create as { at: string }).at < '2024')).toBe(true);
      const fixed = { timeZone: 'Asia/Tokyo', autoClose: { enabled: false, days: 0 } };
      const narrowed = sample(defectdojoScenarioArb({ maxEvents: 4, minEvents: 2, settings: fixed }), 100);
      expect(distinct(narrowed.map((s) => s.events.length))).toEqual([2, 3, 4]);
      expect(distinct(narrowed.map((s) => s.settings))).toEqual([fixed]);
    });

    it("the kit's weights: clocks most often, set_status next, set_jira least", () => {
      const count = (type: string) => ofType(type).length;
      for (const type of ['set_status', 'close', 'reopen', 'add_test', 'import_scan', 'edit', 'set_jira']) expect(count('clock')).toBeGreaterThan(count(type));
      for (const type of ['close', 'reopen', 'add_test', 'import_scan', 'edit', 'set_jira']) expect(count('set_status')).toBeGreaterThan(count(type));
      for (const type of ['close', 'reopen', 'add_test', 'import_scan', 'edit']) expect(count(type)).toBeGreaterThan(count('set_jira'));
      expect(count('set_jira')).toBeGreaterThan(0);
    });

    it("the kit's payloads: creations with ordered dates and DefectDojo's ids, edits half out of order, Jira projects and epics", () => {
      for (const c of ofType('create')) {
        expect(c['targetStart'] as string <= (c['targetEnd'] as string)).toBe(true);
        expect(Math.abs(daysBetween(c['targetStart'] as string, c['at'] as string))).toBeLessThanOrEqual(11);
        expect(c['jira']).toEqual({ project: null, assetProject: null, epic: null });
      }
      const creates = ofType('create');
      const lengths = creates.map((c) => daysBetween(c['targetEnd'] as string, `${c['targetStart'] as string}T00:00:00Z`));
      expect(Math.max(...lengths)).toBe(20);
      expect(Math.min(...lengths)).toBe(0);
      expect(distinct(creates.map((c) => c['requester']))).toEqual([3, 4, null]);
      expect(distinct(creates.map((c) => c['buildServer']))).toEqual([5, null]);
      expect(distinct(creates.map((c) => c['sourceCodeManagementServer']))).toEqual([6, null]);
      expect(distinct(creates.map((c) => c['orchestrationEngine']))).toEqual([1, null]);
      expect(distinct(creates.map((c) => c['preset']))).toEqual([1, null]);
      expect(distinct(creates.map((c) => c['reportType']))).toEqual([2, null]);
      const edits = ofType('edit');
      const both = edits.filter((e) => 'targetStart' in e && 'targetEnd' in e);
      const outOfOrder = both.filter((e) => (e['targetStart'] as string) > (e['targetEnd'] as string)).length;
      expect(outOfOrder / both.length).toBeGreaterThan(0.1);
      expect(outOfOrder / both.length).toBeLessThan(0.5);
      expect(distinct(edits.map((e) => e['lead']))).toEqual([7, 8, null]);
      // One date or both; the end from 5 days before the event.
      expect(edits.some((e) => 'targetStart' in e && !('targetEnd' in e))).toBe(true);
      expect(edits.some((e) => 'targetEnd' in e && !('targetStart' in e))).toBe(true);
      expect(Math.min(...edits.filter((e) => 'targetEnd' in e).map((e) => daysBetween(e['targetEnd'] as string, e['at'] as string)))).toBeLessThan(0);
      const jira = ofType('set_jira');
      expect(distinct(jira.map((e) => (e['epic'] as { key: string } | null)?.key ?? null))).toEqual(['APP-2', 'SEC-1', null]);
      const projects = jira.flatMap((e) => [e['project'], e['assetProject']]) as ({ projectKey: string | null; epicMapping: boolean | null } | null)[];
      expect(distinct(projects.map((p) => (p === null ? 'none' : p.projectKey)))).toEqual(['APP', 'SEC', 'none', null]);
      expect(distinct(projects.map((p) => (p === null ? 'none' : p.epicMapping)))).toEqual([false, 'none', null, true]);
      expect(distinct(ofType('set_status').map((e) => e['status']))).toEqual(sorted(DEFECTDOJO_STATUSES));
      const scans = ofType('import_scan').filter((e) => 'scanDate' in e).map((e) => daysBetween(e['scanDate'] as string, e['at'] as string));
      expect(Math.min(...scans)).toBeLessThan(-10);
      expect(Math.max(...scans)).toBeGreaterThan(10);
      // The kit's scan dates lie within 20 days either side, spread over them (a scan date the kit leaves out comes
      // from the event schema's arbitrary, which ranges wider): few outside, no day much more often than others.
      expect(scans.filter((d) => Math.abs(d) > 20).length).toBeLessThan(scans.length * 0.15);
      expect(Math.max(...[...new Set(scans)].map((d) => scans.filter((x) => x === d).length))).toBeLessThan(scans.length / 5);
      expect(ofType('import_scan').some((e) => !('scanDate' in e))).toBe(true);
    });
  });
});

describe('the kits are registered under their lifecycles', () => {
  it("checkLifecycle and scenarioArb find each lifecycle's invariants", () => {
    expect(invariantsFor(plextrac).map((i) => i.name)).toEqual(expect.arrayContaining(plextracInvariants.map((i) => i.name)));
    expect(invariantsFor(defectdojo).map((i) => i.name)).toEqual(expect.arrayContaining(defectdojoInvariants.map((i) => i.name)));
  });

  it("scenarioArb(plextrac) takes PlexTrac's kit: a zone in every scenario, its clients, its requesters beside the schema's", () => {
    const scenarios = sample(scenarioArb(plextrac), 200);
    for (const s of scenarios) expect(TRICKY_TIME_ZONES).toContain((s.settings as { timeZone?: string }).timeZone);
    const events = scenarios.flatMap(eventsOf);
    const requests = events.filter((e) => e['type'] === 'request');
    expect(distinct(requests.map((e) => e['clientId']))).toEqual(['client-1', 'client-2']);
    // requestedBy is optional in the kit's payload: left out, the schema's arbitrary gives one of its own.
    expect(requests.some((e) => e['requestedBy'] === 'dana')).toBe(true);
    expect(requests.some((e) => !['dana', 'erin'].includes(e['requestedBy'] as string))).toBe(true);
  });

  it("scenarioArb(defectdojo) takes DefectDojo's kit: its settings, payloads and weights", () => {
    const scenarios = sample(scenarioArb(defectdojo), 200);
    expect(distinct(scenarios.map((s) => (s.settings as { autoClose?: { days: number } }).autoClose?.days))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const events = scenarios.flatMap(eventsOf);
    expect(distinct(events.filter((e) => e['type'] === 'create').map((e) => e['productId']))).toEqual([139, 140]);
    const count = (type: string) => events.filter((e) => e['type'] === type).length;
    for (const type of ['set_status', 'close', 'reopen', 'add_test', 'import_scan', 'edit', 'set_jira']) expect(count('clock')).toBeGreaterThan(count(type));
  });

  it('the scenario arbitraries name themselves when their options are refused', () => {
    expect(() => defectdojoScenarioArb(null as never)).toThrow('defectdojoScenarioArb options must be an options object, got null');
    expect(() => plextracScenarioArb(null as never)).toThrow('plextracScenarioArb options must be an options object, got null');
    expect(() => reportStatusArb(null as never)).toThrow('reportStatusArb options must be an options object, got null');
    expect(() => reportStatusSequenceArb(null as never)).toThrow('reportStatusSequenceArb options must be an options object, got null');
    expect(() => reportStatusSequenceArb({ maxLength: -1 })).toThrow(/^reportStatusSequenceArb: maxLength /);
    expect(() => plextracFactsArb(null as never)).toThrow('plextracFactsArb options must be an options object, got null');
  });
});
