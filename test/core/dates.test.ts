import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  addCalendarDays,
  calendarDateAt,
  calendarDateSchema,
  calendarDaysBetween,
  dayStartMs,
  hasDayBegun,
  instantSchema,
  timeZoneSchema,
} from '../../src/index.js';
import { calendarDateArb, instantArb, timeZoneArb } from '../../src/testing/arbitraries.js';

describe('schemas', () => {
  it('calendar dates are real days in YYYY-MM-DD', () => {
    expect(calendarDateSchema.safeParse('2024-02-29').success).toBe(true);
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-1', '2024-01-01T00:00:00Z', 20240101, null]) {
      expect(calendarDateSchema.safeParse(bad).success).toBe(false);
    }
  });
  it('instants need Z or an offset, and come out canonical UTC', () => {
    expect(instantSchema.parse('2024-03-10T01:30:00+01:00')).toBe('2024-03-10T00:30:00.000Z');
    expect(instantSchema.parse(new Date('2024-03-10T00:30:00Z'))).toBe('2024-03-10T00:30:00.000Z');
    for (const bad of ['2024-03-10', '2024-03-10T00:30:00', new Date(Number.NaN), 'now', 1710030600000]) {
      expect(instantSchema.safeParse(bad).success).toBe(false);
    }
  });
  it('time zones are IANA names, canonicalised', () => {
    expect(timeZoneSchema.parse('utc')).toBe('UTC');
    expect(timeZoneSchema.parse('Europe/Paris')).toBe('Europe/Paris');
    expect(timeZoneSchema.safeParse('+01:00').success).toBe(false);
    expect(timeZoneSchema.safeParse('Mars/Base').success).toBe(false);
    expect(timeZoneSchema.safeParse('').success).toBe(false);
  });
});

describe('day starts in a zone', () => {
  it.each([
    ['2024-03-10', 'America/New_York', '2024-03-10T05:00:00.000Z'],
    ['2024-11-03', 'America/New_York', '2024-11-03T04:00:00.000Z'],
    ['2024-03-10', 'Pacific/Kiritimati', '2024-03-09T10:00:00.000Z'],
    ['2024-03-10', 'Pacific/Pago_Pago', '2024-03-10T11:00:00.000Z'],
    ['2024-03-10', 'Asia/Kathmandu', '2024-03-09T18:15:00.000Z'],
    ['2018-11-04', 'America/Sao_Paulo', '2018-11-04T03:00:00.000Z'],
  ] as const)('%s in %s starts at %s', (date, zone, expected) => {
    expect(new Date(dayStartMs(date, zone)).toISOString()).toBe(expected);
  });
  it('plusDays moves across month and year ends', () => {
    expect(new Date(dayStartMs('2024-12-31', 'UTC', 1)).toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(new Date(dayStartMs('2024-03-01', 'UTC', -1)).toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  test.prop([calendarDateArb(), timeZoneArb()])('the calendar date at the day start is that date (or the next, for a skipped day)', (date, zone) => {
    const start = dayStartMs(date, zone);
    const local = calendarDateAt(start, zone);
    expect(local >= date).toBe(true);
    expect(calendarDaysBetween(date, local)).toBeLessThanOrEqual(1);
    // One millisecond earlier it is still an earlier day.
    expect(calendarDateAt(start - 1, zone) < date).toBe(true);
  });

  test.prop([instantArb(), calendarDateArb(), timeZoneArb()])('hasDayBegun agrees with comparing local calendar dates', (now, date, zone) => {
    expect(hasDayBegun(now, date, zone)).toBe(calendarDateAt(now, zone) >= date);
  });

  test.prop([calendarDateArb(), fc.integer({ min: -800, max: 800 })])('calendar arithmetic round-trips', (date, days) => {
    const moved = addCalendarDays(date, days);
    expect(calendarDaysBetween(date, moved)).toBe(days);
    expect(addCalendarDays(moved, -days)).toBe(date);
  });

  test.prop([instantArb(), timeZoneArb()])('a zone never disagrees with UTC on the date by more than one day', (now, zone) => {
    expect(Math.abs(calendarDaysBetween(calendarDateAt(now, 'UTC'), calendarDateAt(now, zone)))).toBeLessThanOrEqual(1);
  });

  test('two zones can disagree by two days: Kiritimati (UTC+14) and Pago Pago (UTC-11)', () => {
    const now = '2024-03-10T10:30:00.000Z';
    expect(calendarDateAt(now, 'Pacific/Kiritimati')).toBe('2024-03-11');
    expect(calendarDateAt(now, 'Pacific/Pago_Pago')).toBe('2024-03-09');
  });
});
