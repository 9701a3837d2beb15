// Residents: one record per person, whatever channel they use. The rules for creating, changing,
// finding and merging them live here; every read and change is audited.
import type { Database } from '../../platform/db/database.ts'
import { inTransaction } from '../../platform/db/transaction.ts'
import { isUniqueViolation } from '../../platform/db/errors.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import type { Engine } from '../../config.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { conflict, invalid, notFound } from '../../platform/http/problem.ts'
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts'
import { normaliseCaseReference } from '../cases/service.ts'
import { moveResidentContacts } from '../metrics/service.ts'
import { normalisePostcode, phoneDigits, searchTextFor } from './search-text.ts'
import { searchWords } from './search.ts'
import * as repo from './repo.ts'
import type { AddressInput, DetailRow, ResidentRow, SortKey } from './repo.ts'
import { moveEverything } from './merge-repo.ts'
import type { MoveCounts } from './merge-repo.ts'
import { changeMadeWithToken, countWhatMoves } from './changes-repo.ts'
import { reasonErrors, recordChange } from './changes.ts'
import type { ResidentCreate, ResidentListFilters, ResidentUpdate } from './schemas.ts'

export { findResidentIdByExternalId, residentIdsMergedInto } from './repo.ts'
export { normalisePostcode, searchTextFor } from './search-text.ts'
import { languageTag } from './language.ts'
export { languageTag } from './language.ts'

export type Address = {
  address_line_1: string
  address_line_2: string | null
  town: string | null
  postcode: string | null
  uprn: string | null
}

export type Resident = Omit<ResidentRow, 'council_id' | 'search_text'> & {
  emails: string[]
  phones: string[]
  addresses: Address[]
  vulnerability_flags: { id: number; reason: string; review_on: string | null; created_at: string }[]
}

export type ResidentSummary = Pick<
  ResidentRow,
  'id' | 'given_name' | 'family_name' | 'date_of_birth' | 'digital_status' | 'preferred_channel'
> & {
  postcode: string | null
  email: string | null
  phone: string | null
}

function toAddress(row: repo.AddressParts): Address {
  return {
    address_line_1: row.address_line_1,
    address_line_2: row.address_line_2,
    town: row.town,
    postcode: row.postcode,
    uprn: row.uprn,
  }
}

function toResident(
  row: ResidentRow,
  details: DetailRow[],
  addresses: repo.AddressParts[],
  flags: repo.FlagParts[],
): Resident {
  const { council_id: _council, search_text: _search, ...rest } = row
  return {
    ...rest,
    // Imports once stored languages as written ("Polish"). Shown as their code, or as unknown when
    // there is none, so such a resident can still be read and changed: a reply that cannot be
    // serialised would be a 500 after the change was committed.
    language: rest.language === null ? null : (languageTag(rest.language) ?? null),
    emails: details.filter((d) => d.kind === 'email').map((d) => d.value),
    phones: details.filter((d) => d.kind === 'phone').map((d) => d.value),
    addresses: addresses.map(toAddress),
    vulnerability_flags: flags.map((f) => ({
      id: f.id,
      reason: f.reason,
      review_on: f.review_on,
      created_at: f.created_at,
    })),
  }
}

async function loadResident(
  db: Queryable,
  engine: Engine,
  councilId: number,
  id: number,
): Promise<Resident | undefined> {
  const found = await repo.findResidentWithDetails(db, engine, councilId, id)
  return found && toResident(found.row, found.details, found.addresses, found.flags)
}

/** Checks the schema cannot express: names that are only spaces, impossible dates, short numbers. */
function ruleErrors(input: ResidentUpdate, today: string): FieldError[] {
  const errors: FieldError[] = []
  for (const field of ['given_name', 'family_name'] as const) {
    if (input[field] !== undefined && input[field].trim() === '')
      errors.push({ name: `body.${field}`, message: 'Enter a name' })
  }
  const dob = input.date_of_birth
  if (dob) {
    if (dob > today) errors.push({ name: 'body.date_of_birth', message: 'Date of birth must be in the past' })
    else if (dob < '1900-01-01')
      errors.push({ name: 'body.date_of_birth', message: 'Date of birth must be after 1 January 1900' })
  }
  input.phones?.forEach((phone, index) => {
    const digits = phoneDigits(phone).length
    if (digits < 10 || digits > 15)
      errors.push({ name: `body.phones.${index}`, message: 'Enter a phone number with 10 to 15 digits' })
  })
  return errors
}

