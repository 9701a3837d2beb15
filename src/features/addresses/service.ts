// The local gazetteer: every property the council knows, by its UPRN, so a resident finds their
// address by postcode instead of typing it, and a case records which building it is about. This
// feature owns the property table; the importer and the demo write it through addPropertyBatch.
import type { Insertable } from 'kysely'
import type { Database } from '../../platform/db/database.ts'
import type { PropertyTable, Queryable } from '../../platform/db/schema.ts'
import * as repo from './repo.ts'

export type Property = {
  uprn: string
  address_line_1: string
  address_line_2: string | null
  town: string | null
  postcode: string | null
  latitude: number | null
  longitude: number | null
}

/** A postcode as the gazetteer holds it: capitals and one space before the last three characters. */
export function tidyPostcode(typed: string): string {
  const plain = typed.replace(/\s+/g, '').toUpperCase()
  return plain.length > 3 ? `${plain.slice(0, -3)} ${plain.slice(-3)}` : plain
}

function toProperty(row: repo.PropertyRow): Property {
  const { id: _id, council_id: _council, ...property } = row
  return property
}

/** The addresses at a postcode, to pick one from; none when the gazetteer does not know it. */
export async function findAddresses(database: Database, councilId: number, postcode: string): Promise<Property[]> {
  return (await repo.propertiesAtPostcode(database.db, councilId, tidyPostcode(postcode))).map(toProperty)
}

export async function propertyByUprn(
  database: Database,
  councilId: number,
  uprn: string,
): Promise<Property | undefined> {
  const row = await repo.propertyByUprn(database.db, councilId, uprn)
  return row && toProperty(row)
}

/** One line for a property, as a case keeps its location and a list of addresses shows it. */
export function propertyLine(property: Property): string {
  return [property.address_line_1, property.address_line_2, property.town, property.postcode]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(', ')
}

export type PropertyBatchResult = { added: number; updated: number }

/** Writes a batch of properties in the caller's transaction: a UPRN already known is brought up to date. */
export async function addPropertyBatch(
  trx: Queryable,
  councilId: number,
  properties: readonly Property[],
): Promise<PropertyBatchResult> {
  const known = await repo.uprnsKnown(
    trx,
    councilId,
    properties.map((p) => p.uprn),
  )
  const rows: Insertable<PropertyTable>[] = properties.map((p) => ({ ...p, council_id: councilId }))
  await repo.upsertProperties(trx, rows)
  const updated = properties.filter((p) => known.has(p.uprn)).length
  return { added: properties.length - updated, updated }
}
