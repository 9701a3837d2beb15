// The language a resident asked for a call back in. A council in Wales must offer to speak Welsh
// to someone who writes to it in Welsh; an advisor who cannot see that the request came from the
// Welsh page rings back in English. Earlier requests were all taken as English: the form's
// language was not kept, and English is what the list showed them as.
import type { Migration } from 'kysely/migration'
import type { AnyDb } from './columns.ts'

export function callBackLanguageMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .alterTable('callback')
        .addColumn('language', 'text', (col) => col.notNull().defaultTo('en'))
        .execute()
    },
  }
}
