/**
 * Delivering the outbox from several processes: at least once, with retries, exponential backoff and a dead-letter
 * state, and never by two processes at the same moment. Claims live in the outbox table itself: a claim takes a
 * page of deliverable rows with `FOR UPDATE SKIP LOCKED` and leases them (`available_at = now + lease`) in one
 * short transaction; sending happens outside any transaction; the outcome is written in one statement per kind.
 * A process that dies mid-send loses nothing: its lease runs out and another process sends again.
 */
import * as z from 'zod';
import { caught, deepFreeze, describeValue, eager, fromZodError, instantMs, instantSchema, lazyObject, LifecycleError, type Effect, type Instant, type InstantInput } from '../core/index.js';
import { MAX_PAGE, parseTenant } from '../store/index.js';
import type { Row } from './rows.js';
import { requireDatabase, type SqlDatabase } from './sql.js';

/** Which tenants a delivery run serves: one, or every tenant when the host says so explicitly. */
export type DeliveryScope = { readonly tenant: string } | { readonly allTenants: true };

/** Options of `deliverOutbox`. */
export type DeliverOutboxOptions = DeliveryScope & {
  /** The instant of this run (the library reads no clock): leases and backoffs are counted from it. */
  readonly now: InstantInput;
  /**
   * Sends one effect; a rejection is a failed attempt. Must finish within `leaseMs`, or another process may send
   * the effect again meanwhile (still at least once, and consumers drop copies by `effect.id`).
   */
  readonly send: (effect: Effect, context: { readonly tenant: string; readonly attempt: number }) => unknown;
  /** How long a claim keeps other processes off an effect (default 60 s). */
  readonly leaseMs?: number | undefined;
  /** Attempts before an effect becomes a dead letter (default 8). */
  readonly maxAttempts?: number | undefined;
  /** Delay before retry n (1-based) (default 1 s × 2^(n−1), at most 1 h). */
  readonly backoffMs?: ((attempt: number) => number) | undefined;
  /** Effects claimed per page (default 50). */
  readonly batchSize?: number | undefined;
  /** Pages claimed at most in this run (default: until nothing deliverable is left at `now`). */
  readonly maxBatches?: number | undefined;
};

/** What a delivery run did. */
export interface DeliverOutboxSummary {
  readonly delivered: number;
  /** Failed attempts that will be retried after their backoff. */
  readonly retried: number;
  /** Effects that used their last attempt and are now dead letters. */
  readonly dead: number;
}

const optionsSchema = /* @__PURE__ */ lazyObject(() => z.object({
  now: eager(instantSchema),
  leaseMs: z.number().int().min(1).default(60_000),
  maxAttempts: z.number().int().min(1).default(8),
  batchSize: z.number().int().min(1).max(MAX_PAGE).default(50),
  maxBatches: z.number().int().min(1).optional(),
}));

const defaultBackoff = (attempt: number): number => Math.min(3_600_000, 1_000 * 2 ** (attempt - 1));
const after = (now: Instant, ms: number): string => new Date(instantMs(now) + ms).toISOString();

/**
 * Delivers the deliverable effects of one tenant (or of all, explicitly) at `now`, page by page.
 * @throws LifecycleError `invalid_input` for invalid options. The database's rejections are passed on; a page
 * whose outcome could not be written is sent again when its lease runs out.
 */
