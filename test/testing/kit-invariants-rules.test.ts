/**
 * The built-in invariants of the two lifecycles' test kits, one check at a time, on hand-made steps: each rule of
 * docs/testing.md §3 as a table of steps that keep it (no violation) and steps that break it one way each (the
 * violation, word for word). `defectdojo-kit.test.ts` and `planted-bugs.test.ts` show that each invariant catches a
 * lifecycle broken on purpose in a generated run; this file pins every condition and boundary of each check: which
 * steps it skips, the instant and zone it reads, and what its message says.
 */
import { describe, expect, it } from 'vitest';
import { defectdojo, type DefectDojoState } from '../../src/defectdojo/index.js';
import type { Invariant } from '../../src/testing/index.js';
import {
  defectdojoActiveFollowsStatus,
  defectdojoClockOnlyAutoCloses,
  defectdojoDatesOrdered,
  defectdojoInvariants,
  defectdojoNoticesOnce,
  defectdojoOverdueFlag,
  defectdojoRetentionOnce,
  defectdojoStatusNotifications,
  plextracCanceledAbsorbs,
  plextracCancelledFlag,
  plextracDerivation,
  plextracInvariants,
  plextracReportCreatedOnce,
  plextracReportOnlyWhenApproved,
} from '../../src/testing/index.js';
import { apply, inStatus } from '../defectdojo/helpers.js';

/** A step as the check reads it: only the fields a check looks at (the rest of `StepView` is the run's). */
interface StepLike {
  readonly before?: { readonly status: string; readonly data: object } | null;
  readonly result:
    | { readonly ok: true; readonly changed?: boolean; readonly event: { readonly type: string; readonly at: string }; readonly state: { readonly status: string; readonly data: object }; readonly effects: readonly { readonly type: string }[] }
    | { readonly ok: false; readonly error: { readonly code: string } };
  readonly event?: { readonly type?: string };
  readonly settings?: unknown;
  readonly steps?: readonly StepLike[];
}

/** What `invariant` says of `step`: its message, or undefined when the step keeps it. */
const verdict = (invariant: Invariant<never, never>, step: StepLike): unknown => (invariant as unknown as Invariant).check(step as never);

const refused = (code = 'invalid_transition') => ({ ok: false as const, error: { code } });
const ok = (type: string, at: string, state: { status: string; data: object }, effects: string[] = [], changed = true) => ({
  ok: true as const,
  changed,
  event: { type, at },
  state,
  effects: effects.map((t) => ({ type: t })),
});

describe('the kits list their invariants in the documented order', () => {
  it('PlexTrac: the absorbing Canceled first', () => {
    expect(plextracInvariants.map((i) => i.name)).toEqual([
      'plextracCanceledAbsorbs',
      'plextracCancelledFlag',
      'plextracReportOnlyWhenApproved',
      'plextracReportCreatedOnce',
      'plextracDerivation',
    ]);
  });
  it('DefectDojo', () => {
    expect(defectdojoInvariants.map((i) => i.name)).toEqual([
      'defectdojoActiveFollowsStatus',
      'defectdojoDatesOrdered',
      'defectdojoStatusNotifications',
      'defectdojoClockOnlyAutoCloses',
      'defectdojoOverdueFlag',
      'defectdojoNoticesOnce',
      'defectdojoRetentionOnce',
    ]);
  });
});

