/**
 * Question: what do the PostgreSQL store's claims, saves and deliveries cost on a real server and on PGlite, beside
 * the in-memory store? Over 10^5 engagements in each store: the sweep of 1% of them (goal on the real server: under
 * 200 ms), saves per second with 1 and with 8 writers, and outbox deliveries per second.
 *
 * The three stores are seeded once, warmed up with one round of everything, then measured in interleaved rounds
 * (each round runs every series on memory, PGlite and the server in turn), so that a neighbour's burst of load
 * hits all three alike; ratios to the memory store are paired round by round. Each series records wall time, this
 * process's CPU time and, when the server runs on this machine, the server's CPU time (its processes' run time from
 * /proc/<pid>/schedstat), because on a loaded machine wall time mostly measures the wait for a core.
 *
 * The server is found through `EL_BENCH_DATABASE_URL`, else `EL_TEST_DATABASE_URL` (which `.ci/postgres.sh` sets);
 * without either, or when it does not answer, the server's series are skipped and the report says why. Tables go
 * into a schema `el_bench`, dropped at the end.
 * Run alone (after `npm run build`): `EL_BENCH_DATABASE_URL=postgres://... TSX_TSCONFIG_PATH=tsconfig.bench.json node --expose-gc --import tsx bench/postgres.ts`; `npm run bench`
 * runs it too.
 */
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createPostgresStore, deliverOutbox, migrate, pgDatabase, pgliteDatabase, type SqlDatabase } from 'engagement-lifecycle/postgres';
import { createMemoryStore, deliver, keyHash, sweep, writeOf, type EngagementWrite, type TenantedStore } from 'engagement-lifecycle/store';
import { probeA } from 'engagement-lifecycle/testing/store';
import { formatSpread, loadLine, median, spread, verdict, type Spread } from './harness.js';

export const N = 100_000;
export const HOUR = 3_600_000;
export const T0 = Date.UTC(2030, 0, 1);
const ROUNDS = 5; // measured rounds, after one warm-up round
const SAVES = 100; // per round and series: 100 saves by 1 writer, 8 × 13 by 8 writers
export const TENANT = 'bench';
const GOAL_MS = 200;

/**
 * Seeded engagement i falls due at hour (i % 100) + 1: a sweep at hour h finds exactly the 1% due at h. Those the
 * save series create fall due long after the last sweep, so that every sweep changes the same number.
 */
export function creation(i: number, prefix = 'e'): EngagementWrite {
  const dueMs = prefix === 'e' ? T0 + ((i % 100) + 1) * HOUR : T0 + 10_000 * HOUR;
  const r = probeA.create({ type: 'open', id: `${prefix}${String(i).padStart(6, '0')}`, at: new Date(T0), dueMs });
  if (!r.ok) throw r.error;
  return writeOf(probeA, null, r);
}

/** Seeds a SQL store in pages of 10^4 rows (one statement each): the engagements a host would have created. */
export async function bulkSeed(db: SqlDatabase): Promise<void> {
  for (let start = 0; start < N; start += 10_000) {
    const writes = Array.from({ length: Math.min(10_000, N - start) }, (_, j) => creation(start + j));
    const col = <T>(f: (w: EngagementWrite) => T) => writes.map(f);
    await db.query(
      `INSERT INTO el_engagements (tenant, lifecycle, id, version, status, asset, active, due_at, part_hash, state)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::integer[], $5::text[], $6::text[], $7::boolean[], $8::timestamptz[], $9::bigint[], $10::jsonb[])`,
      [TENANT, col((w) => w.engagement.state.lifecycle), col((w) => w.engagement.state.id), col((w) => w.engagement.state.version), col((w) => w.engagement.state.status),
        col((w) => w.engagement.asset), col((w) => w.engagement.active), col((w) => w.engagement.dueAt),
        col((w) => keyHash({ lifecycle: 'probe-a', id: w.engagement.state.id })), col((w) => JSON.stringify(w.engagement.state))],
    );
  }
  // As autovacuum would have left a host's table: statistics, visibility map and hint bits set, so that the first
  // sweeps do not pay for the bulk load.
  await db.query('VACUUM ANALYZE el_engagements');
}

