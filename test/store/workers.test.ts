/**
 * Workers that scale out, on the real server: 4 sweep worker processes share one database of 10^4 engagements
 * (half of them due), one is killed with SIGKILL mid-run, and a second run finishes the work. Every due
 * engagement changes exactly once, no effect id is twice in the outbox, and the audit log is complete.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { keyHash, writeOf } from '../../src/store/index.js';
import { migrate, pgDatabase } from '../../src/postgres/index.js';
import { probeA } from '../../src/testing/store/index.js';
import { freshSchema, requireServer } from './postgres-server.js';

const SCHEMA = 'el_workers';
const TENANT = 'scale';
const N = 10_000;
const NOW = '2030-01-01T02:00:00.000Z';
const worker = fileURLToPath(new URL('./sweep-worker.ts', import.meta.url));

/** Creates the engagements in bulk (one statement per table), as the store would have written them one by one. */
async function seed(pool: pg.Pool): Promise<void> {
  const writes = Array.from({ length: N }, (_, i) => {
    const created = probeA.create({ type: 'open', id: `e${String(i).padStart(5, '0')}`, at: '2030-01-01T00:00:00Z', dueMs: i % 2 === 0 ? Date.UTC(2030, 0, 1, 1) : Date.UTC(2030, 0, 2) });
    if (!created.ok) throw created.error;
    return writeOf(probeA, null, created);
  });
  const col = <T>(f: (w: (typeof writes)[number]) => T) => writes.map(f);
  await pool.query(
    `INSERT INTO el_engagements (tenant, lifecycle, id, version, status, asset, active, due_at, part_hash, state)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::integer[], $5::text[], $6::text[], $7::boolean[], $8::timestamptz[], $9::bigint[], $10::jsonb[])`,
    [
      TENANT,
      col((w) => w.engagement.state.lifecycle),
      col((w) => w.engagement.state.id),
      col((w) => w.engagement.state.version),
      col((w) => w.engagement.state.status),
      col((w) => w.engagement.asset),
      col((w) => w.engagement.active),
      col((w) => w.engagement.dueAt),
      col((w) => keyHash({ lifecycle: w.engagement.state.lifecycle, id: w.engagement.state.id })),
      col((w) => JSON.stringify(w.engagement.state)),
    ],
  );
  const effects = writes.flatMap((w) => w.effects);
  await pool.query(
    `INSERT INTO el_outbox (tenant, effect_id, lifecycle, engagement_id, effect) SELECT $1, e->>'id', e->>'lifecycle', e->>'engagementId', e FROM jsonb_array_elements($2::jsonb) AS t(e)`,
    [TENANT, JSON.stringify(effects)],
  );
  await pool.query(
    `INSERT INTO el_audit (tenant, lifecycle, engagement_id, version, from_status, to_status, event, at)
     SELECT $1, 'probe-a', id, 1, NULL, 'Open', 'open', '2030-01-01T00:00:00Z' FROM unnest($2::text[]) AS t(id)`,
    [TENANT, col((w) => w.engagement.state.id)],
  );
}

/** Starts a worker; resolves its exit once it ends. `lines` counts its batches. */
function start(args: string[]): { child: ChildProcess; batches: () => number; done: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, SCHEMA, TENANT, NOW, ...args], { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
  let batches = 0;
  child.stdout!.on('data', (chunk: Buffer) => (batches += chunk.toString().split('\n').filter((l) => l.startsWith('batch')).length));
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, batches: () => batches, done };
}

if (requireServer('workers that scale out')) {
  let pool: pg.Pool;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ pool, drop } = await freshSchema(SCHEMA, 2));
    await migrate(pgDatabase(pool));
    await seed(pool);
  }, 120_000);
  afterAll(async () => drop?.());

  it('4 worker processes, one killed with SIGKILL mid-run, then a second run: every due engagement changed exactly once', async () => {
    const workers = [0, 1, 2, 3].map((k) => start([String(k), '4']));
    const victim = workers[1]!;
    // Kill it once it is under way: after its first committed batch, while its next claim may be open.
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (victim.batches() >= 2) {
          clearInterval(poll);
          victim.child.kill('SIGKILL');
          resolve();
        } else if (victim.child.exitCode !== null || Date.now() - started > 240_000) {
          clearInterval(poll);
          reject(new Error('the worker to kill finished or never started'));
        }
      }, 5);
    });
    const codes = await Promise.all(workers.map((w) => w.done));
    expect(codes.filter((c) => c !== 0)).toHaveLength(1); // only the killed one
    const { rows: left } = await pool.query(`SELECT count(*)::int AS n FROM el_engagements WHERE tenant = $1 AND due_at <= $2`, [TENANT, NOW]);
    expect(left[0].n).toBeGreaterThan(0); // the killed worker's partition is not finished

    const second = start([]); // the second run: one unpartitioned worker
    expect(await second.done).toBe(0);

    const q = async (sql: string) => (await pool.query(sql, [TENANT])).rows[0];
    expect(await q(`SELECT count(*)::int AS n FROM el_engagements WHERE tenant = $1 AND status = 'Late' AND version = 2`)).toEqual({ n: N / 2 });
    expect(await q(`SELECT count(*)::int AS n FROM el_engagements WHERE tenant = $1 AND status = 'Open' AND version = 1`)).toEqual({ n: N / 2 });
    expect(await q(`SELECT count(*)::int AS n FROM el_audit WHERE tenant = $1 AND event = 'tick'`)).toEqual({ n: N / 2 });
    expect(await q(`SELECT count(*)::int AS n FROM (SELECT engagement_id FROM el_audit WHERE tenant = $1 AND event = 'tick' GROUP BY engagement_id HAVING count(*) > 1) d`)).toEqual({ n: 0 });
    // The audit log is complete: every engagement has one record per version.
    expect(
      await q(`SELECT count(*)::int AS n FROM el_engagements e WHERE tenant = $1 AND version <> (SELECT count(*) FROM el_audit a WHERE a.tenant = e.tenant AND a.engagement_id = e.id)`),
    ).toEqual({ n: 0 });
    expect(await q(`SELECT (count(*) - count(DISTINCT effect_id))::int AS n FROM el_outbox WHERE tenant = $1`)).toEqual({ n: 0 });
    expect(await q(`SELECT count(*)::int AS n FROM el_outbox WHERE tenant = $1 AND effect->>'type' = 'late_notice'`)).toEqual({ n: N / 2 });
  }, 600_000);
}
