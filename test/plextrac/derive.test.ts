import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { derive, deriveStatus, REPORT_STATUSES, type ReportStatus } from '../../src/plextrac/index.js';
import { LifecycleError } from '../../src/index.js';
import { calendarDateArb, instantArb, timeZoneArb } from '../../src/testing/arbitraries.js';

const base = { approved: true, cancelled: false, startDate: '2024-03-10', timeZone: 'UTC' } as const;

describe('derive: the rows of PlexTrac\'s "Engagement Status" table', () => {
  it('(no report yet) → Pending: requested but not approved', () => {
    expect(derive({ ...base, approved: false, reportStatus: null, now: '2024-03-01T00:00:00Z' })).toBe('Pending');
  });
  it('Draft, before the start date → Scheduled', () => {
    expect(derive({ ...base, reportStatus: 'Draft', now: '2024-03-09T23:59:59Z' })).toBe('Scheduled');
  });
  it('Draft, start date reached → In Progress', () => {
    expect(derive({ ...base, reportStatus: 'Draft', now: '2024-03-10T00:00:00Z' })).toBe('In Progress');
  });
  it.each(['Ready for Review', 'In Review', 'Approved'] as const)('%s → In Review (the three review stages)', (reportStatus) => {
    expect(derive({ ...base, reportStatus, now: '2024-03-12T00:00:00Z' })).toBe('In Review');
  });
  it('Published → Complete', () => {
    expect(derive({ ...base, reportStatus: 'Published', now: '2024-03-12T00:00:00Z' })).toBe('Complete');
  });
  it('(not applicable) → Canceled: the engagement was terminated', () => {
    expect(derive({ ...base, cancelled: true, reportStatus: 'Draft', now: '2024-03-12T00:00:00Z' })).toBe('Canceled');
  });
  it('accepts the API spelling "Ready For Review"', () => {
    expect(derive({ ...base, reportStatus: 'Ready For Review', now: '2024-03-12T00:00:00Z' })).toBe('In Review');
  });
});

describe('derive: precedence Canceled > Pending > Complete > In Review > In Progress > Scheduled', () => {
  it('Canceled wins over everything, even before approval', () => {
    expect(derive({ ...base, approved: false, cancelled: true, reportStatus: null, now: '2024-03-01T00:00:00Z' })).toBe('Canceled');
  });
  it('not approved is Pending whatever the date', () => {
    expect(derive({ ...base, approved: false, reportStatus: null, now: '2030-01-01T00:00:00Z' })).toBe('Pending');
  });
  it('a review or published report wins over the start date not being reached', () => {
    expect(derive({ ...base, reportStatus: 'Approved', now: '2024-01-01T00:00:00Z' })).toBe('In Review');
    expect(derive({ ...base, reportStatus: 'Published', now: '2024-01-01T00:00:00Z' })).toBe('Complete');
  });
  it('an approved engagement with no report status yet counts as Draft', () => {
    expect(derive({ ...base, reportStatus: null, now: '2024-03-10T00:00:00Z' })).toBe('In Progress');
  });
});

