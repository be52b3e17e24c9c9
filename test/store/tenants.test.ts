/**
 * Many tenants with their own settings over one store: each tenant's engagements change at its own midnight, and
 * the settings a provider gives are the ones every write and the sweep use.
 */
import { describe, expect, it } from 'vitest';
import { plextrac } from '../../src/plextrac/index.js';
import { createEngagements, createMemoryStore, createTenantEngagements, DEFAULT_TENANT, sweepTenants } from '../../src/store/index.js';
import { unwrap } from '../../src/index.js';
import { key, scheduledInBoth as scheduledIn, settings } from './two-zones.js';

const scheduledInBoth = () => scheduledIn(createMemoryStore());

const statusIn = async (store: ReturnType<typeof createMemoryStore>, tenant: string) => (await store.tenant(tenant).get(key))?.state.status;

describe('tenants in Pacific/Kiritimati (UTC+14) and Pacific/Pago_Pago (UTC-11), swept together', () => {
  it('due instants are each tenant\'s own midnight of the start date, a day and an hour apart', async () => {
    const { store } = await scheduledInBoth();
    expect((await store.tenant('kiritimati').get(key))?.dueAt).toBe('2026-03-08T10:00:00.000Z');
    expect((await store.tenant('pago').get(key))?.dueAt).toBe('2026-03-09T11:00:00.000Z');
  });

  it('each engagement changes at its own tenant\'s midnight, not a millisecond before', async () => {
    const { store, tenants } = await scheduledInBoth();
    const before = await tenants.sweep({ now: '2026-03-08T09:59:59.999Z' });
    expect(before).toMatchObject({ tenants: 0, changed: 0 });
    const kiritimati = await tenants.sweep({ now: '2026-03-08T10:00:00.000Z' });
    expect(kiritimati).toMatchObject({ tenants: 1, changed: 1 });
    expect([await statusIn(store, 'kiritimati'), await statusIn(store, 'pago')]).toEqual(['In Progress', 'Scheduled']);
    expect(await tenants.sweep({ now: '2026-03-09T10:59:59.999Z' })).toMatchObject({ changed: 0 });
    const pago = await sweepTenants(store, { lifecycles: [plextrac], settings, now: '2026-03-09T11:00:00.000Z' });
    expect(pago).toMatchObject({ tenants: 1, changed: 1 });
    expect([await statusIn(store, 'kiritimati'), await statusIn(store, 'pago')]).toEqual(['In Progress', 'In Progress']);
  });

  it('a tenant whose settings are invalid is reported and the others are still swept', async () => {
    const { store } = await scheduledInBoth();
    const broken = (tenant: string) => (tenant === 'pago' ? { plextrac: { timeZone: 'Mars/Olympus' } } : settings(tenant));
    const summary = await sweepTenants(store, { lifecycles: [plextrac], settings: broken, now: '2026-03-10T00:00:00Z' });
    expect(summary).toMatchObject({ tenants: 1, changed: 1 });
    expect(summary.tenantProblems).toEqual([expect.objectContaining({ tenant: 'pago', error: expect.objectContaining({ code: 'invalid_input' }) })]);
    expect(await statusIn(store, 'pago')).toBe('Scheduled');
  });

  it('refuses invalid options before touching the store', async () => {
    const { store } = await scheduledInBoth();
    await expect(sweepTenants(store, { lifecycles: [plextrac], settings, now: 'soon' as never })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(() => createTenantEngagements(store, { lifecycles: [plextrac], settings: {} as never })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});

describe('the default tenant', () => {
  it('is the store itself, named DEFAULT_TENANT ("default"): what single-tenant code saves is that tenant\'s', async () => {
    expect(DEFAULT_TENANT).toBe('default');
    const store = createMemoryStore();
    const created = unwrap(await createEngagements(store, { lifecycles: [plextrac] }).create(plextrac, { type: 'request', id: 'e1', at: '2026-03-01T00:00:00Z', clientId: 'c', name: 'n', startDate: '2026-03-09' }));
    expect((await store.tenant(DEFAULT_TENANT).get({ lifecycle: 'plextrac', id: 'e1' }))?.state).toEqual(created.state);
    expect(await store.tenant('other').get({ lifecycle: 'plextrac', id: 'e1' })).toBeNull();
  });
});
