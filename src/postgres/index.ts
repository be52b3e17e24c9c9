/**
 * `engagement-lifecycle/postgres`: the engagement store on PostgreSQL, for many tenants. Bring your own driver:
 * `pg` (an optional peer dependency) through `pgDatabase`, or PGlite through `pgliteDatabase`; the schema ships as
 * versioned migrations that `migrate` applies; row-level security is an option.
 */
export { createPostgresStore } from './store.js';
export type { PostgresStoreOptions } from './store.js';
export { MIGRATIONS, migrate } from './migrations.js';
export type { MigrateOptions, MigrateSummary, Migration } from './migrations.js';
export { pgDatabase, pgliteDatabase } from './sql.js';
export type { PGliteLike, PgDatabaseOptions, PgNamedQuery, PgPoolLike, Queryable, SqlDatabase } from './sql.js';
export { deadLetters, deliverOutbox, retryDeadLetter } from './delivery.js';
export type { DeadLetter, DeliverOutboxOptions, DeliverOutboxSummary, DeliveryScope } from './delivery.js';
