// One Kysely instance per process, on the engine the configuration names.
import { Kysely } from 'kysely'
import type { Dialect, LogEvent } from 'kysely'
import type { DatabaseConfig, Engine } from '../../config.ts'
import type { Tables, Queryable } from './schema.ts'
import { openSqlite, sqliteDialect } from './sqlite.ts'
import { postgresDialect, postgresPool } from './postgres.ts'

export type QueryTimer = (durationMs: number, ok: boolean) => void

export type Database = {
  readonly db: Queryable
  readonly engine: Engine
  /** Set by the metrics plugin: every query's duration is reported here. */
  onQuery?: QueryTimer
  close(): Promise<void>
}

export function databaseFromDialect(engine: Engine, dialect: Dialect): Database {
  const handle: Database = {
    engine,
    db: new Kysely<Tables>({
      dialect,
      log: (event: LogEvent) => handle.onQuery?.(event.queryDurationMillis, event.level === 'query'),
    }),
    close: () => handle.db.destroy(),
  }
  return handle
}

export function openDatabase(config: DatabaseConfig): Database {
  if (config.engine === 'postgres') return databaseFromDialect('postgres', postgresDialect(postgresPool(config.url)))
  return databaseFromDialect('sqlite', sqliteDialect(openSqlite(config.file)))
}

/** The current time as the ISO 8601 UTC string every time column holds. */
export function nowIso(): string {
  return new Date().toISOString()
}
