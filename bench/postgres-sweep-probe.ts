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
import pg from 'pg';
import { createPostgresStore, deliverOutbox, migrate, pgDatabase } from 'engagement-lifecycle/postgres';
import { sweep } from 'engagement-lifecycle/store';
import { probeA } from 'engagement-lifecycle/testing/store';
import { HOUR, T0, TENANT, bulkSeed, cpuBetween, creation, localServerCpu } from './postgres.js';

const url = process.env.EL_BENCH_DATABASE_URL ?? process.env.EL_TEST_DATABASE_URL;
if (!url) throw new Error('set EL_BENCH_DATABASE_URL');

const admin = new pg.Pool({ connectionString: url, max: 1 });
if (process.env.STMTS) await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
await admin.query('DROP SCHEMA IF EXISTS el_probe CASCADE');
await admin.query('CREATE SCHEMA el_probe');
const pool = new pg.Pool({ connectionString: url, options: '-c search_path=el_probe', max: Number(process.env.POOLMAX ?? 8) });
const db = pgDatabase(pool);
await migrate(db);
if (process.env.FILLFACTOR) await db.query(`ALTER TABLE el_engagements SET (fillfactor = ${Number(process.env.FILLFACTOR)})`);
// Seeded as bench/postgres.ts seeds: engagement i falls due at hour (i % 100) + 1; saved ones long after.
await bulkSeed(db);
const store = createPostgresStore(db).tenant(TENANT);
// SWEEP_POOL=1: the sweeps run on a pool of their own (one connection), the saves on the pool of POOLMAX (8).
const sweepPool = process.env.SWEEP_POOL === '1' ? new pg.Pool({ connectionString: url, options: '-c search_path=el_probe', max: 1 }) : null;
const sweepStore = sweepPool ? createPostgresStore(pgDatabase(sweepPool)).tenant(TENANT) : store;

// The server's connection backends (the postmaster's children other than its own workers), as bench/postgres.ts reads them.
const { rows: [first] } = await admin.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
const serverCpu = localServerCpu(first!.pid);
if (!serverCpu) throw new Error('the server must run on this machine (its CPU time is read from /proc)');

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
  const s0 = serverCpu();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const wall0 = Date.now() / 1000;
  const summary = await sweep(sweepStore, { lifecycles: [probeA], now: new Date(T0 + h * HOUR) });
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const server = cpuBetween(s0, serverCpu()).backends;
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
