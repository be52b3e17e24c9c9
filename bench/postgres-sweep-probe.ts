/**
 * Question: where does a sweep's time go on a real PostgreSQL server, and why did the sweep in `bench/postgres.ts`
 * use two to three times the server CPU that a sweep alone uses? Seeds 10^5 engagements as the bench does (schema
 * `el_probe`, dropped at the end), then runs sweeps of 1% each, and prints per sweep: wall time, this process's
 * CPU, the CPU of the server's connection backends (from /proc; the server must run on this machine) and, with
 * `STMTS=1`, pg_stat_statements' calls and execution time per statement (the extension must be preloaded:
 * `-c shared_preload_libraries=pg_stat_statements`).
 *
 * With `PAIRED=1`, every other sweep follows the bench's save series (100 creations by one writer, 8 × 13 by eight
 * writers, and a delivery of the outbox unless `NODELIVER=1`; then a pause of 2.5 s with `PAUSE_AFTER_SAVES=1`), the
 * others follow a pause of 2.5 s: paired, in one process, on the same tables, at the same load.
 *
 * `POOLMAX=1` runs everything on one connection; `SWEEP_POOL=1` gives the sweeps a pool of their own (one
 * connection) beside the saves' pool of 8. `FILLFACTOR=80` sets the fill factor of `el_engagements` before seeding.
 *
 * Run (after `npm run build`): `EL_BENCH_DATABASE_URL=postgres://... TSX_TSCONFIG_PATH=tsconfig.bench.json node --import tsx bench/postgres-sweep-probe.ts` (`SWEEPS=9`).
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { createPostgresStore, deliverOutbox, migrate, pgDatabase } from 'engagement-lifecycle/postgres';
import { keyHash, sweep, writeOf, type EngagementWrite } from 'engagement-lifecycle/store';
import { probeA } from 'engagement-lifecycle/testing/store';

const url = process.env.EL_BENCH_DATABASE_URL ?? process.env.EL_TEST_DATABASE_URL;
if (!url) throw new Error('set EL_BENCH_DATABASE_URL');
const N = 100_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2030, 0, 1);
const TENANT = 'bench';

/** As in bench/postgres.ts: seeded engagement i falls due at hour (i % 100) + 1; saved ones long after. */
function creation(i: number, prefix = 'e'): EngagementWrite {
  const dueMs = prefix === 'e' ? T0 + ((i % 100) + 1) * HOUR : T0 + 10_000 * HOUR;
  const r = probeA.create({ type: 'open', id: `${prefix}${String(i).padStart(6, '0')}`, at: new Date(T0), dueMs });
  if (!r.ok) throw r.error;
  return writeOf(probeA, null, r);
}

const admin = new pg.Pool({ connectionString: url, max: 1 });
if (process.env.STMTS) await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
await admin.query('DROP SCHEMA IF EXISTS el_probe CASCADE');
await admin.query('CREATE SCHEMA el_probe');
const pool = new pg.Pool({ connectionString: url, options: '-c search_path=el_probe', max: Number(process.env.POOLMAX ?? 8) });
const db = pgDatabase(pool);
await migrate(db);
if (process.env.FILLFACTOR) await db.query(`ALTER TABLE el_engagements SET (fillfactor = ${Number(process.env.FILLFACTOR)})`);
for (let start = 0; start < N; start += 10_000) {
  const writes = Array.from({ length: 10_000 }, (_, j) => creation(start + j));
  const col = <T>(f: (w: EngagementWrite) => T) => writes.map(f);
  await db.query(
    `INSERT INTO el_engagements (tenant, lifecycle, id, version, status, asset, active, due_at, part_hash, state)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::integer[], $5::text[], $6::text[], $7::boolean[], $8::timestamptz[], $9::bigint[], $10::jsonb[])`,
    [TENANT, col((w) => w.engagement.state.lifecycle), col((w) => w.engagement.state.id), col((w) => w.engagement.state.version), col((w) => w.engagement.state.status),
      col((w) => w.engagement.asset), col((w) => w.engagement.active), col((w) => w.engagement.dueAt),
      col((w) => keyHash({ lifecycle: 'probe-a', id: w.engagement.state.id })), col((w) => JSON.stringify(w.engagement.state))],
  );
}
await db.query('VACUUM ANALYZE el_engagements');
const store = createPostgresStore(db).tenant(TENANT);
// SWEEP_POOL=1: the sweeps run on a pool of their own (one connection), the saves on the pool of POOLMAX (8).
const sweepPool = process.env.SWEEP_POOL === '1' ? new pg.Pool({ connectionString: url, options: '-c search_path=el_probe', max: 1 }) : null;
const sweepStore = sweepPool ? createPostgresStore(pgDatabase(sweepPool)).tenant(TENANT) : store;

// The server's connection backends: the postmaster's children other than its own workers.
const { rows: [first] } = await admin.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
const stat = readFileSync(`/proc/${first!.pid}/stat`, 'utf8');
const postmaster = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
const backendsMs = () =>
  readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').trim().split(/\s+/).reduce((sum, p) => {
    try {
      if (/autovacuum|checkpointer|writer|stats|launcher/.test(readFileSync(`/proc/${p}/cmdline`, 'utf8'))) return sum;
      return sum + Number(readFileSync(`/proc/${p}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
    } catch {
      return sum; // ended between the listing and the read
    }
  }, 0);

const paired = process.env.PAIRED === '1';
for (let h = 1; h <= Number(process.env.SWEEPS ?? 9); h++) {
  const afterSaves = paired && h % 2 === 0;
  if (afterSaves) {
    for (let i = 0; i < 100; i++) await store.save(creation(i, `s${h}-1-`));
    await Promise.all(Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; i < 13; i++) await store.save(creation(i, `s${h}-8-${w}-`));
    }));
    if (process.env.NODELIVER !== '1') await deliverOutbox(db, { tenant: TENANT, now: new Date(T0 + 1000 * HOUR), send: () => undefined, batchSize: 500 });
    if (process.env.PAUSE_AFTER_SAVES === '1') await new Promise((r) => setTimeout(r, 2500));
  } else if (paired && h > 1) await new Promise((r) => setTimeout(r, 2500));
  if (process.env.STMTS) await admin.query('SELECT pg_stat_statements_reset()');
  const s0 = backendsMs();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const wall0 = Date.now() / 1000;
  const summary = await sweep(sweepStore, { lifecycles: [probeA], now: new Date(T0 + h * HOUR) });
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const server = backendsMs() - s0;
  console.log(`${process.env.TIMES ? `[${wall0.toFixed(3)}-${(Date.now() / 1000).toFixed(3)}] ` : ''}sweep ${h}${paired ? (afterSaves ? ' after saves' : ' after a pause') : ''}: changed ${summary.changed} in ${summary.batches} pages, wall ${wall.toFixed(0)} ms, client CPU ${((c.user + c.system) / 1000).toFixed(0)} ms, server backends CPU ${server.toFixed(0)} ms`);
  if (process.env.STMTS) {
    const { rows } = await admin.query(`SELECT calls, round(total_exec_time::numeric, 1) AS exec_ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 80) AS q
      FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 5`);
    for (const r of rows) console.log(`    ${r.calls} × ${r.exec_ms} ms  ${r.q}`);
  }
}
await pool.end();
await sweepPool?.end();
await admin.query('DROP SCHEMA el_probe CASCADE');
await admin.end();
