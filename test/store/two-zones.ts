/**
 * The two-zone fixture of `tenants.test.ts` and `postgres-zones.test.ts`: tenants in Pacific/Kiritimati (UTC+14)
 * and Pacific/Pago_Pago (UTC-11), each with one PlexTrac engagement approved and Scheduled to start on 2026-03-09,
 * so that the two fall due a day and an hour apart.
 */
import { unwrap } from '../../src/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { createTenantEngagements, type TenantedStore } from '../../src/store/index.js';

export const zones: Readonly<Record<string, string>> = { kiritimati: 'Pacific/Kiritimati', pago: 'Pacific/Pago_Pago' };
export const settings = (tenant: string) => ({ plextrac: { timeZone: zones[tenant]! } });
export const key = { lifecycle: 'plextrac', id: 'eng-1' };

/** Creates and approves the engagement of each tenant in `store` (which must hold none yet). */
export async function scheduledInBoth<S extends TenantedStore>(store: S) {
  const tenants = createTenantEngagements(store, { lifecycles: [plextrac], settings });
  for (const tenant of Object.keys(zones)) {
    const e = await tenants.tenant(tenant);
    unwrap(await e.create(plextrac, { type: 'request', id: 'eng-1', at: '2026-03-01T00:00:00Z', clientId: tenant, name: 'Web', startDate: '2026-03-09' }));
    unwrap(await e.apply(plextrac, 'eng-1', { type: 'approve', at: '2026-03-02T00:00:00Z', operators: ['alice'] }));
  }
  return { store, tenants };
}
