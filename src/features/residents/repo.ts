// Resident queries. Every one is scoped to a council; merged residents stay readable by id but
// never appear in lists or search.
import { sql } from 'kysely'
import { jsonArrayFrom as jsonArrayFromPostgres } from 'kysely/helpers/postgres'
import { jsonArrayFrom as jsonArrayFromSqlite } from 'kysely/helpers/sqlite'
import type { Expression, Insertable, SelectQueryBuilder, Selectable, SqlBool, Updateable } from 'kysely'
import type { Engine } from '../../config.ts'
import type {
  Tables,
  ResidentAddressTable,
  ResidentTable,
  VulnerabilityFlagTable,
  Queryable,
} from '../../platform/db/schema.ts'
import type { ContactDetailKind } from '../../platform/db/values.ts'
import { preparedQuery } from '../../platform/db/prepared.ts'
import type { ResidentContactDetailTable } from '../../platform/db/schema.ts'
import { inChunks, insertReturningIds, widthOf } from '../../platform/db/chunks.ts'

export type ResidentRow = Selectable<ResidentTable>
export type AddressRow = Selectable<ResidentAddressTable>
export type FlagRow = Selectable<VulnerabilityFlagTable>
export type DetailRow = { resident_id: number; kind: ContactDetailKind; value: string; is_primary: 0 | 1; id: number }

export type SortKey = { family_name: string; given_name: string; id: number }

export async function insertResident(db: Queryable, row: Insertable<ResidentTable>): Promise<number> {
  const inserted = await db.insertInto('resident').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

/** The resident a desk form with this one-time token already added, if any. */
export async function residentIdOfFormToken(
  db: Queryable,
  councilId: number,
  token: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('resident')
    .select('id')
    .where('council_id', '=', councilId)
    .where('form_token', '=', token)
    .executeTakeFirst()
  return row?.id
}

export async function setResidentFormToken(db: Queryable, councilId: number, id: number, token: string): Promise<void> {
  await db
    .updateTable('resident')
    .set({ form_token: token })
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .execute()
}

export async function updateResidentRow(
  db: Queryable,
  councilId: number,
  id: number,
  changes: Updateable<ResidentTable>,
): Promise<void> {
  await db.updateTable('resident').set(changes).where('council_id', '=', councilId).where('id', '=', id).execute()
}

export async function findResidentRow(db: Queryable, councilId: number, id: number): Promise<ResidentRow | undefined> {
  return db
    .selectFrom('resident')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export type AddressParts = Pick<AddressRow, 'address_line_1' | 'address_line_2' | 'town' | 'postcode' | 'uprn'>
export type FlagParts = Pick<FlagRow, 'id' | 'reason' | 'review_on' | 'created_at'>
export type ResidentWithDetails = {
  row: ResidentRow
  details: DetailRow[]
  addresses: AddressParts[]
  flags: FlagParts[]
}

/** A JSON array column arrives parsed from PostgreSQL and as text from SQLite. */
function jsonRows<T>(value: unknown): T[] {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T[]
}

/**
 * A resident with their contact details, addresses and open flags in one query rather than four:
 * reading a record is the commonest thing the desk does.
 */
const residentWithDetails = preparedQuery(2, (db: Queryable, engine: Engine, councilId: number, id: number) => {
  const jsonArrayFrom = engine === 'postgres' ? jsonArrayFromPostgres : jsonArrayFromSqlite
  return db
    .selectFrom('resident')
    .selectAll('resident')
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('resident_contact_detail as d')
          .select(['d.id', 'd.resident_id', 'd.kind', 'd.value', 'd.is_primary'])
          .whereRef('d.resident_id', '=', 'resident.id')
          .orderBy('d.is_primary', 'desc')
          .orderBy('d.id'),
      ).as('details_json'),
      jsonArrayFrom(
        eb
          .selectFrom('resident_address as a')
          .select(['a.address_line_1', 'a.address_line_2', 'a.town', 'a.postcode', 'a.uprn'])
          .whereRef('a.resident_id', '=', 'resident.id')
          .orderBy('a.is_primary', 'desc')
          .orderBy('a.id'),
      ).as('addresses_json'),
      jsonArrayFrom(
        eb
          .selectFrom('vulnerability_flag as f')
          .select(['f.id', 'f.reason', 'f.review_on', 'f.created_at'])
          .whereRef('f.resident_id', '=', 'resident.id')
          .where('f.ended_at', 'is', null)
          .orderBy('f.id'),
      ).as('flags_json'),
    ])
    .where('resident.council_id', '=', councilId)
    .where('resident.id', '=', id)
})

