import { describe, expect, it } from 'vitest';
import { defectdojo, isOverdue, overdueText, relativeDelta } from '../../src/defectdojo/index.js';
import { instant, unwrap } from '../../src/index.js';
import { apply, create, inStatus, run } from './helpers.js';
import { snapshotOf } from '../../src/machine/index.js';

const clock = (iso: string) => ({ type: 'clock', at: instant(iso) }) as const;

describe('overdue (spec 1.3): target_end < today − grace, strict, in the tenant zone', () => {
  it('Interactive: not overdue on the end date itself, overdue from the first day after', () => {
    const s = inStatus('In Progress', { targetEnd: '2024-03-08' });
    expect(isOverdue(s, '2024-03-08T23:59:59Z')).toBe(false);
    expect(isOverdue(s, '2024-03-09T00:00:00Z')).toBe(true);
  });

  it('CI/CD: a grace of 10 days, so overdue from target_end + 11', () => {
    const s = inStatus('In Progress', { engagementType: 'CI/CD', targetEnd: '2024-03-08' });
    expect(isOverdue(s, '2024-03-18T23:59:59Z')).toBe(false); // day +10
    expect(isOverdue(s, '2024-03-19T00:00:00Z')).toBe(true); // day +11
  });

  it('the grace is configurable per type', () => {
    const s = inStatus('In Progress', { targetEnd: '2024-03-08' });
    const settings = { overdueGraceDays: { Interactive: 2 } };
    expect(isOverdue(s, '2024-03-10T23:00:00Z', settings)).toBe(false);
    expect(isOverdue(s, '2024-03-11T00:00:00Z', settings)).toBe(true);
  });

  it('never overdue when Completed or Cancelled (DefectDojo still badges Cancelled ones)', () => {
    for (const status of ['Completed', 'Cancelled']) {
      expect(isOverdue(inStatus(status, { targetEnd: '2024-03-08' }), '2025-01-01T00:00:00Z')).toBe(false);
    }
    for (const status of ['Not Started', 'Blocked', 'On Hold', 'Scheduled', 'Waiting for Resource', 'In Progress']) {
      expect(isOverdue(inStatus(status, { targetEnd: '2024-03-08' }), '2025-01-01T00:00:00Z')).toBe(true);
    }
  });

  it('counts days in the tenant zone: New York is still on the end date at 02:00Z the next day', () => {
    const s = inStatus('In Progress', { targetEnd: '2024-03-08' });
    expect(isOverdue(s, '2024-03-09T02:00:00Z', { timeZone: 'UTC' })).toBe(true);
    expect(isOverdue(s, '2024-03-09T02:00:00Z', { timeZone: 'America/New_York' })).toBe(false);
    expect(isOverdue(s, '2024-03-09T05:00:00Z', { timeZone: 'America/New_York' })).toBe(true);
  });

  it('the overdue flag (the machine\'s schedule region) follows at each event', () => {
    const s = run(inStatus('In Progress', { targetEnd: '2024-03-08' }), [clock('2024-03-09T00:00:00Z')]);
    expect(s.data.clock.overdue).toBe(true);
    expect(snapshotOf(defectdojo, s).value).toEqual({ status: 'In Progress', schedule: 'overdue' });
    const closed = apply(s, { type: 'close', at: '2024-03-09T01:00:00Z' }).state;
    expect(closed.data.clock.overdue).toBe(false);
    expect(snapshotOf(defectdojo, closed).value).toEqual({ status: 'Completed', schedule: 'on_track' });
  });
});

describe('overdue text, as DefectDojo shows it', () => {
  it.each([
    ['2024-03-09', '2024-03-10', '1 day'],
    ['2024-01-08', '2024-03-10', '2 months 2 days'],
    ['2023-03-09', '2024-03-10', '1 year 1 day'],
    ['2024-01-31', '2024-03-01', '1 month 1 day'],
    ['2024-02-29', '2025-02-28', '1 year'], // relativedelta clamps Feb 29 + 1 year to Feb 28
    ['2024-03-10', '2024-03-10', ''],
    ['2024-03-11', '2024-03-10', ''],
  ])('end %s, today %s → "%s"', (end, today, text) => {
    expect(overdueText(end as `${number}-${number}-${number}`, instant(`${today}T12:00:00Z`))).toBe(text);
  });
  it('uses the tenant zone for today', () => {
    expect(overdueText('2024-03-09', '2024-03-10T03:00:00Z', 'America/New_York')).toBe('');
    expect(overdueText('2024-03-09', '2024-03-10T03:00:00Z')).toBe('1 day');
  });
  it('relativeDelta counts like Python\'s relativedelta', () => {
    expect(relativeDelta('2024-03-31', '2024-04-30')).toEqual({ years: 0, months: 1, days: 0 });
    expect(relativeDelta('2023-12-31', '2024-02-29')).toEqual({ years: 0, months: 2, days: 0 });
  });
  it('refuses bad input with a typed error', () => {
    expect(() => overdueText('2024-02-30' as never, '2024-03-10T12:00:00Z')).toThrow(/Invalid overdueText input/);
    expect(() => overdueText('2024-02-01', '2024-03-10' as never)).toThrow(/Invalid/);
  });
});

