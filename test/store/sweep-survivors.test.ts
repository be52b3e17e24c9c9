/**
 * Rules of the sweep that its mutation run (2026-11-26) showed unchecked: invalid options are refused before the
 * store is asked for anything (also by a store that checks nothing itself), with messages that name the sweep's
 * options and the field; a caller's throwing options are named too; engagements skipped or failed are not counted
 * as conflicts.
 */
import { describe, expect, it } from 'vitest';
import { LifecycleError } from '../../src/index.js';
import { createMemoryStore, sweep, type EngagementStore } from '../../src/store/index.js';
import { at, openWrite, plain, probeA } from '../../src/testing/store-contract/probe.js';

/** A store that checks nothing and counts how often the sweep claims from it. */
function countingStore(): { store: EngagementStore; claims: () => number } {
  let claims = 0;
  const store = {
    claimDue: async () => {
      claims++;
      return { items: [], outcomes: [], next: null };
    },
  };
  return { store: store as unknown as EngagementStore, claims: () => claims };
}

async function rejection(run: Promise<unknown>): Promise<LifecycleError> {
  const error: unknown = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LifecycleError);
  expect(error).toMatchObject({ code: 'invalid_input' });
  return error as LifecycleError;
}

describe('sweep options are checked by the sweep itself, before the store', () => {
  it('a partition index at or past its count is refused without a claim, on the index', async () => {
    const { store, claims } = countingStore();
    for (const partition of [{ index: 1, count: 1 }, { index: 3, count: 2 }]) {
      const e = await rejection(sweep(store, { now: at(1), lifecycles: [probeA], partition }));
      expect(e.message.startsWith('Invalid sweep options:')).toBe(true);
      expect(e.message).toContain('partition index must be below count (0-based)');
      expect(e.issues.map((i) => i.path)).toEqual([['partition', 'index']]);
    }
    expect(claims()).toBe(0);
    // The last worker of two is a valid partition: the sweep claims.
    await sweep(store, { now: at(1), lifecycles: [probeA], partition: { index: 1, count: 2 } });
    expect(claims()).toBe(1);
  });

  it('options whose getter throws are invalid_input naming the sweep options, with the original as cause', async () => {
    const original = new Error('trap');
    const options = new Proxy({ now: at(1), lifecycles: [probeA] }, {
      get: (target, prop) => {
        if (prop === 'batchSize') throw original;
        return Reflect.get(target, prop) as unknown;
      },
    });
    const { store, claims } = countingStore();
    const e = await rejection(sweep(store, options));
    expect(e.message).toBe('Invalid input to sweep options: reading it threw (Error: trap)');
    expect(e.cause).toBe(original);
    expect(claims()).toBe(0);
  });
});

describe('what counts as a conflict', () => {
  it('failed, deferred and unchanged engagements are not conflicts', async () => {
    const store = createMemoryStore();
    const w = plain(openWrite(probeA, 'broken', { due: 0 }));
    await store.save({ ...w, engagement: { ...w.engagement, state: { ...w.engagement.state, data: { garbage: true } } } });
    await store.save(openWrite(probeA, 'future', { at: 50, due: 10 }));
    const summary = await sweep(store, { now: at(20), lifecycles: [probeA] });
    expect(summary).toMatchObject({ claimed: 2, failed: 1, deferred: 1, changed: 0, rescheduled: 0, conflicts: 0 });
  });
});
