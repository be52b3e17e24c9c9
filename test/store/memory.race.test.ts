/**
 * Races, found with fast-check's scheduler: whatever order concurrent saves run in, exactly one writer of a version
 * wins. The scheduler finds the lost update in a store that checks the version, yields, then writes.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { isLifecycleError } from '../../src/index.js';
import { createMemoryStore, type EngagementStore } from '../../src/store/index.js';
import { at, changeWrite, openWrite, probeA } from '../../src/testing/store-contract/probe.js';
import { naiveStore } from './plants.js';

async function race(s: fc.Scheduler, store: EngagementStore, writers: number, start = () => {}): Promise<{ wins: number; conflicts: number; notes: number }> {
  const v1 = openWrite(probeA, 'e1');
  await store.save(v1);
  start();
  const writes = Array.from({ length: writers }, (_, i) => changeWrite(probeA, v1.engagement.state, { type: 'edit', at: at(1), note: `w${i}` }));
  // The scheduler decides when each save starts, and when each yield inside a store resumes.
  const outcomes = writes.map((w) =>
    s
      .schedule(Promise.resolve(w), 'start a save')
      .then((write) => store.save(write))
      .then(() => 'won' as const, (e: unknown) => (isLifecycleError(e) ? e.code : 'other')),
  );
  await s.waitAll();
  const settled = await Promise.all(outcomes);
  const history = await store.audit.history({ lifecycle: 'probe-a', id: 'e1' });
  return {
    wins: settled.filter((o) => o === 'won').length,
    conflicts: settled.filter((o) => o === 'version_conflict').length,
    notes: history.length - 1,
  };
}

describe('concurrent writers under every schedule', () => {
  test.prop([fc.scheduler(), fc.integer({ min: 2, max: 5 })])('the in-memory store: exactly one writer of a version wins', async (s, writers) => {
    const { wins, conflicts, notes } = await race(s, createMemoryStore(), writers);
    expect(wins).toBe(1);
    expect(conflicts).toBe(writers - 1);
    expect(notes).toBe(1);
  });

  it('the scheduler finds the lost update in a store that checks, yields, then writes', async () => {
    const result = await fc.check(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        // Yields go through the scheduler once the race starts (the setup save runs unscheduled).
        let racing = false;
        const store = naiveStore({ checkThenYield: true }, () => {}, () => (racing ? s.schedule(Promise.resolve(), 'resume after the version check') : Promise.resolve()));
        const { wins } = await race(s, store, 2, () => (racing = true));
        expect(wins).toBe(1);
      }),
      { numRuns: 100 },
    );
    expect(result.failed).toBe(true);
  });
});
