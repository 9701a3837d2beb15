// Two rollups that let the figures for a long period read months rather than days or contacts
// (measured by `npm run bench -- metrics` and `-- dashboard`, see docs/performance.md):
// - contact_month_rollup holds the daily metric_rollup summed by London month, so a year reads
//   twelve rows per group instead of 365;
// - resident_contact_rollup holds, per resident and London year, how many of their contacts fell
//   in each month. Residents in contact cannot be summed from counts, but a resident was in contact
//   in some whole months exactly when one of those months' counts is above nought, so a year's
//   residents are one row each instead of every contact. Counts rather than flags, so a contact
//   moved or taken away takes its month back down exactly.
// Both are kept in the transaction of every contact write and refilled by `frontdoor metrics rebuild`.
import type { Migration } from 'kysely/migration'
import type { AnyDb } from './columns.ts'

export const MONTH_COLUMNS = [
  'contacts_01',
  'contacts_02',
  'contacts_03',
  'contacts_04',
  'contacts_05',
  'contacts_06',
  'contacts_07',
  'contacts_08',
  'contacts_09',
  'contacts_10',
  'contacts_11',
  'contacts_12',
] as const

export function figureMonthsMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('contact_month_rollup')
        .addColumn('council_id', 'integer', (col) => col.notNull().references('council.id'))
        .addColumn('month', 'text', (col) => col.notNull())
        .addColumn('channel', 'text', (col) => col.notNull())
        .addColumn('service_id', 'integer', (col) => col.notNull())
        .addColumn('outcome', 'text', (col) => col.notNull())
        .addColumn('direction', 'text', (col) => col.notNull())
        .addColumn('contacts', 'integer', (col) => col.notNull())
        .addColumn('avoidable', 'integer', (col) => col.notNull())
        .addColumn('handle_seconds', 'integer', (col) => col.notNull())
        .addPrimaryKeyConstraint('contact_month_rollup_pk', [
          'council_id',
          'month',
          'channel',
          'service_id',
          'outcome',
          'direction',
        ])
        .execute()
      let residents = db.schema
        .createTable('resident_contact_rollup')
        .addColumn('council_id', 'integer', (col) => col.notNull().references('council.id'))
        .addColumn('year', 'text', (col) => col.notNull())
        .addColumn('resident_id', 'integer', (col) => col.notNull().references('resident.id'))
      for (const column of MONTH_COLUMNS) residents = residents.addColumn(column, 'integer', (col) => col.notNull())
      await residents
        .addPrimaryKeyConstraint('resident_contact_rollup_pk', ['council_id', 'year', 'resident_id'])
        .execute()
    },
  }
}