describe('PlexTrac invariants', () => {
  const facts = (p: Partial<{ approved: boolean; cancelled: boolean; reportStatus: string | null; startDate: string }> = {}) => ({
    approved: true,
    cancelled: false,
    reportStatus: null,
    startDate: '2024-03-05',
    ...p,
  });
  const canceled = { status: 'Canceled', data: facts({ cancelled: true }) };

  it('plextracCanceledAbsorbs: only a Canceled engagement is checked; acceptance, or a refusal of another kind, breaks it', () => {
    const check = (step: StepLike) => verdict(plextracCanceledAbsorbs, step);
    expect(check({ before: { status: 'Scheduled', data: facts() }, event: { type: 'cancel' }, result: ok('cancel', '2024-03-01T00:00:00Z', canceled) })).toBeUndefined();
    expect(check({ before: null, event: { type: 'request' }, result: ok('request', '2024-03-01T00:00:00Z', canceled) })).toBeUndefined();
    for (const code of ['terminal_state', 'invalid_input', 'unknown_event']) {
      expect(check({ before: canceled, event: { type: 'approve' }, result: refused(code) })).toBeUndefined();
    }
    expect(check({ before: canceled, event: { type: 'approve' }, result: ok('approve', '2024-03-01T00:00:00Z', { status: 'Scheduled', data: facts() }) }))
      .toBe('"approve" was accepted on a Canceled engagement (→ Scheduled)');
    expect(check({ before: canceled, event: { type: 'clock' }, result: refused('out_of_order') }))
      .toBe('"clock" on a Canceled engagement was refused with out_of_order, not terminal_state');
    expect(check({ before: canceled, event: {}, result: refused('invalid_transition') }))
      .toBe('"undefined" on a Canceled engagement was refused with invalid_transition, not terminal_state');
  });

  it('plextracCancelledFlag: the cancelled fact exactly with the Canceled status', () => {
    const check = (status: string, cancelled: boolean) => verdict(plextracCancelledFlag, { result: ok('x', '2024-03-01T00:00:00Z', { status, data: facts({ cancelled }) }) });
    expect(check('Canceled', true)).toBeUndefined();
    expect(check('Scheduled', false)).toBeUndefined();
    expect(check('Canceled', false)).toBe('status Canceled with cancelled = false');
    expect(check('Scheduled', true)).toBe('status Scheduled with cancelled = true');
    expect(verdict(plextracCancelledFlag, { result: refused() })).toBeUndefined();
  });

  it('plextracReportOnlyWhenApproved: a report status exactly when approved', () => {
    const check = (approved: boolean, reportStatus: string | null) =>
      verdict(plextracReportOnlyWhenApproved, { result: ok('x', '2024-03-01T00:00:00Z', { status: 'Scheduled', data: facts({ approved, reportStatus }) }) });
    expect(check(true, 'Draft')).toBeUndefined();
    expect(check(false, null)).toBeUndefined();
    expect(check(true, null)).toBe('approved = true but reportStatus = null');
    expect(check(false, 'Draft')).toBe('approved = false but reportStatus = "Draft"');
    expect(verdict(plextracReportOnlyWhenApproved, { result: refused() })).toBeUndefined();
  });

  it('plextracReportCreatedOnce: one create_report, by the step that approves', () => {
    const check = (beforeApproved: boolean | null, approved: boolean, effects: string[], type = 'approve') =>
      verdict(plextracReportCreatedOnce, {
        before: beforeApproved === null ? null : { status: 'Pending', data: facts({ approved: beforeApproved }) },
        result: ok(type, '2024-03-01T00:00:00Z', { status: 'Scheduled', data: facts({ approved }) }, effects),
      });
    expect(check(false, true, ['status_changed', 'create_report'])).toBeUndefined();
    expect(check(null, true, ['create_report'], 'schedule')).toBeUndefined();
    expect(check(true, true, [], 'clock')).toBeUndefined();
    expect(check(null, false, [], 'request')).toBeUndefined();
    expect(check(false, true, [])).toBe('"approve" approved the engagement with 0 create_report effects');
    expect(check(false, true, ['create_report', 'create_report'])).toBe('"approve" approved the engagement with 2 create_report effects');
    expect(check(null, true, [], 'schedule')).toBe('"schedule" approved the engagement with 0 create_report effects');
    expect(check(true, true, ['create_report'], 'clock')).toBe('"clock" emitted create_report, but it did not approve the engagement');
    expect(check(false, false, ['create_report'], 'edit')).toBe('"edit" emitted create_report, but it did not approve the engagement');
    expect(verdict(plextracReportCreatedOnce, { result: refused() })).toBeUndefined();
  });

  it("plextracDerivation: the status at the event's time, in the settings' zone (UTC without one)", () => {
    // 2024-03-05 begins at 2024-03-04T15:00Z in Tokyo and at 2024-03-05T00:00Z in UTC.
    const check = (status: string, at: string, settings: unknown) => verdict(plextracDerivation, { settings, result: ok('clock', at, { status, data: facts() }) });
    expect(check('In Progress', '2024-03-04T15:00:00.000Z', { timeZone: 'Asia/Tokyo' })).toBeUndefined();
    expect(check('Scheduled', '2024-03-04T14:59:59.999Z', { timeZone: 'Asia/Tokyo' })).toBeUndefined();
    expect(check('Scheduled', '2024-03-04T15:00:00.000Z', {})).toBeUndefined();
    expect(check('Scheduled', '2024-03-04T15:00:00.000Z', null)).toBeUndefined();
    expect(check('In Progress', '2024-03-05T00:00:00.000Z', null)).toBeUndefined();
    expect(check('Scheduled', '2024-03-04T15:00:00.000Z', { timeZone: 'Asia/Tokyo' })).toBe(
      'status is Scheduled, but the derivation at 2024-03-04T15:00:00.000Z in Asia/Tokyo gives In Progress (approved true, cancelled false, report null, start 2024-03-05)',
    );
    expect(check('In Progress', '2024-03-04T15:00:00.000Z', null)).toBe(
      'status is In Progress, but the derivation at 2024-03-04T15:00:00.000Z in UTC gives Scheduled (approved true, cancelled false, report null, start 2024-03-05)',
    );
    expect(verdict(plextracDerivation, { result: refused() })).toBeUndefined();
  });
});

