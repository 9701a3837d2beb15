// The residents file: one row per person, with their primary email, phone and address. A
// re-import replaces the primary details a file has columns for and leaves any others alone; the
// residents feature writes them (importResidentBatch).
import { DIGITAL_STATUSES, PREFERRED_CHANNELS } from '../../platform/db/values.ts'
import type { DigitalStatus, PreferredChannel } from '../../platform/db/values.ts'
import { OPTIONAL_RESIDENT_COLUMNS, importResidentBatch } from '../residents/service.ts'
import type { ResidentFileShape } from '../residents/service.ts'
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
import type { ImportContext, Importer } from './importer.ts'
import { problemCollector } from './importer.ts'
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

export function residentsImporter(context: ImportContext): Importer<ResidentCells, ResidentCells> {
  const { councilId, header } = context
  const shape: ResidentFileShape = {
    covers: coverage(header),
    columns: OPTIONAL_RESIDENT_COLUMNS.filter((name) => hasColumn(header, name)),
  }
  const today = context.startedAt.toISOString().slice(0, 10)

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
      const rows = batch.map(({ externalId, value }) => ({ externalId, ...value }))
      const { created, updated, unchanged } = await importResidentBatch(trx, councilId, rows, shape)
      return { inserted: created, updated, unchanged }
    },
  }
}
