// The residents file: one row per person, with their primary email, phone and address. A
// re-import replaces the primary details a file has columns for and leaves any others alone.
import type { Insertable } from 'kysely'
import { nowIso } from '../../platform/db/database.ts'
import type {
  ResidentAddressTable,
  ResidentContactDetailTable,
  ResidentTable,
  Queryable,
} from '../../platform/db/schema.ts'
import { DIGITAL_STATUSES, PREFERRED_CHANNELS } from '../../platform/db/values.ts'
import type { DigitalStatus, PreferredChannel } from '../../platform/db/values.ts'
import { searchTextFor } from '../residents/search-text.ts'
import {
  dateOfBirth,
  optionalChoice,
  optionalEmail,
  optionalLanguage,
  optionalPhone,
  optionalPostcode,
  optionalText,
  optionalUprn,
  requiredText,
} from './cells.ts'
import { hasColumn } from './header.ts'
import type { Header } from './header.ts'
import type { Candidate, ImportContext, Importer } from './importer.ts'
import { problemCollector } from './importer.ts'
import * as repo from './repo.ts'
import type { StoredDetail } from './repo.ts'
import { EXTERNAL_ID_MAX } from './rules.ts'

type Address = {
  address_line_1: string
  address_line_2: string | null
  town: string | null
  postcode: string | null
  uprn: string | null
}

export type ResidentCells = {
  given_name: string
  family_name: string
  date_of_birth: string | null
  email: string | null
  phone: string | null
  address: Address | null
  preferred_channel: PreferredChannel | null
  digital_status: DigitalStatus | null
  language: string | null
}

const ADDRESS_COLUMNS = ['address_line_1', 'address_line_2', 'town', 'postcode', 'uprn'] as const
const ALWAYS_UPDATED = ['given_name', 'family_name', 'search_text', 'updated_at'] as const
const UPDATED_WHEN_PRESENT = ['date_of_birth', 'preferred_channel', 'digital_status', 'language'] as const

/** Which kinds of primary detail the file speaks for: only those are replaced on a re-import. */
type Covers = { email: boolean; phone: boolean; address: boolean }

function coverage(header: Header): Covers {
  return {
    email: hasColumn(header, 'email'),
    phone: hasColumn(header, 'phone'),
    address: ADDRESS_COLUMNS.some((name) => hasColumn(header, name)),
  }
}

function readAddress(
  cell: (name: string) => string,
  read: ReturnType<typeof problemCollector>['read'],
  problems: string[],
): Address | null {
  const line1 = read(optionalText('address_line_1', cell('address_line_1'), 200))
  const address = {
    address_line_2: read(optionalText('address_line_2', cell('address_line_2'), 200)),
    town: read(optionalText('town', cell('town'), 100)),
    postcode: read(optionalPostcode('postcode', cell('postcode'))),
    uprn: read(optionalUprn('uprn', cell('uprn'))),
  }
  const anyPart = ADDRESS_COLUMNS.some((name) => cell(name).trim() !== '')
  if (!anyPart) return null
  if (line1 === null) {
    if (cell('address_line_1').trim() === '')
      problems.push('address_line_1 is required when any part of the address is given')
    return null
  }
  return { address_line_1: line1, ...address }
}

/** The search text from the file's details, plus whatever the file does not speak for. */
function searchText(value: ResidentCells, covers: Covers, stored: readonly StoredDetail[]): string {
  const kept = (kind: StoredDetail['kind'], covered: boolean) =>
    stored
      .filter((detail) => detail.kind === kind && (detail.is_primary === 0 || !covered))
      .map((detail) => detail.value)
  return searchTextFor({
    given_name: value.given_name,
    family_name: value.family_name,
    postcodes: [value.address?.postcode, ...kept('postcode', covers.address)],
    phones: [value.phone, ...kept('phone', covers.phone)],
    emails: [value.email, ...kept('email', covers.email)],
  })
}

