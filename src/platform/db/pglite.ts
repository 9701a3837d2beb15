// An in-process PostgreSQL (PGlite) for tests when no PG_URL is given, so every data test runs on
// both engines on any machine. Kysely's own PGlite dialect, with pg_trgm and the same row parsers
// as node-postgres.
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { PGliteDialect } from 'kysely'
import type { Dialect } from 'kysely'
import { postgresParsers } from './postgres.ts'

export function pgliteDialect(): Dialect {
  return new PGliteDialect({ pglite: new PGlite({ extensions: { pg_trgm }, parsers: postgresParsers }) })
}
