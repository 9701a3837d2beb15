// What every command needs: the validated config and a migrated database, closed afterwards.
import { ConfigError, loadConfig } from '../config.ts'
import type { Config, DatabaseConfig } from '../config.ts'
import { openDatabase } from '../platform/db/database.ts'
import type { Database } from '../platform/db/database.ts'
import { DatabaseUnreachableError, migrateToLatest } from '../platform/db/migrate.ts'
import type { MigrationReport } from '../platform/db/migrate.ts'
import { councilBySlug, councilById } from '../platform/council/council.ts'
import type { Council } from '../platform/council/council.ts'
import type { Actor } from '../platform/audit/audit.ts'
import { UsageError } from './output.ts'

/** Whoever ran a command on the server: the audit trail records it as the command line, in that council. */
export function cliActor(councilId: number): Actor {
  return { kind: 'system', id: null, label: 'cli', councilId }
}

/** Where the database is, for a message: host and port only, never the user or password. */
function whereIs(config: DatabaseConfig): string {
  if (config.engine === 'sqlite') return `SQLite at ${config.file}`
  const url = new URL(config.url)
  return `PostgreSQL at ${url.hostname}:${url.port || '5432'}`
}

/** Opens the database and brings it up to date; one that cannot be reached is a DATABASE_URL to fix. */
export async function openMigrated(config: Config): Promise<{ database: Database; migration: MigrationReport }> {
  const database = openDatabase(config.database)
  try {
    return { database, migration: await migrateToLatest(database) }
  } catch (error) {
    await database.close().catch(() => undefined)
    if (error instanceof DatabaseUnreachableError)
      throw new ConfigError('DATABASE_URL', `cannot connect to ${whereIs(config.database)}: ${error.message}`)
    throw error
  }
}

export async function withDatabase<T>(work: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig()
  const { database } = await openMigrated(config)
  try {
    return await work(database, config)
  } finally {
    await database.close()
  }
}

/** The council a command acts for: --council SLUG, or the only one there is. */
export async function chooseCouncil(database: Database, slug: string | undefined): Promise<Council> {
  if (slug) {
    const council = await councilBySlug(database, slug)
    if (!council) throw new UsageError(`no council with slug "${slug}"`)
    return council
  }
  const ids = await database.db.selectFrom('council').select('id').orderBy('id').limit(2).execute()
  if (ids.length === 0)
    throw new UsageError('there is no council yet: run `frontdoor council create` or `frontdoor seed --demo`')
  if (ids.length > 1) throw new UsageError('there are several councils: name one with --council SLUG')
  const council = await councilById(database, ids[0]!.id)
  if (!council) throw new UsageError('the council could not be read')
  return council
}
