/**
 * `reindex` (`src/store/reindex.ts`), stated from its documentation: it walks each lifecycle's engagements page by
 * page (the batch size as the page limit, each page after the last key), computes each one's due instant with the
 * lifecycle's settings, reschedules only those whose stored instant differs, counts a reschedule the store turned
 * down as a conflict, and counts and lists (the first 100) the states that do not validate. A fake store holds
 * exactly the listed engagements, so every count is known.
 */
import { describe, expect, it } from 'vitest';
import { plextrac, type PlextracState } from '../../src/plextrac/index.js';
import { reindex, type EngagementStore, type StoredEngagement } from '../../src/store/index.js';
import { unwrap } from '../../src/index.js';
import { rejectedCode, rejectedMessage } from '../fuzz/refusals.js';

/** A Scheduled PlexTrac engagement `id`, starting 2026-01-12 (due then at 00:00 in the zone). */
function scheduled(id: string): PlextracState {
  return unwrap(plextrac.create({ type: 'schedule', id, at: '2026-01-05T09:00:00Z', clientId: 'acme', name: 'Web', startDate: '2026-01-12' })).state;
}
const UTC_DUE = '2026-01-12T00:00:00.000Z';

/** A store with these engagements (one lifecycle), recording each list query and reschedule; `accept` decides reschedules. */
function fakeStore(items: readonly StoredEngagement[], accept = true) {
  const queries: unknown[] = [];
  const rescheduled: { id: string; version: number; dueAt: string | null }[] = [];
  const store = {
    async list(query: { after: { id: string } | null; limit: number }) {
      queries.push(query);
      const start = query.after === null ? 0 : items.findIndex((i) => i.state.id === query.after!.id) + 1;
      const page = items.slice(start, start + query.limit);
      const last = page[page.length - 1];
      return { items: page, next: start + query.limit < items.length && last ? { lifecycle: 'plextrac', id: last.state.id } : null };
    },
    async reschedule(key: { id: string }, version: number, dueAt: string | null) {
      rescheduled.push({ id: key.id, version, dueAt });
      return accept;
    },
  };
  return { store: store as unknown as EngagementStore, queries, rescheduled };
}

describe('reindex', () => {
  it('walks the pages with the batch size as the limit, and reschedules only what differs', async () => {
    const items = [
      { state: scheduled('a'), dueAt: UTC_DUE },
      { state: scheduled('b'), dueAt: null },
      { state: scheduled('c'), dueAt: UTC_DUE },
    ] as unknown as StoredEngagement[];
    const { store, queries, rescheduled } = fakeStore(items);
    const summary = await reindex(store, { lifecycles: [plextrac], batchSize: 2 });
    expect(queries).toEqual([
      { lifecycle: 'plextrac', after: null, limit: 2 },
      { lifecycle: 'plextrac', after: { lifecycle: 'plextrac', id: 'b' }, limit: 2 },
    ]);
    expect(rescheduled).toEqual([{ id: 'b', version: 1, dueAt: UTC_DUE }]);
    expect(summary).toEqual({ examined: 3, rescheduled: 1, conflicts: 0, failed: 0, problems: [] });
  });

  it('computes with the lifecycle\'s settings: a zone moves every due instant', async () => {
    const { store, rescheduled } = fakeStore([{ state: scheduled('a'), dueAt: UTC_DUE }] as unknown as StoredEngagement[]);
    const summary = await reindex(store, { lifecycles: [plextrac], settings: { plextrac: { timeZone: 'Europe/Vienna' } } });
    expect(rescheduled).toEqual([{ id: 'a', version: 1, dueAt: '2026-01-11T23:00:00.000Z' }]);
    expect(summary.rescheduled).toBe(1);
  });

  it('counts a reschedule the store turned down as a conflict', async () => {
    const { store } = fakeStore([{ state: scheduled('a'), dueAt: null }] as unknown as StoredEngagement[], false);
    expect(await reindex(store, { lifecycles: [plextrac] })).toEqual({ examined: 1, rescheduled: 0, conflicts: 1, failed: 0, problems: [] });
  });

  it('counts every state that does not validate, and lists the first 100 with their refusal', async () => {
    const broken = Array.from({ length: 101 }, (_, i) => ({ state: { ...scheduled(`x${String(i).padStart(3, '0')}`), status: 'Lost' }, dueAt: null }));
    const { store, rescheduled } = fakeStore([{ state: scheduled('a'), dueAt: null }, ...broken] as unknown as StoredEngagement[]);
    const summary = await reindex(store, { lifecycles: [plextrac] });
    expect(summary.examined).toBe(102);
    expect(summary.failed).toBe(101);
    expect(summary.rescheduled).toBe(1);
    expect(rescheduled.map((r) => r.id)).toEqual(['a']);
    expect(summary.problems).toHaveLength(100);
    expect(summary.problems[0]).toMatchObject({ lifecycle: 'plextrac', id: 'x000' });
    expect(summary.problems[0]!.error.code).toBe('invalid_input');
    expect(summary.problems[99]!.id).toBe('x099');
  });

  it('refuses a store without list and reschedule, and a batch size that is not a whole number from 1', async () => {
    expect(await rejectedMessage(() => reindex({ list: async () => ({ items: [], next: null }) } as never, { lifecycles: [plextrac] }))).toContain('reindex: the store (an EngagementStore)');
    const { store } = fakeStore([]);
    for (const batchSize of [0, 1.5, -1, 10_001, '10']) {
      expect(await rejectedCode(() => reindex(store, { lifecycles: [plextrac], batchSize } as never))).toBe('invalid_input');
      expect(await rejectedMessage(() => reindex(store, { lifecycles: [plextrac], batchSize } as never))).toContain('batchSize');
    }
    expect(await reindex(store, { lifecycles: [plextrac], batchSize: 1 })).toEqual({ examined: 0, rescheduled: 0, conflicts: 0, failed: 0, problems: [] });
    const unreadable = Object.defineProperty({ lifecycles: [plextrac] }, 'batchSize', { enumerable: true, get: () => { throw new Error('no'); } });
    expect(await rejectedMessage(() => reindex(store, unreadable as never))).toBe('Invalid input to reindex options: reading it threw (Error: no)');
  });

  it('refuses missing options as the lifecycles option\'s refusal, not as a crash', async () => {
    const { store } = fakeStore([]);
    const message = await rejectedMessage(() => reindex(store, undefined as never));
    expect(message).toContain('lifecycles');
    expect(message).not.toContain('reading it threw');
  });
});
