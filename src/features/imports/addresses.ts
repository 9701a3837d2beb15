// The addresses file: the council's gazetteer, one property a row, keyed by its UPRN, so a
// re-import (the next month's extract) updates each property instead of adding it again.
import type { Property } from '../addresses/service.ts'
import { addPropertyBatch } from '../addresses/service.ts'
import { optionalPostcode, optionalText, requiredText } from './cells.ts'
import type { Problem } from './cells.ts'
import type { Importer } from './importer.ts'
import { problemCollector } from './importer.ts'
import type { ImportContext } from './importer.ts'

const LINE_MAX = 200

function requiredUprn(raw: string): string | Problem {
  const value = raw.trim()
  if (value === '') return { problem: 'uprn is required' }
  return /^\d{1,12}$/.test(value) ? value : { problem: 'uprn must be 1 to 12 digits' }
}

function coordinate(column: string, raw: string, limit: number): number | null | Problem {
  const value = raw.trim()
  if (value === '') return null
  const parsed = Number(value)
  return /^-?\d+(\.\d+)?$/.test(value) && Math.abs(parsed) <= limit
    ? parsed
    : { problem: `${column} must be a number from -${limit} to ${limit}` }
}

export function addressesImporter(context: ImportContext): Importer<Property, Property> {
  const { councilId } = context
  return {
    check(cell, line) {
      const { read, problems } = problemCollector()
      const value: Property = {
        uprn: read(requiredUprn(cell('uprn'))),
        address_line_1: read(requiredText('address_line_1', cell('address_line_1'), LINE_MAX)),
        address_line_2: read(optionalText('address_line_2', cell('address_line_2'), LINE_MAX)),
        town: read(optionalText('town', cell('town'), LINE_MAX)),
        postcode: read(optionalPostcode('postcode', cell('postcode'))),
        latitude: read(coordinate('latitude', cell('latitude'), 90)),
        longitude: read(coordinate('longitude', cell('longitude'), 180)),
      }
      if ((value.latitude === null) !== (value.longitude === null) && problems.length === 0)
        problems.push('give both latitude and longitude, or neither')
      return problems.length > 0 ? { line, reason: problems.join('; ') } : { line, externalId: value.uprn, value }
    },

    async resolve(batch) {
      // A UPRN twice in one batch would be written twice in one statement: the later row wins.
      const last = new Map(batch.map((candidate) => [candidate.value.uprn, candidate]))
      const rejected = batch
        .filter((candidate) => last.get(candidate.value.uprn) !== candidate)
        .map(({ line }) => ({ line, reason: 'the same uprn appears again later in the file; the later row was used' }))
      return { ready: [...last.values()], rejected }
    },

    async write(trx, batch) {
      const { added, updated } = await addPropertyBatch(
        trx,
        councilId,
        batch.map(({ value }) => value),
      )
      return { inserted: added, updated }
    },
  }
}
