// The name a person gives when they create an e-account. Kept on the account until their email
// is confirmed, because only then is a resident record found or made for them: a name held on a
// resident record before that would be a record for someone nobody has yet shown exists.
import type { Migration } from 'kysely/migration'
import type { AnyDb } from './columns.ts'

export function accountNamesMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('e_account').addColumn('given_name', 'text').execute()
      await db.schema.alterTable('e_account').addColumn('family_name', 'text').execute()
    },
  }
}
