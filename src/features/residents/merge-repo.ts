// What a merge moves: every record that hangs off the duplicate, re-pointed to the survivor.
// Contact details and addresses the survivor already has are dropped rather than doubled.
import type { Queryable } from '../../platform/db/schema.ts'

/** Tables whose rows belong to a resident through `resident_id` and move whole on a merge. */
export const MOVED_TABLES = [
  'contact',
  'case',
  'callback',
  'appointment',
  'referral',
  'inclusion_assessment',
  'notification',
  'e_account',
  'vulnerability_flag',
] as const

export type MoveCounts = Record<
  (typeof MOVED_TABLES)[number] | 'contact_details' | 'addresses' | 'merged_residents',
  number
>

async function moveRows(
  db: Queryable,
  councilId: number,
  table: (typeof MOVED_TABLES)[number],
  from: number,
  to: number,
): Promise<number> {
  const result = await db
    .updateTable(table)
    .set({ resident_id: to })
    .where('council_id', '=', councilId)
    .where('resident_id', '=', from)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

async function moveContactDetails(db: Queryable, from: number, to: number): Promise<number> {
  const survivor = await db
    .selectFrom('resident_contact_detail')
    .select(['kind', 'value'])
    .where('resident_id', '=', to)
    .execute()
  const known = new Set(survivor.map((d) => `${d.kind}:${d.value.toLowerCase()}`))
  const incoming = await db
    .selectFrom('resident_contact_detail')
    .select(['id', 'kind', 'value'])
    .where('resident_id', '=', from)
    .execute()
  const fresh = incoming.filter((d) => !known.has(`${d.kind}:${d.value.toLowerCase()}`)).map((d) => d.id)
  if (fresh.length > 0)
    await db
      .updateTable('resident_contact_detail')
      .set({ resident_id: to, is_primary: 0 })
      .where('id', 'in', fresh)
      .execute()
  await db.deleteFrom('resident_contact_detail').where('resident_id', '=', from).execute()
  return fresh.length
}

async function moveAddresses(db: Queryable, from: number, to: number): Promise<number> {
  const key = (a: { uprn: string | null; postcode: string | null; address_line_1: string }) =>
    a.uprn ?? `${a.postcode ?? ''}|${a.address_line_1.toLowerCase()}`
  const survivor = await db
    .selectFrom('resident_address')
    .select(['uprn', 'postcode', 'address_line_1'])
    .where('resident_id', '=', to)
    .execute()
  const known = new Set(survivor.map(key))
  const incoming = await db
    .selectFrom('resident_address')
    .select(['id', 'uprn', 'postcode', 'address_line_1'])
    .where('resident_id', '=', from)
    .execute()
  const fresh = incoming.filter((a) => !known.has(key(a))).map((a) => a.id)
  if (fresh.length > 0)
    await db.updateTable('resident_address').set({ resident_id: to, is_primary: 0 }).where('id', 'in', fresh).execute()
  await db.deleteFrom('resident_address').where('resident_id', '=', from).execute()
  return fresh.length
}

export async function moveEverything(
  db: Queryable,
  councilId: number,
  from: number,
  to: number,
  at: string,
): Promise<MoveCounts> {
  const counts = {} as MoveCounts
  for (const table of MOVED_TABLES) counts[table] = await moveRows(db, councilId, table, from, to)
  counts.contact_details = await moveContactDetails(db, from, to)
  counts.addresses = await moveAddresses(db, from, to)
  // Records merged into the duplicate earlier now point straight at the survivor.
  const earlier = await db
    .updateTable('resident')
    .set({ merged_into: to, updated_at: at })
    .where('council_id', '=', councilId)
    .where('merged_into', '=', from)
    .executeTakeFirst()
  counts.merged_residents = Number(earlier.numUpdatedRows)
  await db
    .updateTable('resident')
    .set({ merged_into: to, updated_at: at })
    .where('council_id', '=', councilId)
    .where('id', '=', from)
    .execute()
  return counts
}
