/**
 * Question: what do the PostgreSQL store's claims, saves and deliveries cost on a real server and on PGlite, beside
 * the in-memory store? One run measures, on each: the sweep of 1% of 10^5 engagements (goal on the real server:
 * under 200 ms), saves per second with 1 and with 8 writers, and outbox deliveries per second.
 * Run: `EL_BENCH_DATABASE_URL=postgres://... npx tsx bench/postgres.ts` (the real server is left out without it;
 * tables go into a schema `el_bench`, dropped at the end).
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createPostgresStore, deliverOutbox, migrate, pgDatabase, pgliteDatabase, type SqlDatabase } from '../src/postgres/index.js';
import { createMemoryStore, deliver, keyHash, sweep, writeOf, type EngagementWrite, type TenantedStore } from '../src/store/index.js';
import { probeA } from '../src/testing/index.js';
import { median } from './harness.js';

const N = 100_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2030, 0, 1);
const ROUNDS = 4; // the first is a warm-up
const TENANT = 'bench';

/** Engagement i falls due at hour (i % 100) + 1: a sweep at hour r + 1 finds exactly 1% of them. */
function creation(i: number, prefix = 'e'): EngagementWrite {
  const r = probeA.create({ type: 'open', id: `${prefix}${String(i).padStart(6, '0')}`, at: new Date(T0), dueMs: T0 + ((i % 100) + 1) * HOUR });
  if (!r.ok) throw r.error;
  return writeOf(probeA, null, r);
}

async function bulkSeed(db: SqlDatabase): Promise<void> {
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
  await db.query('ANALYZE el_engagements');
}

interface Contender {
  readonly name: string;
  readonly store: TenantedStore;
  readonly seed: () => Promise<void>;
  readonly deliverAll: () => Promise<number>;
  readonly close: () => Promise<void>;
}

async function memory(): Promise<Contender> {
  const store = createMemoryStore();
  return {
    name: 'memory',
    store,
    seed: async () => {
      for (let i = 0; i < N; i++) await store.tenant(TENANT).save(creation(i));
    },
    deliverAll: async () => (await deliver(store.tenant(TENANT).outbox, () => undefined, { batchSize: 500 })).delivered,
    close: async () => undefined,
  };
}

async function sql(name: string, db: SqlDatabase, close: () => Promise<void>): Promise<Contender> {
  await migrate(db);
  return {
    name,
    store: createPostgresStore(db),
    seed: () => bulkSeed(db),
    deliverAll: async () => (await deliverOutbox(db, { tenant: TENANT, now: new Date(T0 + 1000 * HOUR), send: () => undefined, batchSize: 500 })).delivered,
    close,
  };
}

async function measure(c: Contender) {
  const t = performance.now();
  await c.seed();
  const seedMs = performance.now() - t;
  const tenant = c.store.tenant(TENANT);
  const sweeps: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const s0 = performance.now();
    const summary = await sweep(tenant, { lifecycles: [probeA], now: new Date(T0 + (r + 1) * HOUR), batchSize: 500 });
    if (summary.changed !== N / 100) throw new Error(`${c.name}: the sweep changed ${summary.changed}, not ${N / 100}`);
    if (r > 0) sweeps.push(performance.now() - s0);
  }
  const saves = async (writers: number, each: number, round: number) => {
    const s0 = performance.now();
    await Promise.all(Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < each; i++) await tenant.save(creation(i, `s${round}-${writers}-${w}-`));
    }));
    return (writers * each) / ((performance.now() - s0) / 1000);
  };
  const one = [await saves(1, 200, 0), await saves(1, 200, 1)];
  const eight = [await saves(8, 50, 0), await saves(8, 50, 1)];
  const d0 = performance.now();
  const delivered = await c.deliverAll();
  const deliveriesPerS = delivered / ((performance.now() - d0) / 1000);
  return { name: c.name, seedMs, sweepMs: median(sweeps), savesPerS1: median(one), savesPerS8: median(eight), delivered, deliveriesPerS };
}

const contenders: (() => Promise<Contender>)[] = [memory, async () => {
  const pglite = await PGlite.create();
  return sql('PGlite', pgliteDatabase(pglite), () => pglite.close());
}];
const url = process.env.EL_BENCH_DATABASE_URL;
if (url) {
  contenders.push(async () => {
    const admin = new pg.Pool({ connectionString: url, max: 1 });
    await admin.query('DROP SCHEMA IF EXISTS el_bench CASCADE');
    await admin.query('CREATE SCHEMA el_bench');
    const pool = new pg.Pool({ connectionString: url, options: '-c search_path=el_bench', max: 8 });
    return sql('PostgreSQL server', pgDatabase(pool), async () => {
      await pool.end();
      await admin.query('DROP SCHEMA el_bench CASCADE');
      await admin.end();
    });
  });
}

const results = [];
for (const make of contenders) {
  const c = await make();
  try {
    results.push(await measure(c));
  } finally {
    await c.close();
  }
}
const base = results[0]!;
const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
console.log(`Sweep of 1% of ${N} (${N / 100} changed, median of ${ROUNDS - 1}), saves/s, deliveries/s; ratio to the memory store in brackets`);
console.log('store              | seed ms | sweep ms         | saves/s, 1 writer | saves/s, 8 writers | deliveries/s');
for (const r of results) {
  console.log(
    `${r.name.padEnd(18)} | ${f(r.seedMs).padStart(7)} | ${`${f(r.sweepMs)} (${f(r.sweepMs / base.sweepMs)}x)`.padEnd(16)} | ${`${f(r.savesPerS1)} (${(r.savesPerS1 / base.savesPerS1).toFixed(3)})`.padEnd(17)} | ${`${f(r.savesPerS8)} (${(r.savesPerS8 / base.savesPerS8).toFixed(3)})`.padEnd(18)} | ${f(r.deliveriesPerS)} (${(r.deliveriesPerS / base.deliveriesPerS).toFixed(3)})`,
  );
}
