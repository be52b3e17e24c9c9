/**
 * Delivery's checks and page walk (`src/store/deliver.ts`), stated from its documentation: the outbox and `send`
 * refused before anything is read, each option refusal in words; pages read after the last sequence sent, `limit`
 * the batch size; a `send` that returns normally counts as sent, whatever it returns; a failure's error is what
 * `send` threw, and an effect of a lifecycle not named is refused naming the lifecycles that were.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore, deliver, type Outbox } from '../../src/store/index.js';
import { openWrite, probeA, probeB } from '../../src/testing/store-contract/probe.js';
import { rejectedCode, rejectedMessage, trap } from '../fuzz/refusals.js';

/** The message of the refusal (`invalid_input`) `deliver` rejected with. */
async function rejection(promise: Promise<unknown>): Promise<string> {
  expect(await rejectedCode(() => promise)).toBe('invalid_input');
  return rejectedMessage(() => promise);
}

describe('what deliver refuses', () => {
  const outbox = createMemoryStore().outbox;

  it('an outbox without its two methods, naming what was expected', async () => {
    expect(await rejection(deliver(null as never, () => {}))).toBe('Expected an outbox (a store, or { pending, markDelivered }), got null');
    expect(await rejection(deliver({ pending: async () => [] } as never, () => {}))).toBe(
      'Expected an outbox (a store, or { pending, markDelivered }): its "markDelivered" is not a function',
    );
  });

  it('a send that is not a function', async () => {
    expect(await rejection(deliver(outbox, 'post' as never))).toBe('deliver expects send to be a function');
  });

  it('options it does not know, out of range, or lifecycles that are none', async () => {
    expect(await rejection(deliver(outbox, () => {}, { batchSize: 0 }))).toMatch(/^Invalid deliver options:\n/);
    expect(await rejection(deliver(outbox, () => {}, { lifecycles: [] }))).toContain('name at least one lifecycle, or leave "lifecycles" out');
    for (const lifecycle of [null, 'probe-a', {}, { id: 3 }, Object.assign(() => {}, { id: 'probe-a' })]) {
      expect(await rejection(deliver(outbox, () => {}, { lifecycles: [lifecycle] as never }))).toContain('expected a lifecycle');
    }
  });
  it('options whose reading throws, naming the options', async () => {
    expect(await rejection(deliver(outbox, () => {}, trap() as never))).toBe('Invalid input to deliver options: reading it threw (Error: trap)');
  });
});

describe('the walk', () => {
  it('reads each page after the last sequence sent, with the batch size as its limit', async () => {
    const store = createMemoryStore();
    for (const id of ['a', 'b']) await store.save(openWrite(probeA, id));
    const asked: unknown[] = [];
    const outbox: Outbox = {
      pending: (options) => {
        asked.push({ ...options });
        return store.outbox.pending(options);
      },
      markDelivered: (ids) => store.outbox.markDelivered(ids),
    };
    const entries = await store.outbox.pending();
    expect((await deliver(outbox, () => 'ignored', { batchSize: 3 })).delivered).toBe(4);
    expect(asked).toEqual([
      { after: 0, limit: 3 },
      { after: entries[2]!.sequence, limit: 3 },
      { after: entries[3]!.sequence, limit: 3 },
    ]);
  });

  it('a failure carries what send threw, and the effects sent before it are marked', async () => {
    const store = createMemoryStore();
    await store.save(openWrite(probeA, 'a'));
    const thrown = new Error('webhook down');
    const summary = await deliver(store.outbox, (e) => {
      if (e.type === 'opened') throw thrown;
    });
    expect(summary.delivered).toBe(1);
    expect(summary.failure?.error).toBe(thrown);
    expect(Object.isFrozen(summary.failure)).toBe(true);
    expect((await store.outbox.pending()).map((p) => p.effect.type)).toEqual(['opened']);
  });

  it('an effect of another lifecycle is refused naming the lifecycles named', async () => {
    const store = createMemoryStore();
    await store.save(openWrite(probeB, 'b'));
    const summary = await deliver(store.outbox, () => {}, { lifecycles: [probeA, { ...probeA, id: 'probe-c' }] as never });
    expect((summary.failure?.error as Error).message).toBe(
      'Effect "probe-b:b:1:status_changed" is of lifecycle "probe-b", not among those named for delivery (probe-a, probe-c)',
    );
  });
});
