// Daily rollups for the figures the first migration's metric_rollup (contacts) and call_rollup
// (phone queues) cannot hold: cases by the day they were created and the day they were resolved,
// survey responses and online forms. Each is kept in the transaction of the write that changes it.
// A contact or response with no service is kept under service 0, and a response about neither a
// case nor a contact under channel '', because a primary key column cannot be null.
import type { Migration } from 'kysely/migration'
import type { AnyDb } from './columns.ts'

export function figureRollupsMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('case_rollup')
        .addColumn('council_id', 'integer', (col) => col.notNull().references('council.id'))
        .addColumn('day', 'text', (col) => col.notNull())
        .addColumn('service_id', 'integer', (col) => col.notNull())
        .addColumn('channel', 'text', (col) => col.notNull())
        .addColumn('created_by', 'text', (col) => col.notNull())
        .addColumn('created', 'integer', (col) => col.notNull())
        .addColumn('resolved', 'integer', (col) => col.notNull())
        .addColumn('resolved_within_target', 'integer', (col) => col.notNull())
        .addPrimaryKeyConstraint('case_rollup_pk', ['council_id', 'day', 'service_id', 'channel', 'created_by'])
        .execute()
      await db.schema
        .createTable('survey_rollup')
        .addColumn('council_id', 'integer', (col) => col.notNull().references('council.id'))
        .addColumn('day', 'text', (col) => col.notNull())
        .addColumn('channel', 'text', (col) => col.notNull())
        .addColumn('service_id', 'integer', (col) => col.notNull())
        .addColumn('responses', 'integer', (col) => col.notNull())
        .addColumn('satisfied', 'integer', (col) => col.notNull())
        .addPrimaryKeyConstraint('survey_rollup_pk', ['council_id', 'day', 'channel', 'service_id'])
        .execute()
      await db.schema
        .createTable('form_rollup')
        .addColumn('council_id', 'integer', (col) => col.notNull().references('council.id'))
        .addColumn('day', 'text', (col) => col.notNull())
        .addColumn('service_id', 'integer', (col) => col.notNull())
        .addColumn('started', 'integer', (col) => col.notNull())
        .addColumn('submitted', 'integer', (col) => col.notNull())
        .addPrimaryKeyConstraint('form_rollup_pk', ['council_id', 'day', 'service_id'])
        .execute()
    },
  }
}