/**
 * A resident with their contact details, addresses and open flags in one query rather than four,
 * compiled once: reading a record is the commonest thing the desk does.
 */
export async function findResidentWithDetails(
  db: Queryable,
  engine: Engine,
  councilId: number,
  id: number,
): Promise<ResidentWithDetails | undefined> {
  const [found] = await residentWithDetails(db, engine, councilId, id)
  if (!found) return undefined
  const { details_json, addresses_json, flags_json, ...row } = found
  return {
    row,
    details: jsonRows<DetailRow>(details_json),
    addresses: jsonRows<AddressParts>(addresses_json),
    flags: jsonRows<FlagParts>(flags_json),
  }
}

export async function findResidentIdByExternalId(
  db: Queryable,
  councilId: number,
  externalId: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('resident')
    .select('id')
    .where('council_id', '=', councilId)
    .where('external_id', '=', externalId)
    .executeTakeFirst()
  return row?.id
}

/** Residents (not merged away) with this email among their contact details, compared without regard to case. */
export async function residentIdsWithEmail(
  db: Queryable,
  councilId: number,
  email: string,
  limit: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('resident_contact_detail as d')
    .innerJoin('resident as r', 'r.id', 'd.resident_id')
    .select('r.id')
    .distinct()
    .where('d.council_id', '=', councilId)
    .where('d.kind', '=', 'email')
    .where(sql<string>`lower(d.value)`, '=', email.toLowerCase())
    .where('r.merged_into', 'is', null)
    .orderBy('r.id')
    .limit(limit)
    .execute()
  return rows.map((row) => row.id)
}

export async function contactDetailsOf(db: Queryable, residentIds: readonly number[]): Promise<DetailRow[]> {
  if (residentIds.length === 0) return []
  return db
    .selectFrom('resident_contact_detail')
    .select(['id', 'resident_id', 'kind', 'value', 'is_primary'])
    .where('resident_id', 'in', residentIds)
    .orderBy('resident_id')
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .execute()
}

export async function addressesOf(db: Queryable, residentIds: readonly number[]): Promise<AddressRow[]> {
  if (residentIds.length === 0) return []
  return db
    .selectFrom('resident_address')
    .selectAll()
    .where('resident_id', 'in', residentIds)
    .orderBy('resident_id')
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .execute()
}

export async function activeFlagsOf(db: Queryable, residentId: number): Promise<FlagRow[]> {
  return db
    .selectFrom('vulnerability_flag')
    .selectAll()
    .where('resident_id', '=', residentId)
    .where('ended_at', 'is', null)
    .orderBy('id')
    .execute()
}

export async function replaceContactDetails(
  db: Queryable,
  councilId: number,
  residentId: number,
  kind: ContactDetailKind,
  values: readonly string[],
  at: string,
): Promise<void> {
  await db
    .deleteFrom('resident_contact_detail')
    .where('resident_id', '=', residentId)
    .where('kind', '=', kind)
    .execute()
  if (values.length === 0) return
  await db
    .insertInto('resident_contact_detail')
    .values(
      values.map((value, index) => ({
        council_id: councilId,
        resident_id: residentId,
        kind,
        value,
        is_primary: index === 0 ? (1 as const) : (0 as const),
        created_at: at,
      })),
    )
    .execute()
}