async function replacePrimaryDetails(
  trx: Queryable,
  councilId: number,
  covers: Covers,
  updatedIds: number[],
  written: { id: number; value: ResidentCells }[],
): Promise<void> {
  if (updatedIds.length > 0) {
    if (covers.email) await repo.deletePrimaryContactDetails(trx, councilId, updatedIds, 'email')
    if (covers.phone) await repo.deletePrimaryContactDetails(trx, councilId, updatedIds, 'phone')
    if (covers.address) await repo.deletePrimaryAddresses(trx, councilId, updatedIds)
  }
  const createdAt = nowIso()
  const details: Insertable<ResidentContactDetailTable>[] = []
  const addresses: Insertable<ResidentAddressTable>[] = []
  for (const { id, value } of written) {
    const base = { council_id: councilId, resident_id: id, is_primary: 1 as const, created_at: createdAt }
    if (value.email !== null) details.push({ ...base, kind: 'email', value: value.email })
    if (value.phone !== null) details.push({ ...base, kind: 'phone', value: value.phone })
    if (value.address !== null) addresses.push({ ...base, ...value.address })
  }
  await repo.insertContactDetails(trx, details)
  await repo.insertAddresses(trx, addresses)
}

export function residentsImporter(context: ImportContext): Importer<ResidentCells, ResidentCells> {
  const { councilId, header } = context
  const covers = coverage(header)
  const today = context.startedAt.toISOString().slice(0, 10)
  const updated = [...ALWAYS_UPDATED, ...UPDATED_WHEN_PRESENT.filter((name) => hasColumn(header, name))]

  return {
    check(cell, line) {
      const { read, problems } = problemCollector()
      const externalId = read(optionalText('external_id', cell('external_id'), EXTERNAL_ID_MAX))
      const value: ResidentCells = {
        given_name: read(requiredText('given_name', cell('given_name'), 200)),
        family_name: read(requiredText('family_name', cell('family_name'), 200)),
        date_of_birth: read(dateOfBirth('date_of_birth', cell('date_of_birth'), today)),
        email: read(optionalEmail('email', cell('email'))),
        phone: read(optionalPhone('phone', cell('phone'))),
        address: readAddress(cell, read, problems),
        preferred_channel: read(optionalChoice('preferred_channel', cell('preferred_channel'), PREFERRED_CHANNELS)),
        digital_status: read(optionalChoice('digital_status', cell('digital_status'), DIGITAL_STATUSES)),
        language: read(optionalLanguage('language', cell('language'))),
      }
      return problems.length > 0 ? { line, reason: problems.join('; ') } : { line, externalId, value }
    },

    async resolve(batch) {
      return { ready: batch, rejected: [] }
    },

    async write(trx, batch) {
      const externalIds = batch.flatMap((c) => (c.externalId === null ? [] : [c.externalId]))
      const existing =
        externalIds.length > 0 ? await repo.existingResidents(trx, councilId, externalIds) : new Map<string, number>()
      const updatedIds = [...existing.values()]
      const stored = updatedIds.length > 0 ? await repo.residentDetails(trx, councilId, updatedIds) : []
      const storedFor = groupBy(stored, (detail) => detail.resident_id)
      const now = nowIso()
      const row = ({ externalId, value }: Candidate<ResidentCells>): Insertable<ResidentTable> => {
        const id = externalId === null ? undefined : existing.get(externalId)
        return {
          council_id: councilId,
          external_id: externalId,
          given_name: value.given_name,
          family_name: value.family_name,
          date_of_birth: value.date_of_birth,
          preferred_channel: value.preferred_channel,
          language: value.language,
          accessibility_needs: null,
          digital_status: value.digital_status,
          merged_into: null,
          search_text: searchText(value, covers, (id !== undefined && storedFor.get(id)) || []),
          created_at: now,
          updated_at: now,
        }
      }
      const keyed = batch.filter((c) => c.externalId !== null)
      const ids = await repo.upsertResidents(trx, keyed.map(row), updated)
      const written = keyed.map((c) => ({ id: ids.get(c.externalId as string) as number, value: c.value }))
      // Without an external id there is nothing to match the returned ids on: one at a time.
      for (const candidate of batch.filter((c) => c.externalId === null))
        written.push({ id: await repo.insertResident(trx, row(candidate)), value: candidate.value })
      await replacePrimaryDetails(trx, councilId, covers, updatedIds, written)
      return { inserted: batch.length - existing.size, updated: existing.size }
    },
  }
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return groups
}
