// An in-process PostgreSQL (PGlite) for tests when no PG_URL is given, so every data test runs on
// both engines on any machine, with pg_trgm and the same row parsers as node-postgres (the tests
// put Kysely's own PGlite dialect over it).
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { postgresParsers } from './postgres.ts'

/** A PGlite with pg_trgm, new or started from a saved data folder (which skips its initdb). */
export function newPglite(loadDataDir?: Blob): PGlite {
  return new PGlite({ extensions: { pg_trgm }, parsers: postgresParsers, ...(loadDataDir ? { loadDataDir } : {}) })
}