type Normalised = { emails?: string[]; phones?: string[]; addresses?: AddressInput[] }

function normaliseLists(input: ResidentUpdate): Normalised {
  return {
    emails: input.emails && [...new Set(input.emails.map((e) => e.trim()))],
    phones: input.phones && [...new Set(input.phones.map((p) => p.trim()))],
    addresses: input.addresses?.map((a) => ({
      address_line_1: a.address_line_1.trim(),
      address_line_2: a.address_line_2?.trim() || null,
      town: a.town?.trim() || null,
      postcode: a.postcode ? normalisePostcode(a.postcode) : null,
      uprn: a.uprn ?? null,
    })),
  }
}

async function refreshSearchText(db: Queryable, councilId: number, id: number): Promise<void> {
  const row = await repo.findResidentRow(db, councilId, id)
  if (!row) return
  const [details, addresses] = await Promise.all([repo.contactDetailsOf(db, [id]), repo.addressesOf(db, [id])])
  const search_text = searchTextFor({
    given_name: row.given_name,
    family_name: row.family_name,
    postcodes: addresses.map((a) => a.postcode),
    phones: details.filter((d) => d.kind === 'phone').map((d) => d.value),
    emails: details.filter((d) => d.kind === 'email').map((d) => d.value),
  })
  if (search_text !== row.search_text) await repo.updateResidentRow(db, councilId, id, { search_text })
}

async function writeLists(db: Queryable, councilId: number, id: number, lists: Normalised, at: string): Promise<void> {
  if (lists.emails) await repo.replaceContactDetails(db, councilId, id, 'email', lists.emails, at)
  if (lists.phones) await repo.replaceContactDetails(db, councilId, id, 'phone', lists.phones, at)
  if (lists.addresses) await repo.replaceAddresses(db, councilId, id, lists.addresses, at)
}

export async function createResident(
  database: Database,
  actor: Actor,
  councilId: number,
  input: ResidentCreate,
  trx?: Queryable,
): Promise<Resident> {
  const at = nowIso()
  const errors = ruleErrors(input, at.slice(0, 10))
  if (errors.length > 0) throw invalid(errors)
  const lists = normaliseLists(input)
  return inTransaction(database, trx, async (db) => {
    if (input.external_id && (await repo.findResidentIdByExternalId(db, councilId, input.external_id)) !== undefined) {
      throw conflict('A resident with this external_id already exists in this council')
    }
    const id = await repo.insertResident(db, {
      council_id: councilId,
      external_id: input.external_id ?? null,
      given_name: input.given_name.trim(),
      family_name: input.family_name.trim(),
      date_of_birth: input.date_of_birth ?? null,
      preferred_channel: input.preferred_channel ?? null,
      language: input.language ?? null,
      accessibility_needs: input.accessibility_needs ?? null,
      digital_status: input.digital_status ?? null,
      search_text: '',
      created_at: at,
      updated_at: at,
    })
    await writeLists(db, councilId, id, lists, at)
    await refreshSearchText(db, councilId, id)
    await recordAudit(database, actor, { action: 'resident.create', subjectType: 'resident', subjectId: id }, db)
    return (await loadResident(db, database.engine, councilId, id))!
  })
}

/**
 * Adds a resident from a desk form carrying a one-time token: the same form sent again (a double
 * click, a page resubmitted after going back) adds nobody and answers with the resident the first
 * send added. Two sends at the same moment meet the token's unique index; the later one answers
 * with the earlier one's resident.
 */
export async function createResidentOnce(
  database: Database,
  actor: Actor,
  councilId: number,
  input: ResidentCreate,
  formToken: string,
): Promise<{ id: number; added: boolean }> {
  try {
    return await inTransaction(database, undefined, async (db) => {
      const earlier = await repo.residentIdOfFormToken(db, councilId, formToken)
      if (earlier !== undefined) return { id: earlier, added: false }
      const resident = await createResident(database, actor, councilId, input, db)
      await repo.setResidentFormToken(db, councilId, resident.id, formToken)
      return { id: resident.id, added: true }
    })
  } catch (error) {
    const earlier = isUniqueViolation(error)
      ? await repo.residentIdOfFormToken(database.db, councilId, formToken)
      : undefined
    if (earlier === undefined) throw error
    return { id: earlier, added: false }
  }
}

