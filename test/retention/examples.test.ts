/**
 * Retention with the peers' values: Ghostwriter archives 90 days after completion (PR #621); SysReptor archives
 * after 90 days and deletes 730 days after the archive, and its #651 is the clock restarted by a second archive.
 */
import { describe, expect, it } from 'vitest';
import { defectdojo, planEngagementDelete, type DefectDojoEventInput, type DefectDojoState } from '../../src/defectdojo/index.js';
import { plextrac, type PlextracEventInput, type PlextracState } from '../../src/plextrac/index.js';
import { createEngagements, createMemoryStore, reindex, sweep } from '../../src/store/index.js';
import { instant, unwrap, type Effect } from '../../src/index.js';

const GHOSTWRITER = { timeZone: 'America/Los_Angeles', retention: { archiveAfterDays: 90 } };
const SYSREPTOR = { timeZone: 'Europe/Vienna', retention: { archiveAfterDays: 90, deleteAfterDays: 730 } };

const clock = (at: string) => ({ type: 'clock', at: instant(at) }) as const;
const retentionEffects = (effects: readonly Effect[]) => effects.filter((e) => e.type === 'archive_engagement' || e.type === 'delete_engagement');

function plex(settings: object, events: readonly PlextracEventInput[]): PlextracState {
  let state = unwrap(
    plextrac.create({ type: 'schedule', id: 'eng-1', at: '2026-01-05T09:00:00Z', clientId: 'acme', name: 'Web app', startDate: '2026-01-12' }, { settings }),
  ).state;
  for (const event of events) state = unwrap(plextrac.apply(state, event, { settings })).state;
  return state;
}
const published = (at: string) => ({ type: 'report_status_changed', at: instant(at), reportStatus: 'Published' }) as const;
const draft = (at: string) => ({ type: 'report_status_changed', at: instant(at), reportStatus: 'Draft' }) as const;