interface Store {
  readonly name: string;
  readonly store: TenantedStore;
  /**
   * The store the sweep series runs on. On the server: a pool of its own (one connection), as a sweep worker in its
   * own process has; a backend that has not yet run the page statement spends tens of ms of server CPU loading
   * its catalog caches, which the writers' connections would otherwise charge to whichever sweep draws them.
   */
  readonly sweeper: TenantedStore;
  /** Delivers every pending effect; returns how many. */
  readonly deliverAll: () => Promise<number>;
  /** A reading of the server's processes' CPU time (null: in-process, or not measurable from here). */
  readonly serverCpu: () => ServerCpu | null;
  readonly close: () => Promise<void>;
}

/** One measured call: wall, this process's CPU, the server's CPU (when known). */
interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly serverCpuMs: { readonly backends: number; readonly all: number } | null;
  readonly ops: number;
}

async function timed(s: Store, fn: () => Promise<number>): Promise<Sample> {
  (globalThis as { gc?: () => void }).gc?.();
  const server0 = s.serverCpu();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const ops = await fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const server1 = s.serverCpu();
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, serverCpuMs: server0 === null || server1 === null ? null : cpuBetween(server0, server1), ops };
}

/** Run time so far (ms) of each process of a server on this machine, by pid, and whether it serves a connection. */
export type ServerCpu = ReadonlyMap<string, { readonly ms: number; readonly backend: boolean }>;

// Process titles of the server's own workers; every other child serves a client connection.
const BACKGROUND = /postgres: (checkpointer|background writer|walwriter|autovacuum|logical replication|archiver|stats)/;

/**
 * The CPU time of a PostgreSQL server on this machine between two readings: the postmaster and its children, from
 * /proc. Processes that ended between the readings (an autovacuum worker) are left out; ones that started count in
 * full; so the difference never goes negative.
 */
export function localServerCpu(backendPid: number): (() => ServerCpu) | null {
  try {
    const stat = readFileSync(`/proc/${backendPid}/stat`, 'utf8');
    const postmaster = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const read = (): ServerCpu => {
      const children = readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
      const ran = new Map<string, { ms: number; backend: boolean }>();
      for (const pid of [String(postmaster), ...children]) {
        try {
          const ms = Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
          const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
          ran.set(pid, { ms, backend: pid !== String(postmaster) && !BACKGROUND.test(title) });
        } catch {
          // ended between the listing and the read
        }
      }
      return ran;
    };
    read();
    return read;
  } catch {
    return null; // not on this machine, or no /proc
  }
}

/** Server CPU ms between two readings: of the connections' backends, and of all its processes. */
export function cpuBetween(before: ServerCpu, after: ServerCpu): { backends: number; all: number } {
  let backends = 0;
  let all = 0;
  for (const [pid, t] of after) {
    const ms = t.ms - (before.get(pid)?.ms ?? 0);
    all += ms;
    if (t.backend) backends += ms;
  }
  return { backends, all };
}

async function memoryStore(): Promise<Store> {
  const store = createMemoryStore();
  for (let i = 0; i < N; i++) await store.tenant(TENANT).save(creation(i));
  return {
    name: 'memory',
    store,
    sweeper: store,
    deliverAll: async () => (await deliver(store.tenant(TENANT).outbox, () => undefined, { batchSize: 500 })).delivered,
    serverCpu: () => null,
    close: async () => undefined,
  };
}

async function sqlStore(name: string, db: SqlDatabase, serverCpu: () => ServerCpu | null, close: () => Promise<void>, sweepDb = db): Promise<Store> {
  await migrate(db);
  await bulkSeed(db);
  return {
    name,
    store: createPostgresStore(db),
    sweeper: createPostgresStore(sweepDb),
    deliverAll: async () => (await deliverOutbox(db, { tenant: TENANT, now: new Date(T0 + 1000 * HOUR), send: () => undefined, batchSize: 500 })).delivered,
    serverCpu,
    close,
  };
}

async function pgliteStore(): Promise<Store> {
  const pglite = await PGlite.create();
  // In-process: its CPU time is this process's.
  return sqlStore('PGlite', pgliteDatabase(pglite), () => null, () => pglite.close());
}

