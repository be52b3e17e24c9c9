/**
 * The little the adapter needs from a PostgreSQL driver: `query(sql, params)` and a transaction on one connection.
 * `pgDatabase` fits node-postgres (`pg`) against a real server; `pgliteDatabase` fits PGlite (PostgreSQL compiled
 * to WebAssembly), which the tests use.
 */
import { readFileSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export interface SqlDatabase extends Queryable {
  /** Runs `work` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
}

/** node-postgres: each transaction takes a client from the pool, so several workers may run at once. */
export function pgDatabase(pool: Pick<Pool, 'query' | 'connect'>): SqlDatabase {
  return {
    query: async (sql, params) => pool.query(sql, params) as never,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: async (sql, params) => client.query(sql, params) as never });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** PGlite: one connection; its `transaction` queues transactions one after another. */
export function pgliteDatabase(db: Pick<PGlite, 'query' | 'transaction'>): SqlDatabase {
  return {
    query: async (sql, params) => db.query(sql, params),
    transaction: (work) => db.transaction((tx) => work({ query: (sql, params) => tx.query(sql, params) })),
  };
}

/** The migration (`schema.sql`): several statements, so run it with PGlite's `exec` or `pool.query` without params. */
export const schemaSql: string = readFileSync(new URL('./schema.sql', import.meta.url), 'utf8');
