import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { instant, unwrap } from '../../src/index.js';
import { plextrac, type PlextracState } from '../../src/plextrac/index.js';
import { createEngagements, createMemoryStore, sweep, writeOf, type EngagementStore } from '../../src/store/index.js';
import { calendarDateNear, clockArb, timeZoneArb } from '../../src/testing/arbitraries.js';
import { at, changeWrite, openWrite, plain, probeA, probeB } from '../../src/testing/store-contract/probe.js';

const DAY = 86_400_000;

/** PlexTrac engagements created by `schedule` at t0 with start dates around it. */
const populationArb = fc
  .record({
    timeZone: timeZoneArb(),
    t0: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 0, 1) }),
    count: fc.integer({ min: 1, max: 25 }),
  })
  .chain(({ timeZone, t0, count }) =>
    fc.record({
      timeZone: fc.constant(timeZone),
      t0: fc.constant(t0),
      startDates: fc.array(calendarDateNear(t0 + 5 * DAY, 6), { minLength: count, maxLength: count }),
      sweeps: clockArb(t0, 6),
      batchSize: fc.integer({ min: 1, max: 7 }),
      workers: fc.integer({ min: 1, max: 3 }),
    }),
  );

describe('sweep over PlexTrac engagements', () => {
  test.prop([populationArb], { numRuns: 60 })(
    'sweeping at a series of instants (in batches, by partitioned workers) ends where clock events sent to every engagement end',
    async ({ timeZone, t0, startDates, sweeps, batchSize, workers }) => {
      const settings = { plextrac: { timeZone } };
      const store = createMemoryStore();
      const engagements = createEngagements(store, { lifecycles: [plextrac], settings });
      const oracle = new Map<string, PlextracState>();
      const bound = plextrac.with({ settings: settings.plextrac });
      for (const [i, startDate] of startDates.entries()) {
        const event = { type: 'schedule' as const, id: `eng-${i}`, at: instant(new Date(t0)), clientId: `c${i % 3}`, name: 'n', startDate };
        unwrap(await engagements.create(plextrac, event));
        oracle.set(`eng-${i}`, unwrap(bound.create(event)).state);
      }
      for (const now of sweeps) {
        const summaries = await Promise.all(
          Array.from({ length: workers }, (_, index) => engagements.sweep({ now, batchSize, partition: { index, count: workers } })),
        );
        let expectedChanges = 0;
        for (const [id, state] of oracle) {
          const r = unwrap(bound.apply(state, { type: 'clock', at: now, actor: 'sweep' }));
          if (r.changed) expectedChanges++;
          oracle.set(id, r.state);
        }
        expect(summaries.reduce((n, s) => n + s.changed, 0)).toBe(expectedChanges);
        // The due index is exact for PlexTrac: every claimed engagement changes.
        expect(summaries.reduce((n, s) => n + s.claimed, 0)).toBe(expectedChanges);
        const again = await engagements.sweep({ now });
        expect(again.changed + again.effects + again.claimed).toBe(0);
      }
      for (const [id, state] of oracle) {
        const stored = await store.get({ lifecycle: 'plextrac', id });
        expect(stored?.state).toEqual(state);
        expect(stored?.dueAt).toBe(unwrap(bound.nextDue(state)).due);
      }
    },
  );

  it('sweeps several lifecycles at once, each with its own settings', async () => {
    const store = createMemoryStore();
    const created = unwrap(plextrac.create({ type: 'schedule', id: 'p1', at: '2029-12-01T00:00:00Z', clientId: 'acme', name: 'x', startDate: '2030-01-01' }, { settings: { timeZone: 'Asia/Tokyo' } }));
    expect(writeOf(plextrac, null, created, { settings: { timeZone: 'Asia/Tokyo' } }).engagement.dueAt).toBe('2029-12-31T15:00:00.000Z');
    await store.save(writeOf(plextrac, null, created, { settings: { timeZone: 'Asia/Tokyo' } }));
    await store.save(openWrite(probeA, 'a1', { due: 0, settings: { graceMs: 5 * 60_000 } }));
    const summary = await sweep(store, {
      now: at(5), // 09:05 on January 1 in Tokyo; and the probe's due minute 0 plus 5 minutes of grace
      lifecycles: [plextrac, probeA],
      settings: { plextrac: { timeZone: 'Asia/Tokyo' }, 'probe-a': { graceMs: 5 * 60_000 } },
    });
    expect(summary).toMatchObject({ claimed: 2, changed: 2, complete: true });
    expect((await store.get({ lifecycle: 'plextrac', id: 'p1' }))?.state.status).toBe('In Progress');
    expect((await store.get({ lifecycle: 'probe-a', id: 'a1' }))?.state.status).toBe('Late');
  });
});

