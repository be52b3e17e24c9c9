import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DEFECTDOJO_STATUSES, ENGAGEMENT_TYPES, defectdojo, type DefectDojoState } from '../../src/defectdojo/index.js';
import { addCalendarDays, instant, unwrap, type CalendarDate, type Instant } from '../../src/index.js';
import { defectdojoSettingsArb } from '../../src/testing/index.js';

const DAY = 86_400_000;
const ORIGIN = '2024-03-01' as CalendarDate;
const OTHER_DATE = '2023-01-01' as CalendarDate;
const shift = (ms: number): Instant => instant(new Date(Date.parse(`${ORIGIN}T00:00:00Z`) + ms));

/**
 * Any engagement a host may hold: any status and type, dates around the origin, clock marks in any combination
 * (set, unset, or for an earlier date), and a last event anywhere from weeks before the start to weeks after the
 * end. The last event is a real edit (one that changes a field), so that the state is one the engines can have made.
 */
const stateArb = fc
  .record({
    settings: defectdojoSettingsArb(),
    status: fc.constantFrom(...DEFECTDOJO_STATUSES),
    engagementType: fc.constantFrom(...ENGAGEMENT_TYPES),
    startDays: fc.integer({ min: -30, max: 30 }),
    length: fc.nat(40),
    lastEventMs: fc.integer({ min: -80 * DAY, max: 110 * DAY }),
    marks: fc.record({ overdue: fc.boolean(), upcoming: fc.nat(2), stale: fc.nat(2), expired: fc.nat(2) }),
  })
  .map(({ settings, status, engagementType, startDays, length, lastEventMs, marks }) => {
    const targetStart = addCalendarDays(ORIGIN, startDays);
    const targetEnd = addCalendarDays(targetStart, length);
    const pick = (n: number, own: CalendarDate) => [null, own, OTHER_DATE][n] ?? null;
    const created = unwrap(
      defectdojo.create(
        { type: 'create', id: '7', at: shift(-200 * DAY), productId: 1, name: 'e', targetStart, targetEnd, engagementType, status },
        { settings },
      ),
    ).state;
    const clock = { overdue: marks.overdue, upcomingFor: pick(marks.upcoming, targetStart), staleFor: pick(marks.stale, targetEnd), expiredFor: pick(marks.expired, targetEnd) };
    const held = unwrap(defectdojo.safeParseState({ ...created, data: { ...created.data, clock } })).state;
    const state = unwrap(defectdojo.apply(held, { type: 'edit', at: shift(lastEventMs), description: `last event at ${lastEventMs}` }, { settings })).state;
    return { settings, state };
  });

const clockAt = (state: DefectDojoState, at: number, settings: object) =>
  unwrap(defectdojo.apply(state, { type: 'clock', at: instant(new Date(at)) }, { settings }));

describe('the time rules and nextDue are one table', () => {
  test.prop([stateArb], { numRuns: 300 })('a clock before nextDue changes nothing; a clock at nextDue changes something', ({ settings, state }) => {
    const due = unwrap(defectdojo.nextDue(state, { settings })).due;
    const last = Date.parse(state.updatedAt);
    if (due === null) {
      // Nothing is ever due: a clock however late leaves the engagement as it is.
      const late = clockAt(state, last + 400 * DAY, settings);
      expect(late.changed).toBe(false);
      expect(late.effects).toEqual([]);
      return;
    }
    const dueMs = Date.parse(due);
    if (dueMs - 1 >= last) {
      const early = clockAt(state, dueMs - 1, settings);
      expect(early.changed).toBe(false);
      expect(early.effects).toEqual([]);
      expect(early.state).toBe(state);
    }
    // A rule whose instant passed before the last event is due at the next clock (events never go back in time).
    const onTime = clockAt(state, Math.max(dueMs, last), settings);
    expect(onTime.changed).toBe(true);
  });
});
