/**
 * The multi-tenant commands (`src/store/tenants.ts`), stated from their documentation: options and the settings
 * provider refused before the store is touched, each refusal naming what it refuses; a tenant whose settings are
 * invalid reported (the first 100) while the others are swept, any other failure passed on; every page of due
 * tenants swept; the summary complete only when every tenant's sweep was.
 */
import { describe, expect, it } from 'vitest';
import { LifecycleError, unwrap } from '../../src/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { createMemoryStore, createTenantEngagements, sweepTenants, type TenantSettings } from '../../src/store/index.js';
import { rejectedCode, rejectedMessage, thrownMessage } from '../fuzz/refusals.js';

const UTC = () => ({ plextrac: { timeZone: 'UTC' } });
const AFTER_START = '2026-03-10T00:00:00.000Z';

/** A memory store with one Scheduled PlexTrac engagement (due 2026-03-09 at UTC midnight) in each of `tenants`. */
async function scheduledIn(tenants: readonly string[], engagementsPerTenant = 1) {
  const store = createMemoryStore();
  const bound = createTenantEngagements(store, { lifecycles: [plextrac], settings: UTC });
  for (const tenant of tenants) {
    const e = await bound.tenant(tenant);
    for (let i = 0; i < engagementsPerTenant; i++) {
      const id = `eng-${i}`;
      unwrap(await e.create(plextrac, { type: 'request', id, at: '2026-03-01T00:00:00Z', clientId: tenant, name: 'Web', startDate: '2026-03-09' }));
      unwrap(await e.apply(plextrac, id, { type: 'approve', at: '2026-03-02T00:00:00Z', operators: ['alice'] }));
    }
  }
  return store;
}

describe('refused before the store is touched', () => {
  const untouchable = new Proxy({}, { get: () => { throw new Error('the store was touched'); } });

  it('options that are not an object, naming the command', async () => {
    expect(await rejectedMessage(() => sweepTenants(untouchable as never, null as never))).toBe('sweepTenants expects an options object');
    expect(await rejectedCode(() => sweepTenants(untouchable as never, null as never))).toBe('invalid_input');
    expect(thrownMessage(() => createTenantEngagements(untouchable as never, 'x' as never))).toBe('createTenantEngagements expects an options object');
  });

  it('options whose fields throw when read, naming the options', async () => {
    const unreadable = Object.defineProperty({}, 'lifecycles', { enumerable: true, get: () => { throw new Error('no'); } });
    expect(await rejectedMessage(() => sweepTenants(untouchable as never, unreadable as never))).toBe('Invalid input to sweepTenants options: reading it threw (Error: no)');
    expect(thrownMessage(() => createTenantEngagements(untouchable as never, unreadable as never))).toBe('Invalid input to createTenantEngagements options: reading it threw (Error: no)');
  });

  it('a store without tenants', async () => {
    expect(await rejectedMessage(() => sweepTenants({} as never, { lifecycles: [plextrac], settings: UTC, now: AFTER_START }))).toContain('a tenanted store');
    expect(thrownMessage(() => createTenantEngagements({} as never, { lifecycles: [plextrac], settings: UTC }))).toContain('a tenanted store');
  });

  it('a settings provider that is not a function, and an instant that is not one', async () => {
    const store = await scheduledIn(['acme']);
    const provider = { acme: {} } as unknown as TenantSettings;
    expect(await rejectedMessage(() => sweepTenants(store, { lifecycles: [plextrac], settings: provider, now: AFTER_START }))).toBe('settings must be a function of the tenant id');
    expect(thrownMessage(() => createTenantEngagements(store, { lifecycles: [plextrac], settings: provider }))).toBe('settings must be a function of the tenant id');
    const refusal = await rejectedMessage(() => sweepTenants(store, { lifecycles: [plextrac], settings: UTC, now: 'soon' as never }));
    expect(refusal).toMatch(/^Invalid now:\n/);
    // Nothing was swept.
    expect((await store.tenant('acme').get({ lifecycle: 'plextrac', id: 'eng-0' }))?.state.status).toBe('Scheduled');
  });
});

