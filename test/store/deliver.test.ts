import { describe, expect, it } from 'vitest';
import type { Effect } from '../../src/index.js';
import { createMemoryStore, deliver } from '../../src/store/index.js';
import { openWrite, probeA } from '../../src/testing/store-contract/probe.js';

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
