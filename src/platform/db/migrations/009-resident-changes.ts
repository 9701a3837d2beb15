// Changes to a resident's record made at the desk, each with the reason given, so the resident's
// timeline can say what changed, when, by whom and why. Only the names of the fields changed are
// kept, never the old or new values: the record itself is the one place those live.
import type { Migration } from 'kysely/migration'
import type { Engine } from '../../../config.ts'
import { RESIDENT_CHANGES } from '../values.ts'
import type { AnyDb } from './columns.ts'
import { columns, oneOf } from './columns.ts'

export function residentChangesMigration(engine: Engine): Migration {
  const c = columns(engine)
  return {
    async up(db: AnyDb) {
      await c
        .council(c.appendOnlyId(db.schema.createTable('resident_change')))
        .addColumn('resident_id', 'integer', (col) => col.notNull().references('resident.id').onDelete('cascade'))
        .$call((t) => c.time(t, 'at', true))
        .addColumn('staff_user_id', 'integer', (col) => col.references('staff_user.id'))
        .addColumn('change', 'text', (col) => col.notNull())
        .$call((t) => oneOf(t, 'change', RESIDENT_CHANGES))
        .addColumn('fields', 'text', (col) => col.notNull())
        .addColumn('reason', 'text')
        .execute()
      await db.schema
        .createIndex('resident_change_resident_at')
        .on('resident_change')
        .columns(['resident_id', 'at'])
        .execute()
    },
  }
}
