/**
 * The PostgreSQL adapter passes the store conformance suite on PGlite (PostgreSQL in WebAssembly, in-process).
 * One database for the file; every case starts from empty tables. Faults are injected in the driver: the k-th
 * statement inside a transaction throws, as a dropped connection would.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { keyHash, writeOf } from 'engagement-lifecycle/store';
import { probeA, registerStoreContract, writeFaults } from 'engagement-lifecycle/testing';
import { createPostgresStore, pgDatabase, pgliteDatabase, schemaSql, type SqlDatabase } from './index.js';

let pglite: PGlite;

beforeAll(async () => {
  pglite = await PGlite.create();
  await pglite.exec(schemaSql);
}, 60_000);

afterAll(async () => {
  await pglite?.close();
});

/** A database whose statements inside transactions pass through `hit` first (which throws when a fault is due). */
function withFaults(db: SqlDatabase, hit: () => void, seen?: string[]): SqlDatabase {
  return {
    query: (sql, params) => db.query(sql, params),
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          query: (sql, params) => {
            hit();
            seen?.push(sql);
            return tx.query(sql, params);
          },
        }),
      ),
  };
}

async function emptyTables(): Promise<void> {
  await pglite.exec('TRUNCATE el_engagements, el_outbox, el_audit, el_records RESTART IDENTITY');
}

describe('PostgreSQL store on PGlite: the conformance suite', () => {
  registerStoreContract(test, {
    create: async () => {
      await emptyTables();
      const faults = writeFaults();
      return { store: createPostgresStore(withFaults(pgliteDatabase(pglite), () => faults.hit())), faults };
    },
  });
});

describe('PostgreSQL store on PGlite: the SQL itself', () => {
  it('claims due rows with FOR UPDATE SKIP LOCKED, inside the transaction that commits their changes', async () => {
    await emptyTables();
    const seen: string[] = [];
    const store = createPostgresStore(withFaults(pgliteDatabase(pglite), () => {}, seen));
    await store.claimDue({ now: '2030-01-01T00:00:00Z' }, (items) => items.map(() => ({ kind: 'skip' as const })));
    expect(seen.some((sql) => /FOR UPDATE SKIP LOCKED/.test(sql) && /ORDER BY due_at, lifecycle, id/.test(sql))).toBe(true);
  });

  it('the due query reads through the partial due index', async () => {
    await emptyTables();
    await pglite.query('SET enable_seqscan = off');
    const plan = await pglite.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT lifecycle, id FROM el_engagements WHERE due_at IS NOT NULL AND due_at <= now() ORDER BY due_at, lifecycle, id LIMIT 10`,
    );
    await pglite.query('RESET enable_seqscan');
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('el_engagements_due');
  });

  it('stores the same partition hash the memory store uses, so workers of both agree', async () => {
    await emptyTables();
    const created = probeA.create({ type: 'open', id: 'h1', at: '2030-01-01T00:00:00Z' });
    if (!created.ok) throw created.error;
    await createPostgresStore(pgliteDatabase(pglite)).save(writeOf(probeA, null, created));
    const { rows } = await pglite.query<{ part_hash: number }>("SELECT part_hash FROM el_engagements WHERE id = 'h1'");
    expect(Number(rows[0]!.part_hash)).toBe(keyHash({ lifecycle: 'probe-a', id: 'h1' }));
  });
});

describe('PostgreSQL store on PGlite: the unique effect id backstop', () => {
  it('maps a unique violation in the outbox to invalid_input, and rolls the save back', async () => {
    await emptyTables();
    const created = probeA.create({ type: 'open', id: 'dup', at: '2030-01-01T00:00:00Z' });
    if (!created.ok) throw created.error;
    const write = writeOf(probeA, null, created);
    await pglite.query(`INSERT INTO el_outbox (effect_id, lifecycle, engagement_id, effect) VALUES ($1, 'probe-a', 'dup', '{}')`, [write.effects[1]!.id]);
    const store = createPostgresStore(pgliteDatabase(pglite));
    await expect(store.save(write)).rejects.toMatchObject({ code: 'invalid_input', details: { effectId: write.effects[1]!.id } });
    expect(await store.get({ lifecycle: 'probe-a', id: 'dup' })).toBeNull();
    expect(await store.audit.history({ lifecycle: 'probe-a', id: 'dup' })).toEqual([]);
  });
});

describe('pgDatabase (node-postgres glue)', () => {
  /** A fake pool recording what a client is asked to do. */
  function fakePool(fail?: string) {
    const log: string[] = [];
    const client = {
      query: async (sql: string) => {
        log.push(sql);
        if (sql === fail) throw new Error(`failed: ${sql}`);
        return { rows: [] };
      },
      release: () => log.push('release'),
    };
    return { log, pool: { query: async () => ({ rows: [] }), connect: async () => client } as never };
  }

  it('wraps work in BEGIN / COMMIT on one client and releases it', async () => {
    const { log, pool } = fakePool();
    const result = await pgDatabase(pool).transaction(async (tx) => {
      await tx.query('SELECT 1');
      return 42;
    });
    expect(result).toBe(42);
    expect(log).toEqual(['BEGIN', 'SELECT 1', 'COMMIT', 'release']);
  });

  it('rolls back and releases when the work throws, and passes the error on', async () => {
    const { log, pool } = fakePool('UPDATE x');
    await expect(pgDatabase(pool).transaction(async (tx) => tx.query('UPDATE x'))).rejects.toThrow('failed: UPDATE x');
    expect(log).toEqual(['BEGIN', 'UPDATE x', 'ROLLBACK', 'release']);
  });
});

// Opt-in: the suite against a real server, where concurrent writers and claims run on separate connections and
// meet real row locks. Point EL_TEST_DATABASE_URL at a scratch database; the tables go into schema el_contract.
const url = process.env.EL_TEST_DATABASE_URL;
if (!url) {
  // A skipped suite says why, in every reporter: vitest prints a file's console output beside its results.
  console.warn(
    'Skipping the PostgreSQL store suite on a real server: EL_TEST_DATABASE_URL is not set. ' +
      'Point it at a scratch database (for example postgres://postgres@127.0.0.1:5432/postgres) to run it.',
  );
}

describe.skipIf(!url)('PostgreSQL store on a real server (skipped unless EL_TEST_DATABASE_URL is set)', () => {
  let pool: pg.Pool;

  beforeAll(async () => {
    const admin = new pg.Pool({ connectionString: url });
    await admin.query('CREATE SCHEMA IF NOT EXISTS el_contract');
    await admin.end();
    pool = new pg.Pool({ connectionString: url, options: '-c search_path=el_contract', max: 8 });
    await pool.query(schemaSql);
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
  });

  registerStoreContract(test, {
    create: async () => {
      await pool.query('TRUNCATE el_engagements, el_outbox, el_audit, el_records RESTART IDENTITY');
      const faults = writeFaults();
      return { store: createPostgresStore(withFaults(pgDatabase(pool), () => faults.hit())), faults };
    },
  });
});
