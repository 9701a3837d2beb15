// Kysely's SqliteDialect on Node's built-in node:sqlite: a thin adapter, because Kysely expects
// better-sqlite3's statement shape. A statement is a reader when it returns columns.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { SQLInputValue, StatementSync } from 'node:sqlite'
import { CompiledQuery, SqliteDialect, SqliteDriver } from 'kysely'
import type { DatabaseConnection, Driver, SqliteDatabase, SqliteStatement } from 'kysely'
import type { ChangeWatch } from './sqlite-changes.ts'
import { mayWrite } from './sqlite-changes.ts'

export function toSqliteValue(value: unknown): SQLInputValue {
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value === undefined) return null
  if (value instanceof Date) return value.toISOString()
  return value as SQLInputValue
}

// Preparing is a large share of a short query's cost, and the app runs the same few hundred
// statements over and over; beyond this many distinct texts something is building SQL from data.
const STATEMENT_CACHE_SIZE = 500

function adaptStatement(
  database: DatabaseSync,
  statement: StatementSync,
  sqlText: string,
  watch: ChangeWatch,
): SqliteStatement {
  const writes = mayWrite(sqlText)
  const params = (parameters: ReadonlyArray<unknown>) => {
    if (writes) watch.wrote()
    return parameters.map(toSqliteValue)
  }
  return {
    reader: statement.columns().length > 0,
    all: (parameters) => statement.all(...params(parameters)),
    run: (parameters) => statement.run(...params(parameters)),
    // A cached statement must not be shared with an open iterator, so streams get their own.
    iterate: (parameters) => database.prepare(sqlText).iterate(...params(parameters)) as IterableIterator<unknown>,
  }
}

/** Prepared statements by SQL text, least recently used dropped first. */
function statementCache(database: DatabaseSync, watch: ChangeWatch): (sqlText: string) => SqliteStatement {
  const cache = new Map<string, SqliteStatement>()
  return (sqlText) => {
    const cached = cache.get(sqlText)
    if (cached) {
      cache.delete(sqlText)
      cache.set(sqlText, cached)
      return cached
    }
    const adapted = adaptStatement(database, database.prepare(sqlText), sqlText, watch)
    cache.set(sqlText, adapted)
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string)
    return adapted
  }
}

/** How long a connection waits for another's lock before giving up with "database is locked". */
const BUSY_TIMEOUT_MS = 5000

export function openSqlite(file: string): DatabaseSync {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  // The busy timeout is set as the connection opens, before anything else asks SQLite for a lock:
  // even setting the journal mode waits for a connection that is rebuilding the log or writing.
  const database = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS })
  database.exec('pragma journal_mode = wal')
  database.exec('pragma foreign_keys = on')
  database.exec('pragma synchronous = normal')
  // Reads straight from the mapped file instead of a read() per page, and a 64 MiB page cache:
  // the working set of a district council's residents and recent contacts fits in both.
  database.exec('pragma mmap_size = 268435456')
  database.exec('pragma cache_size = -65536')
  // A checkpoint copies the log into the database file and waits for the disk; every 10,000 pages
  // (a log of up to 40 MiB) instead of SQLite's 1,000 makes that wait ten times rarer, which
  // shortened the slowest requests under load more than it slowed reads through a longer log.
  database.exec('pragma wal_autocheckpoint = 10000')
  return database
}

const BEGIN_IMMEDIATE = CompiledQuery.raw('begin immediate')

/**
 * Transactions take the write lock when they begin. A transaction that begins by reading (the
 * audit chain's last hash, a case reference counter) and then writes would otherwise have to
 * upgrade its lock, and SQLite refuses the upgrade at once, busy timeout or not, when another
 * process (an import from the command line, a second app process) wrote in between.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(BEGIN_IMMEDIATE)
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDatabase

  constructor(database: SqliteDatabase) {
    super({ database })
    this.#database = database
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.#database })
  }
}

/** Every statement that may write is told to `watch`, so caches see this connection's own writes. */
export function sqliteDialect(database: DatabaseSync, watch: ChangeWatch): SqliteDialect {
  const adapted: SqliteDatabase = {
    close: () => database.close(),
    prepare: statementCache(database, watch),
  }
  return new ImmediateSqliteDialect(adapted)
}
