// Open data reads a council's cases in id order, a page at a time. Without an index on (council_id,
// id) each page sorted all of the council's cases again, so a whole file cost the square of its size.
import type { Migration } from 'kysely/migration'
import type { AnyDb } from './columns.ts'

export function openDataMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.createIndex('case_council_id').on('case').columns(['council_id', 'id']).execute()
    },
  }
}
