// `frontdoor migrate`: brings the database schema up to date (also done on every start).
import { loadConfig } from '../config.ts'
import { openDatabase } from '../platform/db/database.ts'
import { migrateToLatest } from '../platform/db/migrate.ts'
import { out } from './output.ts'

export async function migrateCommand(): Promise<void> {
  const config = loadConfig()
  const database = openDatabase(config.database)
  try {
    const { applied } = await migrateToLatest(database)
    out.line(applied.length === 0 ? 'The database is up to date.' : `Applied: ${applied.join(', ')}`)
  } finally {
    await database.close()
  }
}
