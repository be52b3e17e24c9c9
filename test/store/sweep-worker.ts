/**
 * A sweep worker process for the scale-out test: sweeps one tenant of the database at EL_TEST_DATABASE_URL (schema
 * from argv) a batch at a time, printing one line per batch, until nothing is due. Argv: schema tenant now
 * [partitionIndex partitionCount].
 */
import pg from 'pg';
import { createPostgresStore, pgDatabase } from '../../src/postgres/index.js';
import { sweep } from '../../src/store/index.js';
import { probeA } from '../../src/testing/store/index.js';

const [schema, tenant, now, index, count] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: process.env.EL_TEST_DATABASE_URL, options: `-c search_path=${schema}`, max: 2 });
const store = createPostgresStore(pgDatabase(pool)).tenant(tenant!);
const partition = index === undefined ? undefined : { index: Number(index), count: Number(count) };
for (;;) {
  const s = await sweep(store, { lifecycles: [probeA], now: new Date(now!), batchSize: 50, maxBatches: 1, partition });
  process.stdout.write(`batch ${s.claimed} ${s.changed}\n`);
  if (s.claimed === 0) break;
}
await pool.end();
