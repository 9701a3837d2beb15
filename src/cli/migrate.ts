// `frontdoor migrate`: brings the database schema up to date (also done on every start).
import { loadConfig } from '../config.ts'
import { readArgs } from './args.ts'
import { openMigrated } from './context.ts'
import { out } from './output.ts'

export async function migrateCommand(args: string[]): Promise<void> {
  readArgs(args, { usage: 'usage: frontdoor migrate', flags: {} })
  const config = loadConfig()
  const { database, migration } = await openMigrated(config)
  try {
    const { applied } = migration
    out.line(applied.length === 0 ? 'The database is up to date.' : `Applied: ${applied.join(', ')}`)
  } finally {
    await database.close()
  }
}
