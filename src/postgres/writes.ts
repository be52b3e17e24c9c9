/**
 * Writing changes: a save in one statement (the state, its effects and its audit record), and a claimed page's
 * changes in one set-based statement whatever the page size, instead of round trips per table and per engagement.
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

async function currentVersion(q: Queryable, tenant: string, key: EngagementKey): Promise<number | null> {
  const { rows } = await q.query<Row>('SELECT version FROM el_engagements WHERE tenant = $1 AND lifecycle = $2 AND id = $3', [tenant, key.lifecycle, key.id]);
  return rows.length === 0 ? null : Number(rows[0]!.version);
}

// The effects and the audit record of one save, inserted only when the state was written (`EXISTS (SELECT 1 FROM
// row)`): data-modifying CTEs run together on one snapshot, so the statement writes all three or nothing.
const SAVE_TAIL = `, effects AS (
  INSERT INTO el_outbox (tenant, effect_id, lifecycle, engagement_id, effect)
  SELECT $1::text, e->>'id', e->>'lifecycle', e->>'engagementId', e FROM jsonb_array_elements($11::jsonb) WITH ORDINALITY AS t(e, n)
  WHERE EXISTS (SELECT 1 FROM row) ORDER BY n
), audit AS (
  INSERT INTO el_audit (tenant, lifecycle, engagement_id, version, from_status, to_status, event, actor, reason, at)
  SELECT $1::text, a->>'lifecycle', a->>'engagementId', (a->>'version')::integer, a->>'from', a->>'to', a->>'event', a->>'actor', a->>'reason', (a->>'at')::timestamptz
  FROM (SELECT $12::jsonb AS a) AS t WHERE EXISTS (SELECT 1 FROM row)
)`;

// A creation. The audit log outlives deletions: a creation under a key it knows would repeat old effect ids, so
// the row is inserted only when the log has never seen the key; a concurrent creation of the same key makes the
// INSERT wait for it and then do nothing.
const CREATE_SQL = `WITH known AS (
  SELECT EXISTS (SELECT 1 FROM el_audit WHERE tenant = $1::text AND lifecycle = $2::text AND engagement_id = $3::text) AS k
), row AS (
  INSERT INTO el_engagements (tenant, lifecycle, id, version, status, asset, active, due_at, part_hash, state)
  SELECT $1::text, $2::text, $3::text, $4::integer, $5::text, $6::text, $7::boolean, $8::timestamptz, $9::bigint, $10::jsonb FROM known WHERE NOT k
  ON CONFLICT (tenant, lifecycle, id) DO NOTHING RETURNING 1
)${SAVE_TAIL}
SELECT EXISTS (SELECT 1 FROM row) AS written, (SELECT k FROM known) AS known`;

// A change. The version check is in the UPDATE: under concurrent writers, the second waits for the first's row
// lock, then re-reads the row, finds another version, and updates nothing.
const UPDATE_SQL = `WITH row AS (
  UPDATE el_engagements SET version = $4::integer, status = $5::text, asset = $6::text, active = $7::boolean, due_at = $8::timestamptz,
    part_hash = $9::bigint, state = $10::jsonb
  WHERE tenant = $1::text AND lifecycle = $2::text AND id = $3::text AND version = $13::integer RETURNING 1
)${SAVE_TAIL}
SELECT EXISTS (SELECT 1 FROM row) AS written, false AS known`;

/**
 * Writes one change in one statement (one round trip, atomic by itself: no transaction is needed around it). A
 * refusal is returned, and nothing of the change was written; only then a second statement reads the version
 * that refused it, in a fresh snapshot (a concurrent writer's commit may be newer than the statement's).
 */
export async function commitWrite(q: Queryable, tenant: string, w: EngagementWrite): Promise<LifecycleError | null> {
  const e = w.engagement;
  const s = e.state;
  const key = { lifecycle: s.lifecycle, id: s.id };
  const values = [tenant, s.lifecycle, s.id, s.version, s.status, e.asset, e.active, e.dueAt, keyHash(key), JSON.stringify(s), JSON.stringify(w.effects), JSON.stringify(w.audit)];
  const creation = w.expectedVersion === null;
  const { rows } = await guardDuplicates(
    q.query<Row>(creation ? CREATE_SQL : UPDATE_SQL, creation ? values : [...values, w.expectedVersion]),
    w.effects[0]?.id ?? '',
  );
  if (rows[0]!.written === true) return null;
  const actual = await currentVersion(q, tenant, key);
  if (creation) return rows[0]!.known === true && actual === null ? reusedEngagementId(key) : versionConflict(key, null, actual ?? 0);
  return actual === null ? engagementNotFound(key) : versionConflict(key, w.expectedVersion, actual);
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
