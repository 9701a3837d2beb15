// Calls by the London hour they were offered in, for the dashboard's "hour of the week": the daily
// call_rollup cannot say when in the day the queue was busy. Kept, like the others, in the
// transaction of the write that changes it; the day of the week is worked out from `day`.
import type { Migration } from 'kysely/migration'
import type { AnyDb } from './columns.ts'

export function callHourRollupMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('call_hour_rollup')
        .addColumn('council_id', 'integer', (col) => col.notNull().references('council.id'))
        .addColumn('day', 'text', (col) => col.notNull())
        .addColumn('hour', 'integer', (col) => col.notNull())
        .addColumn('offered', 'integer', (col) => col.notNull())
        .addColumn('answered', 'integer', (col) => col.notNull())
        .addColumn('abandoned', 'integer', (col) => col.notNull())
        .addColumn('answer_seconds', 'integer', (col) => col.notNull())
        .addColumn('within_threshold', 'integer', (col) => col.notNull())
        .addPrimaryKeyConstraint('call_hour_rollup_pk', ['council_id', 'day', 'hour'])
        .execute()
    },
  }
}
