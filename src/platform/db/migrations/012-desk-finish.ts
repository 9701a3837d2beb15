// The advisor's desk, finished: two indexes its pages need at a council's size; a partner
// organisation's name unique in its council as people read it (letter case and spaces at the ends
// do not make a new name); and the one-time token of the desk form that wrote a case note, a new
// resident or a change to one, so a double click or a resubmitted page writes once.
import { sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import type { AnyDb } from './columns.ts'

/**
 * Names already held twice (the table had no constraint) keep the first organisation's name; each
 * later one gets its id after its name, which an administrator can see and put right, rather than
 * the migration failing on a council's existing data.
 */
export async function renameDuplicatePartners(db: AnyDb): Promise<void> {
  const rows = await db.selectFrom('partner_org').select(['id', 'council_id', 'name']).orderBy('id').execute()
  const seen = new Set<string>()
  for (const row of rows as { id: number; council_id: number; name: string }[]) {
    const key = `${row.council_id}:${row.name.trim().toLowerCase()}`
    if (!seen.has(key)) {
      seen.add(key)
      continue
    }
    await db
      .updateTable('partner_org')
      .set({ name: `${row.name.trim()} (${row.id})` })
      .where('id', '=', row.id)
      .execute()
  }
}

/**
 * Found by the desk benchmark (docs/performance.md). Most residents were never merged, so an index
 * of every resident's merged_into is one long run of nulls the planner rightly refuses; the single
 * view asks it on every open. A team's queue counts its cases by service, channel and assignee;
 * without these columns beside the team the planner walked the whole council's cases in service order.
 */
async function addDeskIndexes(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('resident_merged_into_held')
    .on('resident')
    .column('merged_into')
    .where(sql.ref('merged_into'), 'is not', null)
    .execute()
  await db.schema
    .createIndex('case_team_facets')
    .on('case')
    .columns(['council_id', 'team_id', 'service_id', 'status', 'channel', 'assignee_id'])
    .execute()
}

export function deskFinishMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await renameDuplicatePartners(db)
      await db.schema
        .createIndex('partner_org_name_unique')
        .unique()
        .on('partner_org')
        .columns(['council_id'])
        .expression(sql`lower(trim(name))`)
        .execute()
      await addDeskIndexes(db)
      for (const table of ['case_event', 'resident', 'resident_change'] as const) {
        await db.schema.alterTable(table).addColumn('form_token', 'text').execute()
        // Nulls are distinct on both engines: only what a desk form wrote is held to its token.
        await db.schema
          .createIndex(`${table}_form_token_unique`)
          .unique()
          .on(table)
          .columns(['council_id', 'form_token'])
          .execute()
      }
    },
  }
}