/** The server's URL and where it came from, or why there is none. */
export function serverUrl(env: NodeJS.ProcessEnv = process.env): { url: string; from: string } | { skipped: string } {
  if (env.EL_BENCH_DATABASE_URL) return { url: env.EL_BENCH_DATABASE_URL, from: 'EL_BENCH_DATABASE_URL' };
  if (env.EL_TEST_DATABASE_URL) return { url: env.EL_TEST_DATABASE_URL, from: 'EL_TEST_DATABASE_URL' };
  return { skipped: 'no PostgreSQL server: set EL_BENCH_DATABASE_URL (or EL_TEST_DATABASE_URL, as .ci/postgres.sh does)' };
}

async function serverStore(url: string): Promise<{ store: Store; version: string }> {
  const admin = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 5_000 });
  try {
    await admin.query('DROP SCHEMA IF EXISTS el_bench CASCADE');
    await admin.query('CREATE SCHEMA el_bench');
  } catch (error) {
    await admin.end();
    throw error;
  }
  const { rows } = await admin.query<{ pid: number; version: string }>('SELECT pg_backend_pid() AS pid, current_setting(\'server_version\') AS version');
  const cpu = localServerCpu(Number(rows[0]!.pid)) ?? (() => null);
  const pool = new pg.Pool({ connectionString: url, options: '-c search_path=el_bench', max: 8 });
  const sweepPool = new pg.Pool({ connectionString: url, options: '-c search_path=el_bench', max: 1 });
  const store = await sqlStore('PostgreSQL server', pgDatabase(pool), cpu, async () => {
    await pool.end();
    await sweepPool.end();
    await admin.query('DROP SCHEMA el_bench CASCADE');
    await admin.end();
  }, pgDatabase(sweepPool));
  return { store, version: rows[0]!.version };
}

const SERIES = ['sweep', 'saves1', 'saves8', 'deliveries'] as const;
type Series = (typeof SERIES)[number];

async function runSeries(s: Store, series: Series, round: number): Promise<Sample> {
  const tenant = s.store.tenant(TENANT);
  if (series === 'sweep') {
    return timed(s, async () => {
      const summary = await sweep(s.sweeper.tenant(TENANT), { lifecycles: [probeA], now: new Date(T0 + round * HOUR) });
      if (summary.changed !== N / 100) throw new Error(`${s.name}: the sweep changed ${summary.changed}, not ${N / 100}`);
      return summary.changed;
    });
  }
  if (series === 'deliveries') return timed(s, s.deliverAll);
  const writers = series === 'saves1' ? 1 : 8;
  const each = Math.ceil(SAVES / writers);
  return timed(s, async () => {
    await Promise.all(Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < each; i++) await tenant.save(creation(i, `s${round}-${writers}-${w}-`));
    }));
    return writers * each;
  });
}

/** One store's medians of a series, and its per-round ratio to the memory store's time per operation. */
export interface SeriesResult {
  readonly store: string;
  readonly series: Series;
  /**
   * Medians per round: wall ms, this process's CPU ms, the server's CPU ms, of the backends serving the
   * connections and of all its processes (autovacuum, WAL writer, checkpointer too); null: in-process or not
   * measurable.
   */
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly serverCpuMs: { readonly backends: number; readonly all: number } | null;
  /** Median operations per second of wall time. */
  readonly perSecond: number;
  /** Operations per round (engagements changed, saves, deliveries). */
  readonly ops: number;
  /** Time per operation against the memory store's, paired round by round (above 1: slower). */
  readonly vsMemory: Spread;
}

/** What `runPostgresBench` measured, or why the server was left out. */
export interface PostgresBench {
  readonly results: readonly SeriesResult[];
  readonly server: string;
  readonly loadBefore: string;
  readonly loadAfter: string;
}