export type AddressInput = Omit<
  Insertable<ResidentAddressTable>,
  'council_id' | 'resident_id' | 'is_primary' | 'created_at' | 'id'
>

export async function replaceAddresses(
  db: Queryable,
  councilId: number,
  residentId: number,
  addresses: readonly AddressInput[],
  at: string,
): Promise<void> {
  await db.deleteFrom('resident_address').where('resident_id', '=', residentId).execute()
  if (addresses.length === 0) return
  await db
    .insertInto('resident_address')
    .values(
      addresses.map((address, index) => ({
        ...address,
        council_id: councilId,
        resident_id: residentId,
        is_primary: index === 0 ? (1 as const) : (0 as const),
        created_at: at,
      })),
    )
    .execute()
}

export async function insertFlag(db: Queryable, row: Insertable<VulnerabilityFlagTable>): Promise<number> {
  const inserted = await db.insertInto('vulnerability_flag').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

/** Changes a flag still in force; false when the resident has no such open flag. */
export async function changeOpenFlag(
  db: Queryable,
  councilId: number,
  residentId: number,
  flagId: number,
  changes: { ended_at: string } | { review_on: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('vulnerability_flag')
    .set(changes)
    .where('council_id', '=', councilId)
    .where('resident_id', '=', residentId)
    .where('id', '=', flagId)
    .where('ended_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** The resident of a case, found by the case's reference. */
export async function residentIdOfCase(
  db: Queryable,
  councilId: number,
  reference: string,
): Promise<number | null | undefined> {
  const row = await db
    .selectFrom('case')
    .select('resident_id')
    .where('council_id', '=', councilId)
    .where('reference', '=', reference)
    .executeTakeFirst()
  return row === undefined ? undefined : row.resident_id
}

export type ListFilters = {
  digital_status?: ResidentRow['digital_status']
  preferred_channel?: ResidentRow['preferred_channel']
  postcode?: string
  family_name?: string
  has_email?: boolean
  updated_since?: string
  /** Already normalised search words (see search.ts). */
  words?: readonly string[]
  onlyIds?: readonly number[]
}

type ResidentQuery = SelectQueryBuilder<Tables, 'resident', object>

function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => '\\' + c)}%`
}

/**
 * The one engine-specific query: every word must appear in the resident's search text. Words of
 * three or more characters go through the trigram index (FTS5 on SQLite, pg_trgm on PostgreSQL);
 * shorter ones can only be scanned for.
 */
export function wordsMatch(engine: Engine, words: readonly string[]): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = []
  const indexed = words.filter((w) => w.length >= 3)
  if (engine === 'sqlite' && indexed.length > 0) {
    const match = indexed.map((w) => `"${w.replace(/"/g, '""')}"`).join(' ')
    conditions.push(
      sql<SqlBool>`resident.id in (select rowid from resident_search where resident_search match ${match})`,
    )
  }
  for (const word of words) {
    if (engine === 'sqlite' && word.length >= 3) continue
    conditions.push(sql<SqlBool>`resident.search_text like ${likePattern(word)} escape '\\'`)
  }
  return conditions.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`(${sql.join(conditions, sql` and `)})`
}

export function matchWords(query: ResidentQuery, engine: Engine, words: readonly string[]): ResidentQuery {
  return query.where(wordsMatch(engine, words))
}

