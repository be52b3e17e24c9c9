/**
 * An `EngagementStore` on PostgreSQL. Every write is one transaction: the engagement row (checked against the
 * expected version in the UPDATE itself), its effects into the outbox, its audit record. The due query claims rows
 * with `FOR UPDATE SKIP LOCKED`, so several sweep workers on one database take different engagements and hold them
 * until their page is committed.
 */
import { instant, type DeletePlan, type Effect, type InstantInput, type LifecycleError } from 'engagement-lifecycle';
import {
  checkDecide,
  duplicateEffect,
  engagementNotFound,
  keyHash,
  parseDecisions,
  parseDeletePlan,
  parseDueAt,
  parseDueQuery,
  parseEffectIds,
  parseKey,
  parseListQuery,
  parsePendingOptions,
  parseRecord,
  parseRecordRef,
  parseVersion,
  parseWrite,
  reusedEngagementId,
  versionConflict,
  type AuditRecord,
  type ClaimedPage,
  type DecideDue,
  type DueCursor,
  type DueOutcome,
  type DueQuery,
  type EngagementKey,
  type EngagementStore,
  type EngagementWrite,
  type ParsedDueQuery,
  type RelatedRecord,
  type StoredEngagement,
} from 'engagement-lifecycle/store';
import type { Queryable, SqlDatabase } from './sql.js';

type Row = Record<string, unknown>;

/** Builds `$n` placeholders as values are added, for queries whose filters are optional. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const ENGAGEMENT_COLUMNS = 'lifecycle, id, asset, active, due_at, state';

// pg returns timestamptz as Date and bigint as string; PGlite returns Date and number. Both are handled.
function stored(row: Row): StoredEngagement {
  return {
    state: row.state as StoredEngagement['state'],
    dueAt: row.due_at === null ? null : instant(row.due_at as Date | string),
    asset: row.asset as string | null,
    active: row.active as boolean,
  };
}

function auditRecord(row: Row): AuditRecord {
  return {
    lifecycle: row.lifecycle as string,
    engagementId: row.engagement_id as string,
    version: Number(row.version),
    from: row.from_status as string | null,
    to: row.to_status as string | null,
    event: row.event as string,
    actor: row.actor as string | null,
    reason: row.reason as string | null,
    at: instant(row.at as Date | string),
  };
}

function relatedRecord(row: Row): RelatedRecord {
  return {
    kind: row.kind as string,
    id: row.id as string,
    engagement: row.engagement_id === null ? null : { lifecycle: row.lifecycle as string, id: row.engagement_id as string },
    parent: row.parent_kind === null ? null : { kind: row.parent_kind as string, id: row.parent_id as string },
    data: row.data,
  };
}

async function currentVersion(tx: Queryable, key: EngagementKey): Promise<number | null> {
  const { rows } = await tx.query<Row>('SELECT version FROM el_engagements WHERE lifecycle = $1 AND id = $2', [key.lifecycle, key.id]);
  return rows.length === 0 ? null : Number(rows[0]!.version);
}

async function insertEffects(tx: Queryable, key: EngagementKey, effects: readonly Effect[]): Promise<void> {
  if (effects.length === 0) return;
  try {
    await tx.query(
      `INSERT INTO el_outbox (effect_id, lifecycle, engagement_id, effect)
       SELECT e->>'id', $1, $2, e FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n`,
      [key.lifecycle, key.id, JSON.stringify(effects)],
    );
  } catch (error) {
    // The unique effect_id is a backstop: the checks before (versions, no reused ids) should make it unreachable.
    if ((error as { code?: unknown }).code === '23505') throw duplicateEffect(/\(effect_id\)=\((.*)\)/.exec(String((error as { detail?: unknown }).detail))?.[1] ?? effects[0]!.id);
    throw error;
  }
}

async function insertAudit(tx: Queryable, a: AuditRecord): Promise<void> {
  await tx.query(
    `INSERT INTO el_audit (lifecycle, engagement_id, version, from_status, to_status, event, actor, reason, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz)`,
    [a.lifecycle, a.engagementId, a.version, a.from, a.to, a.event, a.actor, a.reason, a.at],
  );
}

/**
 * Writes one change inside `tx`. A stale version or a missing engagement is returned, not thrown, so that a claim
 * can record it as a conflict and go on: no statement failed, the transaction stays usable.
 */
