/**
 * The little the adapter needs from a PostgreSQL driver: `query(sql, params)` and a transaction on one connection.
 * The host passes its own client: the adapter does I/O through it and nothing else. `pgDatabase` fits
 * node-postgres (`pg`, an optional peer dependency) against a real server; `pgliteDatabase` fits PGlite
 * (PostgreSQL compiled to WebAssembly, in-process). Both are typed structurally, so neither package is imported.
 */

import { LifecycleError, caught, describeValue } from '../core/index.js';

/**
 * Refuses, with `invalid_input` naming the argument, what lacks the functions a driver wrapper needs (checked
 * before the first query, so a wrong argument never reaches a `TypeError`; a throwing getter or Proxy trap is
 * refused the same way, with the original as `cause`).
 */
export function requireDriver<T>(value: T, methods: readonly string[], what: string): T {
  const ok = caught(what, () => value !== null && typeof value === 'object' && methods.every((m) => typeof (value as Record<string, unknown>)[m] === 'function'));
  if (!ok) throw new LifecycleError('invalid_input', `${what} must be an object with ${methods.join(' and ')} functions, got ${describeValue(value)}`);
  return value;
}

/**
 * `requireDriver` for the adapter's own `SqlDatabase` (from `pgDatabase` or `pgliteDatabase`), giving back the
 * database every function of the adapter then uses: its statements' answers are checked and a value PostgreSQL
 * cannot hold is refused as bad input (see `checkedQueryable`).
 */
export function requireDatabase(db: SqlDatabase, what: string): SqlDatabase {
  requireDriver(db, ['query', 'transaction'], `${what}: the database (from pgDatabase or pgliteDatabase)`);
  return {
    query: checkedQueryable(db, what).query,
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      // What the work gave, not what the driver's transaction resolved to: one that never ran the work is refused.
      let outcome: { value: T } | undefined;
      await db.transaction(async (tx) => {
        outcome = { value: await work(checkedQueryable(tx, what)) };
        return outcome.value;
      });
      if (outcome === undefined) throw new LifecycleError('invalid_input', `${what}: the database's transaction must run the work it is given and resolve when it is done`);
      return outcome.value;
    },
  };
}

/** SQLSTATE class 22, "data exception": a value the server cannot hold (a NUL character in text, a number out of range). */
function isDataException(error: unknown): boolean {
  try {
    const code = error !== null && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
    return typeof code === 'string' && code.startsWith('22');
  } catch {
    return false;
  }
}

/**
 * `q` whose answers are checked: a statement that resolves to something other than a result with `rows` is
 * `invalid_input` (a database that is not one), and a data exception is `invalid_input` with the driver's error as
 * `cause`: it is the caller's value PostgreSQL cannot store, such as U+0000 in a key, which the in-memory store
 * accepts. Every other rejection of the driver (connection lost, serialization failure) is passed on as it is.
 */
function checkedQueryable(q: Queryable, what: string): Queryable {
  return {
    async query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> {
      let result: unknown;
      try {
        result = await q.query<R>(sql, params);
      } catch (error) {
        if (!isDataException(error)) throw error;
        throw new LifecycleError('invalid_input', `${what}: PostgreSQL cannot store a value it was given (a NUL character in a text, a number out of range): ${caught(what, () => String((error as Error).message))}`, { cause: error });
      }
      const ok = caught(what, () => result !== null && typeof result === 'object' && Array.isArray((result as { rows?: unknown }).rows));
      if (!ok) throw new LifecycleError('invalid_input', `${what}: the database's query must resolve to a result with rows, got ${describeValue(result)}`);
      return result as { rows: R[] };
    },
  };
}

/** Runs one statement; `rows` are plain objects keyed by column name. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** A database: statements, and transactions on one connection. */
export interface SqlDatabase extends Queryable {
  /** Runs `work` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
}

/** A node-postgres query with a name: the driver prepares it once per connection and then only binds and runs it. */
export interface PgNamedQuery {
  readonly name: string;
  readonly text: string;
  readonly values: unknown[];
}

/** What `pgDatabase` uses of a node-postgres `Pool`. */
export interface PgPoolLike {
  query(sql: string | PgNamedQuery, params?: unknown[]): Promise<{ rows: unknown[] }>;
  connect(): Promise<{ query(sql: string | PgNamedQuery, params?: unknown[]): Promise<{ rows: unknown[] }>; release(error?: Error | boolean): void }>;
}

/** Options of `pgDatabase`. */
export interface PgDatabaseOptions {
  /**
   * Run the adapter's statements as named prepared statements (default true): each is parsed and planned once per
   * connection instead of at every call. Turn off behind a pooler that cannot carry prepared statements across its
   * server connections (PgBouncer in transaction mode before 1.21).
   */
  readonly preparedStatements?: boolean | undefined;
}

/**
 * A statement's name, from its text alone (53-bit cyrb53 hash), so that every `pgDatabase` over one pool gives a
 * text the same name and a name never stands for two texts on one connection.
 */
function statementName(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `el_${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}

/** What `pgliteDatabase` uses of a PGlite instance. */
export interface PGliteLike {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  transaction<T>(work: (tx: { query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> }) => Promise<T>): Promise<T>;
}

/**
 * node-postgres: each transaction takes a client from the pool, so several workers may run at once. Statements
 * with parameters run as named prepared statements unless `preparedStatements: false`.
 */
export function pgDatabase(pool: PgPoolLike, options: PgDatabaseOptions = {}): SqlDatabase {
  requireDriver(pool, ['query', 'connect'], 'pgDatabase: the pool (a node-postgres Pool)');
  if (options === null || typeof options !== 'object') throw new LifecycleError('invalid_input', `pgDatabase expects options { preparedStatements }, got ${describeValue(options)}`);
  const prepare = caught('pgDatabase options', () => options.preparedStatements) !== false;
  const run = (target: Pick<PgPoolLike, 'query'>, sql: string, params?: unknown[]) =>
    (prepare && params !== undefined && params.length > 0 ? target.query({ name: statementName(sql), text: sql, values: params }) : target.query(sql, params)) as never;
  return {
    query: async (sql, params) => run(pool, sql, params),
    async transaction(work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work({ query: async (sql, params) => run(client, sql, params) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          // A connection that cannot roll back is not given back to the pool for reuse.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}

/** PGlite: one connection; its `transaction` queues transactions one after another. */
export function pgliteDatabase(db: PGliteLike): SqlDatabase {
  requireDriver(db, ['query', 'transaction'], 'pgliteDatabase: the PGlite instance');
  return {
    query: async (sql, params) => db.query(sql, params),
    transaction: (work) => db.transaction((tx) => work({ query: (sql, params) => tx.query(sql, params) })),
  };
}
