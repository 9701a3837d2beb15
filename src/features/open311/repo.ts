// Kysely reads for the public Open311 answers, and the one table this feature writes. Reads select
// only what may be published or is needed to decide how much to publish (the resident id, to know
// whether a place is their home); names, contact details, answers and notes are never selected.
import type { CompiledQuery } from 'kysely'
import type { Queryable } from '../../platform/db/schema.ts'
import type { CaseStatus } from '../../platform/db/values.ts'

export type RequestRow = {
  id: number
  reference: string
  status: CaseStatus
  service_code: string
  service_name: string
  description: string | null
  resident_id: number | null
  location_uprn: string | null
  location_address: string | null
  latitude: number | null
  longitude: number | null
  due_at: string | null
  created_at: string
  updated_at: string
  /** Set only for a case an Open311 client sent: its description and photo were given for publishing. */
  sent_by_client: number | null
  media_url: string | null
}

export type RequestFilters = {
  references?: readonly string[]
  serviceCodes?: readonly string[]
  from?: string
  to?: string
  statuses?: readonly CaseStatus[]
}

type Stamp = { services: number | string | bigint; changed: string | null }
/** `key` moves whenever the catalogue changes; `changedAt` is when one of its services last did, withdrawn ones included. */
export type CatalogueStamp = { key: string; changedAt: string | null }

// Built and compiled once per database and council: Kysely's building cost more than SQLite's
// answer, and services.json asks on every request.
const stampQueries = new WeakMap<Queryable, Map<number, CompiledQuery<Stamp>>>()

function stampQuery(db: Queryable, councilId: number): CompiledQuery<Stamp> {
  let byCouncil = stampQueries.get(db)
  if (!byCouncil) stampQueries.set(db, (byCouncil = new Map()))
  let compiled = byCouncil.get(councilId)
  if (!compiled) {
    compiled = db
      .selectFrom('service')
      .select((eb) => [eb.fn.countAll<number>().as('services'), eb.fn.max('updated_at').as('changed')])
      .where('council_id', '=', councilId)
      .compile()
    byCouncil.set(councilId, compiled)
  }
  return compiled
}

/**
 * What changes when the council's catalogue does: how many services it has and the latest time
 * one was changed (every change of a service sets its updated_at).
 */
export async function catalogueStamp(db: Queryable, councilId: number): Promise<CatalogueStamp> {
  const row = (await db.executeQuery(stampQuery(db, councilId))).rows[0]
  const changedAt = row?.changed ?? null
  return { key: `${Number(row?.services ?? 0)}|${changedAt ?? ''}`, changedAt }
}

/** Requests of the council, newest first, at most `limit`. */
export async function listRequestRows(
  db: Queryable,
  councilId: number,
  filters: RequestFilters,
  limit: number,
): Promise<RequestRow[]> {
  const codes = filters.serviceCodes
  if (!codes) return requestRows(db, councilId, filters, undefined, limit)
  // One query per service, each walking that service's cases newest first and stopping at the
  // limit: a single query over several services sorted every case of the period first, which for a
  // busy service was tens of thousands of rows (see docs/performance.md).
  const each = await Promise.all(codes.map((code) => requestRows(db, councilId, filters, code, limit)))
  return each
    .flat()
    .sort((a, b) => (a.created_at === b.created_at ? b.id - a.id : a.created_at < b.created_at ? 1 : -1))
    .slice(0, limit)
}

function requestRows(
  db: Queryable,
  councilId: number,
  filters: RequestFilters,
  serviceCode: string | undefined,
  limit: number,
): Promise<RequestRow[]> {
  let query = db
    .selectFrom('case')
    .innerJoin('service', 'service.id', 'case.service_id')
    .leftJoin('open311_request', 'open311_request.case_id', 'case.id')
    .select([
      'case.id',
      'case.reference',
      'case.status',
      'service.open311_code as service_code',
      'service.name as service_name',
      'case.description',
      'case.resident_id',
      'case.location_uprn',
      'case.location_address',
      'case.latitude',
      'case.longitude',
      'case.due_at',
      'case.created_at',
      'case.updated_at',
      'open311_request.api_token_id as sent_by_client',
      'open311_request.media_url',
    ])
    .where('case.council_id', '=', councilId)
  if (filters.references) query = query.where('case.reference', 'in', [...filters.references])
  // The service's id as a value, not a join condition, so the planner reads its cases by index in time order.
  if (serviceCode !== undefined)
    query = query.where('case.service_id', '=', (eb) =>
      eb.selectFrom('service').select('id').where('council_id', '=', councilId).where('open311_code', '=', serviceCode),
    )
  if (filters.from) query = query.where('case.created_at', '>=', filters.from)
  if (filters.to) query = query.where('case.created_at', '<=', filters.to)
  if (filters.statuses) query = query.where('case.status', 'in', [...filters.statuses])
  return query.orderBy('case.created_at', 'desc').orderBy('case.id', 'desc').limit(limit).execute()
}