describe('derive: the start date is reached at 00:00 in the tenant time zone', () => {
  const draft = { approved: true, cancelled: false, reportStatus: 'Draft' as const };
  it('America/New_York: 2024-03-10 starts at 05:00Z (EST, the DST change day)', () => {
    const f = { ...draft, startDate: '2024-03-10' as const, timeZone: 'America/New_York' };
    expect(derive({ ...f, now: '2024-03-10T04:59:59.999Z' })).toBe('Scheduled');
    expect(derive({ ...f, now: '2024-03-10T05:00:00Z' })).toBe('In Progress');
  });
  it('the same instant is In Progress in UTC and still Scheduled in New York', () => {
    const now = '2024-06-01T02:00:00Z'; // 22:00 on May 31 in New York
    expect(derive({ ...draft, startDate: '2024-06-01', now, timeZone: 'UTC' })).toBe('In Progress');
    expect(derive({ ...draft, startDate: '2024-06-01', now, timeZone: 'America/New_York' })).toBe('Scheduled');
  });
  it('America/New_York in summer (EDT): 2024-07-01 starts at 04:00Z', () => {
    const f = { ...draft, startDate: '2024-07-01' as const, timeZone: 'America/New_York' };
    expect(derive({ ...f, now: '2024-07-01T03:59:59Z' })).toBe('Scheduled');
    expect(derive({ ...f, now: '2024-07-01T04:00:00Z' })).toBe('In Progress');
  });
  it('Europe/London on the spring DST day (clocks go forward at 01:00): midnight still exists', () => {
    const f = { ...draft, startDate: '2024-03-31' as const, timeZone: 'Europe/London' };
    expect(derive({ ...f, now: '2024-03-30T23:59:59Z' })).toBe('Scheduled');
    expect(derive({ ...f, now: '2024-03-31T00:00:00Z' })).toBe('In Progress');
  });
  it('America/Sao_Paulo 2018-11-04: DST began at midnight, so the day starts at 01:00 local (03:00Z)', () => {
    const f = { ...draft, startDate: '2018-11-04' as const, timeZone: 'America/Sao_Paulo' };
    expect(derive({ ...f, now: '2018-11-04T02:59:59Z' })).toBe('Scheduled');
    expect(derive({ ...f, now: '2018-11-04T03:00:00Z' })).toBe('In Progress');
  });
  it('Pacific/Kiritimati (UTC+14): the start date is reached at 10:00Z the day before', () => {
    const f = { ...draft, startDate: '2024-03-10' as const, timeZone: 'Pacific/Kiritimati' };
    expect(derive({ ...f, now: '2024-03-09T09:59:59Z' })).toBe('Scheduled');
    expect(derive({ ...f, now: '2024-03-09T10:00:00Z' })).toBe('In Progress');
  });
  it('Pacific/Apia skipped 2011-12-30: that start date is reached when 2011-12-31 begins', () => {
    const f = { ...draft, startDate: '2011-12-30' as const, timeZone: 'Pacific/Apia' };
    expect(derive({ ...f, now: '2011-12-30T09:59:59Z' })).toBe('Scheduled');
    expect(derive({ ...f, now: '2011-12-30T10:00:00Z' })).toBe('In Progress');
  });
  it('accepts instants with offsets and Date objects', () => {
    const f = { ...draft, startDate: '2024-03-10' as const, timeZone: 'UTC' };
    expect(derive({ ...f, now: '2024-03-10T01:00:00+01:00' })).toBe('In Progress');
    expect(derive({ ...f, now: new Date('2024-03-09T23:00:00Z') })).toBe('Scheduled');
  });
  it('UTC is the default time zone', () => {
    expect(derive({ ...draft, startDate: '2024-03-10', now: '2024-03-10T00:00:00Z' })).toBe('In Progress');
  });
});

describe('derive: invalid input throws a LifecycleError with code invalid_input', () => {
  const cases: [string, unknown][] = [
    ['bare date as now', { ...base, reportStatus: 'Draft', now: '2024-03-10' }],
    ['local time without offset', { ...base, reportStatus: 'Draft', now: '2024-03-10T00:00:00' }],
    ['unknown time zone', { ...base, reportStatus: 'Draft', now: '2024-03-10T00:00:00Z', timeZone: 'Mars/Olympus' }],
    ['impossible date', { ...base, reportStatus: 'Draft', startDate: '2023-02-29', now: '2024-03-10T00:00:00Z' }],
    ['unknown report status', { ...base, reportStatus: 'Done', now: '2024-03-10T00:00:00Z' }],
    ['missing field', { approved: true, reportStatus: 'Draft', startDate: '2024-03-10', now: '2024-03-10T00:00:00Z' }],
    ['null', null],
    ['a string', 'Pending'],
  ];
  it.each(cases)('%s', (_name, input) => {
    try {
      derive(input as never);
      expect.unreachable('derive accepted invalid input');
    } catch (error) {
      expect(error).toBeInstanceOf(LifecycleError);
      expect((error as LifecycleError).code).toBe('invalid_input');
      expect((error as LifecycleError).message).toMatch(/^Invalid derive input/);
    }
  });
});

