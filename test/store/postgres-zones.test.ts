/**
 * The two-zone case of `tenants.test.ts` on the PostgreSQL store, on PGlite and on a real server: tenants in
 * Pacific/Kiritimati (UTC+14) and Pacific/Pago_Pago (UTC-11), a day and an hour apart, swept together through the
 * store's `dueTenants` (the SQL function `el_due_tenants`); each engagement changes at its own tenant's midnight.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore, migrate, pgDatabase, pgliteDatabase, type SqlDatabase } from '../../src/postgres/index.js';
import type { TenantedStore } from '../../src/store/index.js';
import { freshSchema, requireServer } from './postgres-server.js';
import { key, scheduledInBoth, zones } from './two-zones.js';

async function twoZones(db: SqlDatabase) {
  await db.query('TRUNCATE el_engagements, el_outbox, el_audit, el_records RESTART IDENTITY');
  return scheduledInBoth(createPostgresStore(db));
}

const statuses = async (store: TenantedStore) => Promise.all(Object.keys(zones).map(async (t) => (await store.tenant(t).get(key))?.state.status));

function zoneCases(database: () => SqlDatabase) {
  it('each engagement falls due at its own tenant\'s midnight and changes then, not a millisecond before', async () => {
    const { store, tenants } = await twoZones(database());
    expect((await store.tenant('kiritimati').get(key))?.dueAt).toBe('2026-03-08T10:00:00.000Z');
    expect((await store.tenant('pago').get(key))?.dueAt).toBe('2026-03-09T11:00:00.000Z');
    expect(await tenants.sweep({ now: '2026-03-08T09:59:59.999Z' })).toMatchObject({ tenants: 0, changed: 0 });
    expect(await tenants.sweep({ now: '2026-03-08T10:00:00.000Z' })).toMatchObject({ tenants: 1, changed: 1 });
    expect(await statuses(store)).toEqual(['In Progress', 'Scheduled']);
    expect(await tenants.sweep({ now: '2026-03-09T10:59:59.999Z' })).toMatchObject({ changed: 0 });
    expect(await tenants.sweep({ now: '2026-03-09T11:00:00.000Z' })).toMatchObject({ tenants: 1, changed: 1 });
    expect(await statuses(store)).toEqual(['In Progress', 'In Progress']);
  }, 60_000);
}

describe('Kiritimati and Pago_Pago on the PostgreSQL store, PGlite', () => {
  let pglite: PGlite;
  beforeAll(async () => {
    pglite = await PGlite.create();
    await migrate(pgliteDatabase(pglite));
  }, 120_000);
  afterAll(async () => pglite?.close());
  zoneCases(() => pgliteDatabase(pglite));
});

if (requireServer('Kiritimati and Pago_Pago on a real server')) {
  describe('Kiritimati and Pago_Pago on the PostgreSQL store, real server', () => {
    let db: SqlDatabase;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      const fresh = await freshSchema('el_zones', 2);
      drop = fresh.drop;
      db = pgDatabase(fresh.pool);
      await migrate(db);
    }, 60_000);
    afterAll(async () => drop?.());
    zoneCases(() => db);
  });
}
