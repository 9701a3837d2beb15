// What every command needs: the validated config and a migrated database, closed afterwards.
import { loadConfig } from '../config.ts'
import type { Config } from '../config.ts'
import { openDatabase } from '../platform/db/database.ts'
import type { Database } from '../platform/db/database.ts'
import { migrateToLatest } from '../platform/db/migrate.ts'
import { councilBySlug, councilById } from '../platform/council/council.ts'
import type { Council } from '../platform/council/council.ts'
import { UsageError } from './output.ts'

export async function withDatabase<T>(work: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig()
  const database = openDatabase(config.database)
  try {
    await migrateToLatest(database)
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