/**
 * Residents of the council whose record carries this email address, at most `limit` of them:
 * how an e-account whose address is proven finds the record that is already theirs.
 */
export function findResidentsByEmail(db: Queryable, councilId: number, email: string, limit = 2): Promise<number[]> {
  return repo.residentIdsWithEmail(db, councilId, email, limit)
}

export async function getResident(database: Database, actor: Actor, councilId: number, id: number): Promise<Resident> {
  const resident = await loadResident(database.db, database.engine, councilId, id)
  if (!resident) throw notFound('Resident')
  await recordAudit(database, actor, { action: 'resident.read', subjectType: 'resident', subjectId: id })
  return resident
}

export async function residentExists(db: Queryable, councilId: number, id: number): Promise<boolean> {
  return (await repo.findResidentRow(db, councilId, id)) !== undefined
}

export async function updateResident(
  database: Database,
  actor: Actor,
  councilId: number,
  id: number,
  changes: ResidentUpdate,
  reason?: string,
): Promise<Resident> {
  const at = nowIso()
  const errors = [...ruleErrors(changes, at.slice(0, 10)), ...reasonErrors(reason)]
  if (errors.length > 0) throw invalid(errors)
  const lists = normaliseLists(changes)
  return database.db.transaction().execute(async (db) => {
    const existing = await repo.findResidentRow(db, councilId, id)
    if (!existing) throw notFound('Resident')
    if (existing.merged_into !== null)
      throw conflict(`This resident was merged into resident ${existing.merged_into}; change that record instead`)
    const { emails: _e, phones: _p, addresses: _a, ...scalars } = changes
    await repo.updateResidentRow(db, councilId, id, {
      ...scalars,
      ...(scalars.given_name === undefined ? {} : { given_name: scalars.given_name.trim() }),
      ...(scalars.family_name === undefined ? {} : { family_name: scalars.family_name.trim() }),
      updated_at: at,
    })
    await writeLists(db, councilId, id, lists, at)
    await refreshSearchText(db, councilId, id)
    const fields = Object.keys(changes).sort()
    await recordChange(db, actor, councilId, id, { change: 'details', fields, reason, at })
    await recordAudit(
      database,
      actor,
      {
        action: 'resident.update',
        subjectType: 'resident',
        subjectId: id,
        detail: { fields },
      },
      db,
    )
    return (await loadResident(db, database.engine, councilId, id))!
  })
}

async function summarise(db: Queryable, rows: ResidentRow[]): Promise<ResidentSummary[]> {
  const ids = rows.map((r) => r.id)
  const [details, addresses] = await Promise.all([repo.contactDetailsOf(db, ids), repo.addressesOf(db, ids)])
  const first = <T extends { resident_id: number }>(list: T[], id: number, pick: (item: T) => boolean = () => true) =>
    list.find((item) => item.resident_id === id && pick(item))
  return rows.map((r) => ({
    id: r.id,
    given_name: r.given_name,
    family_name: r.family_name,
    date_of_birth: r.date_of_birth,
    digital_status: r.digital_status,
    preferred_channel: r.preferred_channel,
    postcode: first(addresses, r.id)?.postcode ?? null,
    email: first(details, r.id, (d) => d.kind === 'email')?.value ?? null,
    phone: first(details, r.id, (d) => d.kind === 'phone')?.value ?? null,
  }))
}

/** A search that is a case reference finds that case's resident (or the one it was merged into). */
async function residentOfReference(db: Queryable, councilId: number, q: string): Promise<number[] | undefined> {
  const reference = normaliseCaseReference(q)
  if (!reference) return undefined
  const residentId = await repo.residentIdOfCase(db, councilId, reference)
  if (residentId === undefined || residentId === null) return []
  const resident = await repo.findResidentRow(db, councilId, residentId)
  return [resident?.merged_into ?? residentId]
}

