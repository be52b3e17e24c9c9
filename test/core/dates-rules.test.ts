/**
 * Rules of calendar dates and instants that mutation testing of `src/core/dates.ts` asks for, each stated from the
 * documented contract (docs: instants are ISO 8601 with Z or an offset, between years 0001 and 9999, emitted as
 * canonical UTC; a calendar day begins at 00:00 in the tenant's zone), not read back from the code.
 */
import { describe, expect, it } from 'vitest';
import { addCalendarDays, calendarDate, calendarDateAt, calendarDaysBetween, canonicalTimeZone, dayStartMs, DEFAULT_TIME_ZONE, msToInstant, hasDayBegun, instant, instantSchema, LifecycleError, timeZoneSchema } from '../../src/index.js';
import { defectDojoSettingsSchema } from '../../src/defectdojo/index.js';
import { plextracSettingsSchema } from '../../src/plextrac/index.js';

const ms = (iso: string) => Date.parse(iso);

describe('instants: years 0001 to 9999, checked after the offset is applied', () => {
  it('the first and last moments of that range are instants', () => {
    expect(instant('0001-01-01T00:00:00Z')).toBe('0001-01-01T00:00:00.000Z');
    expect(instant('9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
    expect(instant(new Date(ms('0001-01-01T00:00:00Z')))).toBe('0001-01-01T00:00:00.000Z');
  });

  it('one millisecond outside is refused, with a message that says the range', () => {
    // In UTC these are the year 0000 and the year 10000.
    for (const outside of ['0001-01-01T00:30:00+01:00', '9999-12-31T23:30:00-01:00', new Date(ms('0001-01-01T00:00:00Z') - 1), new Date(Date.UTC(10000, 0, 1))]) {
      const r = instantSchema.safeParse(outside);
      expect(r.success, String(outside)).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('Invalid instant: expected a moment between years 0001 and 9999');
    }
  });

  it('instant() and calendarDate() throw the typed invalid_input error, and return canonical values', () => {
    expect(() => instant('2024-03-10')).toThrow(LifecycleError);
    expect(() => calendarDate('2023-02-29')).toThrow(LifecycleError);
    for (const call of [() => instant('yesterday'), () => calendarDate('2024-13-01')]) {
      try {
        call();
        expect.unreachable();
      } catch (e) {
        expect((e as LifecycleError).code).toBe('invalid_input');
      }
    }
    expect(instant('2024-03-10T01:30:00+01:00')).toBe('2024-03-10T00:30:00.000Z');
    expect(calendarDate('2024-02-29')).toBe('2024-02-29');
  });
});

describe('time zones', () => {
  it('an unknown zone is refused with a message that names it and gives an example', () => {
    const r = timeZoneSchema.safeParse('Mars/Olympus');
    expect(r.error?.issues[0]?.message).toBe('Unknown time zone "Mars/Olympus": expected an IANA name such as "Europe/Paris"');
  });

  it('asked again, a zone gives the same answer (known and unknown alike)', () => {
    for (let i = 0; i < 2; i++) {
      expect(timeZoneSchema.parse('europe/paris')).toBe('Europe/Paris');
      expect(timeZoneSchema.safeParse('Mars/Olympus').success).toBe(false);
    }
  });
});

describe('a day begins at 00:00 in the zone', () => {
  it('at exactly 00:00 local the day has begun; one millisecond earlier it has not', () => {
    // 2024-03-04 00:00 in Paris (UTC+1 in winter) is 2024-03-03T23:00Z.
    const midnight = ms('2024-03-03T23:00:00Z');
    expect(hasDayBegun(midnight, '2024-03-04', 'Europe/Paris')).toBe(true);
    expect(hasDayBegun(midnight - 1, '2024-03-04', 'Europe/Paris')).toBe(false);
    expect(hasDayBegun('2024-03-03T23:00:00.000Z', '2024-03-04', 'Europe/Paris')).toBe(true);
    expect(hasDayBegun('2024-03-03T22:59:59.999Z', '2024-03-04', 'Europe/Paris')).toBe(false);
  });

  it('plusDays names a later day: its start, and whether it has begun', () => {
    expect(hasDayBegun(ms('2024-03-04T23:00:00Z'), '2024-03-04', 'Europe/Paris', 1)).toBe(true);
    expect(hasDayBegun(ms('2024-03-04T22:59:59.999Z'), '2024-03-04', 'Europe/Paris', 1)).toBe(false);
  });

  it('each (date, zone, plusDays) keeps its own answer when asked in turn', () => {
    const asked: [string, string, number, string][] = [
      ['2024-07-01', 'UTC', 0, '2024-07-01T00:00:00.000Z'],
      ['2024-07-01', 'Asia/Tokyo', 0, '2024-06-30T15:00:00.000Z'],
      ['2024-07-01', 'UTC', 2, '2024-07-03T00:00:00.000Z'],
      ['2024-07-02', 'UTC', 0, '2024-07-02T00:00:00.000Z'],
      ['2024-07-01', 'America/Los_Angeles', 0, '2024-07-01T07:00:00.000Z'],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [date, zone, plus, expected] of asked) {
        expect(new Date(dayStartMs(date as never, zone, plus)).toISOString(), `${date} ${zone} +${plus}`).toBe(expected);
      }
    }
  });

  it('the date at an instant is the same whether the instant is given as text or as milliseconds', () => {
    expect(calendarDateAt('2024-03-03T23:00:00.000Z', 'Europe/Paris')).toBe('2024-03-04');
    expect(calendarDateAt(ms('2024-03-03T23:00:00Z'), 'Europe/Paris')).toBe('2024-03-04');
    expect(calendarDateAt(ms('2024-03-03T22:59:59.999Z'), 'Europe/Paris')).toBe('2024-03-03');
  });
});

describe('a time zone that is not a string', () => {
  it('is refused with invalid_input by the day rules, not read as the process zone', () => {
    for (const zone of [null, 1, ['UTC'], {}]) {
      expect(() => dayStartMs('2024-03-04', zone as never)).toThrow(LifecycleError);
      expect(() => calendarDateAt('2024-03-03T23:00:00.000Z', zone as never)).toThrow(/time zone/);
      expect(() => hasDayBegun('2024-03-03T23:00:00.000Z', '2024-03-04', zone as never)).toThrow(LifecycleError);
    }
  });
});

describe('rules the mutation run of dates.ts asked for (2026-11-27)', () => {
  it('where midnight occurs twice, the day begins at the first one (Havana, 2024-11-03: 00:00 at 04:00Z, again at 05:00Z)', () => {
    // Cuba ends DST at 01:00 local, back to 00:00: the hour from 00:00 is lived twice (checked with Intl: 04:00Z and
    // 05:00Z both read 2024-11-03 00:00 in America/Havana).
    expect(new Date(dayStartMs('2024-11-03', 'America/Havana')).toISOString()).toBe('2024-11-03T04:00:00.000Z');
    expect(hasDayBegun('2024-11-03T04:00:00.000Z', '2024-11-03', 'America/Havana')).toBe(true);
    expect(hasDayBegun('2024-11-03T03:59:59.999Z', '2024-11-03', 'America/Havana')).toBe(false);
    expect(calendarDateAt('2024-11-03T04:00:00.000Z', 'America/Havana')).toBe('2024-11-03');
  });

  it('a day numbered 00 does not exist, and text around a date is not a date', () => {
    expect(() => addCalendarDays('2024-01-00' as never, 1)).toThrow('Invalid argument "date" of addCalendarDays: expected a calendar date that exists, got "2024-01-00"');
    expect(() => calendarDaysBetween('2024-02-00' as never, '2024-02-01')).toThrow(LifecycleError);
    expect(() => addCalendarDays('x2024-01-01' as never, 1)).toThrow('Invalid argument "date" of addCalendarDays: expected a calendar date YYYY-MM-DD, got "x2024-01-01"');
  });

  it('a zone that is not a string names the zone argument of dayStartMs', () => {
    expect(() => dayStartMs('2024-03-04', 5 as never)).toThrow('Invalid argument "zone" of dayStartMs: expected an IANA time zone such as "Europe/Paris", got 5');
  });

  it('a day start beyond the dates a Date can hold is refused, never NaN (2024-01-01 + 10^8 days)', () => {
    // 10^8 days is the documented bound for plusDays, but from 2024 it passes the last day a Date holds (+275760).
    expect(() => dayStartMs('2024-01-01', 'UTC', 100_000_000)).toThrow(LifecycleError);
    expect(() => hasDayBegun(0, '2024-01-01', 'UTC', 99_999_999)).toThrow(LifecycleError);
    // From 1970 the bound itself is still a day a Date holds.
    expect(new Date(dayStartMs('1970-01-01', 'UTC', 100_000_000)).toISOString()).toBe('+275760-09-13T00:00:00.000Z');
  });
});

describe('more rules the mutation run of dates.ts asked for (2026-11-27)', () => {
  it('an instant with an offset and a fraction of a second comes out canonical UTC', () => {
    expect(instant('2024-03-10T01:30:00.5+01:00')).toBe('2024-03-10T00:30:00.500Z');
  });

  it('msToInstant takes whole milliseconds within the years 0001 to 9999 only', () => {
    const wording = (got: string) => `Invalid argument "ms" of msToInstant: expected whole milliseconds between the years 0001 and 9999, got ${got}`;
    expect(() => msToInstant(253_402_300_800_000)).toThrow(wording('253402300800000'));
    expect(() => msToInstant(0.5)).toThrow(wording('0.5'));
    expect(msToInstant(253_402_300_799_999)).toBe('9999-12-31T23:59:59.999Z');
  });

  it('calendarDateAt refuses an unknown zone naming its own argument', () => {
    expect(() => calendarDateAt(0, 'Mars/Olympus')).toThrow('Invalid argument "zone" of calendarDateAt: expected an IANA time zone such as "Europe/Paris", got "Mars/Olympus"');
  });

  it('canonicalTimeZone of a value that is not a string is null (never the process zone)', () => {
    expect(canonicalTimeZone(undefined as never)).toBeNull();
    expect(canonicalTimeZone(5 as never)).toBeNull();
  });

  it('a calendar date that does not exist is refused as a calendar date', () => {
    expect(() => calendarDate('2024-13-01')).toThrow(/^Invalid calendar date:/);
  });
});

/** The typed refusal `run` throws (fails the test when it returns or throws anything else). */
function refusal(run: () => unknown): LifecycleError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(LifecycleError);
    expect((e as LifecycleError).code).toBe('invalid_input');
    return e as LifecycleError;
  }
  return expect.unreachable('no refusal');
}

