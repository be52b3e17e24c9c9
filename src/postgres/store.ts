/**
 * `EngagementStore` on PostgreSQL, for many tenants. Every statement names its tenant; every write is atomic (a
 * save is one statement: the engagement row, checked against the expected version in the UPDATE itself, its effects
 * into the outbox, its audit record). Claims lock due rows with `FOR UPDATE SKIP LOCKED`, so several sweep workers on one
 * database (in as many processes or machines) take different engagements, and write each page in a few statements.
 * The validating wrapper of `engagement-lifecycle/store` checks every input before it gets here.
 */
import { LifecycleError, caught, describeValue, type DeletePlan } from '../core/index.js';
import {
  DEFAULT_TENANT,
  engagementNotFound,
  validatingTenants,
  versionConflict,
  type DueCursor,
  type DueOutcome,
  type EngagementWrite,
  type ParsedDueQuery,
  type RawEngagementStore,
  type StoredEngagement,
  type TenantedStore,
} from '../store/index.js';
import { auditRecord, ENGAGEMENT_COLUMNS, Params, relatedRecord, stored, type Row } from './rows.js';
import { requireDatabase, type Queryable, type SqlDatabase } from './sql.js';
import { commitPage, commitWrite, insertAudit, insertEffects, type PageMove } from './writes.js';

/** Options of `createPostgresStore`. */
export interface PostgresStoreOptions {
  /**
   * Set the tenant (`el.tenant`) at the start of every transaction, and run every operation in one, for databases
   * migrated with `rowLevelSecurity: true`: the database then refuses any row of another tenant by itself.
   */
  readonly rowLevelSecurity?: boolean | undefined;
}

function dueSql(tenant: string, q: ParsedDueQuery, claim: boolean): { sql: string; values: unknown[] } {
  const p = new Params();
  const where = [`tenant = ${p.add(tenant)}`, 'due_at IS NOT NULL', `due_at <= ${p.add(q.now)}::timestamptz`];
  if (q.lifecycles) where.push(`lifecycle = ANY(${p.add(q.lifecycles)}::text[])`);
  if (q.partition) where.push(`part_hash % ${p.add(q.partition.count)} = ${p.add(q.partition.index)}`);
  if (q.after) where.push(`(due_at, lifecycle, id) > (${p.add(q.after.dueAt)}::timestamptz, ${p.add(q.after.lifecycle)}, ${p.add(q.after.id)})`);
  const sql = `SELECT ${ENGAGEMENT_COLUMNS} FROM el_engagements WHERE ${where.join(' AND ')}
    ORDER BY due_at, lifecycle, id LIMIT ${p.add(q.limit)}${claim ? ' FOR UPDATE SKIP LOCKED' : ''}`;
  return { sql, values: p.values };
}

function cursorOf(items: readonly StoredEngagement[], limit: number): DueCursor | null {
  const last = items[items.length - 1];
  return items.length === limit && last ? { dueAt: last.dueAt!, lifecycle: last.state.lifecycle, id: last.state.id } : null;
}

