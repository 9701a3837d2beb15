// Residents written in bulk, each batch inside the caller's transaction: rows of an import file,
// matched to residents already held by their external id, and the demo's made-up population.
// The residents feature owns these tables, so their search text is worked out here too.
import type { Insertable } from 'kysely'
import { nowIso } from '../../platform/db/database.ts'
import type {
  ResidentAddressTable,
  ResidentContactDetailTable,
  ResidentTable,
  Queryable,
  VulnerabilityFlagTable,
} from '../../platform/db/schema.ts'
import type { DigitalStatus, PreferredChannel } from '../../platform/db/values.ts'
import * as repo from './repo.ts'
import type { AddressParts, StoredAddress, StoredDetail, StoredResident } from './repo.ts'
import { searchTextFor } from './search-text.ts'

export type NewResident = {
  external_id: string | null
  given_name: string
  family_name: string
  date_of_birth: string | null
  preferred_channel: PreferredChannel | null
  language: string | null
  accessibility_needs: string | null
  digital_status: DigitalStatus | null
  /** The first of each list is the primary one. */
  addresses: readonly AddressParts[]
  emails: readonly string[]
  phones: readonly string[]
  flags: readonly { reason: string; review_on: string | null }[]
}

function primaryFirst(index: number): 0 | 1 {
  return index === 0 ? 1 : 0
}

/** Adds residents with their addresses, contact details and flags; answers with their ids in order. */
export async function addResidentsInBulk(
  trx: Queryable,
  councilId: number,
  residents: readonly NewResident[],
  createdAt: string,
): Promise<number[]> {
  const ids = await repo.insertResidents(
    trx,
    residents.map(({ addresses, emails, phones, flags: _flags, ...resident }) => ({
      ...resident,
      council_id: councilId,
      merged_into: null,
      search_text: searchTextFor({ ...resident, postcodes: addresses.map((a) => a.postcode), phones, emails }),
      created_at: createdAt,
      updated_at: createdAt,
    })),
  )
  const addresses: Insertable<ResidentAddressTable>[] = []
  const details: Insertable<ResidentContactDetailTable>[] = []
  const flags: Insertable<VulnerabilityFlagTable>[] = []
  residents.forEach((resident, i) => {
    const base = { council_id: councilId, resident_id: ids[i] as number, created_at: createdAt }
    resident.addresses.forEach((address, n) => addresses.push({ ...base, ...address, is_primary: primaryFirst(n) }))
    resident.emails.forEach((value, n) => details.push({ ...base, kind: 'email', value, is_primary: primaryFirst(n) }))
    resident.phones.forEach((value, n) => details.push({ ...base, kind: 'phone', value, is_primary: primaryFirst(n) }))
    for (const flag of resident.flags) flags.push({ ...base, ...flag, created_by: null, ended_at: null })
  })
  await repo.insertAddressRows(trx, addresses)
  await repo.insertContactDetailRows(trx, details)
  await repo.insertFlagRows(trx, flags)
  return ids
}

/** One row of a residents file: the person and their primary email, phone and address. */
export type ImportedResident = {
  externalId: string | null
  given_name: string
  family_name: string
  date_of_birth: string | null
  preferred_channel: PreferredChannel | null
  digital_status: DigitalStatus | null
  language: string | null
  email: string | null
  phone: string | null
  address: AddressParts | null
}

export const OPTIONAL_RESIDENT_COLUMNS = ['date_of_birth', 'preferred_channel', 'digital_status', 'language'] as const
export type OptionalResidentColumn = (typeof OPTIONAL_RESIDENT_COLUMNS)[number]

/** What a file speaks for: only these are changed on a resident it updates. */
export type ResidentFileShape = {
  covers: { email: boolean; phone: boolean; address: boolean }
  columns: readonly OptionalResidentColumn[]
}

export type ResidentBatchResult = { created: number; updated: number; unchanged: number }

type Held = { resident: StoredResident; details: StoredDetail[]; addresses: StoredAddress[] }

const ADDRESS_PARTS = ['address_line_1', 'address_line_2', 'town', 'postcode', 'uprn'] as const

