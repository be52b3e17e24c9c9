/**
 * The date rules against independent statements of them: the Gregorian calendar as a table (leap years every 4
 * years, not centuries, except every 400), the local date from the runtime's own `Intl.DateTimeFormat` (not the
 * library's offset arithmetic), a day's first instant found by a minute-by-minute scan, and the range of instants
 * (0001-01-01 to 9999-12-31) at its millisecond edges. Refusals are `invalid_input` naming the argument.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { LifecycleError, addCalendarDays, calendarDateAt, calendarDaysBetween, dayStartMs, hasDayBegun, instantMs, msToInstant } from '../../src/index.js';
import { calendarDateArb, timeZoneArb } from '../../src/testing/arbitraries.js';

/** The calendar date at `ms` in `zone`, as the runtime's Intl formats it. */
function intlDate(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLengths = (y: number) => [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `date` moved by `days`, one day at a time through the month-length table. */
function walk(date: string, days: number): string {
  let [y, m, d] = date.split('-').map(Number) as [number, number, number];
  for (let i = 0; i < Math.abs(days); i++) {
    if (days > 0) {
      d++;
      if (d > monthLengths(y)[m - 1]!) [d, m] = [1, m + 1];
      if (m > 12) [m, y] = [1, y + 1];
    } else {
      d--;
      if (d < 1) {
        m--;
        if (m < 1) [m, y] = [12, y - 1];
        d = monthLengths(y)[m - 1]!;
      }
    }
  }
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function refused(run: () => unknown, message: RegExp): void {
  let error: unknown = null;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(LifecycleError);
  expect(error).toMatchObject({ code: 'invalid_input' });
  expect((error as Error).message).toMatch(message);
}

describe('which days exist', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2100-02-29', false],
    ['2400-02-29', true],
    ['2024-04-30', true],
    ['2024-04-31', false],
    ['2024-12-31', true],
    ['2024-12-32', false],
    ['2024-00-10', false],
    ['2024-13-01', false],
    ['2024-01-00', false],
    ['2024-01-31', true],
    ['2024-06-31', false],
    ['2024-09-31', false],
    ['2024-11-31', false],
  ])('%s exists: %s', (date, exists) => {
    if (exists) expect(addCalendarDays(date as never, 0)).toBe(date);
    else refused(() => addCalendarDays(date as never, 0), /^Invalid argument "date" of addCalendarDays: expected a calendar date that exists, got /);
  });

  it('a value that is not YYYY-MM-DD is refused by its shape, naming the argument', () => {
    for (const bad of ['2024-1-01', '24-01-01', '2024/01/01', '2024-01-01T00:00Z', 20240101, null]) {
      refused(() => calendarDaysBetween(bad as never, '2024-01-01'), /^Invalid argument "earlier" of calendarDaysBetween: expected a calendar date YYYY-MM-DD, got /);
      refused(() => calendarDaysBetween('2024-01-01', bad as never), /^Invalid argument "later" of calendarDaysBetween: expected a calendar date YYYY-MM-DD, got /);
    }
  });
});

describe('calendar arithmetic against a day-by-day walk', () => {
  test.prop([calendarDateArb(), fc.integer({ min: -400, max: 400 })], { numRuns: 100 })('addCalendarDays and calendarDaysBetween', (date, days) => {
    expect(addCalendarDays(date, days)).toBe(walk(date, days));
    expect(calendarDaysBetween(date, walk(date, days) as never)).toBe(days);
  });

  it('stays within the years 0000 to 9999', () => {
    expect(addCalendarDays('9999-12-30', 1)).toBe('9999-12-31');
    expect(addCalendarDays('0000-01-02', -1)).toBe('0000-01-01');
    expect(addCalendarDays('0099-12-31', 1)).toBe('0100-01-01');
    refused(() => addCalendarDays('9999-12-31', 1), /^Invalid argument "days" of addCalendarDays: expected a move that stays within the years 0000 to 9999, got 1$/);
    refused(() => addCalendarDays('0000-01-01', -1), /a move that stays within the years 0000 to 9999, got -1$/);
    refused(() => addCalendarDays('2024-01-01', 1.5), /^Invalid argument "days" of addCalendarDays/);
  });
});

describe('the local date against Intl', () => {
  test.prop([fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2090, 0, 1) }), timeZoneArb()], { numRuns: 150 })('calendarDateAt', (ms, zone) => {
    expect(calendarDateAt(ms, zone)).toBe(intlDate(ms, zone));
  });
});

