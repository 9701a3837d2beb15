// How long after a case is resolved a resident may say "it is not fixed" and have it reopened,
// per service, in calendar days. After that a new case is raised instead.
import type { Migration } from 'kysely/migration'
import type { AnyDb } from './columns.ts'

export function reopenPeriodMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .alterTable('service')
        .addColumn('reopen_days', 'integer', (c) => c.notNull().defaultTo(28))
        .execute()
    },
  }
}
