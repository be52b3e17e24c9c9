/** The kit's arbitraries: time, schema-derived values, PlexTrac's facts and report statuses. */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import * as z from 'zod';
import {
  calendarDateAt,
  calendarDateSchema,
  calendarDaysBetween,
  canonicalTimeZone,
  dayStartMs,
  instantSchema,
  isLifecycleError,
  timeZoneSchema,
} from '../../src/index.js';
import { REPORT_STATUSES, derive, plextracDataSchema, plextracSettingsSchema } from '../../src/plextrac/index.js';
import {
  DST_TIME_ZONES,
  FAR_OFFSET_TIME_ZONES,
  TRICKY_TIME_ZONES,
  Relative,
  arbitraryFromSchema,
  clockArb,
  deriveInputArb,
  instantNearDayStartArb,
  plextracFactsArb,
  plextracSettingsArb,
  relativeDate,
  reportStatusArb,
  reportStatusSequenceArb,
  resolveRelative,
  timeZoneArb,
} from '../../src/testing/index.js';

describe('time', () => {
  it('every tricky zone is a canonical IANA zone the runtime knows', () => {
    for (const zone of TRICKY_TIME_ZONES) {
      expect(canonicalTimeZone(zone)).not.toBeNull();
      expect(timeZoneSchema.safeParse(zone).success).toBe(true);
    }
    expect(DST_TIME_ZONES).toContain('Australia/Lord_Howe');
    expect(FAR_OFFSET_TIME_ZONES).toEqual(expect.arrayContaining(['Pacific/Kiritimati', 'Etc/GMT+12']));
  });

  test.prop([timeZoneArb(['Asia/Kathmandu', 'Pacific/Chatham'])])('timeZoneArb takes a pool of zones', (zone) => {
    expect(['Asia/Kathmandu', 'Pacific/Chatham']).toContain(zone);
  });

  test.prop([fc.integer({ min: 1, max: 30 }).chain((n) => clockArb('2024-01-01T00:00:00Z', n))])('clocks only move forward', (times) => {
    for (let i = 1; i < times.length; i++) expect(times[i]! >= times[i - 1]!).toBe(true);
    expect(times[0]! >= '2024-01-01T00:00:00.000Z').toBe(true);
  });

  test.prop([timeZoneArb().chain((zone) => fc.tuple(fc.constant(zone), instantNearDayStartArb(zone, { withinMs: 1000 })))])(
    'instants near a local day start are within the window of a day start in that zone',
    ([zone, at]) => {
      const ms = Date.parse(at);
      const day = calendarDateAt(ms + 1000, zone);
      const starts = [dayStartMs(day, zone), dayStartMs(day, zone, 1)];
      expect(starts.some((s) => Math.abs(s - ms) <= 1000)).toBe(true);
    },
  );
});

describe('arbitraries from zod schemas', () => {
  const schemas = {
    string: z.string().min(2).max(5),
    email: z.email(),
    uuid: z.uuid(),
    regex: z.string().regex(/^[A-Z]{3}-\d{2}$/),
    int: z.number().int().min(1).max(9),
    exclusive: z.number().gt(0).lt(1),
    multiple: z.number().multipleOf(5).max(100),
    boolean: z.boolean(),
    enum: z.enum(['low', 'high']),
    literal: z.literal('x'),
    array: z.array(z.string()).min(1).max(3),
    tuple: z.tuple([z.string(), z.number()]),
    nullable: z.string().nullable(),
    optional: z.object({ a: z.string().optional(), b: z.number().default(3) }),
    strict: z.strictObject({ name: z.string(), tags: z.array(z.string()).readonly() }),
    record: z.record(z.string(), z.number()),
    union: z.union([z.string(), z.number()]),
    date: calendarDateSchema,
    isoDate: z.iso.date(),
    instant: instantSchema,
    isoDateTime: z.iso.datetime(),
    zone: timeZoneSchema,
    plextracData: plextracDataSchema,
    plextracSettings: plextracSettingsSchema,
  };

  for (const [name, schema] of Object.entries(schemas)) {
    test.prop([arbitraryFromSchema(schema as z.ZodType)], { numRuns: 30 })(`${name}: every value is accepted by its schema`, (value) => {
      expect(schema.safeParse(value).success).toBe(true);
    });
  }

  it('names the path of what it cannot derive', () => {
    try {
      arbitraryFromSchema(z.object({ inner: z.object({ x: z.custom<string>() }) }));
      expect.unreachable();
    } catch (error) {
      expect(isLifecycleError(error) && error.code).toBe('invalid_input');
      expect(String(error)).toContain('inner.x (zod type "custom")');
    }
    expect(() => arbitraryFromSchema(z.object({ list: z.array(z.lazy(() => z.string())) }))).toThrow(/list\[\] \(zod type "lazy"\)/);
  });

  test.prop([fc.record({ at: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), zone: timeZoneArb() }), relativeDate(-5, 5)])(
    'relative dates resolve to a day of the zone, that many days from the event',
    ({ at, zone }, date) => {
      const resolved = resolveRelative({ startDate: date, list: [date] }, at, zone);
      expect(calendarDaysBetween(calendarDateAt(at, zone), resolved.startDate as never)).toBe(date.offset);
      expect(resolved.list[0]).toBe(resolved.startDate);
      expect(date).toBeInstanceOf(Relative);
    },
  );
});

describe('PlexTrac', () => {
  test.prop([reportStatusArb()])('report statuses come in both spellings', (status) => {
    expect([...REPORT_STATUSES, 'Ready For Review']).toContain(status);
  });

  test.prop([reportStatusSequenceArb()])('realistic report sequences start after Draft and move one review step at a time', (sequence) => {
    const order = ['Draft', 'Ready for Review', 'In Review', 'Approved', 'Published'];
    let previous = 'Draft';
    for (const status of sequence) {
      const d = order.indexOf(status) - order.indexOf(previous);
      expect(d === 1 || d === -1 || (previous !== 'Draft' && status === 'Draft')).toBe(true);
      previous = status;
    }
  });

  test.prop([plextracFactsArb()])('consistent facts: a report only once approved', (facts) => {
    expect(facts.reportStatus !== null).toBe(facts.approved);
  });

  test.prop([deriveInputArb()])('derive accepts every generated input', (input) => {
    expect(() => derive(input)).not.toThrow();
  });

  test.prop([plextracSettingsArb()])('settings are accepted by the lifecycle', (settings) => {
    expect(plextracSettingsSchema.safeParse(settings).success).toBe(true);
  });
});
