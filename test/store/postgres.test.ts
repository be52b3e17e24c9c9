/**
 * The PostgreSQL store passes the whole conformance suite on PGlite (in-process) and on a real server. Faults are
 * injected in the driver: the k-th statement throws, as a dropped connection would.
 */
import { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { createPostgresStore, migrate, MIGRATIONS, pgDatabase, pgliteDatabase, type SqlDatabase } from '../../src/postgres/index.js';
import { keyHash, writeOf } from '../../src/store/index.js';
import { probeA, registerStoreContract, writeFaults } from '../../src/testing/store/index.js';
import { freshSchema, requireServer } from './postgres-server.js';

/** A database whose statements pass through `hit` first (which throws when a fault is due). */
export function withFaults(db: SqlDatabase, hit: () => void, seen?: string[]): SqlDatabase {
  return {
    // A save is one statement outside any transaction: statements on their own pass through `hit` too.
    query: (sql, params) => {
      hit();
      seen?.push(sql);
      return db.query(sql, params);
    },
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          query: (sql, params) => {
            // set_config is the tenant scope of row-level security, not a write of the step.
            if (!sql.startsWith('SELECT set_config')) hit();
            seen?.push(sql);
            return tx.query(sql, params);
          },
        }),
      ),
  };
}

const TRUNCATE = 'TRUNCATE el_engagements, el_outbox, el_audit, el_records RESTART IDENTITY';