export async function listResidents(
  database: Database,
  actor: Actor,
  councilId: number,
  query: ResidentListFilters,
): Promise<{ items: ResidentSummary[]; next_cursor: string | null }> {
  const limit = query.limit ?? 50
  const after = decodeCursor<SortKey>(query.cursor, ['family_name', 'given_name', 'id'])
  const { q, limit: _l, cursor: _c, ...filters } = query
  const postcode = filters.postcode ? normalisePostcode(filters.postcode) : undefined
  const onlyIds = q ? await residentOfReference(database.db, councilId, q) : undefined
  const words = q && !onlyIds ? searchWords(q) : undefined
  const rows = await repo.listResidentRows(
    database.db,
    database.engine,
    councilId,
    { ...filters, postcode, words, onlyIds },
    after,
    limit + 1,
  )
  const page = pageOf(rows, limit, (r) => ({ family_name: r.family_name, given_name: r.given_name, id: r.id }))
  const items = await summarise(database.db, page.items)
  await recordAudit(database, actor, {
    action: q ? 'resident.search' : 'resident.list',
    subjectType: 'resident',
    subjectId: null,
    detail: { count: items.length, filters: Object.keys(filters).sort(), ids: items.map((i) => i.id) },
  })
  return { items, next_cursor: page.next_cursor }
}

export type MergeResult = { survivor: Resident; moved: MoveCounts }

/** Refuses a merge that cannot be: into itself, across councils, or of a record already merged. */
async function checkMergeable(db: Queryable, councilId: number, survivorId: number, duplicateId: number) {
  if (survivorId === duplicateId)
    throw invalid([{ name: 'body.duplicate_id', message: 'A resident cannot be merged into itself' }])
  const [survivor, duplicate] = await Promise.all([
    repo.findResidentRow(db, councilId, survivorId),
    repo.findResidentRow(db, councilId, duplicateId),
  ])
  if (!survivor) throw notFound('Resident')
  if (!duplicate) throw notFound('The duplicate resident')
  if (survivor.merged_into !== null)
    throw conflict(
      `Resident ${survivorId} was itself merged into resident ${survivor.merged_into}; merge into that one`,
    )
  if (duplicate.merged_into !== null)
    throw conflict(`Resident ${duplicateId} was already merged into resident ${duplicate.merged_into}`)
}

export type MergePreview = { survivor: Resident; duplicate: Resident; moves: MoveCounts }

/**
 * The two records side by side and what a merge would move, for the member of staff to confirm.
 * Refused as the merge itself would be; each record shown is audited as read.
 */
export async function previewMerge(
  database: Database,
  actor: Actor,
  councilId: number,
  survivorId: number,
  duplicateId: number,
): Promise<MergePreview> {
  const db = database.db
  await checkMergeable(db, councilId, survivorId, duplicateId)
  const [survivor, duplicate, moves] = await Promise.all([
    loadResident(db, database.engine, councilId, survivorId),
    loadResident(db, database.engine, councilId, duplicateId),
    countWhatMoves(db, councilId, duplicateId, survivorId),
  ])
  if (!survivor || !duplicate) throw notFound('Resident')
  for (const [id, other] of [
    [survivorId, duplicateId],
    [duplicateId, survivorId],
  ] as const)
    await recordAudit(database, actor, {
      action: 'resident.read',
      subjectType: 'resident',
      subjectId: id,
      detail: { purpose: 'merge_comparison', compared_with: other },
    })
  return { survivor, duplicate, moves }
}

export async function mergeResidents(
  database: Database,
  actor: Actor,
  councilId: number,
  survivorId: number,
  duplicateId: number,
  reason?: string,
): Promise<MergeResult> {
  const errors = reasonErrors(reason)
  if (errors.length > 0) throw invalid(errors)
  return database.db.transaction().execute(async (db) => {
    await checkMergeable(db, councilId, survivorId, duplicateId)
    const at = nowIso()
    const moved = await moveEverything(db, councilId, duplicateId, survivorId, at)
    await moveResidentContacts(db, councilId, duplicateId, survivorId)
    await repo.updateResidentRow(db, councilId, survivorId, { updated_at: at })
    await refreshSearchText(db, councilId, survivorId)
    const fields = Object.entries(moved)
      .filter(([, count]) => count > 0)
      .map(([name]) => name)
      .sort()
    await recordChange(db, actor, councilId, survivorId, { change: 'merged', fields, reason, at })
    await recordAudit(
      database,
      actor,
      {
        action: 'resident.merge',
        subjectType: 'resident',
        subjectId: survivorId,
        detail: { duplicate_id: duplicateId, moved },
      },
      db,
    )
    return { survivor: (await loadResident(db, database.engine, councilId, survivorId))!, moved }
  })
}