async function commitWrite(tx: Queryable, w: EngagementWrite): Promise<LifecycleError | null> {
  const e = w.engagement;
  const s = e.state;
  const key = { lifecycle: s.lifecycle, id: s.id };
  const values = [s.lifecycle, s.id, s.version, s.status, e.asset, e.active, e.dueAt, keyHash(key), JSON.stringify(s)];
  if (w.expectedVersion === null) {
    // The audit log outlives deletions: a creation under a key it knows would repeat old effect ids.
    const { rows: known } = await tx.query('SELECT 1 FROM el_audit WHERE lifecycle = $1 AND engagement_id = $2 LIMIT 1', [key.lifecycle, key.id]);
    if (known.length > 0 && (await currentVersion(tx, key)) === null) return reusedEngagementId(key);
    const { rows } = await tx.query(
      `INSERT INTO el_engagements (lifecycle, id, version, status, asset, active, due_at, part_hash, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8, $9::jsonb)
       ON CONFLICT (lifecycle, id) DO NOTHING RETURNING version`,
      values,
    );
    if (rows.length === 0) return versionConflict(key, null, (await currentVersion(tx, key)) ?? 0);
  } else {
    // The version check is in the UPDATE: under concurrent writers, the second waits for the first's row lock,
    // then re-reads the row, finds another version, and updates nothing.
    const { rows } = await tx.query(
      `UPDATE el_engagements SET version = $3, status = $4, asset = $5, active = $6, due_at = $7::timestamptz, part_hash = $8, state = $9::jsonb
       WHERE lifecycle = $1 AND id = $2 AND version = $10 RETURNING version`,
      [...values, w.expectedVersion],
    );
    if (rows.length === 0) {
      const actual = await currentVersion(tx, key);
      return actual === null ? engagementNotFound(key) : versionConflict(key, w.expectedVersion, actual);
    }
  }
  await insertEffects(tx, key, w.effects);
  await insertAudit(tx, w.audit);
  return null;
}

function dueSql(q: ParsedDueQuery, claim: boolean): { sql: string; values: unknown[] } {
  const p = new Params();
  const where = ['due_at IS NOT NULL', `due_at <= ${p.add(q.now)}::timestamptz`];
  if (q.lifecycles) where.push(`lifecycle = ANY(${p.add(q.lifecycles)}::text[])`);
  if (q.partition) where.push(`part_hash % ${p.add(q.partition.count)} = ${p.add(q.partition.index)}`);
  if (q.after) where.push(`(due_at, lifecycle, id) > (${p.add(q.after.dueAt)}::timestamptz, ${p.add(q.after.lifecycle)}, ${p.add(q.after.id)})`);
  const sql = `SELECT ${ENGAGEMENT_COLUMNS}, version FROM el_engagements WHERE ${where.join(' AND ')}
    ORDER BY due_at, lifecycle, id LIMIT ${p.add(q.limit)}${claim ? ' FOR UPDATE SKIP LOCKED' : ''}`;
  return { sql, values: p.values };
}

function cursorOf(items: readonly StoredEngagement[], limit: number): DueCursor | null {
  const last = items[items.length - 1];
  return items.length === limit && last ? { dueAt: last.dueAt!, lifecycle: last.state.lifecycle, id: last.state.id } : null;
}