function applyFilters(query: ResidentQuery, filters: ListFilters): ResidentQuery {
  let q = query
  if (filters.digital_status) q = q.where('resident.digital_status', '=', filters.digital_status)
  if (filters.preferred_channel) q = q.where('resident.preferred_channel', '=', filters.preferred_channel)
  if (filters.updated_since) q = q.where('resident.updated_at', '>=', filters.updated_since)
  if (filters.family_name)
    q = q.where(
      sql<boolean>`lower(resident.family_name) like ${filters.family_name.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%'} escape '\\'`,
    )
  if (filters.postcode) {
    const postcode = filters.postcode
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('resident_address as a')
          .select('a.id')
          .whereRef('a.resident_id', '=', 'resident.id')
          .where('a.postcode', '=', postcode),
      ),
    )
  }
  if (filters.has_email !== undefined) {
    const wantEmail = filters.has_email
    q = q.where(({ exists, not, selectFrom }) => {
      const hasEmail = exists(
        selectFrom('resident_contact_detail as d')
          .select('d.id')
          .whereRef('d.resident_id', '=', 'resident.id')
          .where('d.kind', '=', 'email'),
      )
      return wantEmail ? hasEmail : not(hasEmail)
    })
  }
  if (filters.onlyIds) q = q.where('resident.id', 'in', filters.onlyIds.length > 0 ? filters.onlyIds : [0])
  return q
}

export async function listResidentRows(
  db: Queryable,
  engine: Engine,
  councilId: number,
  filters: ListFilters,
  after: SortKey | undefined,
  limit: number,
): Promise<ResidentRow[]> {
  let query = db
    .selectFrom('resident')
    .where('resident.council_id', '=', councilId)
    .where('resident.merged_into', 'is', null)
  query = applyFilters(query, filters)
  if (filters.words && filters.words.length > 0) query = matchWords(query, engine, filters.words)
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('resident.family_name', '>', after.family_name),
        eb.and([eb('resident.family_name', '=', after.family_name), eb('resident.given_name', '>', after.given_name)]),
        eb.and([
          eb('resident.family_name', '=', after.family_name),
          eb('resident.given_name', '=', after.given_name),
          eb('resident.id', '>', after.id),
        ]),
      ]),
    )
  }
  return query
    .selectAll('resident')
    .orderBy('resident.family_name')
    .orderBy('resident.given_name')
    .orderBy('resident.id')
    .limit(limit)
    .execute()
}

// Writes in bulk, for imports and the demo: each takes the transaction of its batch.

/** What an import compares a row of its file with, for residents it already holds by external id. */
export type StoredResident = Pick<
  ResidentRow,
  | 'id'
  | 'external_id'
  | 'given_name'
  | 'family_name'
  | 'date_of_birth'
  | 'preferred_channel'
  | 'digital_status'
  | 'language'
  | 'search_text'
>

