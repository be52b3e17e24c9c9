/**
 * Rules of the in-memory store that its mutation run (2026-11-27) showed unchecked: an engagement that moves to
 * another asset is listed under its new asset only, and `size` counts the engagements of every tenant.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/index.js';
import { changeWrite, openWrite, plain, probeA, type ProbeState } from '../../src/testing/store-contract/probe.js';

describe('the memory store', () => {
  it('lists an engagement that moved to another asset under the new asset only', async () => {
    const store = createMemoryStore();
    const opened = openWrite(probeA, 'eng-1', { asset: 'acme' });
    await store.save(opened);
    await store.save(openWrite(probeA, 'eng-2', { asset: 'acme' }));
    const ids = async (asset: string) => (await store.list({ asset })).items.map((e) => e.state.id);
    expect(await ids('acme')).toEqual(['eng-1', 'eng-2']);
    // The same change saved with another asset (as a lifecycle whose asset facet changed would write it).
    const moved = plain(changeWrite(probeA, opened.engagement.state as ProbeState, { type: 'edit', at: opened.engagement.state.updatedAt, note: 'moved' }));
    await store.save({ ...moved, engagement: { ...moved.engagement, asset: 'beta' } });
    expect(await ids('acme')).toEqual(['eng-2']);
    expect(await ids('beta')).toEqual(['eng-1']);
    // And back again; then out of every asset.
    const back = plain(changeWrite(probeA, (await store.get({ lifecycle: 'probe-a', id: 'eng-1' }))!.state as ProbeState, { type: 'edit', at: opened.engagement.state.updatedAt, note: 'back' }));
    await store.save({ ...back, engagement: { ...back.engagement, asset: 'acme' } });
    expect(await ids('beta')).toEqual([]);
    expect(await ids('acme')).toEqual(['eng-1', 'eng-2']);
  });

  it('size counts the engagements of every tenant', async () => {
    const store = createMemoryStore();
    expect(store.size).toBe(0);
    await store.save(openWrite(probeA, 'eng-1'));
    await store.tenant('acme').save(openWrite(probeA, 'eng-1'));
    await store.tenant('acme').save(openWrite(probeA, 'eng-2'));
    expect(store.size).toBe(3);
  });
});