describe('PlexTrac: Ghostwriter\'s 90 days', () => {
  // Finished on March 10th at 08:00 in Los Angeles: the 90th day after is June 8th, from 00:00 there (07:00Z, PDT).
  const finished = plex(GHOSTWRITER, [published('2026-03-10T15:00:00Z')]);

  it('records the first finish and is due at 00:00 in the tenant zone, 90 calendar days after the finish day', () => {
    expect(finished.status).toBe('Complete');
    expect(finished.data.retention).toEqual({ firstFinishedAt: '2026-03-10T15:00:00.000Z', archivedAt: null, deletionPlannedAt: null });
    expect(unwrap(plextrac.nextDue(finished, { settings: GHOSTWRITER })).due).toBe('2026-06-08T07:00:00.000Z');
  });

  it('a clock a millisecond before changes nothing; at the instant it archives, once', () => {
    const before = unwrap(plextrac.apply(finished, clock('2026-06-08T06:59:59.999Z'), { settings: GHOSTWRITER }));
    expect(before.changed).toBe(false);
    const at = unwrap(plextrac.apply(finished, clock('2026-06-08T07:00:00Z'), { settings: GHOSTWRITER }));
    expect(at.changed).toBe(true);
    expect(at.effects.map((e) => [e.type, e.id])).toEqual([['archive_engagement', 'plextrac:eng-1:3:archive_engagement']]);
    expect(at.effects[0]).toMatchObject({ firstFinishedAt: '2026-03-10T15:00:00.000Z', at: '2026-06-08T07:00:00.000Z' });
    expect(at.state.data.retention?.archivedAt).toBe('2026-06-08T07:00:00.000Z');
    // Archive only: without deleteAfterDays nothing more is due, and a later clock emits nothing.
    expect(unwrap(plextrac.nextDue(at.state, { settings: GHOSTWRITER })).due).toBeNull();
    expect(unwrap(plextrac.apply(at.state, clock('2027-01-01T00:00:00Z'), { settings: GHOSTWRITER })).changed).toBe(false);
  });

  it('both engines give the same archive', async () => {
    const { machineEngine } = await import('../../src/machine/index.js');
    const fast = plextrac.apply(finished, clock('2026-06-08T07:00:00Z'), { settings: GHOSTWRITER });
    const machine = machineEngine(plextrac, { settings: GHOSTWRITER }).apply(finished, clock('2026-06-08T07:00:00Z'));
    expect(JSON.parse(JSON.stringify(machine))).toEqual(JSON.parse(JSON.stringify(fast)));
  });

  it('reopened across the archive instant: the archive waits until it is finished again, then is due at once', () => {
    const reopened = plex(GHOSTWRITER, [published('2026-03-10T15:00:00Z'), draft('2026-05-01T10:00:00Z')]);
    expect(unwrap(plextrac.nextDue(reopened, { settings: GHOSTWRITER })).due).toBeNull();
    expect(unwrap(plextrac.apply(reopened, clock('2026-06-08T07:00:00Z'), { settings: GHOSTWRITER })).changed).toBe(false);
    const again = unwrap(plextrac.apply(reopened, published('2026-07-01T10:00:00Z'), { settings: GHOSTWRITER })).state;
    // The first finish counts: finishing again does not restart the 90 days.
    expect(again.data.retention?.firstFinishedAt).toBe('2026-03-10T15:00:00.000Z');
    expect(unwrap(plextrac.nextDue(again, { settings: GHOSTWRITER })).due).toBe('2026-06-08T07:00:00.000Z');
    const swept = unwrap(plextrac.apply(again, clock('2026-07-01T11:00:00Z'), { settings: GHOSTWRITER }));
    expect(retentionEffects(swept.effects).map((e) => e.type)).toEqual(['archive_engagement']);
  });

  it('off by default: no facts recorded, nothing due, and the clock changes nothing', () => {
    const plain = plex({ timeZone: 'America/Los_Angeles' }, [published('2026-03-10T15:00:00Z')]);
    expect(plain.data).not.toHaveProperty('retention');
    expect(unwrap(plextrac.nextDue(plain)).due).toBeNull();
    expect(unwrap(plextrac.apply(plain, clock('2030-01-01T00:00:00Z'))).changed).toBe(false);
  });

  it('finished before retention was turned on: due at once, counted from the first clock that sees it', () => {
    const plain = plex({ timeZone: 'America/Los_Angeles' }, [published('2026-03-10T15:00:00Z')]);
    expect(unwrap(plextrac.nextDue(plain, { settings: GHOSTWRITER })).due).toBe('2026-03-10T15:00:00.000Z');
    const adopted = unwrap(plextrac.apply(plain, clock('2026-04-01T12:00:00Z'), { settings: GHOSTWRITER }));
    expect(adopted.effects).toEqual([]);
    expect(adopted.state.data.retention?.firstFinishedAt).toBe('2026-04-01T12:00:00.000Z');
    expect(unwrap(plextrac.nextDue(adopted.state, { settings: GHOSTWRITER })).due).toBe('2026-06-30T07:00:00.000Z');
  });
});