/** Seeds the stores, warms up, runs the interleaved rounds. */
export async function runPostgresBench(): Promise<PostgresBench> {
  const loadBefore = loadLine();
  const found = serverUrl();
  const stores: Store[] = [await memoryStore(), await pgliteStore()];
  let server: string;
  if ('url' in found) {
    try {
      const { store, version } = await serverStore(found.url);
      stores.push(store);
      server = `PostgreSQL ${version} from ${found.from}${store.serverCpu() === null ? ' (not on this machine: its CPU time is not measured)' : ', on this machine'}`;
    } catch (error) {
      server = `skipped: the server at ${found.from} did not answer (${error instanceof Error ? error.message : String(error)})`;
    }
  } else server = `skipped: ${found.skipped}`;
  const samples = new Map<string, Sample[]>();
  try {
    for (let round = 0; round <= ROUNDS; round++) {
      for (const series of SERIES) {
        for (const s of stores) {
          const sample = await runSeries(s, series, round + 1);
          if (round > 0) samples.set(`${s.name}/${series}`, [...(samples.get(`${s.name}/${series}`) ?? []), sample]);
        }
      }
    }
  } finally {
    for (const s of stores) await s.close();
  }
  const results: SeriesResult[] = [];
  for (const series of SERIES) {
    const base = samples.get(`memory/${series}`)!;
    for (const s of stores) {
      const mine = samples.get(`${s.name}/${series}`)!;
      const per = (x: Sample, key: 'wallMs' | 'cpuMs') => x[key] / x.ops;
      const server = mine.map((x) => x.serverCpuMs);
      results.push({
        store: s.name,
        series,
        wallMs: median(mine.map((x) => x.wallMs)),
        cpuMs: median(mine.map((x) => x.cpuMs)),
        serverCpuMs: server.every((v) => v !== null)
          ? { backends: median(server.map((v) => v!.backends)), all: median(server.map((v) => v!.all)) }
          : null,
        perSecond: median(mine.map((x) => x.ops / (x.wallMs / 1000))),
        ops: median(mine.map((x) => x.ops)),
        vsMemory: spread(mine.map((x, i) => per(x, 'wallMs') / per(base[i]!, 'wallMs'))),
      });
    }
  }
  return { results, server, loadBefore, loadAfter: loadLine() };
}

/** The report's lines. */
export function reportPostgres(b: PostgresBench): string[] {
  const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  const lines = [
    `PostgreSQL store: sweep of 1% of ${N} (${N / 100} changed per run), saves with 1 and 8 writers, outbox deliveries; median of ${ROUNDS} interleaved rounds after a warm-up`,
    `server: ${b.server}`,
    'the sweep runs on a pool of its own (one connection, as a sweep worker process has); saves and deliveries share a pool of 8',
    `${b.loadBefore} (before seeding); ${b.loadAfter} (after)`,
    'series (ops per round)  | store              | sweep wall ms or ops/s | client CPU ms | server CPU ms: backends / all | time per op vs memory (min–max)',
  ];
  for (const r of b.results) {
    const value = r.series === 'sweep' ? `${f(r.wallMs)} ms` : `${f(r.perSecond)} /s`;
    lines.push(
      `${`${r.series} (${r.ops})`.padEnd(23)} | ${r.store.padEnd(18)} | ${value.padStart(22)} | ${f(r.cpuMs).padStart(13)} | ${(r.serverCpuMs === null ? (r.store === 'PostgreSQL server' ? 'n/a' : 'in-process') : `${f(r.serverCpuMs.backends)} / ${f(r.serverCpuMs.all)}`).padStart(28)} | ${formatSpread(r.vsMemory)}`,
    );
  }
  const real = b.results.find((r) => r.store === 'PostgreSQL server' && r.series === 'sweep');
  if (real) {
    lines.push(verdict(`sweep of 1% of ${N} on the server, wall`, `${f(real.wallMs)} ms`, `< ${GOAL_MS} ms`, real.wallMs < GOAL_MS));
    if (real.serverCpuMs !== null) {
      const cpu = real.cpuMs + real.serverCpuMs.backends;
      lines.push(verdict('same, CPU of client + the server\'s backends (the wall time on an idle machine, round trips and fsync aside)', `${f(cpu)} ms`, `< ${GOAL_MS} ms`, cpu < GOAL_MS));
    }
  }
  return lines;
}

if (process.argv[1]?.endsWith('postgres.ts')) {
  for (const line of reportPostgres(await runPostgresBench())) console.log(line);
}