/** One tenant's raw store over `db`. */
function tenantStore(db: SqlDatabase, tenant: string, rls: boolean): RawEngagementStore {
  /** A transaction scoped to the tenant: under row-level security the database sees only its rows. */
  const transaction = <T>(work: (tx: Queryable) => Promise<T>): Promise<T> =>
    db.transaction(async (tx) => {
      if (rls) await tx.query("SELECT set_config('el.tenant', $1, true)", [tenant]);
      return work(tx);
    });
  /** A read: one statement, or under row-level security one transaction that sets the tenant first. */
  const read = <R = Row>(sql: string, params: unknown[]): Promise<{ rows: R[] }> => (rls ? transaction((tx) => tx.query<R>(sql, params)) : db.query<R>(sql, params));

  return {
    async get(key) {
      const { rows } = await read(`SELECT ${ENGAGEMENT_COLUMNS} FROM el_engagements WHERE tenant = $1 AND lifecycle = $2 AND id = $3`, [tenant, key.lifecycle, key.id]);
      return rows.length === 0 ? null : stored(rows[0]!);
    },

    async list(q) {
      const p = new Params();
      const where = [`tenant = ${p.add(tenant)}`];
      if (q.lifecycle !== undefined) where.push(`lifecycle = ${p.add(q.lifecycle)}`);
      if (q.asset !== undefined) where.push(`asset = ${p.add(q.asset)}`);
      if (q.statuses) where.push(`status = ANY(${p.add([...q.statuses])}::text[])`);
      if (q.active !== undefined) where.push(`active = ${p.add(q.active)}`);
      if (q.after) where.push(`(lifecycle, id) > (${p.add(q.after.lifecycle)}, ${p.add(q.after.id)})`);
      const { rows } = await read(`SELECT ${ENGAGEMENT_COLUMNS} FROM el_engagements WHERE ${where.join(' AND ')} ORDER BY lifecycle, id LIMIT ${p.add(q.limit)}`, p.values);
      const items = rows.map(stored);
      const last = items[items.length - 1];
      return { items, next: items.length === q.limit && last ? { lifecycle: last.state.lifecycle, id: last.state.id } : null };
    },

    async save(write) {
      // One statement, atomic by itself: a transaction around it only to set the tenant under row-level security.
      const refused = rls ? await transaction((tx) => commitWrite(tx, tenant, write)) : await commitWrite(db, tenant, write);
      if (refused) throw refused;
    },

    async executeDelete(plan: DeletePlan) {
      const key = { lifecycle: plan.lifecycle, id: plan.engagementId };
      return transaction(async (tx) => {
        const { rows } = await tx.query<Row>('SELECT version, status FROM el_engagements WHERE tenant = $1 AND lifecycle = $2 AND id = $3 FOR UPDATE', [tenant, key.lifecycle, key.id]);
        if (rows.length === 0) throw engagementNotFound(key);
        const version = Number(rows[0]!.version);
        if (version !== plan.expectedVersion) throw versionConflict(key, plan.expectedVersion, version);
        const refs = (items: DeletePlan['deletes']) => [tenant, items.map((i) => i.kind), items.map((i) => i.id)];
        const deleted = await tx.query('DELETE FROM el_records WHERE tenant = $1 AND (kind, id) IN (SELECT * FROM unnest($2::text[], $3::text[])) RETURNING 1', refs(plan.deletes));
        const unlinked = await tx.query(
          `UPDATE el_records SET lifecycle = NULL, engagement_id = NULL
           WHERE tenant = $1 AND (kind, id) IN (SELECT * FROM unnest($2::text[], $3::text[])) AND engagement_id IS NOT NULL RETURNING 1`,
          refs(plan.unlinks),
        );
        await tx.query('DELETE FROM el_engagements WHERE tenant = $1 AND lifecycle = $2 AND id = $3', [tenant, key.lifecycle, key.id]);
        await insertEffects(tx, tenant, plan.effects);
        await insertAudit(tx, tenant, [
          { lifecycle: key.lifecycle, engagementId: key.id, version: version + 1, from: rows[0]!.status as string, to: null, event: 'delete', actor: plan.actor ?? null, reason: null, at: plan.at },
        ]);
        return { deleted: deleted.rows.length, unlinked: unlinked.rows.length };
      });
    },

    async due(q) {
      const { sql, values } = dueSql(tenant, q, false);
      const items = (await read(sql, values)).rows.map(stored);
      return { items, next: cursorOf(items, q.limit) };
    },

    async claimDue(q, decide) {
      // One transaction per page: the claimed rows stay locked (other workers skip them) until the page commits.
      return transaction(async (tx) => {
        const { sql, values } = dueSql(tenant, q, true);
        const rows = (await tx.query<Row>(sql, values)).rows;
        const items = rows.map(stored);
        const decisions = await decide(items);
        const saves: EngagementWrite[] = [];
        const moves: PageMove[] = [];
        decisions.forEach((d, i) => {
          if (d.kind === 'save') saves.push(d.write);
          else if (d.kind === 'reschedule') moves.push({ lifecycle: items[i]!.state.lifecycle, id: items[i]!.state.id, version: Number(rows[i]!.version), dueAt: d.dueAt });
        });
        const { saved, moved } = await commitPage(tx, tenant, saves, moves);
        let s = 0;
        let m = 0;
        const outcomes = decisions.map((d, i): DueOutcome => {
          if (d.kind === 'skip') return 'skipped';
          if (d.kind === 'save') return saved[s++] ? 'saved' : 'conflict';
          return moved[m++] ? 'rescheduled' : 'conflict';
        });
        return { items, outcomes, next: cursorOf(items, q.limit) };
      });
    },

    async reschedule(key, version, dueAt) {
      const { rows } = await read(
        'UPDATE el_engagements SET due_at = $5::timestamptz WHERE tenant = $1 AND lifecycle = $2 AND id = $3 AND version = $4 RETURNING 1',
        [tenant, key.lifecycle, key.id, version, dueAt],
      );
      return rows.length === 1;
    },

    outbox: {
      async pending(o) {
        const { rows } = await read<Row>('SELECT seq, effect FROM el_outbox WHERE tenant = $1 AND NOT delivered AND seq > $2 ORDER BY seq LIMIT $3', [tenant, o.after, o.limit]);
        return rows.map((row) => ({ sequence: Number(row.seq), effect: row.effect as never }));
      },
      async markDelivered(ids) {
        if (ids.length > 0) await read('UPDATE el_outbox SET delivered = true WHERE tenant = $1 AND effect_id = ANY($2::text[])', [tenant, ids]);
      },
    },

    audit: {
      async history(key) {
        const { rows } = await read<Row>('SELECT * FROM el_audit WHERE tenant = $1 AND lifecycle = $2 AND engagement_id = $3 ORDER BY seq', [tenant, key.lifecycle, key.id]);
        return rows.map(auditRecord);
      },
    },

    records: {
      async put(r) {
        await read(
          `INSERT INTO el_records (tenant, kind, id, lifecycle, engagement_id, parent_kind, parent_id, data)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
           ON CONFLICT (tenant, kind, id) DO UPDATE SET lifecycle = EXCLUDED.lifecycle, engagement_id = EXCLUDED.engagement_id,
             parent_kind = EXCLUDED.parent_kind, parent_id = EXCLUDED.parent_id, data = EXCLUDED.data`,
          [tenant, r.kind, r.id, r.engagement?.lifecycle ?? null, r.engagement?.id ?? null, r.parent?.kind ?? null, r.parent?.id ?? null, JSON.stringify(r.data)],
        );
      },
      async get(ref) {
        const { rows } = await read<Row>('SELECT * FROM el_records WHERE tenant = $1 AND kind = $2 AND id = $3', [tenant, ref.kind, ref.id]);
        return rows.length === 0 ? null : relatedRecord(rows[0]!);
      },
      async of(key) {
        const { rows } = await read<Row>('SELECT * FROM el_records WHERE tenant = $1 AND lifecycle = $2 AND engagement_id = $3 ORDER BY kind, id', [tenant, key.lifecycle, key.id]);
        return rows.map(relatedRecord);
      },
    },
  };
}