describe('sweeping every tenant', () => {
  it('every page of due tenants, one tenant per page: a complete summary without problems', async () => {
    const store = await scheduledIn(['a', 'b', 'c']);
    const summary = await sweepTenants(store, { lifecycles: [plextrac], settings: UTC, now: AFTER_START, tenantBatch: 1 });
    expect(summary).toMatchObject({ tenants: 3, changed: 3, complete: true, problems: [], tenantProblems: [] });
  });

  it('incomplete when any tenant\'s sweep stopped at its batch limit', async () => {
    const store = await scheduledIn(['a', 'b'], 2);
    const summary = await sweepTenants(store, { lifecycles: [plextrac], settings: UTC, now: AFTER_START, batchSize: 1, maxBatches: 1 });
    expect(summary.tenants).toBe(2);
    expect(summary.complete).toBe(false);
  });

  it('a tenant whose settings are refused is reported, the first 100 of them, and the others swept', async () => {
    const tenants = Array.from({ length: 102 }, (_, i) => `t${String(i).padStart(3, '0')}`);
    const store = await scheduledIn(tenants);
    const settings = (t: string) => (t === 't101' ? UTC() : { plextrac: { timeZone: 'Mars/Olympus' } });
    const summary = await sweepTenants(store, { lifecycles: [plextrac], settings, now: AFTER_START });
    expect(summary.tenants).toBe(1);
    expect(summary.changed).toBe(1);
    expect(summary.tenantProblems).toHaveLength(100);
    expect(summary.tenantProblems[0]!.tenant).toBe('t000');
    expect(summary.tenantProblems[0]!.error.code).toBe('invalid_input');
  });

  it('lists the engagements that failed with their tenant, the first 100 across tenants', async () => {
    const store = createMemoryStore();
    const state = unwrap(plextrac.create({ type: 'request', id: 'x', at: '2026-03-01T00:00:00Z', clientId: 'acme', name: 'Web', startDate: '2026-03-09' })).state;
    // States a lifecycle refuses (a status PlexTrac does not have), due before the sweep: each is a failure.
    for (const [tenant, count] of [['a', 60], ['b', 41]] as const) {
      for (let i = 0; i < count; i++) {
        const id = `e${String(i).padStart(3, '0')}`;
        await store.tenant(tenant).save({
          expectedVersion: null,
          engagement: { state: { ...state, id, status: 'Published' as 'Pending' }, dueAt: '2026-03-05T00:00:00.000Z', asset: 'acme', active: true },
          effects: [],
          audit: { lifecycle: 'plextrac', engagementId: id, version: 1, from: null, to: 'Published', event: 'request', actor: null, reason: null, at: '2026-03-01T00:00:00.000Z' },
        });
      }
    }
    const summary = await sweepTenants(store, { lifecycles: [plextrac], settings: UTC, now: AFTER_START });
    expect(summary.failed).toBe(101);
    expect(summary.problems).toHaveLength(100);
    expect(summary.problems[0]).toMatchObject({ tenant: 'a', lifecycle: 'plextrac', id: 'e000' });
    expect(summary.problems[0]!.error.code).toBe('invalid_input');
    expect(summary.problems.filter((p) => p.tenant === 'b')).toHaveLength(40);
  });

  it('passes on any other failure of a tenant: a provider\'s own error, or a refusal other than invalid_input', async () => {
    const store = await scheduledIn(['acme']);
    const thrower = () => {
      throw new Error('tenant table unreachable');
    };
    await expect(sweepTenants(store, { lifecycles: [plextrac], settings: thrower, now: AFTER_START })).rejects.toThrow('tenant table unreachable');
    const conflict = () => {
      throw new LifecycleError('not_found', 'no such tenant');
    };
    expect(await rejectedCode(() => sweepTenants(store, { lifecycles: [plextrac], settings: conflict, now: AFTER_START }))).toBe('not_found');
  });
});
