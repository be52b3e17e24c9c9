/**
 * The sweep against writers that act while it holds an engagement, and an engagement met twice in one run. The
 * rules (docs/store.md): a change committed by someone else is never overwritten by the sweep's stale change (it is
 * a conflict, left for the next run, which sees the new version); a deletion is never undone and is not a failure;
 * an engagement the run leaves due gets no second clock event in the run; one that another writer makes due again
 * after the run met it is met again, on its new version.
 */
import { describe, expect, it } from 'vitest';
import { instant, unwrap } from '../../src/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { createEngagements, createMemoryStore, sweep, type EngagementStore } from '../../src/store/index.js';
import { at, changeWrite, ms, openWrite, probeA, probeB, type Probe, type ProbeState } from '../../src/testing/store-contract/probe.js';

/** `store`, with `during` run after the sweep has decided a page and before it commits (while it holds it). */
function interfering(store: EngagementStore, during: () => Promise<void>): EngagementStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'claimDue') {
        return (query: Parameters<EngagementStore['claimDue']>[0], decide: Parameters<EngagementStore['claimDue']>[1]) =>
          target.claimDue(query, async (items) => {
            const decisions = await decide(items);
            await during();
            return decisions;
          });
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** `lifecycle`, with `nextDue` always `due` (minutes), counting the clock events it gets per engagement. */
function alwaysDue(lifecycle: Probe, due: number) {
  const clocks = new Map<string, number>();
  const wrapped = {
    ...lifecycle,
    with: (o: never) => {
      const bound = lifecycle.with(o);
      return {
        ...bound,
        nextDue: () => ({ ok: true, due: at(due) }),
        apply: (...args: Parameters<typeof bound.apply>) => {
          if ((args[1] as { type?: string }).type === 'tick') clocks.set(args[0].id, (clocks.get(args[0].id) ?? 0) + 1);
          return bound.apply(...args);
        },
      };
    },
  };
  return { lifecycle: wrapped as never, clocks };
}

const schedule = { type: 'schedule', id: 'e1', at: '2026-03-01T12:00:00Z', clientId: 'acme', name: 'Web app pentest', startDate: '2026-03-10' } as const;
const now = instant('2026-03-10T12:00:00Z');

async function scheduled() {
  const store = createMemoryStore();
  const engagements = createEngagements(store, { lifecycles: [plextrac] });
  unwrap(await engagements.create(plextrac, schedule));
  return { store, engagements };
}

const clockEffects = async (store: EngagementStore) =>
  (await store.outbox.pending()).filter((e) => (e.effect as { cause?: string }).cause === 'clock');

describe('sweep races', () => {
  it('(control) left alone, the sweep moves it to In Progress and emits the clock\'s status_changed', async () => {
    const { store } = await scheduled();
    expect(await sweep(store, { now, lifecycles: [plextrac] })).toMatchObject({ claimed: 1, changed: 1, conflicts: 0, effects: 1 });
    expect((await clockEffects(store)).map((e) => e.effect.type)).toEqual(['status_changed']);
  });

  it('an engagement changed while the sweep holds it keeps that change; the sweep counts a conflict, and the next run sees the new version', async () => {
    const { store, engagements } = await scheduled();
    const racy = interfering(store, async () => {
      unwrap(await engagements.apply(plextrac, 'e1', { type: 'report_status_changed', at: '2026-03-10T11:00:00Z', reportStatus: 'In Review' }));
    });
    const summary = await sweep(racy, { now, lifecycles: [plextrac] });
    expect(summary).toMatchObject({ claimed: 1, changed: 0, conflicts: 1, failed: 0, effects: 0 });
    const stored = await store.get({ lifecycle: 'plextrac', id: 'e1' });
    expect(stored?.state).toMatchObject({ status: 'In Review', version: 2, data: { reportStatus: 'In Review' } });
    expect(await clockEffects(store)).toEqual([]);
    // In Review is not moved by time: nothing is due any more.
    expect(await sweep(store, { now, lifecycles: [plextrac] })).toMatchObject({ claimed: 0, changed: 0 });
  });

  it('an engagement deleted while the sweep holds it stays deleted; that is a conflict, not a failure', async () => {
    const { store } = await scheduled();
    const racy = interfering(store, async () => {
      await store.executeDelete({ type: 'delete', lifecycle: 'plextrac', engagementId: 'e1', expectedVersion: 1, at: instant('2026-03-10T11:00:00Z'), deletes: [], unlinks: [], effects: [] });
    });
    const summary = await sweep(racy, { now, lifecycles: [plextrac] });
    expect(summary).toMatchObject({ claimed: 1, changed: 0, conflicts: 1, failed: 0, effects: 0, problems: [] });
    expect(await store.get({ lifecycle: 'plextrac', id: 'e1' })).toBeNull();
    expect(await clockEffects(store)).toEqual([]);
  });

  it('a reschedule decision for an engagement changed meanwhile is a conflict too, and does not move its due instant', async () => {
    // Before the start date a clock changes nothing and the due instant stays: force a reschedule by a stale index.
    const { store, engagements } = await scheduled();
    const early = instant('2026-03-09T12:00:00Z');
    const racy = interfering(store, async () => {
      unwrap(await engagements.apply(plextrac, 'e1', { type: 'reschedule', at: '2026-03-09T11:00:00Z', startDate: '2026-03-20' }));
    });
    // Make it look due now with a due instant the lifecycle would not give (as after a settings change).
    const current = unwrap(plextrac.nextDue((await store.get({ lifecycle: 'plextrac', id: 'e1' }))!.state as never)).due;
    expect(current).toBe('2026-03-10T00:00:00.000Z');
    await store.reschedule({ lifecycle: 'plextrac', id: 'e1' }, 1, early);
    const summary = await sweep(racy, { now: early, lifecycles: [plextrac] });
    expect(summary).toMatchObject({ claimed: 1, rescheduled: 0, conflicts: 1 });
    const stored = await store.get({ lifecycle: 'plextrac', id: 'e1' });
    expect(stored?.state.version).toBe(2);
    expect(stored?.dueAt).toBe('2026-03-20T00:00:00.000Z');
  });

  it.each([
    ['before now', 0.5],
    ['exactly at now', 1],
  ])('an engagement met twice in one run (still due after its change, %s) gets one clock event', async (_when, due) => {
    // Its due instant after the change is not after `now`, and after the page cursor: the sweep meets it again.
    const { lifecycle, clocks } = alwaysDue(probeB, due);
    const store = createMemoryStore();
    await store.save(openWrite(probeB, 'e1', { due: 0 }));
    const summary = await sweep(store, { now: at(1), lifecycles: [lifecycle], batchSize: 1 });
    expect(Object.fromEntries(clocks)).toEqual({ e1: 1 });
    expect(summary).toMatchObject({ claimed: 2, changed: 1, unchanged: 0, rescheduled: 0 });
    expect((await store.get({ lifecycle: 'probe-b', id: 'e1' }))?.state.version).toBe(2);
  });

  // Two probe engagements, due at minutes 0 and 0.1 in the index, that the sweep reschedules to 5 and 5.1 (its
  // settings give a grace of 5 minutes), one page each. `writer` runs after page `onPage` is decided.
  async function rescheduledByTheSweep(onPage: number, writer: (store: EngagementStore, e1: ProbeState) => Promise<void>) {
    const store = createMemoryStore();
    await store.save(openWrite(probeB, 'e1', { due: 0 }));
    await store.save(openWrite(probeB, 'e2', { due: 0.1 }));
    let page = 0;
    const racy = interfering(store, async () => {
      if (++page === onPage) await writer(store, (await store.get({ lifecycle: 'probe-b', id: 'e1' }))!.state as ProbeState);
    });
    // Late 5 minutes after dueMs: the move below (dueMs at minute -4.5) makes e1 due at minute 0.5.
    const summary = await sweep(racy, { now: at(1), lifecycles: [probeB], settings: { 'probe-b': { graceMs: 300_000 } }, batchSize: 1 });
    return { store, summary, e1: (await store.get({ lifecycle: 'probe-b', id: 'e1' }))! };
  }
  const dueAgain = async (store: EngagementStore, e1: ProbeState) =>
    void (await store.save(changeWrite(probeB, e1, { type: 'move', at: at(0.2), dueMs: ms(-4.5) }, { graceMs: 300_000 })));

  it('an engagement another writer makes due again after the run met it is met again: its new version gets the clock', async () => {
    // Page 1 reschedules e1 to minute 5; while page 2 (e2) is held, a user moves e1's due date so that it is due at
    // minute 0.5, after the cursor and before now: page 3 meets it again and the clock makes it Late.
    const { store, summary, e1 } = await rescheduledByTheSweep(2, dueAgain);
    expect(summary).toMatchObject({ claimed: 3, rescheduled: 2, changed: 1, conflicts: 0, effects: 2 });
    expect(e1.state).toMatchObject({ status: 'Late', version: 3 });
    expect((await store.outbox.pending()).filter((p) => p.effect.engagementId === 'e1' && p.effect.version === 3).map((p) => p.effect.type).sort()).toEqual(['late_notice', 'status_changed']);
  });

  it('an engagement another writer changed while the run held it (a conflict) is left for the next run, even when due again', async () => {
    // The same move, made while page 1 holds e1: the reschedule is a conflict, and page 3 leaves e1 alone.
    const { summary, e1 } = await rescheduledByTheSweep(1, dueAgain);
    expect(summary).toMatchObject({ claimed: 3, rescheduled: 1, changed: 0, conflicts: 1, effects: 0 });
    expect(e1.state).toMatchObject({ status: 'Open', version: 2 });
    expect(e1.dueAt).toBe(at(0.5));
  });

  it('two engagements of one lifecycle still due after their change: each gets one clock event', async () => {
    const { lifecycle, clocks } = alwaysDue(probeB, 0.5);
    const store = createMemoryStore();
    await store.save(openWrite(probeB, 'e1', { due: 0 }));
    await store.save(openWrite(probeB, 'e2', { due: 0.1 }));
    const summary = await sweep(store, { now: at(1), lifecycles: [lifecycle], batchSize: 1 });
    expect(Object.fromEntries(clocks)).toEqual({ e1: 1, e2: 1 });
    expect(summary).toMatchObject({ claimed: 4, changed: 2, unchanged: 0 });
  });

  it('one lifecycle remembered, another one\'s engagement met after it: each is swept once', async () => {
    const { lifecycle, clocks } = alwaysDue(probeB, 0.5);
    const store = createMemoryStore();
    await store.save(openWrite(probeB, 'e1', { due: 0 }));
    await store.save(openWrite(probeA, 'a1', { due: 0.2 }));
    const summary = await sweep(store, { now: at(1), lifecycles: [lifecycle, probeA], batchSize: 1 });
    expect(Object.fromEntries(clocks)).toEqual({ e1: 1 });
    expect(summary).toMatchObject({ changed: 2, failed: 0 });
    expect((await store.get({ lifecycle: 'probe-a', id: 'a1' }))?.state.status).toBe('Late');
  });

  it('rescheduled to an instant still due: not decided again (no second claim counted as unchanged)', async () => {
    // The clock changes nothing before minute 5 (no dueMs reached with a grace of 5 minutes), but nextDue says 0.5.
    const { lifecycle, clocks } = alwaysDue(probeB, 0.5);
    const store = createMemoryStore();
    await store.save(openWrite(probeB, 'e1', { dueMs: ms(0) - 1, settings: { graceMs: 0 } }));
    const summary = await sweep(store, { now: at(1), lifecycles: [lifecycle], settings: { 'probe-b': { graceMs: 300_000 } }, batchSize: 1 });
    expect(Object.fromEntries(clocks)).toEqual({ e1: 1 });
    expect(summary).toMatchObject({ claimed: 2, rescheduled: 1, unchanged: 0, changed: 0 });
    expect((await store.get({ lifecycle: 'probe-b', id: 'e1' }))?.dueAt).toBe(at(0.5));
  });
});
