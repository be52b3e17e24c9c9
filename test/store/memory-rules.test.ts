/**
 * Rules of the in-memory store that its mutation run (2026-11-27) showed unchecked, each stated from the store's
 * contract (`EngagementStore` in src/store/ports.ts and docs/storage.md): lists by lifecycle, within an asset and
 * after a cursor of another lifecycle; an engagement that moves to another asset; `size` across tenants; the steps
 * `beforeWrite` sees; a delete plan's unlinks; a claim's outcomes when the engagement changes while `decide` runs;
 * which tenants have something due for given lifecycles.
 */
import { describe, expect, it } from 'vitest';
import { LifecycleError } from '../../src/index.js';
import { createMemoryStore, type MemoryWriteStep } from '../../src/store/index.js';
import { deletePlan } from '../../src/testing/store-contract/outbox-cases.js';
import { at, changeWrite, openWrite, plain, probeA, probeB, type ProbeState } from '../../src/testing/store-contract/probe.js';

const key = (lifecycle: string, id: string) => ({ lifecycle, id });

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

  it('size counts the engagements of every tenant, and not a deleted one', async () => {
    const store = createMemoryStore();
    expect(store.size).toBe(0);
    await store.save(openWrite(probeA, 'eng-1'));
    await store.tenant('acme').save(openWrite(probeA, 'eng-1'));
    const second = openWrite(probeA, 'eng-2');
    await store.tenant('acme').save(second);
    expect(store.size).toBe(3);
    await store.tenant('acme').executeDelete(deletePlan(second.engagement.state as ProbeState, { minute: 1 }));
    expect(store.size).toBe(2);
  });
});

describe('list by lifecycle: one run of keys, wherever the scan starts', () => {
  async function population() {
    const store = createMemoryStore();
    // probe-a sorts before probe-b; both have engagements in acme and outside it.
    for (const [lifecycle, id, asset] of [[probeA, 'a1', 'acme'], [probeA, 'a2', null], [probeA, 'a3', 'acme'], [probeB, 'b1', 'acme'], [probeB, 'b2', null], [probeB, 'b3', 'acme']] as const) {
      await store.save(openWrite(lifecycle, id, { asset }));
    }
    return store;
  }
  const ids = (page: { items: readonly { state: { id: string } }[] }) => page.items.map((e) => e.state.id);

  it('the later lifecycle alone, everywhere and within an asset', async () => {
    const store = await population();
    expect(ids(await store.list({ lifecycle: 'probe-b' }))).toEqual(['b1', 'b2', 'b3']);
    expect(ids(await store.list({ lifecycle: 'probe-b', asset: 'acme' }))).toEqual(['b1', 'b3']);
    expect(ids(await store.list({ lifecycle: 'probe-a', asset: 'acme' }))).toEqual(['a1', 'a3']);
  });

  it('after a cursor of another lifecycle: from the start of the run if the cursor is before it, nothing if after', async () => {
    const store = await population();
    expect(ids(await store.list({ lifecycle: 'probe-b', after: key('probe-a', 'a9') }))).toEqual(['b1', 'b2', 'b3']);
    expect(ids(await store.list({ lifecycle: 'probe-b', asset: 'acme', after: key('probe-a', 'a1') }))).toEqual(['b1', 'b3']);
    expect(ids(await store.list({ lifecycle: 'probe-a', after: key('probe-b', 'b1') }))).toEqual([]);
  });

  it('a page at a time: a full page has a cursor, a short one none', async () => {
    const store = await population();
    const first = await store.list({ lifecycle: 'probe-b', limit: 2 });
    expect(ids(first)).toEqual(['b1', 'b2']);
    expect(first.next).toEqual(key('probe-b', 'b2'));
    const second = await store.list({ lifecycle: 'probe-b', limit: 2, after: first.next! });
    expect(ids(second)).toEqual(['b3']);
    expect(second.next).toBeNull();
  });
});

describe('the steps beforeWrite sees, in order', () => {
  function recording() {
    const steps: MemoryWriteStep[] = [];
    return { steps, store: createMemoryStore({ beforeWrite: (step) => void steps.push(step) }) };
  }

  it('a save writes the engagement, its effects and its audit record', async () => {
    const { steps, store } = recording();
    await store.save(openWrite(probeA, 'e1', { due: 10 }));
    expect(steps).toEqual(['engagement', 'outbox', 'audit']);
  });

  it('a reschedule writes the engagement, unless the due instant is the same', async () => {
    const { steps, store } = recording();
    await store.save(openWrite(probeA, 'e1', { due: 10 }));
    steps.length = 0;
    expect(await store.reschedule(key('probe-a', 'e1'), 1, at(10))).toBe(true);
    expect(steps).toEqual([]);
    expect(await store.reschedule(key('probe-a', 'e1'), 1, at(20))).toBe(true);
    expect(steps).toEqual(['engagement']);
    expect((await store.get(key('probe-a', 'e1')))?.dueAt).toBe(at(20));
  });

  it('a record put is a record write; a delete plan writes each record it deletes or unlinks, then the engagement, the effects and the audit', async () => {
    const { steps, store } = recording();
    const opened = openWrite(probeA, 'e1');
    await store.save(opened);
    for (const id of ['t1', 't2']) await store.records.put({ kind: 'test', id, engagement: key('probe-a', 'e1'), parent: null, data: {} });
    expect(steps).toEqual(['engagement', 'outbox', 'audit', 'record', 'record']);
    steps.length = 0;
    expect(await store.executeDelete(deletePlan(opened.engagement.state as ProbeState, { minute: 1, deletes: ['test:t1'], unlinks: ['test:t2'] }))).toEqual({ deleted: 1, unlinked: 1 });
    expect(steps).toEqual(['record', 'record', 'engagement', 'outbox', 'audit']);
  });
});

