// PostgreSQL through node-postgres. Type parsers make PostgreSQL rows read like SQLite's:
// timestamps as ISO 8601 strings and counts as numbers, so repos never branch on the engine.
import pg from 'pg'
import { PostgresDialect } from 'kysely'

const TIMESTAMPTZ = 1184
const TIMESTAMP = 1114
const INT8 = 20
const NUMERIC = 1700

export const postgresParsers: Record<number, (value: string) => unknown> = {
  [TIMESTAMPTZ]: (value) => new Date(value).toISOString(),
  [TIMESTAMP]: (value) => new Date(value + 'Z').toISOString(),
  [INT8]: (value) => Number(value),
  [NUMERIC]: (value) => Number(value),
}

for (const [oid, parse] of Object.entries(postgresParsers)) pg.types.setTypeParser(Number(oid), parse)

export function postgresPool(url: string, max = 10): pg.Pool {
  return new pg.Pool({ connectionString: url, max })
}

export function postgresDialect(pool: pg.Pool): PostgresDialect {
  return new PostgresDialect({ pool })
}
