/**
 * The schema of the PostgreSQL store, as versioned migrations shipped in the package. `migrate` applies the ones a
 * database lacks, in order, each in its own transaction, under an advisory lock so that several processes starting
 * at once migrate once. Every table and index leads with the tenant: a tenant's rows are one contiguous range.
 */
import { LifecycleError, caught, describeValue } from '../core/index.js';
import { requireDatabase, type SqlDatabase } from './sql.js';

/** One migration: its version (applied in increasing order) and its SQL. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Its statements, run one by one (drivers' extended protocol takes one statement per query). */
  readonly statements: readonly string[];
}

/** Splits a script at the semicolons that end a line (no statement here has one inside). */
const statements = (script: string): readonly string[] =>
  Object.freeze(script.split(/;\s*\n/).map((s) => s.trim()).filter((s) => s.replace(/^--.*$/gm, '').trim() !== ''));

// Keys and ids use the "C" collation so that the database orders them as the library does (by code unit), and
// cursors taken from one page find their place in the next.
const V1 = `
CREATE TABLE el_engagements (
  tenant     text COLLATE "C" NOT NULL,
  lifecycle  text COLLATE "C" NOT NULL,
  id         text COLLATE "C" NOT NULL,
  version    integer NOT NULL CHECK (version >= 1),
  status     text NOT NULL,
  asset      text,
  active     boolean NOT NULL,
  -- When the lifecycle's clock event would next change the engagement (computed by the writer); NULL: never.
  due_at     timestamptz,
  -- keyHash(lifecycle, id) from engagement-lifecycle/store: sweep partitions are part_hash % count.
  part_hash  bigint NOT NULL,
  state      jsonb NOT NULL,
  PRIMARY KEY (tenant, lifecycle, id)
);
-- A tenant's sweep reads through this index; only engagements that time can change are in it.
CREATE INDEX el_engagements_due ON el_engagements (tenant, due_at, lifecycle, id) WHERE due_at IS NOT NULL;
-- Which tenants have work due (the sweep over all tenants).
CREATE INDEX el_engagements_due_tenants ON el_engagements (due_at, tenant) WHERE due_at IS NOT NULL;
CREATE INDEX el_engagements_asset ON el_engagements (tenant, asset, lifecycle, id) WHERE asset IS NOT NULL;

-- The transactional outbox, written in the same transaction as the state. Rows stay after delivery so that an
-- effect id is never accepted twice in a tenant. Delivery claims rows here (see deliverOutbox).
CREATE TABLE el_outbox (
  seq            bigserial PRIMARY KEY,
  tenant         text COLLATE "C" NOT NULL,
  effect_id      text COLLATE "C" NOT NULL,
  lifecycle      text NOT NULL,
  engagement_id  text NOT NULL,
  effect         jsonb NOT NULL,
  delivered      boolean NOT NULL DEFAULT false,
  attempts       integer NOT NULL DEFAULT 0,
  -- Not handed out before this instant (a retry's backoff, or another process's lease).
  available_at   timestamptz,
  dead           boolean NOT NULL DEFAULT false,
  last_error     text,
  UNIQUE (tenant, effect_id)
);
CREATE INDEX el_outbox_pending ON el_outbox (tenant, seq) WHERE NOT delivered;
CREATE INDEX el_outbox_deliverable ON el_outbox (available_at, seq) WHERE NOT delivered AND NOT dead;

-- The append-only audit log (never updated, never deleted from; kept after an engagement is deleted).
CREATE TABLE el_audit (
  seq            bigserial PRIMARY KEY,
  tenant         text COLLATE "C" NOT NULL,
  lifecycle      text NOT NULL,
  engagement_id  text NOT NULL,
  version        integer NOT NULL,
  from_status    text,
  to_status      text,
  event          text NOT NULL,
  actor          text,
  reason         text,
  at             timestamptz NOT NULL
);
CREATE INDEX el_audit_engagement ON el_audit (tenant, lifecycle, engagement_id, seq);

-- Records that hang under an engagement (tests, findings, notes...), which delete plans delete or unlink.
CREATE TABLE el_records (
  tenant         text COLLATE "C" NOT NULL,
  kind           text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  lifecycle      text,
  engagement_id  text,
  parent_kind    text,
  parent_id      text,
  data           jsonb NOT NULL,
  PRIMARY KEY (tenant, kind, id)
);
CREATE INDEX el_records_engagement ON el_records (tenant, lifecycle, engagement_id, kind, id) WHERE engagement_id IS NOT NULL;

-- The only cross-tenant read: tenant ids with work due. SECURITY DEFINER so that it works under row-level security
-- (it runs as the tables' owner) while it returns nothing but tenant ids.
CREATE FUNCTION el_due_tenants(p_now timestamptz, p_lifecycles text[], p_after text, p_limit integer)
RETURNS TABLE (tenant text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT e.tenant FROM el_engagements e
  WHERE e.due_at IS NOT NULL AND e.due_at <= p_now
    AND (p_lifecycles IS NULL OR e.lifecycle = ANY(p_lifecycles))
    AND (p_after IS NULL OR e.tenant > p_after COLLATE "C")
  GROUP BY e.tenant ORDER BY e.tenant LIMIT p_limit
$$;
`;

