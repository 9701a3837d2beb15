// Finding a resident at the desk: what an advisor needs to tell two people of the same name apart
// (where they live, when they were born, how they get on online), best match first. Audited like
// the API's search, with what was looked for but never a name or contact detail that was typed.
import type { Database } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { ResidentRow } from './repo.ts'
import { addressesOf } from './repo.ts'
import { rankedResidentRows } from './search-repo.ts'
import { searchWords } from './search.ts'

export type ResidentCard = Pick<
  ResidentRow,
  'id' | 'given_name' | 'family_name' | 'date_of_birth' | 'digital_status' | 'preferred_channel'
> & {
  address: { address_line_1: string; town: string | null; postcode: string | null } | null
}

export type DeskSearch = {
  q: string
  /** What the words look like (a name, a postcode…), recorded in the audit trail instead of them. */
  lookedFor: string
  /** Digits that may be a property's UPRN; recorded, since a UPRN names a building, not a person. */
  uprn?: string
  page: number
  pageSize: number
}

export async function findResidentsAtDesk(
  database: Database,
  actor: Actor,
  councilId: number,
  search: DeskSearch,
): Promise<{ items: ResidentCard[]; more: boolean }> {
  const words = searchWords(search.q)
  const rows = await rankedResidentRows(
    database.db,
    database.engine,
    councilId,
    { words, uprn: search.uprn },
    (search.page - 1) * search.pageSize,
    search.pageSize + 1,
  )
  const shown = rows.slice(0, search.pageSize)
  const addresses = await addressesOf(
    database.db,
    shown.map((r) => r.id),
  )
  const items = shown.map((r) => {
    const address = addresses.find((a) => a.resident_id === r.id)
    return {
      id: r.id,
      given_name: r.given_name,
      family_name: r.family_name,
      date_of_birth: r.date_of_birth,
      digital_status: r.digital_status,
      preferred_channel: r.preferred_channel,
      address: address
        ? { address_line_1: address.address_line_1, town: address.town, postcode: address.postcode }
        : null,
    }
  })
  await recordAudit(database, actor, {
    action: 'resident.search',
    subjectType: 'resident',
    subjectId: null,
    detail: {
      looked_for: search.lookedFor,
      ...(search.uprn ? { uprn: search.uprn } : {}),
      page: search.page,
      count: items.length,
      ids: items.map((i) => i.id),
    },
  })
  return { items, more: rows.length > search.pageSize }
}
