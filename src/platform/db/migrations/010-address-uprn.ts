// The desk's one search box finds a resident by the UPRN of their address: without an index that
// read every address the council holds.
import type { Migration } from 'kysely/migration'
import type { AnyDb } from './columns.ts'

export function addressUprnMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createIndex('resident_address_uprn')
        .on('resident_address')
        .columns(['council_id', 'uprn'])
        .execute()
    },
  }
}