// keyHash gained murmur3's finaliser (fmix32), so that partitions depend on every bit of the key: the stored
// part_hash (FNV-1a alone until then) becomes fmix32(part_hash). 32-bit products are split in 16-bit halves, as
// bigint cannot hold 2^64; the helpers are dropped again, the library's keyHash stays the one definition.
const V2 = `
CREATE FUNCTION el_mul32(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT (a * (b & 65535) + (((a * (b >> 16)) & 65535) << 16)) & 4294967295
$$;
CREATE FUNCTION el_fmix32(h bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT x # (x >> 16) FROM (SELECT el_mul32(y # (y >> 13), 3266489909) AS x FROM (SELECT el_mul32(h # (h >> 16), 2246822507) AS y) a) b
$$;
UPDATE el_engagements SET part_hash = el_fmix32(part_hash);
DROP FUNCTION el_fmix32(bigint);
DROP FUNCTION el_mul32(bigint, bigint);
`;

/** Row-level security: each table shows a connection only the rows of the tenant its transaction is set to. */
const RLS = ['el_engagements', 'el_outbox', 'el_audit', 'el_records'].flatMap((table) => [
  `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
  `DROP POLICY IF EXISTS el_tenant ON ${table}`,
  `CREATE POLICY el_tenant ON ${table} USING (tenant = current_setting('el.tenant', true)) WITH CHECK (tenant = current_setting('el.tenant', true))`,
]);

/** The store's migrations, oldest first. */
export const MIGRATIONS: readonly Migration[] = Object.freeze([
  Object.freeze({ version: 1, name: 'tenanted store', statements: statements(V1) }),
  Object.freeze({ version: 2, name: 'part_hash with fmix32', statements: statements(V2) }),
]);

/** Options of `migrate`. */
export interface MigrateOptions {
  /**
   * Turn PostgreSQL row-level security on for every table (idempotent): connections that are not the tables'
   * owner see and write only the rows of the tenant the store sets in each transaction. Run migrations as the
   * owner, the application as another role, and create the store with `rowLevelSecurity: true`.
   */
  readonly rowLevelSecurity?: boolean | undefined;
}

/** What `migrate` did. */
export interface MigrateSummary {
  /** The versions applied by this call (empty when the database was up to date). */
  readonly applied: readonly number[];
  /** The database's version afterwards. */
  readonly version: number;
}

/**
 * Applies the migrations the database lacks, in the current schema (`search_path`).
 * @example
 * ```ts
 * await migrate(pgDatabase(pool));
 * ```
 */
export async function migrate(db: SqlDatabase, options: MigrateOptions = {}): Promise<MigrateSummary> {
  db = requireDatabase(db, 'migrate');
  if (options === null || typeof options !== 'object') throw new LifecycleError('invalid_input', `migrate expects options { rowLevelSecurity }, got ${describeValue(options)}`);
  const rowLevelSecurity = caught('migrate options', () => options.rowLevelSecurity) === true;
  return db.transaction(async (tx) => {
    // One migrator at a time: the others wait here, then find the work done.
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('engagement-lifecycle:migrate'))");
    await tx.query('CREATE TABLE IF NOT EXISTS el_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM el_migrations');
    const done = new Set(rows.map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      for (const statement of m.statements) await tx.query(statement);
      await tx.query('INSERT INTO el_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    if (rowLevelSecurity) for (const statement of RLS) await tx.query(statement);
    return Object.freeze({ applied: Object.freeze(applied), version: Math.max(0, ...done, ...applied) });
  });
}