export async function deliverOutbox(db: SqlDatabase, input: DeliverOutboxOptions): Promise<DeliverOutboxSummary> {
  db = requireDatabase(db, 'deliverOutbox');
  if (input === null || typeof input !== 'object') throw new LifecycleError('invalid_input', `deliverOutbox expects options { tenant, now, send, ... }, got ${describeValue(input)}`);
  // Read once into a copy (a caller's getter or Proxy trap that throws is invalid_input), then checked.
  const options = caught('delivery options', () => ({ ...input })) as DeliverOutboxOptions;
  // zod formats its issues lazily, reading the values again: the refusal is built inside the guard.
  const parsed = caught('delivery options', () => {
    const result = optionsSchema.safeParse(options);
    if (!result.success) throw fromZodError('delivery options', result.error);
    return result;
  });
  const { now, leaseMs, maxAttempts, batchSize, maxBatches } = parsed.data;
  const tenant = 'tenant' in options ? parseTenant(options.tenant) : null;
  if (tenant === null && !('allTenants' in options && options.allTenants === true)) {
    throw new LifecycleError('invalid_input', 'Delivery serves one tenant ({ tenant }) or, explicitly, every tenant ({ allTenants: true })');
  }
  const send = options.send;
  if (typeof send !== 'function') throw new LifecycleError('invalid_input', 'Delivery needs a send function');
  const backoff = options.backoffMs ?? defaultBackoff;
  let delivered = 0;
  let retried = 0;
  let dead = 0;
  for (let batch = 0; maxBatches === undefined || batch < maxBatches; batch++) {
    const { rows } = await db.transaction((tx) =>
      tx.query<Row>(
        `UPDATE el_outbox o SET available_at = $2::timestamptz, attempts = o.attempts + 1
         WHERE o.seq IN (
           SELECT seq FROM el_outbox
           WHERE NOT delivered AND NOT dead AND (available_at IS NULL OR available_at <= $1::timestamptz) AND ($3::text IS NULL OR tenant = $3)
           ORDER BY seq LIMIT $4 FOR UPDATE SKIP LOCKED)
         RETURNING o.seq, o.tenant, o.effect, o.attempts`,
        [now, after(now, leaseMs), tenant, batchSize],
      ),
    );
    if (rows.length === 0) break;
    rows.sort((a, b) => Number(a.seq) - Number(b.seq));
    const ok: number[] = [];
    const failed: { seq: number; at: string | null; error: string }[] = [];
    for (const row of rows) {
      const attempt = Number(row.attempts);
      try {
        await send(row.effect as Effect, { tenant: String(row.tenant), attempt });
        ok.push(Number(row.seq));
      } catch (error) {
        const last = attempt >= maxAttempts;
        const delay = last ? 0 : backoff(attempt);
        if (!Number.isFinite(delay) || delay < 0) throw new LifecycleError('invalid_input', `backoffMs(${attempt}) returned ${delay}: expected a delay in ms`);
        failed.push({ seq: Number(row.seq), at: last ? null : after(now, delay), error: error instanceof Error ? error.message : String(error) });
      }
    }
    if (ok.length > 0) await db.query('UPDATE el_outbox SET delivered = true, last_error = NULL WHERE seq = ANY($1::bigint[])', [ok]);
    if (failed.length > 0) {
      await db.query(
        `UPDATE el_outbox o SET available_at = f.at, dead = f.at IS NULL, last_error = f.error
         FROM unnest($1::bigint[], $2::timestamptz[], $3::text[]) AS f(seq, at, error) WHERE o.seq = f.seq`,
        [failed.map((f) => f.seq), failed.map((f) => f.at), failed.map((f) => f.error)],
      );
    }
    delivered += ok.length;
    dead += failed.filter((f) => f.at === null).length;
    retried += failed.filter((f) => f.at !== null).length;
  }
  return Object.freeze({ delivered, retried, dead });
}

/** An effect that used its last attempt, with the error of that attempt. */
export interface DeadLetter {
  readonly tenant: string;
  readonly effect: Effect;
  readonly attempts: number;
  readonly lastError: string | null;
}

/** The dead letters of one tenant, oldest first (at most `limit`, default 100). */
export async function deadLetters(db: SqlDatabase, tenantInput: string, limit = 100): Promise<readonly DeadLetter[]> {
  db = requireDatabase(db, 'deadLetters');
  const tenant = parseTenant(tenantInput);
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new LifecycleError('invalid_input', `deadLetters: limit must be an integer from 1 to ${MAX_PAGE}, got ${describeValue(limit)}`);
  const { rows } = await db.query<Row>('SELECT tenant, effect, attempts, last_error FROM el_outbox WHERE tenant = $1 AND dead ORDER BY seq LIMIT $2', [tenant, limit]);
  return deepFreeze(rows.map((r) => ({ tenant: String(r.tenant), effect: r.effect as Effect, attempts: Number(r.attempts), lastError: (r.last_error as string | null) ?? null })));
}

/** Makes a dead letter deliverable again (after the cause was fixed): attempts start over. */
export async function retryDeadLetter(db: SqlDatabase, tenantInput: string, effectId: string): Promise<boolean> {
  db = requireDatabase(db, 'retryDeadLetter');
  const tenant = parseTenant(tenantInput);
  if (typeof effectId !== 'string' || effectId === '') throw new LifecycleError('invalid_input', 'retryDeadLetter needs an effect id');
  const { rows } = await db.query('UPDATE el_outbox SET dead = false, attempts = 0, available_at = NULL WHERE tenant = $1 AND effect_id = $2 AND dead RETURNING 1', [tenant, effectId]);
  return rows.length === 1;
}
