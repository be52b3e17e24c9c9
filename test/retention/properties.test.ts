/**
 * Retention's rule for every sequence of finish / reopen / clock events, stated independently of the code: the
 * archive falls due at 00:00 (tenant zone) on the N-th calendar day after the FIRST finish, happens at the first
 * clock at or after that instant at which the engagement is finished, and never twice; the deletion is planned
 * likewise M days after the archive day, never before the archive. Both built-in lifecycles, both engines.
 */
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { TZDate } from '@date-fns/tz';
import { defectdojo } from '../../src/defectdojo/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { machineEngine } from '../../src/machine/index.js';
import { unwrap, type Effect } from '../../src/index.js';

const ZONES = ['UTC', 'America/New_York', 'Europe/Vienna', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Australia/Lord_Howe'];
const DAY = 86_400_000;
const START = Date.parse('2026-01-10T00:00:00Z');

/** 00:00 in `zone` on the `days`-th calendar day after the day (in `zone`) that contains `ms`. */
function midnightAfter(ms: number, days: number, zone: string): number {
  const local = new TZDate(ms, zone);
  return new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + days, zone).getTime();
}

type Action = 'finish' | 'reopen' | 'clock';
const scenarioArb = fc.record({
  zone: fc.constantFrom(...ZONES),
  archiveAfterDays: fc.integer({ min: 0, max: 120 }),
  deleteAfterDays: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
  steps: fc.array(
    fc.record({
      gap: fc.oneof(fc.integer({ min: 0, max: 3 * DAY }), fc.integer({ min: 0, max: 150 * DAY })),
      action: fc.constantFrom<Action>('finish', 'reopen', 'clock', 'clock'),
    }),
    { minLength: 1, maxLength: 30 },
  ),
});

interface Subject {
  readonly lifecycle: typeof plextrac | typeof defectdojo;
  readonly create: object;
  readonly event: (action: Action, at: string) => object;
  readonly finished: (status: string) => boolean;
}

const SUBJECTS: Record<string, Subject> = {
  plextrac: {
    lifecycle: plextrac,
    create: { type: 'schedule', id: 'e', at: '2026-01-01T00:00:00Z', clientId: 'acme', name: 'x', startDate: '2026-01-02' },
    event: (action, at) =>
      action === 'clock' ? { type: 'clock', at } : { type: 'report_status_changed', at, reportStatus: action === 'finish' ? 'Published' : 'Draft' },
    finished: (status) => status === 'Complete',
  },
  defectdojo: {
    lifecycle: defectdojo,
    create: { type: 'create', id: 'e', at: '2026-01-01T00:00:00Z', productId: 1, targetStart: '2026-01-02', targetEnd: '2026-12-31', status: 'In Progress' },
    event: (action, at) => ({ type: action === 'finish' ? 'close' : action, at }),
    finished: (status) => status === 'Completed',
  },
};

const kinds = (effects: readonly Effect[]) => effects.filter((e) => e.type === 'archive_engagement' || e.type === 'delete_engagement');
const json = (v: unknown) => JSON.parse(JSON.stringify(v));

describe.each(Object.keys(SUBJECTS))('retention of %s', (name) => {
  const subject = SUBJECTS[name]!;
  const lifecycle = subject.lifecycle as typeof plextrac;

  test.prop([scenarioArb], { numRuns: 150 })('archive exactly at its instant, once, from the first finish; deletion after it', (s) => {
    const settings = { timeZone: s.zone, retention: { archiveAfterDays: s.archiveAfterDays, deleteAfterDays: s.deleteAfterDays } };
    const machine = machineEngine(lifecycle, { settings });
    let state = unwrap(lifecycle.create(subject.create as never, { settings })).state;
    // The model: facts the rule counts from, kept by the test alone.
    let firstFinish: number | null = null;
    let archivedAt: number | null = null;
    let deletedAt: number | null = null;
    let t = START;
    for (const { gap, action } of s.steps) {
      t += gap;
      const at = new Date(t).toISOString();
      const event = subject.event(action, at);
      const fast = lifecycle.apply(state, event as never, { settings });
      // Both engines: the same result, state and effects.
      expect(json(machine.apply(state, event as never))).toEqual(json(fast));
      const r = unwrap(fast);
      const finished = subject.finished(r.state.status);
      if (finished && firstFinish === null) firstFinish = t;
      const expected: string[] = [];
      if (action === 'clock' && finished && firstFinish !== null) {
        if (archivedAt === null && t >= midnightAfter(firstFinish, s.archiveAfterDays, s.zone)) {
          archivedAt = t;
          expected.push('archive_engagement');
        }
        if (archivedAt !== null && deletedAt === null && s.deleteAfterDays !== null && t >= midnightAfter(archivedAt, s.deleteAfterDays, s.zone)) {
          deletedAt = t;
          expected.push('delete_engagement');
        }
      }
      const got = kinds(r.effects);
      expect(got.map((e) => e.type)).toEqual(expected);
      for (const e of got) {
        expect(e.at).toBe(at);
        if (e.type === 'delete_engagement') {
          expect((e as unknown as { plan: { at: string; expectedVersion: number } }).plan).toMatchObject({ at, expectedVersion: r.state.version });
        }
      }
      // The facts the state keeps are the model's.
      expect(r.state.data.retention ?? null).toEqual(
        firstFinish === null
          ? null
          : {
              firstFinishedAt: new Date(firstFinish).toISOString(),
              archivedAt: archivedAt === null ? null : new Date(archivedAt).toISOString(),
              deletionPlannedAt: deletedAt === null ? null : new Date(deletedAt).toISOString(),
            },
      );
      // PlexTrac has no other time rule once started: its nextDue is retention's next instant exactly.
      if (name === 'plextrac') {
        let due: number | null = null;
        if (finished && firstFinish !== null && archivedAt === null) due = midnightAfter(firstFinish, s.archiveAfterDays, s.zone);
        else if (finished && archivedAt !== null && deletedAt === null && s.deleteAfterDays !== null) due = midnightAfter(archivedAt, s.deleteAfterDays, s.zone);
        expect(unwrap(lifecycle.nextDue(r.state, { settings })).due).toBe(due === null ? null : new Date(due).toISOString());
      }
      state = r.state;
    }
    if (deletedAt !== null) expect(deletedAt).toBeGreaterThanOrEqual(archivedAt!);
  }, 60_000);

  test.prop([scenarioArb], { numRuns: 50 })('off by default: the same events never record, archive or delete anything', (s) => {
    let state = unwrap(lifecycle.create(subject.create as never, { settings: { timeZone: s.zone } })).state;
    let t = START;
    for (const { gap, action } of s.steps) {
      t += gap;
      const r = unwrap(lifecycle.apply(state, subject.event(action, new Date(t).toISOString()) as never, { settings: { timeZone: s.zone } }));
      expect(kinds(r.effects)).toEqual([]);
      expect(r.state.data).not.toHaveProperty('retention');
      state = r.state;
    }
  }, 60_000);
});
