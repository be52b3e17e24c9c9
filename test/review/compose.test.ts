import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { derive, plextrac, type PlextracState } from '../../src/plextrac/index.js';
import { driveEngagement, engagementEventsOf, review, type ReviewEventInput, type ReviewState } from '../../src/review/index.js';
import { reviewSequenceArb } from '../../src/review/kit/index.js';
import { timeZoneArb } from '../../src/testing/index.js';

const ENGAGEMENT = 'eng-1';

/** A scheduled PlexTrac engagement (approved, Draft report) created a day before its report's review begins. */
function scheduled(at: string, startDate: string, timeZone: string): PlextracState {
  const r = plextrac.create(
    { type: 'schedule', id: ENGAGEMENT, at: new Date(Date.parse(at) - 86_400_000).toISOString() as never, clientId: 'c', name: 'n', startDate: startDate as never },
    { settings: { timeZone } },
  );
  if (!r.ok) throw r.error;
  return r.state;
}

describe('review drives the PlexTrac engagement', () => {
  test.prop([reviewSequenceArb({ maxEvents: 30 }), fc.integer({ min: -3, max: 20 }), timeZoneArb()], { numRuns: 150 })(
    "after every review step, the engagement's status is PlexTrac's derive of the report's status",
    (sequence, startInDays, timeZone) => {
      const create = { ...sequence.create, engagementId: ENGAGEMENT } as ReviewEventInput;
      // A start date near the review, so that some reviews begin before it and the derivation's date rule matters.
      const startDate = new Date(Date.parse(String(create.at)) + startInDays * 86_400_000).toISOString().slice(0, 10);
      let engagement = scheduled(String(create.at), startDate, timeZone);
      let lastDriven = engagement.updatedAt;
      const created = review.create(create, { settings: sequence.settings });
      if (!created.ok) throw created.error;
      let report: ReviewState = created.state;
      for (const event of [null, ...sequence.events]) {
        const step = event === null ? created : review.apply(report, event, { settings: sequence.settings });
        if (!step.ok) continue;
        report = step.state;
        const driven = driveEngagement(engagement, report, step.effects, { settings: { timeZone } });
        if (!driven.ok) throw driven.error;
        if (driven.state !== engagement) lastDriven = driven.state.updatedAt;
        engagement = driven.state;
        // The rule, stated with PlexTrac's public derive: approved, not cancelled, the report's status, at the last change.
        const expected = derive({ approved: true, cancelled: false, reportStatus: report.status, startDate: startDate as never, now: lastDriven, timeZone });
        expect(engagement.status).toBe(expected);
      }
    },
  );

  it('a report of another engagement, or of none, is refused with invalid_input', () => {
    const engagement = scheduled('2026-03-02T09:00:00Z', '2026-03-10', 'UTC');
    const r = review.create({ type: 'create_report', id: 'r', at: '2026-03-02T09:00:00Z', name: 'n', author: 'ana' });
    if (!r.ok) throw r.error;
    const driven = driveEngagement(engagement, r.state, r.effects);
    expect(!driven.ok && driven.error.code).toBe('invalid_input');
  });

  it('the creation of a report drives nothing; every later status change drives one report_status_changed', () => {
    const r = review.create({ type: 'create_report', id: 'r', at: '2026-03-02T09:00:00Z', name: 'n', author: 'ana', engagementId: ENGAGEMENT });
    if (!r.ok) throw r.error;
    expect(engagementEventsOf(r.effects)).toEqual([]);
    const s = review.apply(r.state, { type: 'submit', at: '2026-03-02T10:00:00Z' });
    if (!s.ok) throw s.error;
    expect(engagementEventsOf(s.effects)).toEqual([
      { type: 'report_status_changed', at: '2026-03-02T10:00:00.000Z', reportStatus: 'Ready for Review', reason: 'report r: submit' },
    ]);
  });

  it('a Canceled engagement refuses the change with PlexTrac’s own terminal_state', () => {
    const engagement = scheduled('2026-03-02T09:00:00Z', '2026-03-10', 'UTC');
    const cancelled = plextrac.apply(engagement, { type: 'cancel', at: '2026-03-02T09:30:00Z' });
    if (!cancelled.ok) throw cancelled.error;
    const r = review.create({ type: 'create_report', id: 'r', at: '2026-03-02T09:00:00Z', name: 'n', author: 'ana', engagementId: ENGAGEMENT });
    if (!r.ok) throw r.error;
    const s = review.apply(r.state, { type: 'submit', at: '2026-03-02T10:00:00Z' });
    if (!s.ok) throw s.error;
    const driven = driveEngagement(cancelled.state, s.state, s.effects);
    expect(!driven.ok && driven.error.code).toBe('terminal_state');
  });
});
