/**
 * `typedStore` at run time: what its types promise is checked, not assumed. States come back validated (and frozen)
 * by their lifecycle, a tampered stored state is refused, and a state or effect of a lifecycle not named is refused
 * with `lifecycle_mismatch` instead of being handed out under the wrong type.
 */
import { describe, expect, it } from 'vitest';
import { defectdojo } from '../../src/defectdojo/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { createEngagements, createMemoryStore, typedStore } from '../../src/store/index.js';

const request = { type: 'request', id: 'eng-1', at: '2026-03-02T09:00:00Z', clientId: 'acme', name: 'Web app', startDate: '2026-04-01' } as const;
const ddCreate = { type: 'create', id: 'dd-1', at: '2026-03-02T09:00:00Z', productId: 7, targetStart: '2026-03-02', targetEnd: '2026-03-09' } as const;

async function storeWithBoth() {
  const store = createMemoryStore();
  const engagements = createEngagements(store, { lifecycles: [plextrac, defectdojo] });
  expect((await engagements.create(plextrac, request)).ok).toBe(true);
  expect((await engagements.create(defectdojo, ddCreate)).ok).toBe(true);
  return store;
}

describe('typedStore', () => {
  it('gives the stored states and the pending effects of the named lifecycles, validated and frozen', async () => {
    const store = await storeWithBoth();
    const typed = typedStore(store, { lifecycles: [plextrac, defectdojo] });
    const stored = await typed.get({ lifecycle: 'plextrac', id: 'eng-1' });
    expect(stored?.state.status).toBe('Pending');
    expect(Object.isFrozen(stored?.state)).toBe(true);
    expect(await typed.get({ lifecycle: 'plextrac', id: 'missing' })).toBeNull();
    const page = await typed.list();
    expect(page.items.map((item) => `${item.state.lifecycle}/${item.state.status}`)).toEqual(['defectdojo/Not Started', 'plextrac/Pending']);
    expect(Object.isFrozen(page)).toBe(true);
    const pending = await typed.outbox.pending();
    expect(pending.map((entry) => entry.effect.type)).toEqual(['status_changed', 'status_changed', 'engagement_added']);
    await typed.outbox.markDelivered(pending.map((entry) => entry.effect.id));
    expect(await store.outbox.pending()).toEqual([]);
  });

  it('refuses an engagement or an effect of a lifecycle not named with lifecycle_mismatch', async () => {
    const store = await storeWithBoth();
    const typed = typedStore(store, { lifecycles: [plextrac] });
    await expect(typed.get({ lifecycle: 'defectdojo', id: 'dd-1' })).rejects.toMatchObject({ code: 'lifecycle_mismatch' });
    await expect(typed.list()).rejects.toMatchObject({ code: 'lifecycle_mismatch', message: expect.stringContaining('defectdojo') });
    // Filtered to a named lifecycle, the page is fine.
    expect((await typed.list({ lifecycle: 'plextrac' })).items).toHaveLength(1);
    await expect(typed.outbox.pending()).rejects.toMatchObject({ code: 'lifecycle_mismatch', message: expect.stringContaining('defectdojo:dd-1') });
  });

  it('refuses a stored state its lifecycle does not accept', async () => {
    const store = createMemoryStore();
    const created = plextrac.create(request);
    if (!created.ok) throw created.error;
    const tampered = { ...created.state, status: 'Published' as 'Pending' };
    await store.save({
      expectedVersion: null,
      engagement: { state: tampered, dueAt: null, asset: 'acme', active: true },
      effects: [],
      audit: { lifecycle: 'plextrac', engagementId: 'eng-1', version: 1, from: null, to: 'Published', event: 'request', actor: null, reason: null, at: request.at },
    });
    await expect(typedStore(store, { lifecycles: [plextrac] }).get({ lifecycle: 'plextrac', id: 'eng-1' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('refuses a value that is not a store, and bad options, with invalid_input', () => {
    const store = createMemoryStore();
    expect(() => typedStore({} as never, { lifecycles: [plextrac] })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => typedStore(store, { lifecycles: [] })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => typedStore(store, { lifecycles: [plextrac], timeZone: 'UTC' } as never)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(Object.isFrozen(store)).toBe(false);
  });
});

describe('typedStore and hostile values', () => {
  it('a store or options whose reads throw is invalid_input, not the trap’s own error', () => {
    const trap = new Proxy({}, { get: () => { throw new Error('trap'); } });
    expect(() => typedStore(trap as never, { lifecycles: [plextrac] })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => typedStore(createMemoryStore(), trap as never)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});
