/**
 * DefectDojo's hourly `add_alerts` rules at their exact boundaries, in a tenant zone west of UTC with a daylight
 * saving change inside the window (New York: EST, UTC−5, until 2024-03-10 02:00; EDT, UTC−4, after). Each instant
 * below is 00:00 of a calendar day in New York, written out by hand, so that `src/defectdojo/lifecycle/time-rules.ts`
 * is checked against the rules (upcoming in [start − 3 days, start), stale from end + 1, expired from end + grace + 1,
 * auto-close from end + N) and not against `dayStartMs`.
 */
import { describe, expect, it } from 'vitest';
import { defectdojo, type DefectDojoEventInput, type DefectDojoSettingsInput, type DefectDojoState } from '../../src/defectdojo/index.js';
import { instant, unwrap } from '../../src/index.js';
import { create, inStatus } from './helpers.js';

const NY = { timeZone: 'America/New_York' } as const satisfies DefectDojoSettingsInput;
// 00:00 in New York of each day, and the millisecond before it.
const MIDNIGHT = {
  '2024-03-01': '2024-03-01T05:00:00.000Z',
  '2024-03-04': '2024-03-04T05:00:00.000Z',
  '2024-03-08': '2024-03-08T05:00:00.000Z',
  '2024-03-09': '2024-03-09T05:00:00.000Z',
  '2024-03-11': '2024-03-11T04:00:00.000Z', // after the change to EDT
  '2024-03-19': '2024-03-19T04:00:00.000Z',
  '2024-03-21': '2024-03-21T04:00:00.000Z',
} as const;
const before = (iso: string) => new Date(Date.parse(iso) - 1).toISOString();

const dates = { at: '2024-02-20T12:00:00Z', targetStart: '2024-03-04', targetEnd: '2024-03-08' };
const tick = (state: DefectDojoState, at: string, settings: DefectDojoSettingsInput = NY) =>
  unwrap(defectdojo.apply(state, { type: 'clock', at: instant(at) } as DefectDojoEventInput, { settings }));
const types = (r: { effects: readonly { type: string }[] }) => r.effects.map((e) => e.type);
const due = (state: DefectDojoState, settings: DefectDojoSettingsInput = NY) => unwrap(defectdojo.nextDue(state, { settings })).due;

describe('upcoming_engagement: from 00:00 three days before the start day, until 00:00 of the start day', () => {
  const fresh = () => create(dates, NY);

  it('one millisecond before the window: nothing; at its first instant: the notice', () => {
    expect(tick(fresh(), before(MIDNIGHT['2024-03-01'])).changed).toBe(false);
    expect(types(tick(fresh(), MIDNIGHT['2024-03-01']))).toEqual(['upcoming_engagement']);
    expect(due(fresh())).toBe(MIDNIGHT['2024-03-01']);
  });

  it('the last millisecond before the start day still notifies; 00:00 of the start day does not, and only records the window', () => {
    expect(types(tick(fresh(), before(MIDNIGHT['2024-03-04'])))).toEqual(['upcoming_engagement']);
    const r = tick(fresh(), MIDNIGHT['2024-03-04']);
    expect(types(r)).toEqual([]);
    expect(r.state.data.clock.upcomingFor).toBe('2024-03-04');
    expect(due(r.state)).toBe(MIDNIGHT['2024-03-09']); // now only the end date's rules are ahead
  });
});