describe('SysReptor\'s 90 + 730 days, and its #651', () => {
  // Finished on 2026-03-10 in Vienna: archived from 2026-06-08 00:00 CEST (2026-06-07T22:00Z); deleted 730 days
  // after the archive day: 2028-06-07 00:00 CEST (2028-06-06T22:00Z).
  const settings = SYSREPTOR;
  const create = {
    type: 'create',
    id: '42',
    at: '2026-03-01T09:00:00Z',
    productId: 7,
    name: 'Q1 pentest',
    targetStart: '2026-03-02',
    targetEnd: '2026-03-06',
    lead: 3,
    status: 'In Progress',
  } as const satisfies DefectDojoEventInput;
  const go = (state: DefectDojoState, event: DefectDojoEventInput) => unwrap(defectdojo.apply(state, event, { settings }));
  const start = unwrap(defectdojo.create(create, { settings })).state;
  const closed = go(start, { type: 'close', at: '2026-03-10T12:00:00Z' }).state;
  const archived = go(closed, clock('2026-06-07T22:00:00Z'));

  it('archives at 00:00 Vienna time 90 days after the finish day', () => {
    expect(unwrap(defectdojo.nextDue(closed, { settings })).due).toBe('2026-06-07T22:00:00.000Z');
    expect(retentionEffects(archived.effects).map((e) => e.type)).toEqual(['archive_engagement']);
    expect(unwrap(defectdojo.nextDue(archived.state, { settings })).due).toBe('2028-06-06T22:00:00.000Z');
  });

  it('a second pentest a year later (reopen, close) does not restart the deletion clock, nor archive twice', () => {
    const reopened = go(archived.state, { type: 'reopen', at: '2027-06-01T08:00:00Z' }).state;
    const again = go(reopened, { type: 'close', at: '2027-06-20T08:00:00Z' }).state;
    expect(again.data.retention).toEqual({
      firstFinishedAt: '2026-03-10T12:00:00.000Z',
      archivedAt: '2026-06-07T22:00:00.000Z',
      deletionPlannedAt: null,
    });
    expect(unwrap(defectdojo.nextDue(again, { settings })).due).toBe('2028-06-06T22:00:00.000Z');
    const late = go(again, clock('2027-09-20T00:00:00Z'));
    expect(retentionEffects(late.effects)).toEqual([]);
  });

  it('plans the deletion as a delete plan for the version the clock saves', () => {
    const r = go(archived.state, clock('2028-06-06T22:00:00Z'));
    const [effect] = retentionEffects(r.effects);
    expect(effect).toMatchObject({ type: 'delete_engagement', archivedAt: '2026-06-07T22:00:00.000Z', version: r.state.version });
    const plan = (effect as Effect & { plan: unknown }).plan;
    expect(plan).toMatchObject({ type: 'delete', lifecycle: 'defectdojo', engagementId: '42', expectedVersion: r.state.version, at: '2028-06-06T22:00:00.000Z' });
    // With no tests, findings or Jira records, it is DefectDojo's own delete plan at the same instant.
    const cascade = unwrap(planEngagementDelete({ engagement: r.state }, { at: '2028-06-06T22:00:00Z' })).plan;
    expect(plan).toEqual(cascade);
    expect(unwrap(defectdojo.nextDue(r.state, { settings })).due).toBeNull();
  });

  it('reopened before the archive instant: a clock past it archives nothing until the engagement is Completed again', () => {
    const reopened = go(closed, { type: 'reopen', at: '2026-05-01T08:00:00Z' }).state;
    const late = go(reopened, clock('2026-06-08T00:00:00Z'));
    expect(retentionEffects(late.effects)).toEqual([]);
    expect(late.state.data.retention?.archivedAt).toBeNull();
  });

  it("the deletion's engagement_deleted notification names the clock's actor, as DefectDojo names the user who deleted", () => {
    const deleted = (actor?: string) => {
      const r = go(archived.state, { ...clock('2028-06-06T22:00:00Z'), ...(actor === undefined ? {} : { actor }) });
      const plan = (retentionEffects(r.effects)[0] as Effect & { plan: { effects: readonly Effect[] } }).plan;
      return plan.effects.find((e) => e.type === 'engagement_deleted') as Effect & { description: string };
    };
    expect(deleted('retention-bot').description).toBe('The engagement "Q1 pentest" was deleted by retention-bot');
    expect(deleted().description).toBe('The engagement "Q1 pentest" was deleted');
  });

  it('Cancelled is not retained: nothing is due while Cancelled, and the recorded finish stays', () => {
    const cancelled = go(closed, { type: 'set_status', at: '2026-03-11T08:00:00Z', status: 'Cancelled' }).state;
    expect(cancelled.data.retention?.firstFinishedAt).toBe('2026-03-10T12:00:00.000Z');
    expect(unwrap(defectdojo.nextDue(cancelled, { settings })).due).toBeNull();
    const never = unwrap(defectdojo.create({ ...create, status: 'Cancelled' }, { settings })).state;
    expect(never.data).not.toHaveProperty('retention');
  });

  it('settings: off by default; a deletion needs an archive to count from; day counts are whole and not negative', () => {
    expect(defectdojo.safeParseSettings({ retention: { deleteAfterDays: 730 } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(defectdojo.safeParseSettings({ retention: { archiveAfterDays: -1 } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(plextrac.safeParseSettings({ retention: { archiveAfterDays: 1.5 } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(unwrap(plextrac.safeParseSettings({})).settings.retention).toBeNull();
    expect(unwrap(defectdojo.safeParseSettings({ retention: { archiveAfterDays: 90 } })).settings.retention).toEqual({ archiveAfterDays: 90, deleteAfterDays: null });
  });
});

describe('the sweep carries retention out', () => {
  it('archives and plans the deletion at the due instants; the host executes the plan from the outbox', async () => {
    const store = createMemoryStore();
    const settings = { plextrac: { timeZone: 'UTC', retention: { archiveAfterDays: 90, deleteAfterDays: 0 } } };
    const engagements = createEngagements(store, { lifecycles: [plextrac], settings });
    await engagements.create(plextrac, { type: 'schedule', id: 'eng-1', at: '2026-01-05T09:00:00Z', clientId: 'acme', name: 'Web app', startDate: '2026-01-05' });
    await engagements.apply(plextrac, 'eng-1', published('2026-02-01T10:00:00Z'));
    const opts = { lifecycles: [plextrac], settings };
    expect((await sweep(store, { now: '2026-05-01T23:59:59Z', ...opts })).changed).toBe(0);
    // 2026-02-01 + 90 days = 2026-05-02; with deleteAfterDays 0 the deletion is planned in the same clock.
    const summary = await sweep(store, { now: '2026-05-02T00:00:00Z', ...opts });
    expect(summary.changed).toBe(1);
    const pending = retentionEffects((await store.outbox.pending({})).map((i) => i.effect));
    expect(pending.map((e) => e.type)).toEqual(['archive_engagement', 'delete_engagement']);
    expect((await sweep(store, { now: '2026-05-03T00:00:00Z', ...opts })).claimed).toBe(0);
    const plan = (pending[1] as Effect & { plan: Parameters<typeof store.executeDelete>[0] }).plan;
    await store.executeDelete(plan);
    expect(await store.get({ lifecycle: 'plextrac', id: 'eng-1' })).toBeNull();
  });

  it('turning retention on later: reindex makes finished engagements due, and the next sweep starts their clock', async () => {
    const store = createMemoryStore();
    const off = { plextrac: { timeZone: 'UTC' } };
    const engagements = createEngagements(store, { lifecycles: [plextrac], settings: off });
    await engagements.create(plextrac, { type: 'schedule', id: 'eng-1', at: '2026-01-05T09:00:00Z', clientId: 'acme', name: 'Web app', startDate: '2026-01-05' });
    await engagements.apply(plextrac, 'eng-1', published('2026-02-01T10:00:00Z'));
    const on = { plextrac: { timeZone: 'UTC', retention: { archiveAfterDays: 90 } } };
    expect((await sweep(store, { now: '2026-03-01T00:00:00Z', lifecycles: [plextrac], settings: on })).claimed).toBe(0);
    await reindex(store, { lifecycles: [plextrac], settings: on });
    expect((await sweep(store, { now: '2026-03-01T00:00:00Z', lifecycles: [plextrac], settings: on })).changed).toBe(1);
    const stored = (await store.get({ lifecycle: 'plextrac', id: 'eng-1' }))!;
    expect((stored.state.data as { retention?: unknown }).retention).toEqual({ firstFinishedAt: '2026-03-01T00:00:00.000Z', archivedAt: null, deletionPlannedAt: null });
    expect(stored.dueAt).toBe('2026-05-30T00:00:00.000Z');
  });
});
