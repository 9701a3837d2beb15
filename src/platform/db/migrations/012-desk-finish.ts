// A partner organisation's name is unique in its council, as people read it (letter case and
// spaces at the ends do not make a new name); and the desk's case notes and new residents carry
// the one-time token of the form that wrote them, so a double click or a resubmitted page writes once.
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
      for (const table of ['case_event', 'resident'] as const) {
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