function sameAddresses(a: readonly AddressParts[], b: readonly AddressParts[]): boolean {
  return a.length === b.length && a.every((x, i) => ADDRESS_PARTS.every((part) => x[part] === b[i]?.[part]))
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** The search text from the file's details, plus whatever the file does not speak for. */
function searchTextOf(row: ImportedResident, shape: ResidentFileShape, held: Held | undefined): string {
  const { covers } = shape
  const kept = (kind: StoredDetail['kind'], covered: boolean) =>
    (held?.details ?? []).filter((d) => d.kind === kind && (d.is_primary === 0 || !covered)).map((d) => d.value)
  const keptPostcodes = (held?.addresses ?? [])
    .filter((a) => a.is_primary === 0 || !covers.address)
    .map((a) => a.postcode)
  return searchTextFor({
    given_name: row.given_name,
    family_name: row.family_name,
    postcodes: [row.address?.postcode, ...keptPostcodes],
    phones: [row.phone, ...kept('phone', covers.phone)],
    emails: [row.email, ...kept('email', covers.email)],
  })
}

/** Whether writing this row would change nothing a person could see. */
function unchanged(row: ImportedResident, searchText: string, shape: ResidentFileShape, held: Held): boolean {
  const { resident, details, addresses } = held
  const primary = (kind: StoredDetail['kind']) =>
    details.filter((d) => d.kind === kind && d.is_primary === 1).map((d) => d.value)
  const asList = (value: string | null) => (value === null ? [] : [value])
  return (
    resident.given_name === row.given_name &&
    resident.family_name === row.family_name &&
    resident.search_text === searchText &&
    shape.columns.every((column) => resident[column] === row[column]) &&
    (!shape.covers.email || sameValues(primary('email'), asList(row.email))) &&
    (!shape.covers.phone || sameValues(primary('phone'), asList(row.phone))) &&
    (!shape.covers.address ||
      sameAddresses(
        addresses.filter((a) => a.is_primary === 1),
        row.address === null ? [] : [row.address],
      ))
  )
}

async function heldResidents(trx: Queryable, councilId: number, rows: readonly ImportedResident[]) {
  const externalIds = rows.flatMap((row) => (row.externalId === null ? [] : [row.externalId]))
  const residents = externalIds.length > 0 ? await repo.residentsByExternalId(trx, councilId, externalIds) : []
  const ids = residents.map((resident) => resident.id)
  const details = ids.length > 0 ? await repo.contactDetailsOfMany(trx, ids) : []
  const addresses = ids.length > 0 ? await repo.addressesOfMany(trx, ids) : []
  const held = new Map<string, Held>()
  const byId = new Map<number, Held>()
  for (const resident of residents) {
    const entry = { resident, details: [], addresses: [] }
    held.set(resident.external_id as string, entry)
    byId.set(resident.id, entry)
  }
  for (const detail of details) byId.get(detail.resident_id)?.details.push(detail)
  for (const address of addresses) byId.get(address.resident_id)?.addresses.push(address)
  return held
}

/** Replaces the primary details the file speaks for on residents it changed. */
async function replacePrimaryDetails(
  trx: Queryable,
  councilId: number,
  shape: ResidentFileShape,
  changed: readonly { id: number; row: ImportedResident }[],
  at: string,
): Promise<void> {
  const ids = changed.map(({ id }) => id)
  if (shape.covers.email) await repo.deletePrimaryContactDetails(trx, ids, 'email')
  if (shape.covers.phone) await repo.deletePrimaryContactDetails(trx, ids, 'phone')
  if (shape.covers.address) await repo.deletePrimaryAddresses(trx, ids)
  const details: Insertable<ResidentContactDetailTable>[] = []
  const addresses: Insertable<ResidentAddressTable>[] = []
  for (const { id, row } of changed) {
    const base = { council_id: councilId, resident_id: id, is_primary: 1 as const, created_at: at }
    if (shape.covers.email && row.email !== null) details.push({ ...base, kind: 'email', value: row.email })
    if (shape.covers.phone && row.phone !== null) details.push({ ...base, kind: 'phone', value: row.phone })
    if (shape.covers.address && row.address !== null) addresses.push({ ...base, ...row.address })
  }
  await repo.insertContactDetailRows(trx, details)
  await repo.insertAddressRows(trx, addresses)
}

/**
 * Writes one batch of a residents file: new residents are added, those already held by external
 * id are updated, and a row that would change nothing is not written at all, so re-running an
 * unchanged file costs reads only.
 */
export async function importResidentBatch(
  trx: Queryable,
  councilId: number,
  rows: readonly ImportedResident[],
  shape: ResidentFileShape,
): Promise<ResidentBatchResult> {
  const held = await heldResidents(trx, councilId, rows)
  const now = nowIso()
  const fresh: NewResident[] = []
  const changed: { id: number; row: ImportedResident; values: Insertable<ResidentTable> }[] = []
  let same = 0
  for (const row of rows) {
    const existing = row.externalId === null ? undefined : held.get(row.externalId)
    const { externalId, email, phone, address, ...person } = row
    if (existing === undefined) {
      fresh.push({
        ...person,
        external_id: externalId,
        accessibility_needs: null,
        addresses: address === null ? [] : [address],
        emails: email === null ? [] : [email],
        phones: phone === null ? [] : [phone],
        flags: [],
      })
      continue
    }
    const searchText = searchTextOf(row, shape, existing)
    if (unchanged(row, searchText, shape, existing)) {
      same++
      continue
    }
    changed.push({
      id: existing.resident.id,
      row,
      values: {
        ...person,
        council_id: councilId,
        external_id: externalId,
        accessibility_needs: null,
        merged_into: null,
        search_text: searchText,
        created_at: now,
        updated_at: now,
      },
    })
  }
  if (fresh.length > 0) await addResidentsInBulk(trx, councilId, fresh, now)
  if (changed.length > 0) {
    const columns = ['given_name', 'family_name', 'search_text', 'updated_at', ...shape.columns] as const
    await repo.updateResidentsByExternalId(
      trx,
      changed.map((c) => c.values),
      columns,
    )
    await replacePrimaryDetails(trx, councilId, shape, changed, now)
  }
  return { created: fresh.length, updated: changed.length, unchanged: same }
}
