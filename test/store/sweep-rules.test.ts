/**
 * The sweep's documented contract (docs/storage.md, "The sweep"), stated as examples: what each summary count
 * means, the first 100 failures listed, the audit records' actor, the options it accepts and refuses, and a
 * summary that is frozen. Each expectation is counted by hand from the engagements the test saves.
 */
import { describe, expect, it } from 'vitest';
import { isLifecycleError } from '../../src/index.js';
import { createMemoryStore, sweep, type EngagementStore } from '../../src/store/index.js';
import { at, changeWrite, ms, openWrite, plain, probeA, probeB } from '../../src/testing/store-contract/probe.js';

/** Saves a probe engagement whose stored data its lifecycle refuses, due at minute 0. */
async function saveBroken(store: EngagementStore, id: string): Promise<void> {
  const w = plain(openWrite(probeA, id, { due: 0 }));
  await store.save({ ...w, engagement: { ...w.engagement, state: { ...w.engagement.state, data: { garbage: true } } } });
}

describe('sweep summary counts', () => {
  it('lists the first 100 failures, counts all of them, and leaves them due for the next run', async () => {
    const store = createMemoryStore();
    for (let i = 0; i < 101; i++) await saveBroken(store, `b${String(i).padStart(3, '0')}`);
    const summary = await sweep(store, { now: at(5), lifecycles: [probeA] });
    expect(summary).toMatchObject({ claimed: 101, failed: 101, changed: 0, rescheduled: 0, unchanged: 0 });
    expect(summary.problems).toHaveLength(100);
    for (const problem of summary.problems) {
      expect(problem.lifecycle).toBe('probe-a');
      expect(problem.id).toMatch(/^b\d{3}$/);
      expect(isLifecycleError(problem.error)).toBe(true);
    }
    expect(new Set(summary.problems.map((p) => p.id)).size).toBe(100);
    // "stays due, so that it shows up in every run until fixed"
    expect((await sweep(store, { now: at(5), lifecycles: [probeA] })).failed).toBe(101);
  });

  it('counts a changed engagement, its effects, a rescheduled one and an unchanged one apart', async () => {
    const store = createMemoryStore();
    const grace = { graceMs: 10 * 60_000 };
    // Late at minute 0 (no grace when saved): with 10 minutes of grace the clock at minute 5 leaves it Open, and its
    // due instant moves to minute 10.
    await store.save(openWrite(probeA, 'moved', { due: 0 }));
    // Late at minute 0 with grace too: saved with the grace so its due instant (minute -10 + 10 = 0) is right.
    await store.save(openWrite(probeA, 'late', { dueMs: ms(-10), settings: grace }));
    const summary = await sweep(store, { now: at(5), lifecycles: [probeA], settings: { 'probe-a': grace } });
    // 'late' goes Open → Late: one status_changed and one late_notice.
    expect(summary).toMatchObject({ claimed: 2, changed: 1, effects: 2, rescheduled: 1, unchanged: 0, failed: 0, conflicts: 0, deferred: 0 });
    expect((await store.get({ lifecycle: 'probe-a', id: 'moved' }))?.dueAt).toBe(at(10));
    expect((await store.get({ lifecycle: 'probe-a', id: 'moved' }))?.state.version).toBe(1);
    expect((await store.get({ lifecycle: 'probe-a', id: 'late' }))?.state.status).toBe('Late');
    const effects = (await store.outbox.pending()).filter((e) => e.effect.at === at(5));
    expect(effects.map((e) => e.effect.type).sort()).toEqual(['late_notice', 'status_changed']);
  });

  it('sums effects over several changed engagements and pages, and counts the pages as batches', async () => {
    const store = createMemoryStore();
    for (let i = 0; i < 5; i++) await store.save(openWrite(probeB, `e${i}`, { due: i }));
    const summary = await sweep(store, { now: at(10), lifecycles: [probeB], batchSize: 2 });
    // Five engagements, two effects each (status_changed, late_notice); pages of 2, 2 and 1.
    expect(summary).toMatchObject({ claimed: 5, changed: 5, effects: 10, batches: 3, complete: true });
  });

  it('an engagement that is due, whose clock changes nothing and whose due instant stays, is unchanged', async () => {
    // A stale due instant equal to what nextDue gives: only a wrong nextDue does that, as here (always minute 0).
    const neverLate = {
      ...probeB,
      with: (o: never) => {
        const bound = probeB.with(o);
        return { ...bound, nextDue: () => ({ ok: true as const, due: at(0) }) };
      },
    };
    const store = createMemoryStore();
    await store.save(openWrite(probeB, 'e1', { due: 60 }));
    await store.reschedule({ lifecycle: 'probe-b', id: 'e1' }, 1, at(0));
    const summary = await sweep(store, { now: at(1), lifecycles: [neverLate as never] });
    expect(summary).toMatchObject({ claimed: 1, changed: 0, rescheduled: 0, unchanged: 1 });
  });
});

