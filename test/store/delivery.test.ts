/**
 * Delivering the outbox across processes: retries with backoff, dead letters, and leases that keep two deliverers
 * off the same effect. On PGlite, and on the real server where two deliverers run on separate connections.
 */
import { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Effect } from '../../src/index.js';
import { createPostgresStore, deadLetters, deliverOutbox, migrate, pgDatabase, pgliteDatabase, retryDeadLetter, type SqlDatabase } from '../../src/postgres/index.js';
import { openWrite, probeA } from '../../src/testing/store-contract/probe.js';
import { freshSchema, requireServer } from './postgres-server.js';

const T0 = Date.UTC(2030, 0, 1);
const at = (seconds: number) => new Date(T0 + seconds * 1000);

async function seed(db: SqlDatabase, tenant: string, n: number): Promise<string[]> {
  const store = createPostgresStore(db).tenant(tenant);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const w = openWrite(probeA, `e${i}`);
    await store.save(w);
    ids.push(...w.effects.map((e) => e.id));
  }
  return ids;
}

function cases(db: () => SqlDatabase, reset: () => Promise<void>) {
  it('a delivery that fails three times then succeeds is delivered once, after its backoffs, and recorded', async () => {
    await reset();
    const [first] = await seed(db(), 'acme', 1);
    const calls: { id: string; attempt: number }[] = [];
    let failures = 0;
    const send = (effect: Effect, { attempt }: { attempt: number }) => {
      calls.push({ id: effect.id, attempt });
      if (effect.id === first && failures < 3) {
        failures++;
        throw new Error(`webhook down (${failures})`);
      }
    };
    const run = (s: number) => deliverOutbox(db(), { tenant: 'acme', now: at(s), send, backoffMs: (n) => 1000 * 2 ** (n - 1) });
    expect(await run(0)).toMatchObject({ delivered: 1, retried: 1 }); // the second effect goes out; the first waits 1 s
    expect(await run(0.5)).toMatchObject({ delivered: 0, retried: 0 }); // still backing off
    expect(await run(1)).toMatchObject({ retried: 1 }); // attempt 2 fails: waits 2 s
    expect(await run(2.9)).toMatchObject({ delivered: 0, retried: 0 });
    expect(await run(3)).toMatchObject({ retried: 1 }); // attempt 3 fails: waits 4 s
    expect(await run(7)).toMatchObject({ delivered: 1, retried: 0 }); // attempt 4 succeeds
    expect(await run(100)).toEqual({ delivered: 0, retried: 0, dead: 0 });
    expect(calls.filter((c) => c.id === first).map((c) => c.attempt)).toEqual([1, 2, 3, 4]);
    const { rows } = await db().query<{ delivered: boolean; attempts: number; dead: boolean }>('SELECT delivered, attempts, dead FROM el_outbox WHERE effect_id = $1', [first]);
    expect(rows.map((r) => ({ ...r, attempts: Number(r.attempts) }))).toEqual([{ delivered: true, attempts: 4, dead: false }]);
    expect(await createPostgresStore(db()).tenant('acme').outbox.pending()).toEqual([]);
  });

  it('an effect that fails every attempt becomes a dead letter, and can be retried once fixed', async () => {
    await reset();
    const [first] = await seed(db(), 'acme', 1);
    const failing = (effect: Effect) => {
      if (effect.id === first) throw new Error('410 Gone');
    };
    for (let s = 0; s < 10; s++) await deliverOutbox(db(), { tenant: 'acme', now: at(s * 10), send: failing, maxAttempts: 3, backoffMs: () => 1000 });
    expect(await deadLetters(db(), 'acme')).toEqual([expect.objectContaining({ attempts: 3, lastError: '410 Gone', effect: expect.objectContaining({ id: first }) })]);
    expect(await retryDeadLetter(db(), 'acme', first!)).toBe(true);
    expect(await deliverOutbox(db(), { tenant: 'acme', now: at(200), send: () => undefined })).toMatchObject({ delivered: 1 });
    expect(await deadLetters(db(), 'acme')).toEqual([]);
  });

  it('serves one tenant unless told all, and a process that died mid-send is replaced when its lease runs out', async () => {
    await reset();
    const acme = await seed(db(), 'acme', 1);
    const globex = await seed(db(), 'globex', 1);
    const sent: string[] = [];
    await expect(deliverOutbox(db(), { now: at(0), send: () => undefined } as never)).rejects.toMatchObject({ code: 'invalid_input' });
    // A deliverer claims acme's effects and dies while sending: its send never returns, so no outcome is written.
    let claimed!: () => void;
    const claim = new Promise<void>((resolve) => (claimed = resolve));
    void deliverOutbox(db(), { tenant: 'acme', now: at(0), leaseMs: 30_000, send: () => (claimed(), new Promise(() => {})) });
    await claim;
    expect(await deliverOutbox(db(), { allTenants: true, now: at(10), send: (e, c) => void sent.push(`${c.tenant}:${e.id}`) })).toMatchObject({ delivered: globex.length });
    expect(await deliverOutbox(db(), { tenant: 'acme', now: at(30), send: (e, c) => void sent.push(`${c.tenant}:${e.id}`) })).toMatchObject({ delivered: acme.length });
    expect(sent.sort()).toEqual([...acme.map((id) => `acme:${id}`), ...globex.map((id) => `globex:${id}`)].sort());
  });
}

describe('outbox delivery on PGlite', () => {
  let pglite: PGlite;
  beforeAll(async () => {
    pglite = await PGlite.create();
    await migrate(pgliteDatabase(pglite));
  }, 120_000);
  afterAll(async () => pglite?.close());
  cases(() => pgliteDatabase(pglite), async () => void (await pglite.exec('TRUNCATE el_engagements, el_outbox, el_audit, el_records RESTART IDENTITY')));
});

if (requireServer('outbox delivery on a real server')) {
  describe('outbox delivery on a real server', () => {
    let pool: pg.Pool;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ pool, drop } = await freshSchema('el_delivery', 8));
      await migrate(pgDatabase(pool));
    }, 60_000);
    afterAll(async () => drop?.());
    const reset = async () => void (await pool.query('TRUNCATE el_engagements, el_outbox, el_audit, el_records RESTART IDENTITY'));
    cases(() => pgDatabase(pool), reset);

    it('four concurrent deliverers never send the same effect at the same moment, and together send each once', async () => {
      await reset();
      const ids = await seed(pgDatabase(pool), 'acme', 150);
      const inFlight = new Set<string>();
      const sent: string[] = [];
      let overlaps = 0;
      const send = async (effect: Effect) => {
        if (inFlight.has(effect.id)) overlaps++;
        inFlight.add(effect.id);
        await new Promise((r) => setTimeout(r, 1));
        inFlight.delete(effect.id);
        sent.push(effect.id);
      };
      const runs = await Promise.all([0, 1, 2, 3].map(() => deliverOutbox(pgDatabase(pool), { tenant: 'acme', now: at(0), send, batchSize: 10 })));
      expect(overlaps).toBe(0);
      expect(runs.reduce((n, r) => n + r.delivered, 0)).toBe(ids.length);
      expect(sent.sort()).toEqual([...ids].sort());
    }, 120_000);
  });
}
