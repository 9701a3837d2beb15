// A merge now moves a resident's counts in the resident rollup to the survivor with their contacts
// (metrics `moveResidentContacts`); before, they stayed under the merged resident, and a contact
// changed after the merge (an import run again) took its count from the survivor's row instead,
// leaving the month counted under one and below nought under the other. This moves the counts of
// residents merged before, as a rebuild would, so every count is under the resident its contacts
// name.
import { sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import type { AnyDb } from './columns.ts'
import { MONTH_COLUMNS } from './023-figure-months.ts'

/** Adds each merged resident's rows to their survivor's, then removes them. */
export async function moveMergedCounts(db: AnyDb): Promise<void> {
  const columns = sql.raw(MONTH_COLUMNS.join(', '))
  const sums = sql.raw(MONTH_COLUMNS.map((c) => `sum(y.${c})`).join(', '))
  const added = sql.raw(MONTH_COLUMNS.map((c) => `${c} = resident_contact_rollup.${c} + excluded.${c}`).join(', '))
  await sql`insert into resident_contact_rollup (council_id, year, resident_id, ${columns})
    select y.council_id, y.year, r.merged_into, ${sums}
    from resident_contact_rollup y join resident r on r.id = y.resident_id
    where r.merged_into is not null
    group by y.council_id, y.year, r.merged_into
    on conflict (council_id, year, resident_id) do update set ${added}`.execute(db)
  await sql`delete from resident_contact_rollup
    where resident_id in (select id from resident where merged_into is not null)`.execute(db)
}

export function mergedResidentCountsMigration(): Migration {
  return {
    async up(db: AnyDb) {
      // Both statements or neither: PostgreSQL's migrations run in a transaction, SQLite's do not.
      if (db.isTransaction) await moveMergedCounts(db)
      else await db.transaction().execute((trx) => moveMergedCounts(trx))
    },
  }
}