describe('sweep audit records', () => {
  it('records "sweep" as the actor of its clock events by default, and the given actor otherwise', async () => {
    const store = createMemoryStore();
    await store.save(openWrite(probeA, 'd', { due: 0 }));
    await store.save(openWrite(probeB, 'n', { due: 0 }));
    await sweep(store, { now: at(1), lifecycles: [probeA] });
    await sweep(store, { now: at(1), lifecycles: [probeB], actor: 'nightly-job' });
    const last = async (lifecycle: string, id: string) => (await store.audit.history({ lifecycle, id })).at(-1);
    expect(await last('probe-a', 'd')).toMatchObject({ event: 'tick', actor: 'sweep', from: 'Open', to: 'Late', at: at(1), version: 2 });
    expect(await last('probe-b', 'n')).toMatchObject({ event: 'tick', actor: 'nightly-job', from: 'Open', to: 'Late', at: at(1), version: 2 });
  });
});

describe('sweep options', () => {
  const base = { now: at(1), lifecycles: [probeA] };

  it('accepts each documented bound', async () => {
    const store = createMemoryStore();
    for (const extra of [{ batchSize: 1 }, { batchSize: 10_000 }, { partition: { index: 0, count: 1 } }, { partition: { index: 2, count: 3 } }, { actor: 'a' }, { maxBatches: 1 }]) {
      await expect(sweep(store, { ...base, ...extra }), JSON.stringify(extra)).resolves.toMatchObject({ complete: true });
    }
  });

  it('refuses each value past a bound, with invalid_input naming the field', async () => {
    const store = createMemoryStore();
    await store.save(openWrite(probeA, 'e', { due: 0 }));
    const bad: [string, Record<string, unknown>, RegExp][] = [
      ['batch size over 10,000', { batchSize: 10_001 }, /batchSize/],
      ['fractional batch size', { batchSize: 2.5 }, /batchSize/],
      ['negative partition index', { partition: { index: -1, count: 2 } }, /partition/],
      ['fractional partition index', { partition: { index: 0.5, count: 2 } }, /partition/],
      ['partition count 0', { partition: { index: 0, count: 0 } }, /partition/],
      ['partition index equal to count', { partition: { index: 1, count: 1 } }, /partition index must be below count/],
      ['empty actor', { actor: '' }, /actor/],
      ['maxBatches 0', { maxBatches: 0 }, /maxBatches/],
      ['fractional maxBatches', { maxBatches: 1.5 }, /maxBatches/],
    ];
    for (const [what, extra, message] of bad) {
      const error: unknown = await sweep(store, { ...base, ...extra } as never).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isLifecycleError(error), what).toBe(true);
      expect(error, what).toMatchObject({ code: 'invalid_input' });
      expect((error as Error).message, what).toMatch(message);
    }
    // Refused before touching the store: still due.
    expect((await store.get({ lifecycle: 'probe-a', id: 'e' }))?.state.version).toBe(1);
  });

  it('refuses options that are not an object, saying what it expects', async () => {
    for (const options of [null, 'now', 42]) {
      const error: unknown = await sweep(createMemoryStore(), options as never).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, String(options)).toMatchObject({ code: 'invalid_input' });
      expect((error as Error).message).toMatch(/^sweep expects options \{ now, lifecycles, \.\.\. \}, got /);
    }
  });

  it('names the lifecycle that has no clock event', async () => {
    const noClock = { ...probeA, declaration: { ...probeA.declaration, clockEvent: undefined } };
    await expect(sweep(createMemoryStore(), { now: at(1), lifecycles: [noClock as never] })).rejects.toThrow(/"probe-a" declares no clock event/);
  });
});

describe('sweep summary', () => {
  it('is frozen, with its problems and each problem frozen', async () => {
    const store = createMemoryStore();
    await saveBroken(store, 'b1');
    const summary = await sweep(store, { now: at(5), lifecycles: [probeA] });
    expect(summary.now).toBe(at(5));
    expect(Object.isFrozen(summary)).toBe(true);
    expect(Object.isFrozen(summary.problems)).toBe(true);
    expect(summary.problems).toHaveLength(1);
    expect(Object.isFrozen(summary.problems[0])).toBe(true);
  });

  it('a terminal engagement met by the sweep is taken out of the index without counting as a change', async () => {
    const store = createMemoryStore();
    const v1 = openWrite(probeA, 'e1', { due: 0 });
    const v2 = changeWrite(probeA, v1.engagement.state, { type: 'close', at: at(1) });
    await store.save(v1);
    await store.save(plain({ ...v2, engagement: { ...v2.engagement, dueAt: at(2) } }));
    expect(await sweep(store, { now: at(5), lifecycles: [probeA] })).toMatchObject({ claimed: 1, rescheduled: 1, changed: 0, failed: 0, unchanged: 0, problems: [] });
    expect(await sweep(store, { now: at(5), lifecycles: [probeA] })).toMatchObject({ claimed: 0 });
  });
});
