/**
 * Many tenants on PostgreSQL with the shipped entry: migrate, one store for every tenant, each tenant's settings
 * from the host's own tenant table, and a sweep that changes each tenant's engagements at its own midnight.
 */
import { plextrac } from 'engagement-lifecycle/plextrac';
import { createPostgresStore, migrate, type SqlDatabase } from 'engagement-lifecycle/postgres';
import { createTenantEngagements } from 'engagement-lifecycle/store';

/** The host's tenant table (here a map): each tenant's time zone. */
const tenantZones = new Map([
  ['kiritimati-labs', 'Pacific/Kiritimati'],
  ['pago-security', 'Pacific/Pago_Pago'],
]);

/** Sets up the store and returns the commands of every tenant. */
export async function setUp(db: SqlDatabase) {
  await migrate(db);
  const store = createPostgresStore(db);
  return createTenantEngagements(store, {
    lifecycles: [plextrac],
    settings: (tenant) => ({ plextrac: { timeZone: tenantZones.get(tenant) ?? 'UTC' } }),
  });
}