describe('the first instant of a day against a scan', () => {
  it.each([
    // Midnight skipped by DST: the day starts at 01:00 local.
    ['2018-11-04', 'America/Sao_Paulo'],
    ['2024-09-08', 'America/Santiago'],
    // Midnight twice (clocks back at 00:00 or 01:00): the earlier.
    ['2024-04-07', 'America/Santiago'],
    // Newfoundland's double summer time ended at 00:01 by two hours: midnight came at 01:30Z and again at 03:30Z.
    ['1988-10-30', 'America/St_Johns'],
    ['2024-03-31', 'Europe/Paris'],
    ['2024-10-27', 'Europe/London'],
    ['2024-03-10', 'America/New_York'],
    ['2011-12-30', 'Pacific/Apia'],
    ['2011-12-31', 'Pacific/Apia'],
    ['2024-03-10', 'Asia/Kathmandu'],
    // Midnight skipped from another time of day: Toronto's DST of 1919 began at 23:30 local on March 30, which
    // became 00:30 on March 31, so that day began at 00:30 (04:30Z). The only such change Node 20's zone data holds
    // (America/Nassau shares it); the search for the day's start must find an instant inside the jump's span.
    ['1919-03-31', 'America/Toronto'],
    ['1919-03-31', 'America/Nassau'],
    // Midnight skipped east of UTC, where local midnight read as UTC is already past the change: Beirut's DST
    // starts at 00:00 (2024-03-30T22:00Z); Addis Ababa left its mean time (+2:27:16) at 00:00 on 1908-05-01.
    ['2024-03-31', 'Asia/Beirut'],
    ['1908-05-01', 'Africa/Addis_Ababa'],
    // Less than an hour west of UTC: Monrovia kept -0:44:30 until 1972, Dublin -0:25:21 until 1916.
    ['1960-01-01', 'Africa/Monrovia'],
    ['1900-06-01', 'Europe/Dublin'],
  ])('%s in %s', (date, zone) => {
    const start = dayStartMs(date as never, zone);
    // The first minute (from 15 h before UTC midnight) whose local date is `date` or later, then the first second
    // (offsets of mean times have seconds).
    let scan = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - 15 * 3_600_000;
    while (intlDate(scan, zone) < date) scan += 60_000;
    scan -= 60_000;
    while (intlDate(scan, zone) < date) scan += 1000;
    expect(start).toBe(scan);
    expect(hasDayBegun(start, date as never, zone)).toBe(true);
    expect(hasDayBegun(start - 1, date as never, zone)).toBe(false);
  });

  it('plusDays is bounded to 10^8 days either way and must be whole', () => {
    refused(() => dayStartMs('2024-01-01', 'UTC', 100_000_001), /^Invalid argument "plusDays" of dayStartMs: expected an integer of at most 100000000, got 100000001$/);
    refused(() => dayStartMs('2024-01-01', 'UTC', -100_000_001), /^Invalid argument "plusDays" of dayStartMs: expected an integer of at least -100000000/);
    refused(() => dayStartMs('2024-01-01', 'UTC', 0.5), /^Invalid argument "plusDays" of dayStartMs/);
    refused(() => dayStartMs('2024-02-30' as never, 'UTC'), /^Invalid argument "date" of dayStartMs: expected a calendar date that exists/);
    refused(() => dayStartMs(20240101 as never, 'UTC'), /^Invalid argument "date" of dayStartMs: expected a calendar date YYYY-MM-DD/);
    refused(() => dayStartMs('2024-01-01', 'Mars/Base'), /^Invalid argument "zone" of dayStartMs: expected an IANA time zone such as "Europe\/Paris", got "Mars\/Base"$/);
  });
});

describe('the local date less than an hour from UTC, against Intl', () => {
  // Offsets written "-00:MM:SS" by Intl (Monrovia until 1972, Dublin until 1916, Lisbon and Abidjan until 1912):
  // @date-fns/tz 1.5.0's tzOffset reads them as east of UTC. Lagos (+0:13:35 from 1908 to 1914) is east of UTC,
  // and stays so.
  it.each([
    ['Africa/Monrovia', '1960-01-01'],
    ['Europe/Dublin', '1900-06-01'],
    ['Europe/Lisbon', '1900-06-01'],
    ['Africa/Abidjan', '1900-06-01'],
    ['Africa/Lagos', '1910-01-01'],
  ])('%s around %s, every 10 minutes', (zone, date) => {
    const from = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - 2 * 3_600_000;
    for (let t = from; t < from + 4 * 3_600_000; t += 600_000) expect(calendarDateAt(t, zone), new Date(t).toISOString()).toBe(intlDate(t, zone));
  });
});

describe('instants as milliseconds', () => {
  // Date.UTC reads years 0-99 as 1900-1999: year 1 is set with setUTCFullYear.
  const first = new Date(0);
  first.setUTCFullYear(1, 0, 1);
  const last = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

  it('the range is 0001-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z, edges included', () => {
    expect(msToInstant(first.getTime())).toBe('0001-01-01T00:00:00.000Z');
    expect(msToInstant(last)).toBe('9999-12-31T23:59:59.999Z');
    expect(calendarDateAt(first.getTime(), 'UTC')).toBe('0001-01-01');
    expect(calendarDateAt(last, 'UTC')).toBe('9999-12-31');
    for (const ms of [first.getTime() - 1, last + 1, 1.5, Number.NaN]) {
      refused(() => msToInstant(ms), /^Invalid argument "ms" of msToInstant: expected whole milliseconds between the years 0001 and 9999, got /);
      refused(() => calendarDateAt(ms, 'UTC'), /^Invalid argument "ms" of calendarDateAt/);
      refused(() => hasDayBegun(ms, '2024-01-01', 'UTC'), /^Invalid argument "ms" of hasDayBegun/);
    }
  });

  it('instantMs reads an ISO instant and refuses anything else', () => {
    expect(instantMs('2024-03-03T23:00:00.000Z')).toBe(Date.UTC(2024, 2, 3, 23));
    for (const bad of ['yesterday', 42, null]) refused(() => instantMs(bad as never), /^Invalid argument "instant" of instantMs: expected an ISO 8601 instant, got /);
  });
});
