// Kysely's SqliteDialect on Node's built-in node:sqlite: a thin adapter, because Kysely expects
// better-sqlite3's statement shape. A statement is a reader when it returns columns.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { SQLInputValue, StatementSync } from 'node:sqlite'
import { SqliteDialect } from 'kysely'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

function toSqliteValue(value: unknown): SQLInputValue {
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value === undefined) return null
  if (value instanceof Date) return value.toISOString()
  return value as SQLInputValue
}

function adaptStatement(statement: StatementSync): SqliteStatement {
  const params = (parameters: ReadonlyArray<unknown>) => parameters.map(toSqliteValue)
  return {
    reader: statement.columns().length > 0,
    all: (parameters) => statement.all(...params(parameters)),
    run: (parameters) => statement.run(...params(parameters)),
    iterate: (parameters) => statement.iterate(...params(parameters)) as IterableIterator<unknown>,
  }
}

export function openSqlite(file: string): DatabaseSync {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const database = new DatabaseSync(file)
  database.exec('pragma journal_mode = wal')
  database.exec('pragma foreign_keys = on')
  database.exec('pragma busy_timeout = 5000')
  database.exec('pragma synchronous = normal')
  return database
}

export function sqliteDialect(database: DatabaseSync): SqliteDialect {
  const adapted: SqliteDatabase = {
    close: () => database.close(),
    prepare: (sqlText) => adaptStatement(database.prepare(sqlText)),
  }
  return new SqliteDialect({ database: adapted })
}
