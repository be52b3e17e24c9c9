import { describe, expect, it } from 'vitest';
import type { Effect } from '../../src/index.js';
import { createMemoryStore, deliver } from '../../src/store/index.js';
import { openWrite, probeA, probeB } from '../../src/testing/store-contract/probe.js';

describe('deliver', () => {
  it('sends every pending effect in commit order and marks it delivered', async () => {
    const store = createMemoryStore();
    for (const id of ['a', 'b', 'c']) await store.save(openWrite(probeA, id));
    const sent: string[] = [];
    expect(await deliver(store.outbox, (e) => void sent.push(e.id), { batchSize: 2 })).toEqual({ delivered: 6, failure: null });
    expect(sent).toEqual(['a', 'a', 'b', 'b', 'c', 'c'].map((id, i) => `probe-a:${id}:1:${i % 2 ? 'opened' : 'status_changed'}`));
    expect(await store.outbox.pending()).toEqual([]);
  });

  it('stops at a failed send, keeps it pending, and sends it again next time (at least once)', async () => {
    const store = createMemoryStore();
    for (const id of ['a', 'b']) await store.save(openWrite(probeA, id));
    let fail = true;
    const sent: string[] = [];
    const send = async (e: Effect) => {
      if (fail && e.id === 'probe-a:b:1:status_changed') throw new Error('webhook down');
      sent.push(e.id);
    };
    const first = await deliver(store.outbox, send);
    expect(first.delivered).toBe(2);
    expect(first.failure?.effect.id).toBe('probe-a:b:1:status_changed');
    fail = false;
    expect((await deliver(store.outbox, send)).delivered).toBe(2);
    expect(sent).toEqual(['probe-a:a:1:status_changed', 'probe-a:a:1:opened', 'probe-a:b:1:status_changed', 'probe-a:b:1:opened']);
  });

  it('refuses an invalid batch size', async () => {
    await expect(deliver(createMemoryStore().outbox, () => {}, { batchSize: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('deliver with named lifecycles', () => {
  it('sends the named lifecycles effects and stops, unsent, at an effect of another lifecycle', async () => {
    const store = createMemoryStore();
    await store.save(openWrite(probeA, 'a'));
    await store.save(openWrite(probeB, 'b'));
    const sent: string[] = [];
    const summary = await deliver(store.outbox, (e) => void sent.push(e.id), { lifecycles: [probeA] });
    expect(summary.delivered).toBe(2);
    expect(summary.failure?.effect.id).toBe('probe-b:b:1:status_changed');
    expect(summary.failure?.error).toMatchObject({ code: 'lifecycle_mismatch' });
    expect(sent).toEqual(['probe-a:a:1:status_changed', 'probe-a:a:1:opened']);
    expect((await store.outbox.pending()).map((p) => p.effect.id)).toEqual(['probe-b:b:1:status_changed', 'probe-b:b:1:opened']);
    expect((await deliver(store.outbox, () => {}, { lifecycles: [probeA, probeB] })).delivered).toBe(2);
  });

  it('refuses unknown option keys and an empty lifecycle list', async () => {
    const outbox = createMemoryStore().outbox;
    await expect(deliver(outbox, () => {}, { batchsize: 10 } as never)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(deliver(outbox, () => {}, { lifecycles: [] })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