/** The store over a database migrated with `schema.sql`. */
export function createPostgresStore(db: SqlDatabase): EngagementStore {
  return {
    async get(input) {
      const key = parseKey(input);
      const { rows } = await db.query<Row>(`SELECT ${ENGAGEMENT_COLUMNS} FROM el_engagements WHERE lifecycle = $1 AND id = $2`, [key.lifecycle, key.id]);
      return rows.length === 0 ? null : stored(rows[0]!);
    },

    async list(query) {
      const q = parseListQuery(query);
      const p = new Params();
      const where: string[] = [];
      if (q.lifecycle !== undefined) where.push(`lifecycle = ${p.add(q.lifecycle)}`);
      if (q.asset !== undefined) where.push(`asset = ${p.add(q.asset)}`);
      if (q.statuses) where.push(`status = ANY(${p.add([...q.statuses])}::text[])`);
      if (q.active !== undefined) where.push(`active = ${p.add(q.active)}`);
      if (q.after) where.push(`(lifecycle, id) > (${p.add(q.after.lifecycle)}, ${p.add(q.after.id)})`);
      const { rows } = await db.query<Row>(
        `SELECT ${ENGAGEMENT_COLUMNS} FROM el_engagements ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY lifecycle, id LIMIT ${p.add(q.limit)}`,
        p.values,
      );
      const items = rows.map(stored);
      const last = items[items.length - 1];
      return { items, next: items.length === q.limit && last ? { lifecycle: last.state.lifecycle, id: last.state.id } : null };
    },

    async save(input) {
      const write = parseWrite(input);
      await db.transaction(async (tx) => {
        const refused = await commitWrite(tx, write);
        if (refused) throw refused;
      });
    },

    async executeDelete(input: DeletePlan) {
      const plan = parseDeletePlan(input);
      const key = { lifecycle: plan.lifecycle, id: plan.engagementId };
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<Row>('SELECT version, status FROM el_engagements WHERE lifecycle = $1 AND id = $2 FOR UPDATE', [key.lifecycle, key.id]);
        if (rows.length === 0) throw engagementNotFound(key);
        const version = Number(rows[0]!.version);
        if (version !== plan.expectedVersion) throw versionConflict(key, plan.expectedVersion, version);
        const refs = (items: DeletePlan['deletes']) => [items.map((i) => i.kind), items.map((i) => i.id)];
        const deleted = await tx.query(
          'DELETE FROM el_records WHERE (kind, id) IN (SELECT * FROM unnest($1::text[], $2::text[])) RETURNING 1',
          refs(plan.deletes),
        );
        const unlinked = await tx.query(
          `UPDATE el_records SET lifecycle = NULL, engagement_id = NULL
           WHERE (kind, id) IN (SELECT * FROM unnest($1::text[], $2::text[])) AND engagement_id IS NOT NULL RETURNING 1`,
          refs(plan.unlinks),
        );
        await tx.query('DELETE FROM el_engagements WHERE lifecycle = $1 AND id = $2', [key.lifecycle, key.id]);
        await insertEffects(tx, key, plan.effects);
        await insertAudit(tx, {
          lifecycle: key.lifecycle,
          engagementId: key.id,
          version: version + 1,
          from: rows[0]!.status as string,
          to: null,
          event: 'delete',
          actor: plan.actor ?? null,
          reason: null,
          at: plan.at,
        });
        return { deleted: deleted.rows.length, unlinked: unlinked.rows.length };
      });
    },

    async due(query: DueQuery) {
      const q = parseDueQuery(query);
      const { sql, values } = dueSql(q, false);
      const items = (await db.query<Row>(sql, values)).rows.map(stored);
      return { items, next: cursorOf(items, q.limit) };
    },

    async claimDue(query: DueQuery, decideInput: DecideDue): Promise<ClaimedPage> {
      const q = parseDueQuery(query);
      const decide = checkDecide(decideInput);
      // One transaction per page: the claimed rows stay locked (other workers skip them) until the page commits.
      return db.transaction(async (tx) => {
        const { sql, values } = dueSql(q, true);
        const rows = (await tx.query<Row>(sql, values)).rows;
        const items = rows.map(stored);
        const decisions = parseDecisions(await decide(items), items);
        const outcomes: DueOutcome[] = [];
        for (const [i, decision] of decisions.entries()) {
          const item = items[i]!;
          if (decision.kind === 'skip') {
            outcomes.push('skipped');
          } else if (decision.kind === 'reschedule') {
            const { rows: moved } = await tx.query(
              'UPDATE el_engagements SET due_at = $4::timestamptz WHERE lifecycle = $1 AND id = $2 AND version = $3 RETURNING 1',
              [item.state.lifecycle, item.state.id, Number(rows[i]!.version), decision.dueAt],
            );
            outcomes.push(moved.length === 1 ? 'rescheduled' : 'conflict');
          } else {
            outcomes.push((await commitWrite(tx, decision.write)) === null ? 'saved' : 'conflict');
          }
        }
        return { items, outcomes, next: cursorOf(items, q.limit) };
      });
    },

    async reschedule(keyInput: EngagementKey, versionInput: number, dueAtInput: InstantInput | null) {
      const key = parseKey(keyInput);
      const version = parseVersion(versionInput);
      const dueAt = parseDueAt(dueAtInput);
      const { rows } = await db.query(
        'UPDATE el_engagements SET due_at = $4::timestamptz WHERE lifecycle = $1 AND id = $2 AND version = $3 RETURNING 1',
        [key.lifecycle, key.id, version, dueAt],
      );
      return rows.length === 1;
    },

    outbox: {
      async pending(options) {
        const o = parsePendingOptions(options);
        const { rows } = await db.query<Row>('SELECT seq, effect FROM el_outbox WHERE NOT delivered AND seq > $1 ORDER BY seq LIMIT $2', [o.after, o.limit]);
        return rows.map((row) => ({ sequence: Number(row.seq), effect: row.effect as Effect }));
      },
      async markDelivered(input) {
        const ids = parseEffectIds(input);
        if (ids.length > 0) await db.query('UPDATE el_outbox SET delivered = true WHERE effect_id = ANY($1::text[])', [ids]);
      },
    },

    audit: {
      async history(input) {
        const key = parseKey(input);
        const { rows } = await db.query<Row>('SELECT * FROM el_audit WHERE lifecycle = $1 AND engagement_id = $2 ORDER BY seq', [key.lifecycle, key.id]);
        return rows.map(auditRecord);
      },
    },

    records: {
      async put(input) {
        const r = parseRecord(input);
        await db.query(
          `INSERT INTO el_records (kind, id, lifecycle, engagement_id, parent_kind, parent_id, data)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
           ON CONFLICT (kind, id) DO UPDATE SET lifecycle = EXCLUDED.lifecycle, engagement_id = EXCLUDED.engagement_id,
             parent_kind = EXCLUDED.parent_kind, parent_id = EXCLUDED.parent_id, data = EXCLUDED.data`,
          [r.kind, r.id, r.engagement?.lifecycle ?? null, r.engagement?.id ?? null, r.parent?.kind ?? null, r.parent?.id ?? null, JSON.stringify(r.data)],
        );
      },
      async get(input) {
        const ref = parseRecordRef(input);
        const { rows } = await db.query<Row>('SELECT * FROM el_records WHERE kind = $1 AND id = $2', [ref.kind, ref.id]);
        return rows.length === 0 ? null : relatedRecord(rows[0]!);
      },
      async of(input) {
        const key = parseKey(input);
        const { rows } = await db.query<Row>('SELECT * FROM el_records WHERE lifecycle = $1 AND engagement_id = $2 ORDER BY kind, id', [key.lifecycle, key.id]);
        return rows.map(relatedRecord);
      },
    },
  };
}
