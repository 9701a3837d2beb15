// The gazetteer's properties: Kysely only.
import type { Insertable, Selectable } from 'kysely'
import type { PropertyTable, Queryable } from '../../platform/db/schema.ts'

export type PropertyRow = Selectable<PropertyTable>

/** The properties at a postcode (stored as typed in the gazetteer: upper case, one space), in address order. */
export function propertiesAtPostcode(db: Queryable, councilId: number, postcode: string): Promise<PropertyRow[]> {
  return db
    .selectFrom('property')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('postcode', '=', postcode)
    .orderBy('address_line_1')
    .orderBy('id')
    .limit(200)
    .execute()
}

export function propertyByUprn(db: Queryable, councilId: number, uprn: string): Promise<PropertyRow | undefined> {
  return db
    .selectFrom('property')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('uprn', '=', uprn)
    .executeTakeFirst()
}

/** Adds properties, or brings one already known by its UPRN up to date. */
export async function upsertProperties(db: Queryable, rows: Insertable<PropertyTable>[]): Promise<void> {
  if (rows.length === 0) return
  await db
    .insertInto('property')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['council_id', 'uprn']).doUpdateSet((eb) => ({
        address_line_1: eb.ref('excluded.address_line_1'),
        address_line_2: eb.ref('excluded.address_line_2'),
        town: eb.ref('excluded.town'),
        postcode: eb.ref('excluded.postcode'),
        latitude: eb.ref('excluded.latitude'),
        longitude: eb.ref('excluded.longitude'),
      })),
    )
    .execute()
}

export async function uprnsKnown(db: Queryable, councilId: number, uprns: readonly string[]): Promise<Set<string>> {
  if (uprns.length === 0) return new Set()
  const rows = await db
    .selectFrom('property')
    .select('uprn')
    .where('council_id', '=', councilId)
    .where('uprn', 'in', uprns)
    .execute()
  return new Set(rows.map((row) => row.uprn))
}
