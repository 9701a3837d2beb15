// Queries behind changes made at the desk: the record of each change with its reason, a flag's
// review date, and what a merge would move, counted without moving it.
import { sql } from 'kysely'
import type { Insertable } from 'kysely'
import type { Queryable, ResidentChangeTable } from '../../platform/db/schema.ts'
import { MOVED_TABLES } from './merge-repo.ts'
import type { MoveCounts } from './merge-repo.ts'

export async function insertResidentChange(db: Queryable, row: Insertable<ResidentChangeTable>): Promise<void> {
  await db.insertInto('resident_change').values(row).execute()
}

/** Whether a desk form with this one-time token has already changed a resident. */
export async function changeMadeWithToken(db: Queryable, councilId: number, token: string): Promise<boolean> {
  const row = await db
    .selectFrom('resident_change')
    .select('id')
    .where('council_id', '=', councilId)
    .where('form_token', '=', token)
    .executeTakeFirst()
  return row !== undefined
}

async function rowsOf(
  db: Queryable,
  councilId: number,
  table: (typeof MOVED_TABLES)[number],
  residentId: number,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select(sql<number>`count(*)`.as('n'))
    .where('council_id', '=', councilId)
    .where('resident_id', '=', residentId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * What merging `from` into `to` would move, counted the way the merge moves it: every record that
 * hangs off `from`, and only the contact details and addresses `to` does not already have.
 */
export async function countWhatMoves(db: Queryable, councilId: number, from: number, to: number): Promise<MoveCounts> {
  const counts = {} as MoveCounts
  for (const table of MOVED_TABLES) counts[table] = await rowsOf(db, councilId, table, from)
  const details = await db
    .selectFrom('resident_contact_detail')
    .select(['resident_id', 'kind', 'value'])
    .where('resident_id', 'in', [from, to])
    .execute()
  const known = new Set(details.filter((d) => d.resident_id === to).map((d) => `${d.kind}:${d.value.toLowerCase()}`))
  counts.contact_details = details.filter(
    (d) => d.resident_id === from && !known.has(`${d.kind}:${d.value.toLowerCase()}`),
  ).length
  const addresses = await db
    .selectFrom('resident_address')
    .select(['resident_id', 'uprn', 'postcode', 'address_line_1'])
    .where('resident_id', 'in', [from, to])
    .execute()
  const key = (a: { uprn: string | null; postcode: string | null; address_line_1: string }) =>
    a.uprn ?? `${a.postcode ?? ''}|${a.address_line_1.toLowerCase()}`
  const knownAddresses = new Set(addresses.filter((a) => a.resident_id === to).map(key))
  counts.addresses = addresses.filter((a) => a.resident_id === from && !knownAddresses.has(key(a))).length
  const merged = await db
    .selectFrom('resident')
    .select(sql<number>`count(*)`.as('n'))
    .where('council_id', '=', councilId)
    .where('merged_into', '=', from)
    .executeTakeFirstOrThrow()
  counts.merged_residents = Number(merged.n)
  return counts
}
