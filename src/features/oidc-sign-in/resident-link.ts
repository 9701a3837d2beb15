// Joins an e-account whose email is proven to the resident record that already carries that
// email, so the resident sees their own history. Only one clear match links: with none the
// account stays on its own (a record is made when they first ask for something); with several
// nobody can tell which is theirs, so staff decide.
import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import type { Database } from '../../platform/db/schema.ts'

export async function linkAccountToResident(trx: Kysely<Database>, councilId: number, accountId: number, email: string): Promise<number | null> {
  const matches = await trx
    .selectFrom('resident_contact_detail as d')
    .innerJoin('resident as r', 'r.id', 'd.resident_id')
    .select('r.id')
    .distinct()
    .where('d.council_id', '=', councilId)
    .where('d.kind', '=', 'email')
    .where(sql<string>`lower(d.value)`, '=', email.toLowerCase())
    .where('r.merged_into', 'is', null)
    .limit(2)
    .execute()
  const only = matches.length === 1 ? matches[0] : undefined
  if (!only) return null
  await trx.updateTable('e_account').set({ resident_id: only.id }).where('id', '=', accountId).where('resident_id', 'is', null).execute()
  return only.id
}