describe('auto-close (spec 3): In Progress, target_end <= today − N, off by default', () => {
  const on = { autoClose: { enabled: true } };

  it('is off by default: nothing closes however late', () => {
    const s = inStatus('In Progress', { targetEnd: '2024-03-08' });
    expect(apply(s, clock('2025-01-01T00:00:00Z')).state.status).toBe('In Progress');
  });

  it('closes on exactly day target_end + N (N = 3), not a moment before', () => {
    const s = inStatus('In Progress', { targetEnd: '2024-03-08' }, on);
    expect(apply(s, clock('2024-03-10T23:59:59Z'), on).state.status).toBe('In Progress');
    const r = apply(s, clock('2024-03-11T00:00:00Z'), on);
    expect(r.state.status).toBe('Completed');
    expect(r.state.data.active).toBe(false);
  });

  it('N = 0 closes on the end date itself', () => {
    const settings = { autoClose: { enabled: true, days: 0 } };
    const s = inStatus('In Progress', { targetEnd: '2024-03-08' }, settings);
    expect(apply(s, clock('2024-03-07T23:00:00Z'), settings).state.status).toBe('In Progress');
    expect(apply(s, clock('2024-03-08T00:00:00Z'), settings).state.status).toBe('Completed');
  });

  it('counts days in the tenant zone', () => {
    const settings = { autoClose: { enabled: true }, timeZone: 'Asia/Tokyo' };
    const s = inStatus('In Progress', { targetEnd: '2024-03-08' }, settings);
    // 2024-03-11 00:00 in Tokyo is 2024-03-10T15:00Z.
    expect(apply(s, clock('2024-03-10T14:59:59Z'), settings).state.status).toBe('In Progress');
    expect(apply(s, clock('2024-03-10T15:00:00Z'), settings).state.status).toBe('Completed');
  });

  it('emits auto_close_engagement with DefectDojo\'s words, and no engagement_closed nor Jira close', () => {
    const s = run(inStatus('In Progress', { targetEnd: '2024-03-08' }, on), [
      { type: 'set_jira', at: '2024-03-02T00:00:00Z', project: { projectKey: 'SEC', epicMapping: true }, epic: { key: 'SEC-1' } },
    ]);
    const r = apply(s, clock('2024-03-11T00:00:00Z'), on);
    const types = r.effects.map((e) => e.type);
    expect(types).toContain('auto_close_engagement');
    expect(types).not.toContain('engagement_closed');
    expect(types).not.toContain('jira_close_epic');
    expect(r.effects.find((e) => e.type === 'auto_close_engagement')).toMatchObject({
      title: 'Q1 pentest',
      description: 'The engagement "Q1 pentest" has auto-closed. Target end was Mar. 08, 2024.',
      url: '/engagement/42',
      recipients: ['7'],
    });
  });

  it('a setting opts in to closing the Jira epic too', () => {
    const settings = { autoClose: { enabled: true }, autoCloseClosesJiraEpic: true };
    const s = run(inStatus('In Progress', { targetEnd: '2024-03-08' }, settings), [
      { type: 'set_jira', at: '2024-03-02T00:00:00Z', project: { projectKey: 'SEC', epicMapping: true }, epic: { key: 'SEC-1' } },
    ]);
    const r = apply(s, clock('2024-03-11T00:00:00Z'), settings);
    expect(r.effects.find((e) => e.type === 'jira_close_epic')).toMatchObject({ epicKey: 'SEC-1', projectKey: 'SEC' });
  });

  it.each(['Not Started', 'Blocked', 'On Hold', 'Scheduled', 'Waiting for Resource'])('never closes a %s engagement', (status) => {
    const s = inStatus(status, { targetEnd: '2024-03-08' }, on);
    expect(apply(s, clock('2025-03-11T00:00:00Z'), on).state.status).toBe(status);
  });

  it('a negative day count is refused', () => {
    const r = defectdojo.create({ type: 'create', id: '1', at: '2024-03-01T00:00:00Z', productId: 1, targetStart: '2024-03-01', targetEnd: '2024-03-02' }, { settings: { autoClose: { enabled: true, days: -1 } } });
    expect(!r.ok && r.error.code).toBe('invalid_input');
    if (!r.ok) expect(r.error.issues[0]?.path).toEqual(['autoClose', 'days']);
    for (const bad of [{ upcomingDays: -3 }, { overdueGraceDays: { 'CI/CD': -1 } }, { autoClose: { days: 1.5 } }]) {
      expect(defectdojo.safeParseSettings(bad).ok).toBe(false);
    }
  });
});

