// Cases by London month, as migration 023 gave contacts: the daily case rollup summed by month, so
// a year's cases by service read twelve rows a group instead of 365 (a year of the figures
// benchmark's council: 23,450 daily rows grouped through a temporary b-tree, about 20 ms of the
// dashboard's first view after a change; see docs/performance.md, "Dashboard"). Kept in the
// transaction of every case write beside the daily rollup, refilled by `frontdoor metrics
// rebuild`, and filled here from the daily rollup (London days, so a day's month is its first
// seven characters). Stored in its key's order on SQLite, as every rollup is since migration 026.
import { sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import type { Engine } from '../../../config.ts'
import type { AnyDb } from './columns.ts'

export function caseMonthRollupMigration(engine: Engine): Migration {
  return {
    async up(db: AnyDb) {
      const table = db.schema
        .createTable('case_month_rollup')
        .addColumn('council_id', 'integer', (col) => col.notNull().references('council.id'))
        .addColumn('month', 'text', (col) => col.notNull())
        .addColumn('service_id', 'integer', (col) => col.notNull())
        .addColumn('channel', 'text', (col) => col.notNull())
        .addColumn('created_by', 'text', (col) => col.notNull())
        .addColumn('created', 'integer', (col) => col.notNull())
        .addColumn('resolved', 'integer', (col) => col.notNull())
        .addColumn('resolved_within_target', 'integer', (col) => col.notNull())
        .addPrimaryKeyConstraint('case_month_rollup_pk', ['council_id', 'month', 'service_id', 'channel', 'created_by'])
      await (engine === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table).execute()
      await fillCaseMonths(db)
    },
  }
}

/** The monthly rows from the daily ones, for an empty monthly rollup. */
export async function fillCaseMonths(db: AnyDb): Promise<void> {
  await sql`insert into case_month_rollup
      (council_id, month, service_id, channel, created_by, created, resolved, resolved_within_target)
    select council_id, substr(day, 1, 7), service_id, channel, created_by,
      sum(created), sum(resolved), sum(resolved_within_target)
    from case_rollup
    group by council_id, substr(day, 1, 7), service_id, channel, created_by`.execute(db)
}