describe('stale, expired and overdue: from 00:00 of the day after the end date (Interactive: no grace)', () => {
  const started = () => inStatus('In Progress', dates, NY);

  it('not during the end day; both notices, and the overdue flag, at 00:00 of the next day', () => {
    const early = tick(started(), before(MIDNIGHT['2024-03-09']));
    expect(types(early)).toEqual([]);
    expect(early.state.data.clock.overdue).toBe(false);
    const r = tick(started(), MIDNIGHT['2024-03-09']);
    expect(types(r)).toEqual(['stale_engagement', 'engagement_expired']);
    expect(r.state.data.clock).toMatchObject({ overdue: true, staleFor: '2024-03-08', expiredFor: '2024-03-08' });
    expect(due(r.state)).toBeNull();
  });

  it('moving an overdue engagement\'s end date later makes it due again, and the notices are sent for the new date', () => {
    const late = tick(started(), MIDNIGHT['2024-03-09']).state;
    const moved = unwrap(defectdojo.apply(late, { type: 'edit', at: '2024-03-09T12:00:00Z', targetEnd: '2024-03-20' } as DefectDojoEventInput, { settings: NY })).state;
    expect(moved.data.clock.overdue).toBe(false);
    expect(due(moved)).toBe(MIDNIGHT['2024-03-21']);
    expect(tick(moved, before(MIDNIGHT['2024-03-21'])).changed).toBe(false);
    const r = tick(moved, MIDNIGHT['2024-03-21']);
    expect(types(r)).toEqual(['stale_engagement', 'engagement_expired']);
    expect(r.effects[1]).toMatchObject({ description: 'The engagement "Q1 pentest" is overdue. Target end was Mar. 20, 2024.' });
    expect(r.state.data.clock).toMatchObject({ overdue: true, staleFor: '2024-03-20', expiredFor: '2024-03-20' });
  });

  it('CI/CD: stale from the day after the end, expired and overdue only from end + 10 + 1', () => {
    const cicd = inStatus('In Progress', { ...dates, engagementType: 'CI/CD' }, NY);
    const stale = tick(cicd, MIDNIGHT['2024-03-09']);
    expect(types(stale)).toEqual(['stale_engagement']);
    expect(due(stale.state)).toBe(MIDNIGHT['2024-03-19']);
    expect(types(tick(stale.state, before(MIDNIGHT['2024-03-19'])))).toEqual([]);
    const expired = tick(stale.state, MIDNIGHT['2024-03-19']);
    expect(types(expired)).toEqual(['engagement_expired']);
    expect(expired.state.data.clock.overdue).toBe(true);
  });

  it('On Hold: expired but never stale; Completed and Cancelled: nothing, and nothing is due', () => {
    expect(types(tick(inStatus('On Hold', dates, NY), MIDNIGHT['2024-03-09']))).toEqual(['engagement_expired']);
    for (const status of ['Completed', 'Cancelled']) {
      const s = inStatus(status, dates, NY);
      expect(tick(s, MIDNIGHT['2024-03-19']).changed, status).toBe(false);
      expect(due(s), status).toBeNull();
    }
  });
});

describe('auto-close: from 00:00 of end + N, for In Progress only, after the day\'s notices', () => {
  const on = { ...NY, autoClose: { enabled: true, days: 3 } } as const;

  it('one millisecond before: the notices only; at 00:00 of end + 3: notices, then the close', () => {
    const s = inStatus('In Progress', dates, on);
    const early = tick(s, before(MIDNIGHT['2024-03-11']), on);
    expect(types(early)).toEqual(['stale_engagement', 'engagement_expired']);
    expect(early.state.status).toBe('In Progress');
    expect(due(early.state, on)).toBe(MIDNIGHT['2024-03-11']);
    const r = tick(s, MIDNIGHT['2024-03-11'], on);
    expect(types(r).filter((t) => t !== 'status_changed')).toEqual(['stale_engagement', 'engagement_expired', 'auto_close_engagement']);
    expect(types(r)).toContain('status_changed');
    expect(r.state.status).toBe('Completed');
    expect(due(r.state, on)).toBeNull();
  });

  it('an engagement that is not In Progress is not auto-closed', () => {
    for (const status of ['Not Started', 'On Hold', 'Blocked', 'Waiting for Resource', 'Scheduled']) {
      const r = tick(inStatus(status, dates, on), MIDNIGHT['2024-03-19'], on);
      expect(r.state.status, status).toBe(status);
      expect(types(r), status).not.toContain('auto_close_engagement');
    }
  });

  it('N = 0 closes from 00:00 of the end day itself', () => {
    const zero = { ...NY, autoClose: { enabled: true, days: 0 } } as const;
    const s = inStatus('In Progress', dates, zero);
    expect(due(tick(s, MIDNIGHT['2024-03-04'], zero).state, zero)).toBe(MIDNIGHT['2024-03-08']);
    expect(tick(s, before(MIDNIGHT['2024-03-08']), zero).state.status).toBe('In Progress');
    expect(tick(s, MIDNIGHT['2024-03-08'], zero).state.status).toBe('Completed');
  });
});