export async function residentsByExternalId(
  db: Queryable,
  councilId: number,
  externalIds: readonly string[],
): Promise<StoredResident[]> {
  const found: StoredResident[] = []
  for (const chunk of inChunks([...new Set(externalIds)], 1)) {
    found.push(
      ...(await db
        .selectFrom('resident')
        .select([
          'id',
          'external_id',
          'given_name',
          'family_name',
          'date_of_birth',
          'preferred_channel',
          'digital_status',
          'language',
          'search_text',
        ])
        .where('council_id', '=', councilId)
        .where('external_id', 'in', chunk)
        .execute()),
    )
  }
  return found
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

export type StoredDetail = { resident_id: number; kind: ContactDetailKind; value: string; is_primary: 0 | 1 }
export type StoredAddress = AddressParts & { resident_id: number; is_primary: 0 | 1 }

// These look residents up by id alone: the ids were found within the council. Adding council_id
// here let SQLite choose the (council_id, kind, value) and (council_id, postcode) indexes and read
// every detail of the council once per batch, which made a re-import slower the bigger it was.
export async function contactDetailsOfMany(db: Queryable, residentIds: readonly number[]): Promise<StoredDetail[]> {
  const found: StoredDetail[] = []
  for (const chunk of inChunks(residentIds, 1)) {
    found.push(
      ...(await db
        .selectFrom('resident_contact_detail')
        .select(['resident_id', 'kind', 'value', 'is_primary'])
        .where('resident_id', 'in', chunk)
        .orderBy('id')
        .execute()),
    )
  }
  return found
}

export async function addressesOfMany(db: Queryable, residentIds: readonly number[]): Promise<StoredAddress[]> {
  const found: StoredAddress[] = []
  for (const chunk of inChunks(residentIds, 1)) {
    found.push(
      ...(await db
        .selectFrom('resident_address')
        .select(['resident_id', 'address_line_1', 'address_line_2', 'town', 'postcode', 'uprn', 'is_primary'])
        .where('resident_id', 'in', chunk)
        .orderBy('id')
        .execute()),
    )
  }
  return found
}

/** Inserts residents and answers with their ids in the order given. */
export async function insertResidents(db: Queryable, rows: readonly Insertable<ResidentTable>[]): Promise<number[]> {
  return insertReturningIds(rows, (chunk) => db.insertInto('resident').values(chunk).returning('id').execute())
}

/** Updates imported residents in place, matched on (council_id, external_id), setting only `columns`. */
export async function updateResidentsByExternalId(
  db: Queryable,
  rows: readonly Insertable<ResidentTable>[],
  columns: readonly (keyof ResidentTable & string)[],
): Promise<void> {
  const set = Object.fromEntries(columns.map((column) => [column, sql.ref(`excluded.${column}`)]))
  for (const chunk of inChunks(rows, widthOf(rows))) {
    await db
      .insertInto('resident')
      .values(chunk)
      .onConflict((oc) => oc.columns(['council_id', 'external_id']).doUpdateSet(set))
      .execute()
  }
}

export async function deletePrimaryContactDetails(
  db: Queryable,
  residentIds: readonly number[],
  kind: ContactDetailKind,
): Promise<void> {
  for (const chunk of inChunks(residentIds, 1)) {
    await db
      .deleteFrom('resident_contact_detail')
      .where('resident_id', 'in', chunk)
      .where('kind', '=', kind)
      .where('is_primary', '=', 1)
      .execute()
  }
}

export async function deletePrimaryAddresses(db: Queryable, residentIds: readonly number[]): Promise<void> {
  for (const chunk of inChunks(residentIds, 1)) {
    await db.deleteFrom('resident_address').where('resident_id', 'in', chunk).where('is_primary', '=', 1).execute()
  }
}

export async function insertContactDetailRows(
  db: Queryable,
  rows: readonly Insertable<ResidentContactDetailTable>[],
): Promise<void> {
  for (const chunk of inChunks(rows, widthOf(rows)))
    await db.insertInto('resident_contact_detail').values(chunk).execute()
}

export async function insertAddressRows(
  db: Queryable,
  rows: readonly Insertable<ResidentAddressTable>[],
): Promise<void> {
  for (const chunk of inChunks(rows, widthOf(rows))) await db.insertInto('resident_address').values(chunk).execute()
}

export async function insertFlagRows(
  db: Queryable,
  rows: readonly Insertable<VulnerabilityFlagTable>[],
): Promise<void> {
  for (const chunk of inChunks(rows, widthOf(rows))) await db.insertInto('vulnerability_flag').values(chunk).execute()
}

/** The residents and every resident merged into them, following merged_into however deep it goes. */
export async function residentIdsMergedInto(
  db: Queryable,
  councilId: number,
  survivorIds: readonly number[],
): Promise<number[]> {
  const ids = [...survivorIds]
  let frontier = ids
  // A cycle cannot be made through merge, but a damaged row must not loop forever.
  for (let depth = 0; depth < 20 && frontier.length > 0; depth++) {
    const rows = await db
      .selectFrom('resident')
      .select('id')
      .where('council_id', '=', councilId)
      .where('merged_into', 'in', frontier)
      .execute()
    frontier = rows.map((row) => row.id).filter((id) => !ids.includes(id))
    ids.push(...frontier)
  }
  return ids
}