describe('what a user reads in a refusal, and the default zone (the dates.ts mutation survivors, second pass)', () => {
  it('an unknown zone is an issue of code custom, the code zod gives every refusal written by a rule', () => {
    const r = timeZoneSchema.safeParse('Mars/Olympus');
    expect(r.error?.issues).toEqual([expect.objectContaining({ code: 'custom', path: [] })]);
  });

  it('instant() names itself when reading the value throws, and keeps what was thrown as the cause', () => {
    const boom = new Error('boom');
    const date = new Date('2024-01-01T00:00:00Z');
    Object.defineProperty(date, 'getTime', { get: () => { throw boom; } });
    const e = refusal(() => instant(date));
    expect(e.message).toBe('Invalid input to instant: reading it threw (Error: boom)');
    expect(e.cause).toBe(boom);
  });

  it('calendarDate() names itself when reading the value throws, and keeps what was thrown as the cause', () => {
    const trap = new Error('trap');
    const value = new Proxy({}, { getPrototypeOf: () => { throw trap; } });
    const e = refusal(() => calendarDate(value as never));
    expect(e.message).toBe('Invalid input to calendarDate: reading it threw (Error: trap)');
    expect(e.cause).toBe(trap);
  });

  it('a text that is not an instant is refused as an instant, with zod\'s issue', () => {
    const e = refusal(() => instant('yesterday'));
    expect(e.message).toMatch(/^Invalid instant:\n/);
    expect(e.issues).toEqual([expect.objectContaining({ path: [], code: 'invalid_format' })]);
  });

  it('a tenant that names no zone has its days read in UTC (DEFAULT_TIME_ZONE, as docs/concepts.md says)', () => {
    expect(DEFAULT_TIME_ZONE).toBe('UTC');
    expect(plextracSettingsSchema.parse({}).timeZone).toBe('UTC');
    expect(defectDojoSettingsSchema.parse({}).timeZone).toBe('UTC');
  });
});
