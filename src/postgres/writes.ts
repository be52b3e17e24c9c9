/**
 * Writing changes: one change at a time for `save`, and a claimed page's changes in a few set-based statements
 * (the states in one UPDATE, the effects in one INSERT, the audit records in one INSERT) instead of three round
 * trips per engagement.
 */
import type { Effect, LifecycleError } from '../core/index.js';
import {
  duplicateEffect,
  engagementNotFound,
  keyHash,
  reusedEngagementId,
  versionConflict,
  type AuditRecord,
  type EngagementKey,
  type EngagementWrite,
} from '../store/index.js';
import type { Row } from './rows.js';
import type { Queryable } from './sql.js';

/** The unique effect id is a backstop: the checks before (versions, no reused ids) make it unreachable. */
async function guardDuplicates<T>(statement: Promise<T>, fallbackId: string): Promise<T> {
  try {
    return await statement;
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505' && /effect_id/.test(String((error as { detail?: unknown }).detail))) {
      throw duplicateEffect(/effect_id\)=\([^,]*, (.*)\)/.exec(String((error as { detail?: unknown }).detail))?.[1] ?? fallbackId);
    }
    throw error;
  }
}

/** Inserts effects of several engagements in one statement, in the given order. */
export async function insertEffects(tx: Queryable, tenant: string, effects: readonly Effect[]): Promise<void> {
  if (effects.length === 0) return;
  await guardDuplicates(
    tx.query(
      `INSERT INTO el_outbox (tenant, effect_id, lifecycle, engagement_id, effect)
       SELECT $1, e->>'id', e->>'lifecycle', e->>'engagementId', e FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n`,
      [tenant, JSON.stringify(effects)],
    ),
    effects[0]!.id,
  );
}

/** Inserts audit records in one statement, in the given order. */
export async function insertAudit(tx: Queryable, tenant: string, records: readonly AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  await tx.query(
    `INSERT INTO el_audit (tenant, lifecycle, engagement_id, version, from_status, to_status, event, actor, reason, at)
     SELECT $1, a->>'lifecycle', a->>'engagementId', (a->>'version')::integer, a->>'from', a->>'to', a->>'event', a->>'actor', a->>'reason', (a->>'at')::timestamptz
     FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(a, n) ORDER BY n`,
    [tenant, JSON.stringify(records)],
  );
}

async function currentVersion(tx: Queryable, tenant: string, key: EngagementKey): Promise<number | null> {
  const { rows } = await tx.query<Row>('SELECT version FROM el_engagements WHERE tenant = $1 AND lifecycle = $2 AND id = $3', [tenant, key.lifecycle, key.id]);
  return rows.length === 0 ? null : Number(rows[0]!.version);
}

const rowValues = (w: EngagementWrite) => {
  const e = w.engagement;
  const s = e.state;
  return [s.lifecycle, s.id, s.version, s.status, e.asset, e.active, e.dueAt, keyHash({ lifecycle: s.lifecycle, id: s.id }), JSON.stringify(s)];
};

/** Writes one change inside `tx`; a refusal is returned (nothing of the change was written). */
export async function commitWrite(tx: Queryable, tenant: string, w: EngagementWrite): Promise<LifecycleError | null> {
  const s = w.engagement.state;
  const key = { lifecycle: s.lifecycle, id: s.id };
  if (w.expectedVersion === null) {
    // The audit log outlives deletions: a creation under a key it knows would repeat old effect ids.
    const { rows: known } = await tx.query('SELECT 1 FROM el_audit WHERE tenant = $1 AND lifecycle = $2 AND engagement_id = $3 LIMIT 1', [tenant, key.lifecycle, key.id]);
    if (known.length > 0 && (await currentVersion(tx, tenant, key)) === null) return reusedEngagementId(key);
    const { rows } = await tx.query(
      `INSERT INTO el_engagements (tenant, lifecycle, id, version, status, asset, active, due_at, part_hash, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9, $10::jsonb)
       ON CONFLICT (tenant, lifecycle, id) DO NOTHING RETURNING version`,
      [tenant, ...rowValues(w)],
    );
    if (rows.length === 0) return versionConflict(key, null, (await currentVersion(tx, tenant, key)) ?? 0);
  } else {
    // The version check is in the UPDATE: under concurrent writers, the second waits for the first's row lock,
    // then re-reads the row, finds another version, and updates nothing.
    const { rows } = await tx.query(
      `UPDATE el_engagements SET version = $4, status = $5, asset = $6, active = $7, due_at = $8::timestamptz, part_hash = $9, state = $10::jsonb
       WHERE tenant = $1 AND lifecycle = $2 AND id = $3 AND version = $11 RETURNING version`,
      [tenant, ...rowValues(w), w.expectedVersion],
    );
    if (rows.length === 0) {
      const actual = await currentVersion(tx, tenant, key);
      return actual === null ? engagementNotFound(key) : versionConflict(key, w.expectedVersion, actual);
    }
  }
  await insertEffects(tx, tenant, w.effects);
  await insertAudit(tx, tenant, [w.audit]);
  return null;
}

/**
 * Writes the changes of a claimed page in three statements. The rows are locked by the claim, so the version check
 * in the UPDATE only fails for a write computed from another version than the claimed one; those are returned as
 * conflicts and their effects and audit records are not written. Creations cannot be claimed: they conflict.
 */
export async function commitPage(tx: Queryable, tenant: string, writes: readonly EngagementWrite[]): Promise<readonly boolean[]> {
  const updates = writes.filter((w) => w.expectedVersion !== null);
  if (updates.length === 0) return writes.map(() => false);
  const columns = updates.map(rowValues);
  const col = (i: number) => columns.map((c) => c[i]);
  const { rows } = await tx.query<Row>(
    `UPDATE el_engagements e SET version = u.version, status = u.status, asset = u.asset, active = u.active, due_at = u.due_at,
       part_hash = u.part_hash, state = u.state
     FROM unnest($2::text[], $3::text[], $4::integer[], $5::text[], $6::text[], $7::boolean[], $8::timestamptz[], $9::bigint[], $10::jsonb[], $11::integer[])
       AS u(lifecycle, id, version, status, asset, active, due_at, part_hash, state, expected)
     WHERE e.tenant = $1 AND e.lifecycle = u.lifecycle AND e.id = u.id AND e.version = u.expected
     RETURNING e.lifecycle, e.id`,
    [tenant, ...[0, 1, 2, 3, 4, 5, 6, 7, 8].map(col), updates.map((w) => w.expectedVersion)],
  );
  const done = new Set(rows.map((r) => `${String(r.lifecycle)}\u0000${String(r.id)}`));
  const saved = writes.map((w) => w.expectedVersion !== null && done.has(`${w.engagement.state.lifecycle}\u0000${w.engagement.state.id}`));
  const committed = writes.filter((_, i) => saved[i]);
  await insertEffects(tx, tenant, committed.flatMap((w) => w.effects));
  await insertAudit(tx, tenant, committed.map((w) => w.audit));
  return saved;
}