export type HomeAddress = { resident_id: number; address_line_1: string; postcode: string | null }

/** The addresses of these residents: a request at one of them is about their home. */
export function homesOf(db: Queryable, councilId: number, residentIds: readonly number[]): Promise<HomeAddress[]> {
  if (residentIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('resident_address')
    .select(['resident_id', 'address_line_1', 'postcode'])
    .where('council_id', '=', councilId)
    .where('resident_id', 'in', [...residentIds])
    .execute()
}

export type Properties = {
  /** The properties some resident of the council lives at. */
  homes: Set<string>
  /** Their postcodes, from the council's gazetteer first, else its residents' addresses. */
  postcodes: Map<string, string>
}

/**
 * What is known of these properties: whether anyone lives there and their postcodes. Residents'
 * addresses are read once for both (it was two queries, the second reading the same rows).
 */
export async function propertiesOf(db: Queryable, councilId: number, uprns: readonly string[]): Promise<Properties> {
  if (uprns.length === 0) return { homes: new Set(), postcodes: new Map() }
  const [addresses, properties] = await Promise.all([
    // Each property once, with the postcode of its newest address that has one: several residents
    // often live at one property, and reading all their rows cost more than the rest of the answer.
    db
      .selectFrom(
        db
          .selectFrom('resident_address')
          .select('uprn')
          .distinct()
          .where('council_id', '=', councilId)
          .where('uprn', 'in', [...uprns])
          .as('home'),
      )
      .select((eb) => [
        'home.uprn',
        eb
          .selectFrom('resident_address as address')
          .select('address.postcode')
          .where('address.council_id', '=', councilId)
          .whereRef('address.uprn', '=', 'home.uprn')
          .where('address.postcode', 'is not', null)
          .where('address.postcode', '<>', '')
          .orderBy('address.id', 'desc')
          .limit(1)
          .as('postcode'),
      ])
      .execute(),
    db
      .selectFrom('property')
      .select(['uprn', 'postcode'])
      .where('council_id', '=', councilId)
      .where('uprn', 'in', [...uprns])
      .execute(),
  ])
  const homes = new Set<string>()
  const postcodes = new Map<string, string>()
  for (const row of addresses) {
    if (row.uprn === null) continue
    homes.add(row.uprn)
    if (row.postcode) postcodes.set(row.uprn, row.postcode)
  }
  for (const row of properties) if (row.postcode) postcodes.set(row.uprn, row.postcode)
  return { homes, postcodes }
}

export type UpdateRow = {
  id: number
  reference: string
  kind: 'created' | 'status_changed'
  to_status: CaseStatus | null
  at: string
}

/** Status changes (and the raising) of the council's cases between two times, oldest first, at most `limit`. */
export function listUpdateRows(
  db: Queryable,
  councilId: number,
  from: string,
  to: string,
  limit: number,
): Promise<UpdateRow[]> {
  return db
    .selectFrom('case_event')
    .innerJoin('case', 'case.id', 'case_event.case_id')
    .select(['case_event.id', 'case.reference', 'case_event.kind', 'case_event.to_status', 'case_event.at'])
    .where('case_event.council_id', '=', councilId)
    .where('case_event.kind', 'in', ['created', 'status_changed'])
    .where('case_event.at', '>=', from)
    .where('case_event.at', '<=', to)
    .orderBy('case_event.at')
    .orderBy('case_event.id')
    .limit(limit)
    .execute() as Promise<UpdateRow[]>
}

export type NewOpen311Request = {
  case_id: number
  council_id: number
  api_token_id: number
  media_url: string | null
  created_at: string
}

export async function insertOpen311Request(db: Queryable, row: NewOpen311Request): Promise<void> {
  await db.insertInto('open311_request').values(row).execute()
}