describe("a delete plan's unlinks", () => {
  it('a record that is gone, or already unlinked, is left alone and not counted', async () => {
    const store = createMemoryStore();
    const opened = openWrite(probeA, 'e1');
    await store.save(opened);
    await store.records.put({ kind: 'test', id: 'loose', engagement: null, parent: null, data: { n: 1 } });
    const outcome = await store.executeDelete(deletePlan(opened.engagement.state as ProbeState, { minute: 1, unlinks: ['test:gone', 'test:loose'] }));
    expect(outcome).toEqual({ deleted: 0, unlinked: 0 });
    expect(await store.records.get({ kind: 'test', id: 'gone' })).toBeNull();
    expect(await store.records.get({ kind: 'test', id: 'loose' })).toEqual({ kind: 'test', id: 'loose', engagement: null, parent: null, data: { n: 1 } });
  });
});

describe('a claim, when the engagement changes while decide runs', () => {
  const now = at(100);
  async function withDue() {
    const store = createMemoryStore();
    const opened = openWrite(probeA, 'e1', { due: 10 });
    await store.save(opened);
    return { store, state: opened.engagement.state as ProbeState };
  }
  const tick = (state: ProbeState) => changeWrite(probeA, state, { type: 'tick', at: now });

  it('a claimed engagement is still listed by due (a read), and not claimed twice', async () => {
    const { store } = await withDue();
    await store.save(openWrite(probeA, 'e2', { due: 20 }));
    const page = await store.claimDue({ now, limit: 1 }, async (items) => {
      expect(items.map((e) => e.state.id)).toEqual(['e1']);
      expect((await store.due({ now })).items.map((e) => e.state.id)).toEqual(['e1', 'e2']);
      // Another worker's claim meanwhile gets the next engagement, not this one.
      const other = await store.claimDue({ now }, (more) => more.map(() => ({ kind: 'skip' }) as const));
      expect(other.items.map((e) => e.state.id)).toEqual(['e2']);
      return items.map(() => ({ kind: 'skip' }) as const);
    });
    expect(page.outcomes).toEqual(['skipped']);
  });

  it('deleted meanwhile: a save and a reschedule are conflicts', async () => {
    for (const decision of ['save', 'reschedule'] as const) {
      const { store, state } = await withDue();
      const page = await store.claimDue({ now }, async () => {
        await store.executeDelete(deletePlan(state, { minute: 50 }));
        return [decision === 'save' ? { kind: 'save', write: tick(state) } : { kind: 'reschedule', dueAt: at(500) }];
      });
      expect(page.outcomes, decision).toEqual(['conflict']);
      expect(await store.get(key('probe-a', 'e1'))).toBeNull();
    }
  });

  it('changed meanwhile: a reschedule is a conflict, and the new version keeps its own due instant', async () => {
    const { store, state } = await withDue();
    const moved = changeWrite(probeA, state, { type: 'move', at: at(50), dueMs: Date.parse(at(300)) });
    const page = await store.claimDue({ now }, async () => {
      await store.save(moved);
      return [{ kind: 'reschedule', dueAt: at(500) }];
    });
    expect(page.outcomes).toEqual(['conflict']);
    expect(await store.get(key('probe-a', 'e1'))).toMatchObject({ dueAt: at(300), state: { version: 2 } });
  });

  it('a failure that is not a conflict rejects the claim, and writes nothing', async () => {
    // A host's error, and a LifecycleError of another code than version_conflict or not_found.
    for (const failure of [new Error('disk full'), new LifecycleError('invalid_input', 'refused by the host')]) {
      let fail = false;
      const store = createMemoryStore({ beforeWrite: (step) => { if (fail && step === 'outbox') throw failure; } });
      const opened = openWrite(probeA, 'e1', { due: 10 });
      await store.save(opened);
      fail = true;
      await expect(store.claimDue({ now }, () => [{ kind: 'save', write: tick(opened.engagement.state as ProbeState) }])).rejects.toBe(failure);
      expect((await store.get(key('probe-a', 'e1')))?.state.version).toBe(1);
    }
  });
});

describe('which tenants have something due, for given lifecycles', () => {
  it('a tenant counts when an engagement of a wanted lifecycle is due, whatever else is due before or after it', async () => {
    const store = createMemoryStore();
    await store.tenant('t1').save(openWrite(probeA, 'a', { due: 10 }));
    await store.tenant('t1').save(openWrite(probeB, 'b', { due: 20 }));
    await store.tenant('t2').save(openWrite(probeA, 'a', { due: 10 }));
    await store.tenant('t2').save(openWrite(probeB, 'b', { due: 200 }));
    expect((await store.dueTenants({ now: at(50), lifecycles: ['probe-b'] })).items).toEqual(['t1']);
    expect((await store.dueTenants({ now: at(50) })).items).toEqual(['t1', 't2']);
    expect((await store.dueTenants({ now: at(15), lifecycles: ['probe-a', 'probe-b'] })).items).toEqual(['t1', 't2']);
  });
});
