/**
 * The real PostgreSQL server the tests use: `EL_TEST_DATABASE_URL` (set by `.ci/run`, which starts one). Without it
 * the real-server suites are skipped locally, and fail in CI (CI=true): CI never passes by skipping them.
 */
import pg from 'pg';
import { test } from 'vitest';

export const serverUrl = process.env.EL_TEST_DATABASE_URL;
export const inCi = process.env.CI === 'true';

/** Registers a failing test when CI has no server, and says whether the server suites should run. */
export function requireServer(suite: string): boolean {
  if (serverUrl) return true;
  // Outside CI, a skipped test whose name says why: the report shows it, and the file is never empty.
  if (!inCi) test.skip(`${suite}: skipped, no PostgreSQL server (set EL_TEST_DATABASE_URL, or run bash .ci/run)`, () => {});
  if (inCi) test(`${suite}: needs a PostgreSQL server (EL_TEST_DATABASE_URL), which CI must provide`, () => {
    throw new Error('EL_TEST_DATABASE_URL is not set in CI: .ci/run should have started a PostgreSQL server');
  });
  return false;
}

/** A fresh schema on the server, and a pool whose connections use it. */
export async function freshSchema(name: string, max = 8): Promise<{ pool: pg.Pool; drop: () => Promise<void> }> {
  const admin = new pg.Pool({ connectionString: serverUrl, max: 1 });
  await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  await admin.query(`CREATE SCHEMA ${name}`);
  const pool = new pg.Pool({ connectionString: serverUrl, options: `-c search_path=${name}`, max });
  return {
    pool,
    drop: async () => {
      await pool.end();
      await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await admin.end();
    },
  };
}
