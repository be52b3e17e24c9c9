/**
 * Reproducers of what the run of 10^5 calls per entry found in `/postgres` (issue #12, 2026-11-26 21:46 UTC),
 * on PGlite: each failed before its fix with the driver's error, a `TypeError` or the fuzzer's caller-trap error
 * instead of the typed `LifecycleError`.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLifecycleError } from 'engagement-lifecycle';
import { createPostgresStore, deadLetters, deliverOutbox, migrate, pgDatabase, pgliteDatabase, retryDeadLetter, type SqlDatabase } from 'engagement-lifecycle/postgres';
import { rejectedCode, revoked, trap } from './refusals.js';


describe('what the 10^5 run found in /postgres', () => {
  let pglite: PGlite;
  let db: SqlDatabase;
  beforeAll(async () => {
    pglite = await PGlite.create();
    db = pgliteDatabase(pglite);
    await migrate(db);
  });
  afterAll(async () => {
    await pglite.close();
  });

  it('a key with a NUL character, which PostgreSQL text cannot hold, is invalid_input with the driver error as cause', async () => {
    const store = createPostgresStore(db);
    let error: unknown;
    try {
      await store.get({ lifecycle: '\u0000', id: 'eng-1' });
    } catch (e) {
      error = e;
    }
    expect(isLifecycleError(error) && error.code).toBe('invalid_input');
    expect((error as Error).message).toMatch(/PostgreSQL cannot store a value/);
    expect(((error as Error).cause as { code?: string }).code).toBe('22021');
    // The store still answers afterwards: the refusal left nothing half-done.
    await expect(store.get({ lifecycle: 'plextrac', id: 'eng-1' })).resolves.toBeNull();
  });

  it('a database whose query resolves to no result is invalid_input, not a TypeError reading rows', async () => {
    const broken: SqlDatabase = { query: (async () => undefined) as never, transaction: (work) => db.transaction(work) };
    expect(await rejectedCode(() => deadLetters(broken, 'default'))).toBe('invalid_input');
    expect(await rejectedCode(() => retryDeadLetter(broken, 'default', 'plextrac:eng-1:1:status_changed'))).toBe('invalid_input');
    const noWork: SqlDatabase = { query: (sql, params) => db.query(sql, params), transaction: (async () => undefined) as never };
    const send = async () => undefined;
    expect(await rejectedCode(() => deliverOutbox(noWork, { tenant: 'default', now: '2026-03-01T09:00:00.000Z' as never, send }))).toBe('invalid_input');
  });

  it("pgDatabase reads its options under the guard (a trap escaped, a revoked Proxy's TypeError escaped)", () => {
    const pool = { query: async () => ({ rows: [] }), connect: async () => ({ query: async () => ({ rows: [] }), release() {} }) };
    for (const options of [trap(), revoked(), null, 7]) {
      let error: unknown;
      try {
        pgDatabase(pool, options as never);
      } catch (e) {
        error = e;
      }
      expect(isLifecycleError(error) && error.code).toBe('invalid_input');
    }
  });

  it('the rejections of a working driver that are not about a value are passed on as they are', async () => {
    const failing: SqlDatabase = {
      query: async () => {
        throw Object.assign(new Error('connection terminated'), { code: '08006' });
      },
      transaction: (work) => db.transaction(work),
    };
    expect(await rejectedCode(() => deadLetters(failing, 'default'))).toBe('Error: connection terminated');
  });
});
