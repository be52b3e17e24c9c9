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

/** A claimed engagement whose due instant moves without a change of state (at the version it was claimed at). */
export interface PageMove {
  readonly lifecycle: string;
  readonly id: string;
  readonly version: number;
  readonly dueAt: string | null;
}

/** What `commitPage` wrote: per write, whether it was saved; per move, whether it was made. */
export interface PageOutcome {
  readonly saved: readonly boolean[];
  readonly moved: readonly boolean[];
}

// One statement for a whole claimed page: the states, the moved due instants, the effects and the audit records
// of the saved states. Data-modifying CTEs see one snapshot and run together, so the effects and audit records join
// on what the UPDATE returned: those of a write refused by its version check are not inserted. Each part is one
// jsonb parameter (one JSON.stringify on our side, one parse on the server's, no per-value array escaping), and the
// outbox and audit rows are inserted in the order given (ORDER BY k), as `seq` records it.
const PAGE_SQL = `
WITH w AS (
  SELECT * FROM jsonb_to_recordset($2::jsonb) AS w(n integer, lifecycle text, id text, version integer, status text,
    asset text, active boolean, due_at timestamptz, part_hash bigint, state jsonb, expected integer)
), saved AS (
  UPDATE el_engagements e SET version = w.version, status = w.status, asset = w.asset, active = w.active,
    due_at = w.due_at, part_hash = w.part_hash, state = w.state
  FROM w WHERE e.tenant = $1 AND e.lifecycle = w.lifecycle AND e.id = w.id AND e.version = w.expected
  RETURNING w.n
), moved AS (
  UPDATE el_engagements e SET due_at = m.due_at
  FROM jsonb_to_recordset($3::jsonb) AS m(n integer, lifecycle text, id text, version integer, due_at timestamptz)
  WHERE e.tenant = $1 AND e.lifecycle = m.lifecycle AND e.id = m.id AND e.version = m.version
  RETURNING m.n
), effects AS (
  INSERT INTO el_outbox (tenant, effect_id, lifecycle, engagement_id, effect)
  SELECT $1, x->'e'->>'id', x->'e'->>'lifecycle', x->'e'->>'engagementId', x->'e'
  FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS t(x, k)
  WHERE (x->>'n')::integer IN (SELECT n FROM saved) ORDER BY k
), audit AS (
  INSERT INTO el_audit (tenant, lifecycle, engagement_id, version, from_status, to_status, event, actor, reason, at)
  SELECT $1, x->'a'->>'lifecycle', x->'a'->>'engagementId', (x->'a'->>'version')::integer, x->'a'->>'from', x->'a'->>'to',
    x->'a'->>'event', x->'a'->>'actor', x->'a'->>'reason', (x->'a'->>'at')::timestamptz
  FROM jsonb_array_elements($5::jsonb) WITH ORDINALITY AS t(x, k)
  WHERE (x->>'n')::integer IN (SELECT n FROM saved) ORDER BY k
)
SELECT 's' AS kind, n FROM saved UNION ALL SELECT 'm', n FROM moved`;

/**
 * Writes the changes of a claimed page in one statement (one round trip, whatever the page size). The rows are
 * locked by the claim, so the version check in the UPDATE only fails for a write computed from another version
 * than the claimed one; those come back as not saved and their effects and audit records are not written.
 * Creations cannot be claimed: they are not saved.
 */
export async function commitPage(tx: Queryable, tenant: string, writes: readonly EngagementWrite[], moves: readonly PageMove[] = []): Promise<PageOutcome> {
  const updates = writes.flatMap((w, n) => (w.expectedVersion === null ? [] : [{ w, n }]));
  if (updates.length === 0 && moves.length === 0) return { saved: writes.map(() => false), moved: [] };
  const rows = updates.map(({ w, n }) => {
    const e = w.engagement;
    const s = e.state;
    return {
      n, lifecycle: s.lifecycle, id: s.id, version: s.version, status: s.status, asset: e.asset, active: e.active, due_at: e.dueAt,
      part_hash: keyHash({ lifecycle: s.lifecycle, id: s.id }), state: s, expected: w.expectedVersion,
    };
  });
  const effects = updates.flatMap(({ w, n }) => w.effects.map((e) => ({ n, e })));
  const audit = updates.map(({ w, n }) => ({ n, a: w.audit }));
  const { rows: done } = await guardDuplicates(
    tx.query<Row>(PAGE_SQL, [
      tenant,
      JSON.stringify(rows),
      JSON.stringify(moves.map((m, n) => ({ n, lifecycle: m.lifecycle, id: m.id, version: m.version, due_at: m.dueAt }))),
      JSON.stringify(effects),
      JSON.stringify(audit),
    ]),
    effects[0]?.e.id ?? '',
  );
  const saved = new Set<number>();
  const moved = new Set<number>();
  for (const r of done) (r.kind === 's' ? saved : moved).add(Number(r.n));
  return { saved: writes.map((_, n) => saved.has(n)), moved: moves.map((_, n) => moved.has(n)) };
}
