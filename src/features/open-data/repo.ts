// Reads for open data, a page at a time. Open data only reads other features' tables, and only the
// columns that can be published: no resident, no answers, no notes, no address beyond its postcode.
import type { Queryable } from '../../platform/db/schema.ts'

export type RequestRow = {
  id: number
  reference: string
  service_code: string
  lgsl_code: number | null
  channel: string
  status: string
  created_at: string
  due_at: string | null
  resolved_at: string | null
  location_uprn: string | null
  location_address: string | null
}

/** The council's cases after `afterId`, oldest first, `limit` at most. */
export function requestsAfter(db: Queryable, councilId: number, afterId: number, limit: number): Promise<RequestRow[]> {
  return db
    .selectFrom('case')
    .innerJoin('service', 'service.id', 'case.service_id')
    .select([
      'case.id',
      'case.reference',
      'service.open311_code as service_code',
      'service.lgsl_code',
      'case.channel',
      'case.status',
      'case.created_at',
      'case.due_at',
      'case.resolved_at',
      'case.location_uprn',
      'case.location_address',
    ])
    .where('case.council_id', '=', councilId)
    .where('case.id', '>', afterId)
    .orderBy('case.id')
    .limit(limit)
    .execute()
}

/** The postcode the gazetteer holds for each of these UPRNs. */
export async function postcodesOfProperties(
  db: Queryable,
  councilId: number,
  uprns: readonly string[],
): Promise<Map<string, string>> {
  if (uprns.length === 0) return new Map()
  const rows = await db
    .selectFrom('property')
    .select(['uprn', 'postcode'])
    .where('council_id', '=', councilId)
    .where('uprn', 'in', uprns)
    .execute()
  return new Map(rows.flatMap((row) => (row.postcode === null ? [] : [[row.uprn, row.postcode] as const])))
}

export type CatalogueRow = {
  open311_code: string
  name: string
  description: string
  open311_group: string | null
  lgsl_code: number | null
  online_available: number
  offline_route: string
  target_hours: number
  active: number
}

/** Every service of the council, offered online or not, active or withdrawn (old cases still name them). */
export function catalogue(db: Queryable, councilId: number): Promise<CatalogueRow[]> {
  return db
    .selectFrom('service')
    .select([
      'open311_code',
      'name',
      'description',
      'open311_group',
      'lgsl_code',
      'online_available',
      'offline_route',
      'target_hours',
      'active',
    ])
    .where('council_id', '=', councilId)
    .orderBy('open311_code')
    .execute()
}

export async function lastCaseChange(db: Queryable, councilId: number): Promise<string | null> {
  const row = await db
    .selectFrom('case')
    .select((eb) => eb.fn.max('updated_at').as('at'))
    .where('council_id', '=', councilId)
    .executeTakeFirst()
  return row?.at ?? null
}

export async function lastServiceChange(db: Queryable, councilId: number): Promise<string | null> {
  const row = await db
    .selectFrom('service')
    .select((eb) => eb.fn.max('updated_at').as('at'))
    .where('council_id', '=', councilId)
    .executeTakeFirst()
  return row?.at ?? null
}

/** When the council's first contact or case began: where its monthly figures start. */
export async function firstActivity(db: Queryable, councilId: number): Promise<string | null> {
  const contact = await db
    .selectFrom('contact')
    .select((eb) => eb.fn.min('started_at').as('at'))
    .where('council_id', '=', councilId)
    .executeTakeFirst()
  const kase = await db
    .selectFrom('case')
    .select((eb) => eb.fn.min('created_at').as('at'))
    .where('council_id', '=', councilId)
    .executeTakeFirst()
  const times = [contact?.at, kase?.at].filter((at): at is string => typeof at === 'string')
  return times.length === 0 ? null : times.reduce((a, b) => (Date.parse(a) < Date.parse(b) ? a : b))
}

/** Every service's id and Open311 code, by code: the columns of the monthly figures. */
export function serviceCodes(db: Queryable, councilId: number): Promise<{ id: number; code: string }[]> {
  return db
    .selectFrom('service')
    .select(['id', 'open311_code as code'])
    .where('council_id', '=', councilId)
    .orderBy('open311_code')
    .execute()
}
