/** The PostgreSQL store example: schema, driver glue for pg and PGlite, and the adapter. */
export { createPostgresStore } from './store.js';
export { pgDatabase, pgliteDatabase, schemaSql } from './sql.js';
export type { Queryable, SqlDatabase } from './sql.js';
