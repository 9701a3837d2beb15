// The queries behind imports: look-ups by external id for a whole batch, and batch upserts keyed
// on (council_id, external_id). Each function takes a Kysely handle so it runs inside the batch's
// transaction.
import { sql } from 'kysely'
import type { Insertable } from 'kysely'
import type {
  CaseEventTable,
  CaseTable,
  ContactTable,
  ResidentAddressTable,
  ResidentContactDetailTable,
  ResidentTable,
  Queryable,
} from '../../platform/db/schema.ts'

/** SQLite allows 32,766 bound parameters in one statement; stay well under it. */
const MAX_PARAMETERS = 30_000

export function inChunks<T>(rows: readonly T[], parametersPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, parametersPerRow)))
  const chunks: T[][] = []
  for (let start = 0; start < rows.length; start += size) chunks.push(rows.slice(start, start + size))
  return chunks
}

function widthOf(rows: readonly object[]): number {
  return rows.length === 0 ? 1 : Object.keys(rows[0] as object).length
}

/** `col = excluded.col` for each column a re-import may change. */
function fromExcluded(columns: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((column) => [column, sql.ref(`excluded.${column}`)]))
}

/** Imported residents by external id; a merged record answers with the resident it became. */
export async function residentIdsByExternalId(
  db: Queryable,
  councilId: number,
  externalIds: readonly string[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>()
  for (const chunk of inChunks([...new Set(externalIds)], 1)) {
    const rows = await db
      .selectFrom('resident')
      .select(['id', 'external_id', 'merged_into'])
      .where('council_id', '=', councilId)
      .where('external_id', 'in', chunk)
      .execute()
    for (const row of rows) if (row.external_id !== null) found.set(row.external_id, row.merged_into ?? row.id)
  }
  return found
}

export async function existingResidents(
  db: Queryable,
  councilId: number,
  externalIds: readonly string[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>()
  for (const chunk of inChunks(externalIds, 1)) {
    const rows = await db
      .selectFrom('resident')
      .select(['id', 'external_id'])
      .where('council_id', '=', councilId)
      .where('external_id', 'in', chunk)
      .execute()
    for (const row of rows) if (row.external_id !== null) found.set(row.external_id, row.id)
  }
  return found
}

export async function existingContacts(
  db: Queryable,
  councilId: number,
  externalIds: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>()
  for (const chunk of inChunks(externalIds, 1)) {
    const rows = await db
      .selectFrom('contact')
      .select('external_id')
      .where('council_id', '=', councilId)
      .where('external_id', 'in', chunk)
      .execute()
    for (const row of rows) if (row.external_id !== null) found.add(row.external_id)
  }
  return found
}

export async function existingCases(
  db: Queryable,
  councilId: number,
  externalIds: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  for (const chunk of inChunks(externalIds, 1)) {
    const rows = await db
      .selectFrom('case')
      .select(['external_id', 'reference'])
      .where('council_id', '=', councilId)
      .where('external_id', 'in', chunk)
      .execute()
    for (const row of rows) if (row.external_id !== null) found.set(row.external_id, row.reference)
  }
  return found
}

export type StoredDetail = {
  resident_id: number
  kind: 'email' | 'phone' | 'postcode'
  value: string | null
  is_primary: number
}

/** Every email, phone and postcode held for these residents: what their search text is built from. */
export async function residentDetails(
  db: Queryable,
  councilId: number,
  residentIds: readonly number[],
): Promise<StoredDetail[]> {
  const details: StoredDetail[] = []
  for (const chunk of inChunks(residentIds, 1)) {
    const contacts = await db
      .selectFrom('resident_contact_detail')
      .select(['resident_id', 'kind', 'value', 'is_primary'])
      .where('council_id', '=', councilId)
      .where('resident_id', 'in', chunk)
      .execute()
    const addresses = await db
      .selectFrom('resident_address')
      .select(['resident_id', 'postcode as value', 'is_primary'])
      .where('council_id', '=', councilId)
      .where('resident_id', 'in', chunk)
      .execute()
    details.push(...contacts, ...addresses.map((row) => ({ ...row, kind: 'postcode' as const })))
  }
  return details
}

export async function upsertResidents(
  db: Queryable,
  rows: Insertable<ResidentTable>[],
  updated: readonly string[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  for (const chunk of inChunks(rows, widthOf(rows))) {
    const returned = await db
      .insertInto('resident')
      .values(chunk)
      .onConflict((oc) => oc.columns(['council_id', 'external_id']).doUpdateSet(fromExcluded(updated)))
      .returning(['id', 'external_id'])
      .execute()
    for (const row of returned) if (row.external_id !== null) ids.set(row.external_id, row.id)
  }
  return ids
}

export async function insertResident(db: Queryable, row: Insertable<ResidentTable>): Promise<number> {
  const inserted = await db.insertInto('resident').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

export async function deletePrimaryContactDetails(
  db: Queryable,
  councilId: number,
  residentIds: readonly number[],
  kind: 'email' | 'phone',
): Promise<void> {
  for (const chunk of inChunks(residentIds, 1)) {
    await db
      .deleteFrom('resident_contact_detail')
      .where('council_id', '=', councilId)
      .where('resident_id', 'in', chunk)
      .where('kind', '=', kind)
      .where('is_primary', '=', 1)
      .execute()
  }
}

export async function deletePrimaryAddresses(
  db: Queryable,
  councilId: number,
  residentIds: readonly number[],
): Promise<void> {
  for (const chunk of inChunks(residentIds, 1)) {
    await db
      .deleteFrom('resident_address')
      .where('council_id', '=', councilId)
      .where('resident_id', 'in', chunk)
      .where('is_primary', '=', 1)
      .execute()
  }
}

export async function insertContactDetails(
  db: Queryable,
  rows: Insertable<ResidentContactDetailTable>[],
): Promise<void> {
  for (const chunk of inChunks(rows, widthOf(rows)))
    await db.insertInto('resident_contact_detail').values(chunk).execute()
}

export async function insertAddresses(db: Queryable, rows: Insertable<ResidentAddressTable>[]): Promise<void> {
  for (const chunk of inChunks(rows, widthOf(rows))) await db.insertInto('resident_address').values(chunk).execute()
}

export async function upsertContacts(
  db: Queryable,
  rows: Insertable<ContactTable>[],
  updated: readonly string[],
): Promise<void> {
  for (const chunk of inChunks(rows, widthOf(rows))) {
    await db
      .insertInto('contact')
      .values(chunk)
      .onConflict((oc) => oc.columns(['council_id', 'external_id']).doUpdateSet(fromExcluded(updated)))
      .execute()
  }
}

/** Upserts cases and answers with each one's id by reference (an update keeps its reference). */
export async function upsertCases(
  db: Queryable,
  rows: Insertable<CaseTable>[],
  updated: readonly string[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  for (const chunk of inChunks(rows, widthOf(rows))) {
    const returned = await db
      .insertInto('case')
      .values(chunk)
      .onConflict((oc) => oc.columns(['council_id', 'external_id']).doUpdateSet(fromExcluded(updated)))
      .returning(['id', 'reference'])
      .execute()
    for (const row of returned) ids.set(row.reference, row.id)
  }
  return ids
}

export async function insertCaseEvents(db: Queryable, rows: Insertable<CaseEventTable>[]): Promise<void> {
  for (const chunk of inChunks(rows, widthOf(rows))) await db.insertInto('case_event').values(chunk).execute()
}