describe('derive: properties', () => {
  const facts = fc.record({
    approved: fc.boolean(),
    cancelled: fc.boolean(),
    reportStatus: fc.option(fc.constantFrom<ReportStatus>(...REPORT_STATUSES), { nil: null }),
    startDate: calendarDateArb(),
  });

  /** The local calendar day of an instant in a zone, by Intl (independent of the library's date helpers). */
  const localDay = (ms: number, zone: string): string =>
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
  const DAY = 86_400_000;
  /** Facts whose status time can still change (approved, live, no report beyond Draft), half the time. */
  const liveFacts = fc.record({
    approved: fc.constant(true),
    cancelled: fc.constant(false),
    reportStatus: fc.constantFrom<ReportStatus | null>(null, 'Draft'),
    startDate: calendarDateArb(),
  });
  const someFacts = fc.oneof(facts, liveFacts);

  it('time only ever moves Scheduled to In Progress, never back, and does so where the start day begins locally', () => {
    // Two instants within three days of the start date's 00:00Z, so that a pair straddles the local start often.
    let moved = 0;
    fc.assert(
      fc.property(someFacts, fc.integer({ min: -3 * DAY, max: 3 * DAY }), fc.integer({ min: -3 * DAY, max: 3 * DAY }), timeZoneArb(), (f, x, y, zone) => {
        const midnight = Date.parse(`${f.startDate}T00:00:00Z`);
        const [early, late] = [midnight + Math.min(x, y), midnight + Math.max(x, y)];
        const s1 = deriveStatus(f, early, zone);
        const s2 = deriveStatus(f, late, zone);
        const straddles = f.approved && !f.cancelled && (f.reportStatus === null || f.reportStatus === 'Draft') && localDay(early, zone) < f.startDate && localDay(late, zone) >= f.startDate;
        if (straddles) moved++;
        expect([s1, s2]).toEqual(straddles ? ['Scheduled', 'In Progress'] : [s1, s1]);
      }),
      { numRuns: 300 },
    );
    // The move is the case under test: it must have been generated, not hoped for.
    expect(moved).toBeGreaterThanOrEqual(30);
  });

  it('the status is Scheduled or In Progress exactly for an approved, live engagement without a report beyond Draft', () => {
    let live = 0;
    fc.assert(
      fc.property(someFacts, instantArb(), timeZoneArb(), (f, now, zone) => {
        const s = deriveStatus(f, Date.parse(now), zone);
        const expectedLive = f.approved && !f.cancelled && (f.reportStatus === null || f.reportStatus === 'Draft');
        if (expectedLive) live++;
        expect(s === 'Scheduled' || s === 'In Progress').toBe(expectedLive);
      }),
      { numRuns: 300 },
    );
    expect(live).toBeGreaterThanOrEqual(100);
  });

  test.prop([facts, instantArb(), timeZoneArb()])('derive (validated) equals deriveStatus (unchecked)', (f, now, zone) => {
    expect(derive({ ...f, now, timeZone: zone })).toBe(deriveStatus(f, Date.parse(now), zone));
  });

  test.prop([calendarDateArb(), timeZoneArb()])('the start is reached within 14 h before and 12 h after 00:00Z of the start date', (startDate, zone) => {
    const f = { approved: true, cancelled: false, reportStatus: 'Draft' as const, startDate };
    const midnightUtc = Date.parse(`${startDate}T00:00:00Z`);
    expect(deriveStatus(f, midnightUtc - 14 * 3_600_000 - 1, zone)).toBe('Scheduled');
    expect(deriveStatus(f, midnightUtc + 12 * 3_600_000 + 3_600_000, zone)).toBe('In Progress');
  });
});
