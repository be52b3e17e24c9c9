/**
 * The clock's rule table read directly (`runTimeRules`, `TIME_RULES`), as the host's own scheduler or a custom
 * lifecycle built on it would: its order, and what one run reports (the status after it, the marks), stated from
 * DefectDojo's rules rather than read back from the code. The engines use only part of this outcome (their
 * auto-close transition declares its own target status, and every event settles the overdue flag again), so the
 * lifecycle tests alone cannot see these.
 */
import { describe, expect, it } from 'vitest';
import { defectdojo, defectDojoSettingsSchema, type DefectDojoState } from '../../src/defectdojo/index.js';
import { TIME_RULES, runTimeRules } from '../../src/defectdojo/lifecycle/index.js';
import { unwrap } from '../../src/index.js';

const settings = defectDojoSettingsSchema.parse({ timeZone: 'UTC', autoClose: { enabled: true, days: 3 } });
const noAutoClose = defectDojoSettingsSchema.parse({ timeZone: 'UTC' });
const at = (iso: string) => Date.parse(iso);

/** In Progress from 2024-03-04 to 2024-03-08, every notice of the upcoming window already sent. */
function inProgress(): DefectDojoState {
  const created = unwrap(
    defectdojo.create({ type: 'create', id: 'e1', at: '2024-03-01T09:00:00Z', productId: 1, name: 'Web app', targetStart: '2024-03-04', targetEnd: '2024-03-08', status: 'In Progress' }),
  );
  return { ...created.state, data: { ...created.state.data, clock: { ...created.state.data.clock, upcomingFor: '2024-03-04' } } } as DefectDojoState;
}

describe('the table of time rules', () => {
  it('runs in DefectDojo order: upcoming, stale, expired, then the overdue flag and auto-close', () => {
    expect(TIME_RULES.map((rule) => rule.name)).toEqual(['upcoming', 'stale', 'expired', 'overdue', 'auto-close']);
  });

  it('a run that does not auto-close leaves the status as it was', () => {
    const { data } = inProgress();
    // The day after the end: stale, expired and overdue are due; auto-close (end + 3 days) is not yet.
    const outcome = runTimeRules('e1', 'In Progress', data, at('2024-03-09T00:00:00Z'), settings);
    expect(outcome.effects.map((e) => e.type)).toEqual(['stale_engagement', 'engagement_expired']);
    expect(outcome.status).toBe('In Progress');
    // The same with auto-close turned off, long after the end.
    expect(runTimeRules('e1', 'In Progress', data, at('2024-04-30T00:00:00Z'), noAutoClose).status).toBe('In Progress');
  });

  it('a run that auto-closes reports Completed, and marks the engagement overdue', () => {
    const { data } = inProgress();
    // 00:00 of end + 3 days: DefectDojo's target_end <= today - 3.
    const outcome = runTimeRules('e1', 'In Progress', data, at('2024-03-11T00:00:00Z'), settings);
    expect(outcome.status).toBe('Completed');
    expect(outcome.effects.map((e) => e.type)).toEqual(['stale_engagement', 'engagement_expired', 'auto_close_engagement']);
    expect(outcome.clock.overdue).toBe(true);
    expect(outcome.clock.staleFor).toBe('2024-03-08');
    expect(outcome.clock.expiredFor).toBe('2024-03-08');
  });

  it('the overdue mark is set by the run itself, from the first day after the end', () => {
    const { data } = inProgress();
    expect(data.clock.overdue).toBe(false);
    expect(runTimeRules('e1', 'In Progress', data, at('2024-03-08T23:59:59.999Z'), settings).clock.overdue).toBe(false);
    expect(runTimeRules('e1', 'In Progress', data, at('2024-03-09T00:00:00Z'), noAutoClose).clock.overdue).toBe(true);
  });
});
