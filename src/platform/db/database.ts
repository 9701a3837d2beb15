// One Kysely instance per process, on the engine the configuration names.
import { Kysely } from 'kysely'
import type { Dialect, LogEvent } from 'kysely'
import type { DatabaseConfig, Engine } from '../../config.ts'
import type { Database } from './schema.ts'
import { openSqlite, sqliteDialect } from './sqlite.ts'
import { postgresDialect, postgresPool } from './postgres.ts'

export type QueryTimer = (durationMs: number, ok: boolean) => void

export type Db = {
  readonly db: Kysely<Database>
  readonly engine: Engine
  /** Set by the metrics plugin: every query's duration is reported here. */
  onQuery?: QueryTimer
  close(): Promise<void>
}

export function databaseFromDialect(engine: Engine, dialect: Dialect): Db {
  const handle: Db = {
    engine,
    db: new Kysely<Database>({
      dialect,
      log: (event: LogEvent) => handle.onQuery?.(event.queryDurationMillis, event.level === 'query'),
    }),
    close: () => handle.db.destroy(),
  }
  return handle
}

export function openDatabase(config: DatabaseConfig): Db {
  if (config.engine === 'postgres') return databaseFromDialect('postgres', postgresDialect(postgresPool(config.url)))
  return databaseFromDialect('sqlite', sqliteDialect(openSqlite(config.file)))
}

/** The current time as the ISO 8601 UTC string every time column holds. */
export function nowIso(): string {
  return new Date().toISOString()
}
