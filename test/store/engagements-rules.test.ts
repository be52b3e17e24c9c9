/**
 * The engagements facade's rules (docs/storage.md): one set of lifecycles and settings for commands, sweeps and
 * reindexing (a caller cannot swap them per call); store refusals come back as results while I/O failures are
 * passed on; an id generator keeps the lifecycle's settings; what it reads is validated and frozen.
 */
import { describe, expect, it } from 'vitest';
import { LifecycleError, unwrap } from '../../src/index.js';
import { createEngagements, createMemoryStore, type EngagementStore } from '../../src/store/index.js';
import { at, ms, openWrite, probeA, probeB } from '../../src/testing/store-contract/probe.js';

const grace = { 'probe-a': { graceMs: 10 * 60_000 } };

/** A store whose `save` rejects with `error`; everything else is the memory store's. */
function failingSaves(error: unknown): EngagementStore {
  const store = createMemoryStore();
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'save') return () => Promise.reject(error);
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('one set of lifecycles and settings for every command', () => {
  it('a creation is indexed with the facade\'s settings, also when ids come from the generator', async () => {
    for (const newId of [undefined, () => 'gen-1']) {
      const store = createMemoryStore();
      const e = createEngagements(store, { lifecycles: [probeA], settings: grace, ...(newId ? { newId } : {}) });
      const r = unwrap(await e.create(probeA, { type: 'open', ...(newId ? {} : { id: 'gen-1' }), at: at(0), dueMs: ms(5) }));
      expect(r.state.id).toBe('gen-1');
      // Late at minute 5 plus 10 minutes of grace.
      expect((await store.get({ lifecycle: 'probe-a', id: 'gen-1' }))?.dueAt).toBe(at(15));
    }
  });

  it('the sweep uses the facade\'s lifecycles and settings, whatever the call passes', async () => {
    const store = createMemoryStore();
    await store.save(openWrite(probeA, 'a', { due: 0, settings: grace['probe-a'] }));
    await store.save(openWrite(probeB, 'b', { due: 0 }));
    const e = createEngagements(store, { lifecycles: [probeA], settings: grace });
    // At minute 5 the grace keeps 'a' Open; 'b' is not the facade's lifecycle.
    const early = await e.sweep({ now: at(5), lifecycles: [probeB], settings: {} } as never);
    expect(early).toMatchObject({ claimed: 0, changed: 0 });
    const late = await e.sweep({ now: at(10) });
    expect(late).toMatchObject({ claimed: 1, changed: 1 });
    expect((await store.get({ lifecycle: 'probe-b', id: 'b' }))?.state.status).toBe('Open');
  });

  it('reindex uses the facade\'s settings, with or without options', async () => {
    for (const options of [undefined, {}, { batchSize: 1 }]) {
      const store = createMemoryStore();
      await store.save(openWrite(probeA, 'a', { due: 0 }));
      const e = createEngagements(store, { lifecycles: [probeA], settings: grace });
      const summary = await e.reindex(options);
      expect(summary).toMatchObject({ examined: 1, rescheduled: 1 });
      expect((await store.get({ lifecycle: 'probe-a', id: 'a' }))?.dueAt).toBe(at(10));
    }
  });

  it('refuses sweep and reindex options that are not an object', async () => {
    const e = createEngagements(createMemoryStore(), { lifecycles: [probeA] });
    await expect(e.sweep(null as never)).rejects.toThrow(/^sweep options must be an object, got null$/);
    await expect(e.sweep('now' as never)).rejects.toThrow(/^sweep options must be an object, got "now"$/);
    await expect(e.reindex(5 as never)).rejects.toThrow(/^reindex options must be an object, got 5$/);
    // Left out entirely, the sweep's own check names the missing instant.
    await expect(e.sweep(undefined as never)).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/sweep options/) });
  });

  it('refuses a generator that is not a function, naming it', () => {
    expect(() => createEngagements(createMemoryStore(), { lifecycles: [probeA], newId: 'gen' as never })).toThrow(
      /^createEngagements: newId must be a function, got "gen"$/,
    );
  });

  it('refuses an id that is not a string, naming the command', async () => {
    const e = createEngagements(createMemoryStore(), { lifecycles: [probeA] });
    await expect(e.apply(probeA, 7 as never, { type: 'close', at: at(1) })).rejects.toThrow(/^apply expects an engagement id string, got 7$/);
  });
});

describe('store refusals and failures', () => {
  it('a store refusal (LifecycleError) comes back as a result; any other rejection is passed on', async () => {
    const refusal = new LifecycleError('version_conflict', 'taken', { details: { expectedVersion: null, actualVersion: 1 } });
    const refused = await createEngagements(failingSaves(refusal), { lifecycles: [probeA] }).create(probeA, { type: 'open', id: 'x', at: at(0) });
    expect(refused).toEqual({ ok: false, error: refusal });
    expect(Object.isFrozen(refused)).toBe(true);
    const io = new Error('connection reset');
    await expect(createEngagements(failingSaves(io), { lifecycles: [probeA] }).create(probeA, { type: 'open', id: 'x', at: at(0) })).rejects.toBe(io);
  });

  it('a refused event and an event that changes nothing never reach the store', async () => {
    const store = createMemoryStore();
    const setup = createEngagements(store, { lifecycles: [probeA] });
    unwrap(await setup.create(probeA, { type: 'open', id: 'x', at: at(0) }));
    unwrap(await setup.apply(probeA, 'x', { type: 'close', at: at(1) }));
    const io = new Error('must not be called');
    const proxy = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'save') return () => Promise.reject(io);
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const e = createEngagements(proxy, { lifecycles: [probeA] });
    const terminal = await e.apply(probeA, 'x', { type: 'edit', at: at(2), note: 'n' });
    expect(!terminal.ok && terminal.error.code).toBe('terminal_state');
    unwrap(await setup.create(probeA, { type: 'open', id: 'y', at: at(0) }));
    const same = unwrap(await e.apply(probeA, 'y', { type: 'tick', at: at(3) }));
    expect(same.changed).toBe(false);
  });
});

describe('reading', () => {
  it('returns null for a missing engagement, and the stored engagement, frozen and validated, otherwise', async () => {
    const store = createMemoryStore();
    const e = createEngagements(store, { lifecycles: [probeA] });
    expect(await e.get(probeA, 'none')).toBeNull();
    await store.save(openWrite(probeA, 'a', { due: 3, asset: 'host-1' }));
    const got = await e.get(probeA, 'a');
    expect(got).toMatchObject({ dueAt: at(3), asset: 'host-1', active: true, state: { id: 'a', status: 'Open', version: 1 } });
    expect(Object.isFrozen(got)).toBe(true);
    expect(Object.isFrozen(got!.state)).toBe(true);
  });
});
