/**
 * DefectDojo's status rules as the product states them (`engagement_pre_save`, close/reopen services, the "Add
 * Tests" view, the importers' CI/CD end-date rule), written here as tables over every pair of statuses so that
 * mutation testing of `src/defectdojo/lifecycle/declaration.ts` meets each rule. The expectations come from the
 * product's behaviour, not from the declaration's helpers.
 */
import { describe, expect, it } from 'vitest';
import { DEFECTDOJO_STATUSES, defectdojo, type DefectDojoEventInput, type DefectDojoState } from '../../src/defectdojo/index.js';
import { unwrap } from '../../src/index.js';
import { apply, create, inStatus } from './helpers.js';

const CLOSED = new Set(['Completed', 'Cancelled']);
const notifications = (r: { effects: readonly { type: string }[] }) => r.effects.map((e) => e.type).filter((t) => t.startsWith('engagement_'));
const at = '2024-03-01T12:00:00Z';

/** engagement_pre_save: closed when the status changes into Completed or Cancelled; reopened when it changes into In Progress from anything but Not Started. */
function expectedOnSave(from: string, to: string): string[] {
  if (from === to) return [];
  if (CLOSED.has(to)) return ['engagement_closed'];
  if (to === 'In Progress' && from !== 'Not Started') return ['engagement_reopened'];
  return [];
}

describe('set_status: notifications and the active flag, for every pair of statuses', () => {
  const pairs = DEFECTDOJO_STATUSES.flatMap((from) => DEFECTDOJO_STATUSES.map((to) => [from, to] as const));
  it.each(pairs)('%s → %s', (from, to) => {
    const s = inStatus(from);
    const r = apply(s, { type: 'set_status', at, status: to } as DefectDojoEventInput);
    expect(notifications(r)).toEqual(expectedOnSave(from, to));
    expect(r.state.status).toBe(to);
    // The library keeps `active` consistent with the status (closed statuses are inactive).
    expect(r.state.data.active).toBe(!CLOSED.has(to));
    expect(r.changed).toBe(from !== to);
  });
});

describe('close and reopen from every status', () => {
  it.each(DEFECTDOJO_STATUSES.map((s) => [s]))('from %s', (from) => {
    const s = inStatus(from);
    const closed = apply(s, { type: 'close', at } as DefectDojoEventInput);
    expect(closed.state).toMatchObject({ status: 'Completed', data: { active: false } });
    expect(notifications(closed)).toEqual(from === 'Completed' ? [] : ['engagement_closed']);
    const reopened = apply(s, { type: 'reopen', at } as DefectDojoEventInput);
    expect(reopened.state).toMatchObject({ status: 'In Progress', data: { active: true } });
    expect(notifications(reopened)).toEqual(expectedOnSave(from, 'In Progress'));
  });

  it('closing closes the Jira epic when one is linked and epics are mapped; reopening does nothing with Jira', () => {
    const linked = create({ jira: { project: { projectKey: 'ENG', epicMapping: true }, epic: { key: 'ENG-1' } } });
    expect(apply(linked, { type: 'close', at } as DefectDojoEventInput).effects.map((e) => e.type)).toContain('jira_close_epic');
    const completed = apply(linked, { type: 'close', at } as DefectDojoEventInput).state;
    expect(apply(completed, { type: 'reopen', at } as DefectDojoEventInput).effects.map((e) => e.type)).not.toContain('jira_close_epic');
  });
});

describe('add a test: an active engagement that is not In Progress starts', () => {
  it.each(DEFECTDOJO_STATUSES.map((s) => [s]))('from %s', (from) => {
    const s = inStatus(from);
    const r = apply(s, { type: 'add_test', at } as DefectDojoEventInput);
    const starts = s.data.active && from !== 'In Progress';
    expect(r.state.status).toBe(starts ? 'In Progress' : from);
    expect(notifications(r)).toEqual(starts ? expectedOnSave(from, 'In Progress') : []);
  });
});

describe('import a scan: a CI/CD engagement\'s end date becomes the later of the scan date and its end date', () => {
  const ci = (status = 'In Progress') => inStatus(status, { engagementType: 'CI/CD', targetStart: '2024-03-04', targetEnd: '2024-03-08' });
  const end = (s: DefectDojoState, scanDate?: string, when = at) =>
    apply(s, { type: 'import_scan', at: when, ...(scanDate ? { scanDate } : {}) } as DefectDojoEventInput).state.data.targetEnd;

  it('a later scan date moves it; an earlier or equal one does not', () => {
    expect(end(ci(), '2024-03-20')).toBe('2024-03-20');
    expect(end(ci(), '2024-03-08')).toBe('2024-03-08');
    expect(end(ci(), '2024-03-05')).toBe('2024-03-08');
  });

  it('without a scan date it is today in the tenant\'s zone', () => {
    // 2024-03-20T23:30Z is already March 21 in Paris.
    const r = unwrap(defectdojo.apply(ci(), { type: 'import_scan', at: '2024-03-20T23:30:00Z' } as DefectDojoEventInput, { settings: { timeZone: 'Europe/Paris' } }));
    expect(r.state.data.targetEnd).toBe('2024-03-21');
    expect(end(ci(), undefined, '2024-03-20T23:30:00Z')).toBe('2024-03-20');
  });

  it('a closed CI/CD engagement still moves, and keeps its status; an Interactive one never moves', () => {
    const done = apply(ci('Completed'), { type: 'import_scan', at, scanDate: '2024-03-20' } as DefectDojoEventInput).state;
    expect(done).toMatchObject({ status: 'Completed', data: { targetEnd: '2024-03-20', active: false } });
    const interactive = inStatus('In Progress', { targetStart: '2024-03-04', targetEnd: '2024-03-08' });
    expect(end(interactive, '2024-03-20')).toBe('2024-03-08');
  });
});