describe('DefectDojo invariants', () => {
  const inProgress = inStatus('In Progress'); // targetStart 2024-03-04, targetEnd 2024-03-08, Interactive (no grace)
  const withData = (s: { status: string; data: object }, status: string, patch: object = {}) => ({ status, data: { ...s.data, ...patch } });
  const settings = (p: object = {}) => defectdojo.parseSettings({ autoClose: { enabled: true, days: 2 }, ...p });

  it('defectdojoActiveFollowsStatus: inactive exactly when Completed or Cancelled', () => {
    const check = (status: string, active: boolean) => verdict(defectdojoActiveFollowsStatus, { result: ok('x', '2024-03-09T00:00:00Z', withData(inProgress, status, { active })) });
    for (const status of ['Not Started', 'Blocked', 'In Progress', 'On Hold', 'Scheduled', 'Waiting for Resource']) {
      expect(check(status, true)).toBeUndefined();
      expect(check(status, false)).toBe(`status ${status} with active = false`);
    }
    for (const status of ['Completed', 'Cancelled']) {
      expect(check(status, false)).toBeUndefined();
      expect(check(status, true)).toBe(`status ${status} with active = true`);
    }
    expect(verdict(defectdojoActiveFollowsStatus, { result: refused() })).toBeUndefined();
  });

  it('defectdojoDatesOrdered: the start on or before the end', () => {
    const check = (targetStart: string, targetEnd: string) =>
      verdict(defectdojoDatesOrdered, { result: ok('edit', '2024-03-09T00:00:00Z', withData(inProgress, 'In Progress', { targetStart, targetEnd })) });
    expect(check('2024-03-08', '2024-03-08')).toBeUndefined();
    expect(check('2024-03-07', '2024-03-08')).toBeUndefined();
    expect(check('2024-03-09', '2024-03-08')).toBe('targetStart 2024-03-09 is after targetEnd 2024-03-08');
    expect(verdict(defectdojoDatesOrdered, { result: refused() })).toBeUndefined();
  });

  describe('defectdojoStatusNotifications', () => {
    const check = (from: string, to: string, type: string, effects: string[]) =>
      verdict(defectdojoStatusNotifications, { before: withData(inProgress, from), result: ok(type, '2024-03-09T00:00:00Z', withData(inProgress, to), effects) });

    it('engagement_closed exactly on a change into Completed or Cancelled that is not a clock', () => {
      expect(check('In Progress', 'Completed', 'close', ['status_changed', 'engagement_closed'])).toBeUndefined();
      expect(check('On Hold', 'Cancelled', 'set_status', ['engagement_closed'])).toBeUndefined();
      expect(check('In Progress', 'Completed', 'clock', ['auto_close_engagement'])).toBeUndefined();
      expect(check('In Progress', 'Completed', 'close', ['status_changed'])).toBe('In Progress → Completed by "close" without engagement_closed');
      expect(check('On Hold', 'Cancelled', 'set_status', [])).toBe('On Hold → Cancelled by "set_status" without engagement_closed');
      expect(check('In Progress', 'Completed', 'clock', ['engagement_closed'])).toBe('In Progress → Completed by "clock" with engagement_closed');
      expect(check('Completed', 'Completed', 'edit', ['engagement_closed'])).toBe('Completed → Completed by "edit" with engagement_closed');
      expect(check('In Progress', 'On Hold', 'set_status', ['engagement_closed'])).toBe('In Progress → On Hold by "set_status" with engagement_closed');
    });

    it('engagement_reopened exactly on a change into In Progress from anything but Not Started', () => {
      expect(check('Completed', 'In Progress', 'reopen', ['engagement_reopened'])).toBeUndefined();
      expect(check('On Hold', 'In Progress', 'set_status', ['engagement_reopened'])).toBeUndefined();
      expect(check('Not Started', 'In Progress', 'set_status', [])).toBeUndefined();
      expect(check('Completed', 'In Progress', 'reopen', [])).toBe('Completed → In Progress by "reopen" without engagement_reopened');
      expect(check('Not Started', 'In Progress', 'set_status', ['engagement_reopened'])).toBe('Not Started → In Progress by "set_status" with engagement_reopened');
      expect(check('In Progress', 'In Progress', 'edit', ['engagement_reopened'])).toBe('In Progress → In Progress by "edit" with engagement_reopened');
      expect(check('Completed', 'On Hold', 'set_status', ['engagement_reopened'])).toBe('Completed → On Hold by "set_status" with engagement_reopened');
    });

    it('skips a refusal and a creation', () => {
      expect(verdict(defectdojoStatusNotifications, { before: inProgress, result: refused() })).toBeUndefined();
      expect(verdict(defectdojoStatusNotifications, { before: null, result: ok('create', '2024-03-01T00:00:00Z', withData(inProgress, 'Completed'), ['engagement_reopened']) })).toBeUndefined();
    });
  });

  describe('defectdojoClockOnlyAutoCloses', () => {
    const autoClose = (at: string, p: { settings?: object; effects?: string[]; from?: string; to?: string; type?: string } = {}) =>
      verdict(defectdojoClockOnlyAutoCloses, {
        settings: settings(p.settings),
        before: withData(inProgress, p.from ?? 'In Progress'),
        result: ok(p.type ?? 'clock', at, withData(inProgress, p.to ?? 'Completed', { active: false }), p.effects ?? ['auto_close_engagement']),
      });

    it('from day targetEnd + N in the tenant zone, at its first millisecond', () => {
      // targetEnd 2024-03-08 + 2 days: 2024-03-10 begins at 00:00Z in UTC and at 2024-03-09T15:00Z in Tokyo.
      expect(autoClose('2024-03-10T00:00:00.000Z')).toBeUndefined();
      expect(autoClose('2024-03-09T23:59:59.999Z')).toBe('auto-closed at 2024-03-09T23:59:59.999Z, before day 2024-03-08 + 2 began in UTC');
      expect(autoClose('2024-03-09T15:00:00.000Z', { settings: { timeZone: 'Asia/Tokyo' } })).toBeUndefined();
      expect(autoClose('2024-03-09T14:59:59.999Z', { settings: { timeZone: 'Asia/Tokyo' } }))
        .toBe('auto-closed at 2024-03-09T14:59:59.999Z, before day 2024-03-08 + 2 began in Asia/Tokyo');
      expect(autoClose('2024-03-08T00:00:00.000Z', { settings: { autoClose: { enabled: true, days: 0 } } })).toBeUndefined();
    });

    it('only In Progress → Completed, only with auto-close on, with auto_close_engagement and without engagement_closed', () => {
      const late = '2024-03-20T00:00:00.000Z';
      expect(autoClose(late, { from: 'On Hold' })).toBe('a clock moved On Hold → Completed');
      expect(autoClose(late, { to: 'Cancelled' })).toBe('a clock moved In Progress → Cancelled');
      expect(autoClose(late, { from: 'Not Started', to: 'In Progress' })).toBe('a clock moved Not Started → In Progress');
      expect(autoClose(late, { settings: { autoClose: { enabled: false, days: 2 } } })).toBe('a clock auto-closed the engagement with auto-close off');
      expect(autoClose(late, { effects: ['status_changed'] })).toBe('auto-closed without auto_close_engagement');
      expect(autoClose(late, { effects: ['auto_close_engagement', 'engagement_closed'] })).toBe("auto-close emitted engagement_closed (DefectDojo's bulk update sends none)");
    });

    it('skips what is not a clock changing the status', () => {
      expect(autoClose('2024-03-01T00:00:00.000Z', { type: 'close', effects: [] })).toBeUndefined();
      expect(autoClose('2024-03-01T00:00:00.000Z', { to: 'In Progress', effects: [] })).toBeUndefined();
      expect(verdict(defectdojoClockOnlyAutoCloses, { settings: settings(), before: inProgress, result: refused() })).toBeUndefined();
      expect(verdict(defectdojoClockOnlyAutoCloses, { settings: settings(), before: null, result: ok('clock', '2024-03-01T00:00:00Z', withData(inProgress, 'Completed')) })).toBeUndefined();
    });
  });

  describe('defectdojoOverdueFlag', () => {
    // A real clock step: an Interactive engagement is overdue from the day after targetEnd in the tenant zone.
    const clockAt = (at: string, zone: string) => apply(inProgress, { type: 'clock', at } as never, { timeZone: zone });
    const check = (at: string, zone: string, overdue: boolean, changed = true) => {
      const real = clockAt(at, zone);
      const state = { ...real.state, data: { ...real.state.data, clock: { ...real.state.data.clock, overdue } } } as DefectDojoState;
      return verdict(defectdojoOverdueFlag, { settings: settings({ timeZone: zone }), before: inProgress, result: { ...real, changed, state } as never });
    };

    it("is the rule at the event's instant in the tenant zone", () => {
      expect(check('2024-03-08T15:00:00.000Z', 'Asia/Tokyo', true)).toBeUndefined();
      expect(check('2024-03-08T15:00:00.000Z', 'UTC', false)).toBeUndefined();
      expect(check('2024-03-08T15:00:00.000Z', 'Asia/Tokyo', false)).toBe('overdue flag false, but the rule at 2024-03-08T15:00:00.000Z says true');
      expect(check('2024-03-08T15:00:00.000Z', 'UTC', true)).toBe('overdue flag true, but the rule at 2024-03-08T15:00:00.000Z says false');
    });

    it('is checked only after a change', () => {
      expect(check('2024-03-08T15:00:00.000Z', 'UTC', true, false)).toBeUndefined();
      expect(verdict(defectdojoOverdueFlag, { settings: settings(), before: inProgress, result: refused() })).toBeUndefined();
    });
  });

  describe('defectdojoNoticesOnce', () => {
    const dates = (targetStart: string, targetEnd: string) => withData(inProgress, 'In Progress', { targetStart, targetEnd });
    const step = (state: { status: string; data: object }, effects: string[], ok_ = true): StepLike => ({ result: ok_ ? ok('clock', '2024-03-09T00:00:00Z', state, effects) : refused() });
    /** The last of `steps` checked, with all of them as the run so far. */
    const check = (...steps: StepLike[]) => verdict(defectdojoNoticesOnce, { ...steps.at(-1)!, steps });
    const march = dates('2024-03-04', '2024-03-08');

    it('upcoming once per start date; stale and expired once per end date', () => {
      expect(check(step(march, ['upcoming_engagement']), step(march, ['upcoming_engagement']))).toBe('upcoming_engagement again for targetStart 2024-03-04');
      expect(check(step(march, ['stale_engagement']), step(dates('2024-03-01', '2024-03-08'), ['stale_engagement']))).toBe('stale_engagement again for targetEnd 2024-03-08');
      expect(check(step(march, ['engagement_expired']), step(march, []), step(march, ['engagement_expired']))).toBe('engagement_expired again for targetEnd 2024-03-08');
    });

    it('again after the date moved; other notices and refused steps do not count', () => {
      expect(check(step(march, ['upcoming_engagement']))).toBeUndefined();
      expect(check(step(march, ['upcoming_engagement']), step(dates('2024-03-05', '2024-03-08'), ['upcoming_engagement']))).toBeUndefined();
      expect(check(step(march, ['stale_engagement']), step(dates('2024-03-04', '2024-03-09'), ['stale_engagement']))).toBeUndefined();
      expect(check(step(march, ['stale_engagement']), step(march, ['engagement_expired']))).toBeUndefined();
      expect(check(step(march, ['engagement_closed']), step(march, ['engagement_closed']))).toBeUndefined();
      expect(check(step(march, ['upcoming_engagement'], false), step(march, ['upcoming_engagement']))).toBeUndefined();
      expect(check(step(march, ['upcoming_engagement']), step(march, [], false))).toBeUndefined();
    });
  });

  describe('defectdojoRetentionOnce', () => {
    const facts = (firstFinishedAt: string, archivedAt: string | null = null, deletionPlannedAt: string | null = null) => ({ firstFinishedAt, archivedAt, deletionPlannedAt });
    const t1 = '2024-03-10T00:00:00.000Z';
    const t2 = '2024-03-20T00:00:00.000Z';
    const t3 = '2024-04-20T00:00:00.000Z';
    const check = (was: object | undefined, now: object | undefined, effects: string[] = [], type = 'clock', status = 'Completed') =>
      verdict(defectdojoRetentionOnce, {
        before: withData(inProgress, 'Completed', { retention: was }),
        result: ok(type, t3, withData(inProgress, status, { retention: now }), effects),
      });

    it('recorded instants never move or vanish', () => {
      expect(check(facts(t1), facts(t1, t2))).toBeUndefined();
      expect(check(facts(t1, t2), facts(t1, t2, t3))).toBeUndefined();
      expect(check(undefined, facts(t1))).toBeUndefined();
      expect(check(facts(t1), undefined)).toBe('the retention facts vanished');
      expect(check(facts(t1), facts(t2))).toBe(`the first finish moved from ${t1} to ${t2}`);
      expect(check(facts(t1, t2), facts(t1, t3))).toBe(`the archive moved from ${t2} to ${t3}`);
      expect(check(facts(t1, t2), facts(t1, null))).toBe(`the archive moved from ${t2} to null`);
      expect(check(facts(t1, t2, t3), facts(t1, t2, t2))).toBe('the planned deletion moved');
    });

    it('archive and deletion once each, on a clock, for a Completed engagement, the deletion after the archive', () => {
      expect(check(facts(t1), facts(t1, t2), ['archive_engagement'])).toBeUndefined();
      expect(check(facts(t1, t2), facts(t1, t2, t3), ['delete_engagement'])).toBeUndefined();
      expect(check(facts(t1), facts(t1, t2, t3), ['archive_engagement', 'delete_engagement'])).toBeUndefined();
      expect(check(facts(t1), facts(t1, t2), ['archive_engagement'], 'edit')).toBe('archive_engagement on edit, not on a clock');
      expect(check(facts(t1), facts(t1, t2), ['archive_engagement'], 'clock', 'In Progress')).toBe('archive_engagement for an engagement in In Progress');
      expect(check(facts(t1, t2), facts(t1, t2), ['archive_engagement'])).toBe('archive_engagement a second time');
      expect(check(facts(t1, t2, t3), facts(t1, t2, t3), ['delete_engagement'])).toBe('delete_engagement a second time');
      expect(check(facts(t1), facts(t1, null, t3), ['delete_engagement'])).toBe('delete_engagement without an archive');
      expect(check(undefined, undefined, ['archive_engagement'])).toBe('archive_engagement without an archive');
      expect(check(facts(t1), facts(t1), ['engagement_closed'], 'edit', 'In Progress')).toBeUndefined();
      expect(verdict(defectdojoRetentionOnce, { before: inProgress, result: refused() })).toBeUndefined();
    });
  });
});