export async function addVulnerabilityFlag(
  database: Database,
  actor: Actor,
  councilId: number,
  residentId: number,
  input: { reason: string; review_on?: string | null; formToken?: string },
): Promise<Resident> {
  const at = nowIso()
  if (input.reason.trim() === '') throw invalid([{ name: 'body.reason', message: 'Enter the reason for the flag' }])
  if (input.review_on && input.review_on < at.slice(0, 10))
    throw invalid([{ name: 'body.review_on', message: 'The review date must be today or later' }])
  const adding = database.db.transaction().execute(async (db) => {
    const resident = await repo.findResidentRow(db, councilId, residentId)
    if (!resident) throw notFound('Resident')
    if (resident.merged_into !== null)
      throw conflict(`This resident was merged into resident ${resident.merged_into}; flag that record instead`)
    // The same desk form sent again (a double click, back and resubmit) has already added its flag.
    if (input.formToken && (await changeMadeWithToken(db, councilId, input.formToken)))
      return (await loadResident(db, database.engine, councilId, residentId))!
    const created_by = actor.kind === 'staff' ? actor.id : null
    const flagId = await repo.insertFlag(db, {
      council_id: councilId,
      resident_id: residentId,
      reason: input.reason.trim(),
      review_on: input.review_on ?? null,
      created_by,
      created_at: at,
    })
    await recordChange(db, actor, councilId, residentId, {
      change: 'flag_added',
      fields: ['vulnerability_flag'],
      reason: input.reason,
      at,
      formToken: input.formToken,
    })
    await recordAudit(
      database,
      actor,
      { action: 'resident.flag_add', subjectType: 'resident', subjectId: residentId, detail: { flag_id: flagId } },
      db,
    )
    return (await loadResident(db, database.engine, councilId, residentId))!
  })
  try {
    return await adding
  } catch (error) {
    // Two sends at the same moment: the later one meets the token's unique index after the first added the flag.
    if (!input.formToken || !isUniqueViolation(error)) throw error
    return (await loadResident(database.db, database.engine, councilId, residentId))!
  }
}

export async function endVulnerabilityFlag(
  database: Database,
  actor: Actor,
  councilId: number,
  residentId: number,
  flagId: number,
  reason?: string,
): Promise<Resident> {
  const errors = reasonErrors(reason)
  if (errors.length > 0) throw invalid(errors)
  return database.db.transaction().execute(async (db) => {
    const at = nowIso()
    if (!(await repo.findResidentRow(db, councilId, residentId))) throw notFound('Resident')
    if (!(await repo.changeOpenFlag(db, councilId, residentId, flagId, { ended_at: at }))) throw notFound('Flag')
    await recordChange(db, actor, councilId, residentId, {
      change: 'flag_removed',
      fields: ['vulnerability_flag'],
      reason,
      at,
    })
    await recordAudit(
      database,
      actor,
      { action: 'resident.flag_end', subjectType: 'resident', subjectId: residentId, detail: { flag_id: flagId } },
      db,
    )
    return (await loadResident(db, database.engine, councilId, residentId))!
  })
}

export { changeFlagReviewDate, REASON_MAX_LENGTH } from './changes.ts'
export type { MoveCounts } from './merge-repo.ts'
export type { ResidentUpdate } from './schemas.ts'
export { addResidentsInBulk, importResidentBatch, OPTIONAL_RESIDENT_COLUMNS } from './import-batch.ts'
export type { ImportedResident, NewResident, ResidentBatchResult, ResidentFileShape } from './import-batch.ts'
export { residentIdsByExternalId } from './repo.ts'
export { findResidentsAtDesk } from './desk-search.ts'
export type { DeskSearch, ResidentCard } from './desk-search.ts'

/**
 * The language a resident's record says they read, as its code, for writing to them (no audit: it
 * is not a view of the record, and nothing of it leaves but the choice of words).
 */
export async function languageOfResident(db: Queryable, councilId: number, residentId: number): Promise<string | null> {
  const row = await repo.findResidentRow(db, councilId, residentId)
  return row?.language ? (languageTag(row.language) ?? null) : null
}