/**
 * The store over a database migrated with `migrate`: the default tenant's store, `tenant(id)` for the others.
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createPostgresStore, migrate, pgDatabase } from 'engagement-lifecycle/postgres';
 * // The host passes its own connection settings: the library reads no environment.
 * const db = pgDatabase(new pg.Pool({ connectionString: databaseUrl }));
 * await migrate(db);
 * const store = createPostgresStore(db);
 * ```
 */
export function createPostgresStore(db: SqlDatabase, options: PostgresStoreOptions = {}): TenantedStore {
  db = requireDatabase(db, 'createPostgresStore');
  if (options === null || typeof options !== 'object') throw new LifecycleError('invalid_input', `createPostgresStore expects options { rowLevelSecurity }, got ${describeValue(options)}`);
  const rls = caught('createPostgresStore options', () => options.rowLevelSecurity) === true;
  return validatingTenants(
    {
      tenant: (tenant) => tenantStore(db, tenant, rls),
      async dueTenants(q) {
        const { rows } = await db.query<Row>('SELECT tenant FROM el_due_tenants($1::timestamptz, $2::text[], $3, $4)', [q.now, q.lifecycles ?? null, q.after, q.limit]);
        const items = rows.map((r) => String(r.tenant));
        return { items, next: items.length === q.limit ? items[items.length - 1]! : null };
      },
    },
    DEFAULT_TENANT,
  );
}