describe('sweep: what it leaves alone, and how it reports', () => {
  async function seeded(): Promise<EngagementStore> {
    const store = createMemoryStore();
    for (let i = 0; i < 10; i++) await store.save(openWrite(i % 2 ? probeA : probeB, `e${i}`, { due: i }));
    return store;
  }

  it('stops after maxBatches, says so, and the next run finishes', async () => {
    const store = await seeded();
    const first = await sweep(store, { now: at(20), lifecycles: [probeA, probeB], batchSize: 3, maxBatches: 2 });
    expect(first).toMatchObject({ batches: 2, changed: 6, complete: false });
    const rest = await sweep(store, { now: at(20), lifecycles: [probeA, probeB], batchSize: 3 });
    expect(rest).toMatchObject({ changed: 4, complete: true });
  });

  it('defers an engagement changed after the instant it sweeps', async () => {
    const store = createMemoryStore();
    await store.save(openWrite(probeA, 'future', { at: 50, due: 10 }));
    const summary = await sweep(store, { now: at(20), lifecycles: [probeA] });
    expect(summary).toMatchObject({ claimed: 1, changed: 0, deferred: 1 });
    expect((await sweep(store, { now: at(60), lifecycles: [probeA] })).changed).toBe(1);
  });

  it('reports an engagement whose stored state its lifecycle refuses, and leaves it as it is', async () => {
    const store = createMemoryStore();
    const w = plain(openWrite(probeA, 'broken', { due: 0 }));
    await store.save({ ...w, engagement: { ...w.engagement, state: { ...w.engagement.state, data: { garbage: true } } } });
    const summary = await sweep(store, { now: at(5), lifecycles: [probeA] });
    expect(summary).toMatchObject({ claimed: 1, changed: 0, failed: 1 });
    expect(summary.problems[0]).toMatchObject({ lifecycle: 'probe-a', id: 'broken' });
    expect(summary.problems[0]!.error.code).toBe('invalid_input');
  });

  it('takes a terminal engagement that is somehow due out of the index', async () => {
    const store = createMemoryStore();
    const v1 = openWrite(probeA, 'e1', { due: 0 });
    const v2 = changeWrite(probeA, v1.engagement.state, { type: 'close', at: at(1) });
    await store.save(v1);
    await store.save(plain({ ...v2, engagement: { ...v2.engagement, dueAt: at(2) } }));
    expect(await sweep(store, { now: at(5), lifecycles: [probeA] })).toMatchObject({ rescheduled: 1, changed: 0 });
    expect((await store.get({ lifecycle: 'probe-a', id: 'e1' }))?.dueAt).toBeNull();
  });

  it('leaves engagements of lifecycles it does not handle', async () => {
    const store = await seeded();
    await sweep(store, { now: at(20), lifecycles: [probeA] });
    expect((await store.due({ now: at(20), limit: 100 })).items.map((i) => i.state.lifecycle)).toEqual(Array(5).fill('probe-b'));
  });

  it('refuses invalid options before touching the store', async () => {
    const store = await seeded();
    const bad: [string, unknown][] = [
      ['no instant', { lifecycles: [probeA] }],
      ['a date for an instant', { now: '2030-01-01', lifecycles: [probeA] }],
      ['batch size 0', { now: at(1), lifecycles: [probeA], batchSize: 0 }],
      ['a partition beyond its count', { now: at(1), lifecycles: [probeA], partition: { index: 2, count: 2 } }],
      ['no lifecycle', { now: at(1), lifecycles: [] }],
      ['a lifecycle twice', { now: at(1), lifecycles: [probeA, probeA] }],
      ['settings for a lifecycle not swept', { now: at(1), lifecycles: [probeA], settings: { plextrac: {} } }],
      ['invalid settings', { now: at(1), lifecycles: [probeA], settings: { 'probe-a': { graceMs: -1 } } }],
    ];
    for (const [what, options] of bad) {
      await expect(sweep(store, options as never), what).rejects.toMatchObject({ code: 'invalid_input' });
    }
    expect((await store.due({ now: at(100), limit: 100 })).items).toHaveLength(10);
  });

  it('refuses a lifecycle that has no clock event', async () => {
    const noClock = { ...probeA, declaration: { ...probeA.declaration, clockEvent: undefined } };
    await expect(sweep(createMemoryStore(), { now: at(1), lifecycles: [noClock as never] })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('does not loop on a lifecycle whose clock keeps an engagement due', async () => {
    // A wrong nextDue (always due) must not hold the sweep: each engagement is looked at once per run.
    const alwaysDue = { ...probeB, with: (o: never) => ({ ...probeB.with(o), nextDue: () => ({ ok: true as const, due: at(0) }) }) };
    const store = createMemoryStore();
    await store.save(openWrite(probeB, 'e1', { due: 0 }));
    const summary = await sweep(store, { now: at(1), lifecycles: [alwaysDue as never], batchSize: 1 });
    expect(summary.changed).toBe(1);
    const again = await sweep(store, { now: at(1), lifecycles: [alwaysDue as never], batchSize: 1 });
    expect(again).toMatchObject({ changed: 0, effects: 0, claimed: 1, unchanged: 1 });
  });
});

