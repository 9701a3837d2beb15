// On SQLite the figures' daily and monthly rollups are stored in their key's order (WITHOUT ROWID),
// as the resident rollup has been since migration 023. Every reader asks for a council's span of
// days, which is then one pass over neighbouring rows instead of a look-up from the key's index into
// the table for each row; and every upsert a write makes reaches one b-tree instead of two, so a
// commit dirties fewer pages. Measured by `npm run bench -- dashboard` and `-- metrics` (see
// docs/performance.md, "Rollups in key order").
//
// SQLite cannot change a table's storage in place: each table is copied into a new one made from
// its own stored definition, which is then given the old name, all in one transaction so a failure
// leaves the old tables as they were. PostgreSQL has no clustered tables and keeps its own.
import { sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import type { Engine } from '../../../config.ts'
import type { AnyDb } from './columns.ts'

export const KEY_ORDERED_ROLLUPS = [
  'metric_rollup',
  'contact_month_rollup',
  'case_rollup',
  'call_rollup',
  'call_hour_rollup',
  'survey_rollup',
  'form_rollup',
] as const

type Stored = { type: string; sql: string | null }

async function storedDefinitions(db: AnyDb, table: string): Promise<Stored[]> {
  const { rows } = await sql<Stored>`select type, sql from sqlite_master where tbl_name = ${table}`.execute(db)
  return rows
}

async function rebuildInKeyOrder(db: AnyDb, table: string): Promise<void> {
  const stored = await storedDefinitions(db, table)
  const definition = stored.find((row) => row.type === 'table')?.sql
  const opening = `CREATE TABLE "${table}" (`
  if (!definition?.startsWith(opening)) throw new Error(`the ${table} table's definition is not the one expected`)
  if (/without rowid\s*$/i.test(definition)) return
  const copy = `${table}_in_key_order`
  await sql.raw(`CREATE TABLE "${copy}" (${definition.slice(opening.length)} WITHOUT ROWID`).execute(db)
  await sql.raw(`INSERT INTO "${copy}" SELECT * FROM "${table}"`).execute(db)
  await sql.raw(`DROP TABLE "${table}"`).execute(db)
  await sql.raw(`ALTER TABLE "${copy}" RENAME TO "${table}"`).execute(db)
  // Indexes of its own go with a dropped table: made again (none today but the key's, which the
  // new table has built in).
  for (const index of stored) if (index.type === 'index' && index.sql !== null) await sql.raw(index.sql).execute(db)
}

export function rollupsInKeyOrderMigration(engine: Engine): Migration {
  return {
    async up(db: AnyDb) {
      if (engine !== 'sqlite') return
      await db.transaction().execute(async (trx) => {
        for (const table of KEY_ORDERED_ROLLUPS) await rebuildInKeyOrder(trx, table)
      })
    },
  }
}
