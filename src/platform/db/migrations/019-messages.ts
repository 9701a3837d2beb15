// Messages on every channel a resident may choose. A message that failed waits before it is tried
// again (`next_attempt_at`), so a provider that is down is not hammered every few seconds; letters
// are collected into one print batch per council and day, which staff download and mark printed.
import type { Migration } from 'kysely/migration'
import type { Engine } from '../../../config.ts'
import type { AnyDb } from './columns.ts'
import { columns } from './columns.ts'

export function messagesMigration(engine: Engine): Migration {
  const c = columns(engine)
  return {
    async up(db: AnyDb) {
      await c.addTime(db, 'notification', 'next_attempt_at').execute()
      await c
        .council(c.id(db.schema.createTable('letter_batch')))
        /** The council's day (YYYY-MM-DD, UK time) whose letters the batch holds. */
        .addColumn('day', 'text', (col) => col.notNull())
        .$call((t) => c.time(t, 'created_at', true))
        .$call((t) => c.time(t, 'printed_at'))
        .addColumn('printed_by', 'integer', (col) => col.references('staff_user.id'))
        .addUniqueConstraint('letter_batch_council_day', ['council_id', 'day'])
        .execute()
      await db.schema
        .alterTable('notification')
        .addColumn('letter_batch_id', 'integer', (col) => col.references('letter_batch.id'))
        .execute()
      await db.schema.createIndex('notification_letter_batch').on('notification').column('letter_batch_id').execute()
      await db.schema.createIndex('notification_case').on('notification').columns(['case_id', 'created_at']).execute()
    },
  }
}
