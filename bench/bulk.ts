// Bulk loading for the benchmark fixture: multi-row prepared statements on node:sqlite directly,
// with secondary indexes and triggers set aside while rows go in and put back afterwards from the
// very SQL the migrations created (read back from sqlite_master, so nothing is written twice).
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite'

// SQLite binds at most 32,766 parameters per statement; well under it is just as fast.
const MAX_PARAMETERS = 16_000
const MAX_ROWS = Number(process.env.ROWS ?? 1000)

export type Row = SQLInputValue[]

export type BulkInserter = {
  add(row: Row): void
  /** Writes whatever is still buffered; call once at the end. */
  finish(): void
  readonly count: number
}

function insertSql(table: string, columns: readonly string[], rows: number): string {
  const one = `(${columns.map(() => '?').join(', ')})`
  return `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${Array.from({ length: rows }, () => one).join(', ')}`
}

export function bulkInserter(sqlite: DatabaseSync, table: string, columns: readonly string[]): BulkInserter {
  const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns.length)))
  const full: StatementSync = sqlite.prepare(insertSql(table, columns, perStatement))
  let buffer: SQLInputValue[] = []
  let rows = 0
  let count = 0
  return {
    add(row) {
      if (row.length !== columns.length)
        throw new Error(`${table}: expected ${columns.length} values, got ${row.length}`)
      for (const value of row) buffer.push(value)
      rows++
      count++
      if (rows === perStatement) {
        full.run(...buffer)
        buffer = []
        rows = 0
      }
    },
    finish() {
      if (rows > 0) sqlite.prepare(insertSql(table, columns, rows)).run(...buffer)
      buffer = []
      rows = 0
    },
    get count() {
      return count
    },
  }
}

type SchemaObject = { name: string; sql: string }

function schemaObjects(sqlite: DatabaseSync, type: 'index' | 'trigger', tables: readonly string[]): SchemaObject[] {
  const marks = tables.map(() => '?').join(', ')
  // Indexes behind unique constraints have no SQL of their own and cannot be dropped; they stay.
  return sqlite
    .prepare(`select name, sql from sqlite_master where type = ? and tbl_name in (${marks}) and sql is not null`)
    .all(type, ...tables) as SchemaObject[]
}

/**
 * Runs `work` with the tables' secondary indexes (and, when asked, triggers) dropped, then
 * recreates them: building an index once over sorted data beats updating it row by row.
 */
export function withoutIndexes(
  sqlite: DatabaseSync,
  tables: readonly string[],
  work: () => void,
  options: { triggers?: boolean } = {},
): void {
  const indexes = schemaObjects(sqlite, 'index', tables)
  const triggers = options.triggers ? schemaObjects(sqlite, 'trigger', tables) : []
  for (const index of indexes) sqlite.exec(`drop index "${index.name}"`)
  for (const trigger of triggers) sqlite.exec(`drop trigger "${trigger.name}"`)
  work()
  for (const index of indexes) sqlite.exec(index.sql)
  for (const trigger of triggers) sqlite.exec(trigger.sql)
}
