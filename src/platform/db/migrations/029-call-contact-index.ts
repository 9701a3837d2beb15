// A contact shows the call it answered (a resident's history, the contacts API), found by the
// call's contact_id. Without an index on it, each contact's call was looked for among the calls
// offered in the day around the contact, by time; with it the lookup is by the contact itself and
// holds for every contact, however long after its call it was logged. The council beside it, so
// SQLite's planner takes this index over the council's own (which would read all its calls).
// Partial: most calls (the abandoned, the imported) record no contact, and they need no entry.
import { sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import type { AnyDb } from './columns.ts'

export function callContactIndexMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createIndex('call_contact')
        .on('call')
        .columns(['contact_id', 'council_id'])
        .where(sql.ref('contact_id'), 'is not', null)
        .execute()
    },
  }
}
