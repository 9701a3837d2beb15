// Queries for a council's partner organisations. Every query is scoped to one council; functions
// take a Kysely handle so they also run inside a transaction.
import type { Insertable, Selectable, Updateable } from 'kysely'
import type { PartnerOrgTable, Queryable } from '../../platform/db/schema.ts'

export type PartnerOrgRow = Selectable<PartnerOrgTable>

export function findPartnerOrg(db: Queryable, councilId: number, id: number): Promise<PartnerOrgRow | undefined> {
  return db
    .selectFrom('partner_org')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Every organisation of the council, active or not, by name: councils have tens, not thousands. */
export function listPartnerOrgs(db: Queryable, councilId: number): Promise<PartnerOrgRow[]> {
  return db
    .selectFrom('partner_org')
    .selectAll()
    .where('council_id', '=', councilId)
    .orderBy('name')
    .orderBy('id')
    .execute()
}

export async function insertPartnerOrg(db: Queryable, row: Insertable<PartnerOrgTable>): Promise<number> {
  const inserted = await db.insertInto('partner_org').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

export async function updatePartnerOrg(
  db: Queryable,
  councilId: number,
  id: number,
  changes: Updateable<PartnerOrgTable>,
): Promise<void> {
  await db.updateTable('partner_org').set(changes).where('council_id', '=', councilId).where('id', '=', id).execute()
}