describe('PostgreSQL store on PGlite', () => {
  let pglite: PGlite;
  beforeAll(async () => {
    pglite = await PGlite.create();
    await migrate(pgliteDatabase(pglite));
  }, 120_000);
  afterAll(async () => pglite?.close());

  describe('the conformance suite', () => {
    registerStoreContract(test, {
      create: async () => {
        await pglite.exec(TRUNCATE);
        const faults = writeFaults();
        return { store: createPostgresStore(withFaults(pgliteDatabase(pglite), () => faults.hit())), faults };
      },
    });
  });

  it('migrate applies each migration once and says what it did', async () => {
    expect(await migrate(pgliteDatabase(pglite))).toEqual({ applied: [], version: MIGRATIONS.length });
    const fresh = await PGlite.create();
    try {
      expect(await migrate(pgliteDatabase(fresh))).toEqual({ applied: MIGRATIONS.map((m) => m.version), version: MIGRATIONS.length });
    } finally {
      await fresh.close();
    }
  }, 120_000);

  it('every table and index leads with the tenant', async () => {
    const { rows } = await pglite.query<{ indexname: string; indexdef: string }>(
      "SELECT indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'el\\_%' AND tablename <> 'el_migrations'",
    );
    const exceptions = new Set(['el_outbox_pkey', 'el_audit_pkey', 'el_outbox_deliverable', 'el_engagements_due_tenants']);
    for (const r of rows.filter((r) => !exceptions.has(r.indexname))) expect(r.indexdef, r.indexname).toMatch(/\(tenant, /);
    const { rows: columns } = await pglite.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.columns WHERE column_name = 'tenant' AND table_name LIKE 'el\\_%'",
    );
    expect(columns.map((c) => c.table_name).sort()).toEqual(['el_audit', 'el_engagements', 'el_outbox', 'el_records']);
  });

  it('a claimed page is written in one statement after its claim, whatever its size', async () => {
    await pglite.exec(TRUNCATE);
    const plain = createPostgresStore(pgliteDatabase(pglite));
    for (let i = 0; i < 40; i++) {
      const created = probeA.create({ type: 'open', id: `e${i}`, at: '2030-01-01T00:00:00Z', dueMs: Date.UTC(2030, 0, 1, 1) });
      if (!created.ok) throw created.error;
      await plain.save(writeOf(probeA, null, created));
    }
    const outboxBefore = Number((await pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM el_outbox')).rows[0]!.n);
    const seen: string[] = [];
    const store = createPostgresStore(withFaults(pgliteDatabase(pglite), () => {}, seen));
    const { sweep } = await import('../../src/store/index.js');
    const summary = await sweep(store, { lifecycles: [probeA], now: '2030-01-01T02:00:00Z', batchSize: 100 });
    expect(summary.changed).toBe(40);
    expect(seen.some((sql) => /FOR UPDATE SKIP LOCKED/.test(sql))).toBe(true);
    // The claim, then states, effects and audit records in one statement; 40 < 100, so no second page.
    expect(seen.length).toBe(2);
    const count = async (table: string) => Number((await pglite.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n);
    expect(await count('el_audit')).toBe(80); // 40 creations, 40 clock changes
    expect(await count('el_outbox')).toBe(outboxBefore + summary.effects);
    expect(summary.effects).toBeGreaterThan(0);
  });

  it('a save is one statement; only a refused one reads the version in a second', async () => {
    await pglite.exec(TRUNCATE);
    const seen: string[] = [];
    const store = createPostgresStore(withFaults(pgliteDatabase(pglite), () => {}, seen));
    const created = probeA.create({ type: 'open', id: 'one', at: '2030-01-01T00:00:00Z', dueMs: Date.UTC(2030, 0, 1, 1) });
    if (!created.ok) throw created.error;
    await store.save(writeOf(probeA, null, created));
    expect(seen).toHaveLength(1);
    const closed = probeA.apply(created.state, { type: 'close', at: '2030-01-01T00:30:00Z' });
    if (!closed.ok) throw closed.error;
    await store.save(writeOf(probeA, created.state, closed));
    expect(seen).toHaveLength(2);
    // The same change again, from the version it no longer has: refused, with the version that refused it.
    await expect(store.save(writeOf(probeA, created.state, closed))).rejects.toMatchObject({ code: 'version_conflict' });
    expect(seen).toHaveLength(4);
    expect((await store.audit.history({ lifecycle: 'probe-a', id: 'one' })).map((r) => r.version)).toEqual([1, 2]);
  });

  it('stores the same partition hash the memory store uses, so workers of both agree', async () => {
    await pglite.exec(TRUNCATE);
    const created = probeA.create({ type: 'open', id: 'h1', at: '2030-01-01T00:00:00Z' });
    if (!created.ok) throw created.error;
    await createPostgresStore(pgliteDatabase(pglite)).tenant('acme').save(writeOf(probeA, null, created));
    const { rows } = await pglite.query<{ part_hash: number; tenant: string }>("SELECT part_hash, tenant FROM el_engagements WHERE id = 'h1'");
    expect(rows.map((r) => [Number(r.part_hash), r.tenant])).toEqual([[keyHash({ lifecycle: 'probe-a', id: 'h1' }), 'acme']]);
  });

  it("migration 2 recomputes a version-1 database's part_hash (FNV-1a alone) as keyHash, for every kind of key", async () => {
    // A database left at version 1 by an earlier release, with rows whose part_hash is the old hash.
    const old = await PGlite.create();
    try {
      await old.exec('CREATE TABLE el_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const statement of MIGRATIONS[0]!.statements) await old.exec(statement);
      await old.query("INSERT INTO el_migrations (version, name) VALUES (1, 'tenanted store')");
      // FNV-1a over UTF-16 code units, written out here as version 1 stored it.
      const fnv = (text: string) => {
        let h = 0x811c9dc5;
        for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
        return h >>> 0;
      };
      const keys = [
        ...['', 'a', 'q', 'A', 'Q', 'eng-1', 'ENG-2026-99999', '0', '\u{1F600}', 'é', '\uffff'].map((id) => ({ lifecycle: 'plextrac', id })),
        ...Array.from({ length: 300 }, (_, i) => ({ lifecycle: i % 2 ? 'defectdojo' : 'review', id: `${(i * 2654435761) >>> 0}` })),
      ];
      for (const k of keys) {
        await old.query(
          "INSERT INTO el_engagements (tenant, lifecycle, id, version, status, active, part_hash, state) VALUES ('t', $1, $2, 1, 's', true, $3, '{}')",
          [k.lifecycle, k.id, fnv(`${k.lifecycle}\u0000${k.id}`)],
        );
      }
      expect(await migrate(pgliteDatabase(old))).toEqual({ applied: [2], version: 2 });
      const { rows } = await old.query<{ lifecycle: string; id: string; part_hash: number }>('SELECT lifecycle, id, part_hash FROM el_engagements');
      expect(rows).toHaveLength(keys.length);
      for (const r of rows) expect(Number(r.part_hash), `${r.lifecycle} ${r.id}`).toBe(keyHash({ lifecycle: r.lifecycle, id: r.id }));
      // The helper functions are gone again: keyHash is the one definition.
      expect((await old.query("SELECT proname FROM pg_proc WHERE proname LIKE 'el\\_%mix%' OR proname = 'el_mul32'")).rows).toEqual([]);
    } finally {
      await old.close();
    }
  }, 120_000);

  it('maps a unique violation in the outbox to invalid_input, and rolls the save back', async () => {
    await pglite.exec(TRUNCATE);
    const created = probeA.create({ type: 'open', id: 'dup', at: '2030-01-01T00:00:00Z' });
    if (!created.ok) throw created.error;
    const write = writeOf(probeA, null, created);
    await pglite.query(`INSERT INTO el_outbox (tenant, effect_id, lifecycle, engagement_id, effect) VALUES ('default', $1, 'probe-a', 'dup', '{}')`, [write.effects[1]!.id]);
    const store = createPostgresStore(pgliteDatabase(pglite));
    await expect(store.save(write)).rejects.toMatchObject({ code: 'invalid_input', details: { effectId: write.effects[1]!.id } });
    expect(await store.get({ lifecycle: 'probe-a', id: 'dup' })).toBeNull();
  });
});

describe('pgDatabase (node-postgres glue)', () => {
  function fakePool(fail?: string) {
    const log: string[] = [];
    const client = {
      query: async (sql: string) => {
        log.push(sql);
        if (sql === fail) throw new Error(`failed: ${sql}`);
        return { rows: [] };
      },
      release: (broken?: unknown) => log.push(broken ? 'release broken' : 'release'),
    };
    return { log, pool: { query: async () => ({ rows: [] }), connect: async () => client } };
  }

  it('wraps work in BEGIN / COMMIT on one client and releases it', async () => {
    const { log, pool } = fakePool();
    expect(await pgDatabase(pool).transaction(async (tx) => (await tx.query('SELECT 1'), 42))).toBe(42);
    expect(log).toEqual(['BEGIN', 'SELECT 1', 'COMMIT', 'release']);
  });

  it('runs statements with parameters as named prepared statements, one name per text, unless turned off', async () => {
    const sent: unknown[] = [];
    const client = { query: async (q: unknown) => (sent.push(q), { rows: [] }), release: () => undefined };
    const pool = { query: async (q: unknown) => (sent.push(q), { rows: [] }), connect: async () => client };
    const db = pgDatabase(pool);
    await db.query('SELECT $1::int', [1]);
    await db.transaction(async (tx) => tx.query('SELECT $1::int', [2]));
    await db.query('SELECT $1::text', ['x']);
    await pgDatabase(pool, { preparedStatements: false }).query('SELECT $1::int', [3]);
    const named = sent.filter((q): q is { name: string; text: string; values: unknown[] } => typeof q === 'object' && q !== null);
    expect(named.map((q) => [q.text, q.values])).toEqual([['SELECT $1::int', [1]], ['SELECT $1::int', [2]], ['SELECT $1::text', ['x']]]);
    expect(named[0]!.name).toBe(named[1]!.name);
    expect(named[2]!.name).not.toBe(named[0]!.name);
    expect(sent).toContain('SELECT $1::int'); // the unprepared one, as text with its parameters
    expect(sent).toContain('BEGIN'); // without parameters: plain text
  });

  it('rolls back and releases when the work throws, and passes the error on', async () => {
    const { log, pool } = fakePool('UPDATE x');
    await expect(pgDatabase(pool).transaction(async (tx) => tx.query('UPDATE x'))).rejects.toThrow('failed: UPDATE x');
    expect(log).toEqual(['BEGIN', 'UPDATE x', 'ROLLBACK', 'release']);
  });
});

if (requireServer('PostgreSQL store on a real server')) {
  describe('PostgreSQL store on a real server', () => {
    let pool: pg.Pool;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ pool, drop } = await freshSchema('el_contract'));
      await migrate(pgDatabase(pool));
    }, 60_000);
    afterAll(async () => drop?.());

    registerStoreContract(test, {
      create: async () => {
        await pool.query(TRUNCATE);
        const faults = writeFaults();
        return { store: createPostgresStore(withFaults(pgDatabase(pool), () => faults.hit())), faults };
      },
    });
  });

  describe('PostgreSQL store on a real server, with row-level security', () => {
    let owner: pg.Pool;
    let app: pg.Pool;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ pool: owner, drop } = await freshSchema('el_rls'));
      await migrate(pgDatabase(owner), { rowLevelSecurity: true });
      await owner.query("DO $$ BEGIN CREATE ROLE el_app NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
      await owner.query('GRANT USAGE ON SCHEMA el_rls TO el_app; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA el_rls TO el_app; GRANT USAGE ON ALL SEQUENCES IN SCHEMA el_rls TO el_app');
      const { default: pgModule } = await import('pg');
      app = new pgModule.Pool({ connectionString: process.env.EL_TEST_DATABASE_URL, options: '-c search_path=el_rls -c role=el_app', max: 4 });
    }, 60_000);
    afterAll(async () => {
      await app?.end();
      await drop?.();
    });

    registerStoreContract(test, {
      create: async () => {
        await owner.query(TRUNCATE);
        const faults = writeFaults();
        return { store: createPostgresStore(withFaults(pgDatabase(app), () => faults.hit()), { rowLevelSecurity: true }), faults };
      },
    });

    it('the database itself hides and refuses another tenant\'s rows', async () => {
      await owner.query(TRUNCATE);
      const created = probeA.create({ type: 'open', id: 'r1', at: '2030-01-01T00:00:00Z' });
      if (!created.ok) throw created.error;
      await createPostgresStore(pgDatabase(app), { rowLevelSecurity: true }).tenant('acme').save(writeOf(probeA, null, created));
      const client = await app.connect();
      try {
        await client.query('BEGIN');
        await client.query("SELECT set_config('el.tenant', 'globex', true)");
        expect((await client.query('SELECT * FROM el_engagements')).rows).toEqual([]);
        await expect(client.query("UPDATE el_engagements SET tenant = 'globex' RETURNING 1")).resolves.toMatchObject({ rows: [] });
        await expect(
          client.query(`INSERT INTO el_records (tenant, kind, id, data) VALUES ('acme', 'note', 'x', '{}')`),
        ).rejects.toThrow(/row-level security/);
        await client.query('ROLLBACK');
      } finally {
        client.release();
      }
    });
  });
}
