// One Kysely instance per process, on the engine the configuration names.
import { Kysely } from 'kysely'
import type { Dialect, LogEvent } from 'kysely'
import type { DatabaseConfig, Engine } from '../../config.ts'
import type { Tables, Queryable } from './schema.ts'
import { openSqlite, sqliteDialect } from './sqlite.ts'
import { sqliteChangeWatch } from './sqlite-changes.ts'
import type { ChangeWatch } from './sqlite-changes.ts'
import { postgresDialect, postgresPool } from './postgres.ts'
import { AsideReader, readAsideWith } from './read-aside.ts'

export type QueryTimer = (durationMs: number, ok: boolean) => void

export type Database = {
  readonly db: Queryable
  readonly engine: Engine
  /** Set by the metrics plugin: every query's duration is reported here. */
  onQuery?: QueryTimer
  /** Set where the engine can tell cheaply that nothing changed (SQLite); see changeMark. */
  readonly changes?: ChangeWatch
  close(): Promise<void>
}

export function databaseFromDialect(
  engine: Engine,
  dialect: Dialect,
  changes?: ChangeWatch,
  aside?: AsideReader,
): Database {
  const handle: Database = {
    engine,
    changes,
    db: new Kysely<Tables>({
      dialect,
      log: (event: LogEvent) => handle.onQuery?.(event.queryDurationMillis, event.level === 'query'),
    }),
    close: async () => {
      await aside?.close()
      await handle.db.destroy()
    },
  }
  if (aside) {
    aside.onRead = (ms, ok) => handle.onQuery?.(ms, ok)
    readAsideWith(handle.db, aside)
  }
  return handle
}

export function openDatabase(config: DatabaseConfig): Database {
  if (config.engine === 'postgres') return databaseFromDialect('postgres', postgresDialect(postgresPool(config.url)))
  const sqlite = openSqlite(config.file)
  const changes = sqliteChangeWatch(sqlite)
  // A database in memory is this connection's alone: no other thread can read it.
  const aside = config.file === ':memory:' ? undefined : new AsideReader(config.file)
  return databaseFromDialect('sqlite', sqliteDialect(sqlite, changes), changes, aside)
}

/**
 * A number that moves whenever anything in the database may have changed since it was last
 * asked, by this process or any other; undefined where that cannot be told without a query
 * (PostgreSQL), so ask the database. A cache takes the mark before it reads, keeps it with what it
 * read, and may answer from memory while the mark is still the same.
 */
export function changeMark(database: Database): number | undefined {
  return database.changes?.mark()
}

/** The current time as the ISO 8601 UTC string every time column holds. */
export function nowIso(): string {
  return new Date().toISOString()
}