describe('upcoming, stale and expired notifications: each once', () => {
  it('upcoming_engagement once when the start date is N days (3) ahead', () => {
    const s = create({ at: '2024-02-20T00:00:00Z', targetStart: '2024-03-04', targetEnd: '2024-03-08' });
    expect(apply(s, clock('2024-02-29T23:59:59Z')).changed).toBe(false);
    const r = apply(s, clock('2024-03-01T00:00:00Z'));
    expect(r.effects.map((e) => e.type)).toEqual(['upcoming_engagement']);
    expect(r.effects[0]).toMatchObject({ title: 'Upcoming engagement: Q1 pentest', url: '/engagement/42', recipients: ['7'], description: null });
    expect(apply(r.state, clock('2024-03-02T00:00:00Z')).effects).toEqual([]);
  });

  it('not once the start date is reached; the passed window is recorded, and the engagement is no longer due for it', () => {
    const s = create({ at: '2024-03-01T00:00:00Z', targetStart: '2024-03-01', targetEnd: '2024-03-08' });
    const r = apply(s, clock('2024-03-01T01:00:00Z'));
    expect(r.effects).toEqual([]);
    expect(r.state.data.clock.upcomingFor).toBe('2024-03-01');
    expect(unwrap(defectdojo.nextDue(r.state)).due).toBe('2024-03-09T00:00:00.000Z');
  });

  it('the upcoming days are configurable, and moving the start date allows a new notice', () => {
    const settings = { upcomingDays: 7 };
    const s = create({ at: '2024-02-01T00:00:00Z', targetStart: '2024-03-04' }, settings);
    const r = apply(s, clock('2024-02-26T00:00:00Z'), settings);
    expect(r.effects.map((e) => e.type)).toEqual(['upcoming_engagement']);
    const moved = apply(r.state, { type: 'edit', at: '2024-02-26T01:00:00Z', targetStart: '2024-03-06' }, settings).state;
    expect(apply(moved, clock('2024-02-28T00:00:00Z'), settings).effects.map((e) => e.type)).toEqual(['upcoming_engagement']);
  });

  it('no upcoming notice for a Cancelled engagement', () => {
    const s = inStatus('Cancelled', { at: '2024-02-20T00:00:00Z', targetStart: '2024-03-04' });
    expect(apply(s, clock('2024-03-02T00:00:00Z')).effects).toEqual([]);
  });

  it('stale_engagement once when an In Progress engagement passes its end date', () => {
    const s = inStatus('In Progress', { targetStart: '2024-03-01', targetEnd: '2024-03-08' });
    expect(apply(s, clock('2024-03-08T23:00:00Z')).effects.map((e) => e.type)).toEqual([]);
    const r = apply(s, clock('2024-03-09T00:00:00Z'));
    expect(r.effects.map((e) => e.type)).toEqual(['stale_engagement', 'engagement_expired']);
    expect(r.effects[0]).toMatchObject({
      title: 'Stale Engagement: Q1 pentest',
      description: 'The engagement "Q1 pentest" is stale. Target end was Mar. 08, 2024.',
    });
    expect(apply(r.state, clock('2024-03-10T00:00:00Z')).effects).toEqual([]);
  });

  it('no stale notice for an engagement that is not In Progress', () => {
    const s = inStatus('On Hold', { targetStart: '2024-03-01', targetEnd: '2024-03-08' });
    expect(apply(s, clock('2024-03-09T00:00:00Z')).effects.map((e) => e.type)).toEqual(['engagement_expired']);
  });

  it('engagement_expired the first time it becomes overdue only', () => {
    const s = inStatus('In Progress', { engagementType: 'CI/CD', targetStart: '2024-03-01', targetEnd: '2024-03-08' });
    const r = apply(s, clock('2024-03-19T00:00:00Z'));
    expect(r.effects.filter((e) => e.type === 'engagement_expired')).toHaveLength(1);
    const again = run(r.state, [clock('2024-03-20T00:00:00Z'), clock('2024-04-20T00:00:00Z')]);
    expect(again.version).toBe(r.state.version);
  });

  it('a clock with nothing due changes nothing and emits nothing (idempotent)', () => {
    const s = inStatus('In Progress', { targetStart: '2024-03-01', targetEnd: '2024-03-08' });
    const r = apply(s, clock('2024-03-09T00:00:00Z'));
    const again = apply(r.state, clock('2024-03-09T00:00:00Z'));
    expect(again.changed).toBe(false);
    expect(again.state).toBe(r.state);
  });
});

describe('nextDue', () => {
  it('is the earliest instant at which a clock would change the engagement', () => {
    const s = create({ at: '2024-02-20T00:00:00Z', targetStart: '2024-03-04', targetEnd: '2024-03-08' });
    expect(unwrap(defectdojo.nextDue(s)).due).toBe('2024-03-01T00:00:00.000Z'); // upcoming
    const started = apply(apply(s, clock('2024-03-01T00:00:00Z')).state, { type: 'add_test', at: '2024-03-04T09:00:00Z' }).state;
    expect(unwrap(defectdojo.nextDue(started)).due).toBe('2024-03-09T00:00:00.000Z'); // stale and overdue
    const on = { settings: { autoClose: { enabled: true, days: 0 } } };
    expect(unwrap(defectdojo.nextDue(started, on)).due).toBe('2024-03-08T00:00:00.000Z'); // auto-close with N = 0
    expect(unwrap(defectdojo.nextDue(inStatus('Completed'))).due).toBeNull();
  });
});
