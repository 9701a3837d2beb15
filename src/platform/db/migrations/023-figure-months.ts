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
// On SQLite the resident rollup is stored in its key's order (WITHOUT ROWID): a year's rows are
// then read in one pass rather than looked up one by one from the key's index (270 ms to 40 ms for
// 100,000 residents). Merged residents get a small index of their own, so the count looks up only
// them rather than every resident in contact; the digitally excluded (residents not merged, by
// digital status) are counted from an index rather than every resident.
import { sql } from 'kysely'
import type { CreateTableBuilder } from 'kysely'
import type { Migration } from 'kysely/migration'
import type { Engine } from '../../../config.ts'
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

function inKeyOrder<T extends string, C extends string>(engine: Engine, table: CreateTableBuilder<T, C>) {
  return engine === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table
}

export function figureMonthsMigration(engine: Engine): Migration {
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
      await inKeyOrder(
        engine,
        residents.addPrimaryKeyConstraint('resident_contact_rollup_pk', ['council_id', 'year', 'resident_id']),
      ).execute()
      await db.schema
        .createIndex('resident_council_merged')
        .on('resident')
        .columns(['council_id', 'merged_into'])
        .where(sql.ref('merged_into'), 'is not', null)
        .execute()
      await db.schema
        .createIndex('resident_council_digital_status')
        .on('resident')
        .columns(['council_id', 'digital_status'])
        .where(sql.ref('merged_into'), 'is', null)
        .execute()
    },
  }
}
