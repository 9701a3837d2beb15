// Open311 GeoReport v2 over the council's catalogue and cases. Public reads publish no resident:
// they select no personal column, coarsen a home to its postcode sector, and show a description
// and photo only for requests an Open311 client sent for publishing. Requests a client posts are
// raised through the cases service like any other, on the channel of the client's key.
import { createHash } from 'node:crypto'
import type { Database } from '../../platform/db/database.ts'
import { changeMark } from '../../platform/db/database.ts'
import type { Council } from '../../platform/council/council.ts'
import { councilForHost } from '../../platform/council/council.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { actorFor } from '../../platform/auth/principal.ts'
import { Problem } from '../../platform/http/problem.ts'
import { encodeBody } from '../../platform/http/encoding.ts'
import type { Encoding } from '../../platform/http/encoding.ts'
import type { CaseStatus } from '../../platform/db/values.ts'
import { findServiceByOpen311Code, listActiveServices } from '../catalogue/service.ts'
import type { Service } from '../catalogue/service.ts'
import type { Format, Open311Value } from './format.ts'
import { render } from './format.ts'
import { attributesOf } from './definition.ts'
import type { Params } from './params.ts'
import { badParameter, list, optional } from './params.ts'
import { periodOf } from './period.ts'
import { homesByResident, needsOwnHomes, publicLocation } from './location.ts'
import type { Places } from './location.ts'
import type { RequestRow } from './repo.ts'
import * as repo from './repo.ts'

export { submitRequest } from './submit.ts'
export { listUpdates, submitUpdate } from './updates.ts'

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2'
export const MAX_REQUESTS = 1000

const OPEN: readonly CaseStatus[] = ['open', 'in_progress', 'waiting']
const CLOSED: readonly CaseStatus[] = ['resolved', 'closed', 'cancelled']

export function open311Status(status: CaseStatus): 'open' | 'closed' {
  return OPEN.includes(status) ? 'open' : 'closed'
}

/** The council an anonymous read is for: the one answering at this host name. */
export async function councilAt(database: Database, host: string | undefined): Promise<Council> {
  const council = await councilForHost(database, host)
  if (!council) throw new Problem(404, 'No council answers at this address')
  return council
}

/** jurisdiction_id is never required; when given it must be this council's. */
export function checkJurisdiction(council: Council, params: Params): void {
  const given = optional(params, 'jurisdiction_id')
  if (given !== undefined && given !== council.slug)
    throw badParameter('jurisdiction_id', `this endpoint serves only ${council.slug}`)
}

/**
 * Service discovery: this one endpoint; its changeset is when the catalogue last changed, a service
 * withdrawn included (it leaves the list, so the newest of the listed services would not show it).
 */
export async function discovery(database: Database, council: Council, baseUrl: string): Promise<Open311Value> {
  const changeset = (await publishedServices(database, council)).changedAt ?? '1970-01-01T00:00:00.000Z'
  return {
    changeset,
    contact: `${council.name}: ask the council's customer services`,
    key_service: 'Keys are issued by the council (npx frontdoor token create --role open311)',
    endpoints: [
      {
        specification: SPECIFICATION,
        url: baseUrl,
        changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  }
}

function serviceEntry(service: Service): Open311Value {
  return {
    service_code: service.open311_code,
    service_name: service.name,
    description: service.online_available
      ? service.description
      : `${service.description} Not offered online: ${service.offline_route}`.trim(),
    metadata: service.form.length > 0,
    type: 'realtime',
    keywords: service.keywords.join(','),
    group: service.open311_group ?? undefined,
  }
}

type Published = {
  stamp: string
  changedAt: string | null
  mark: number | undefined
  services: Open311Value
  /** By format, and by format and content encoding ("json.br"). */
  bodies: Map<string, Buffer>
  /** Each format's entity tag: weak, as every encoding of a format shares it. */
  tags: Map<Format, string>
}

// Reading and preparing the catalogue for services.json cost over ten times what checking whether
// it changed does (measured by `npm run bench -- open311`), and clients ask for it far more often
// than it changes: the list is kept per database and council, written out once per format as the
// bytes that are sent. While the database's change mark stands still nothing anywhere has written
// and no query is needed; once it moves, the catalogue's stamp is read, and the list made again
// only if the stamp moved too, whichever process or command changed it.
const published = new WeakMap<Database, Map<number, Published>>()

async function publishedServices(database: Database, council: Council): Promise<Published> {
  const mark = changeMark(database)
  let byCouncil = published.get(database)
  if (!byCouncil) published.set(database, (byCouncil = new Map()))
  const held = byCouncil.get(council.id)
  if (held && mark !== undefined && held.mark === mark) return held
  const { key: stamp, changedAt } = await repo.catalogueStamp(database.db, council.id)
  if (held?.stamp === stamp) {
    held.mark = mark
    return held
  }
  const services = (await listActiveServices(database, council.id)).map(serviceEntry)
  const made = {
    stamp,
    changedAt,
    mark,
    services,
    bodies: new Map<string, Buffer>(),
    tags: new Map<Format, string>(),
  }
  byCouncil.set(council.id, made)
  return made
}

function bodyOf(held: Published, format: Format, encoding: Encoding | undefined): Buffer {
  const key = encoding === undefined ? format : `${format}.${encoding}`
  let body = held.bodies.get(key)
  if (!body) {
    body =
      encoding === undefined
        ? Buffer.from(render(format, 'services', held.services))
        : encodeBody(bodyOf(held, format, undefined), encoding)
    held.bodies.set(key, body)
  }
  return body
}

function tagOf(held: Published, format: Format): string {
  let tag = held.tags.get(format)
  if (!tag) {
    const digest = createHash('sha256')
      .update(bodyOf(held, format, undefined))
      .digest('base64url')
    tag = `W/"${digest.slice(0, 22)}"`
    held.tags.set(format, tag)
  }
  return tag
}

/** services.json or .xml as sent, and the tag a client may send back to learn it has not changed. */
export type ServicesAnswer = { body: Buffer; tag: string }

/**
 * services.json or .xml as sent, every service the council offers, online or not, compressed as
 * `encoding` when one is given: the same bytes and tag until the catalogue changes.
 */
export async function servicesAnswer(
  database: Database,
  council: Council,
  format: Format,
  encoding?: Encoding,
): Promise<ServicesAnswer> {
  const held = await publishedServices(database, council)
  return { body: bodyOf(held, format, encoding), tag: tagOf(held, format) }
}

export async function serviceDefinition(database: Database, council: Council, code: string): Promise<Open311Value> {
  const service = await findServiceByOpen311Code(database, council.id, code)
  if (!service || !service.active) throw new Problem(404, `service_code ${code} is not a service of ${council.slug}`)
  return { service_code: service.open311_code, attributes: attributesOf(service.form) }
}

async function placesOf(database: Database, councilId: number, rows: readonly RequestRow[]): Promise<Places> {
  const uprns = [...new Set(rows.flatMap((row) => (row.location_uprn === null ? [] : [row.location_uprn])))]
  const { homes: homeUprns, postcodes } = await repo.propertiesOf(database.db, councilId, uprns)
  const residents = new Set<number>()
  for (const row of rows) if (needsOwnHomes(row, homeUprns, postcodes)) residents.add(row.resident_id!)
  const homes = homesByResident(await repo.homesOf(database.db, councilId, [...residents]))
  return { homeUprns, homes, postcodes }
}

function requestEntry(council: Council, row: RequestRow, places: Places): Open311Value {
  const sentByClient = row.sent_by_client !== null
  return {
    service_request_id: row.reference,
    status: open311Status(row.status),
    service_name: row.service_name,
    service_code: row.service_code,
    description: sentByClient ? (row.description ?? undefined) : undefined,
    agency_responsible: council.name,
    requested_datetime: row.created_at,
    updated_datetime: row.updated_at,
    expected_datetime: row.due_at ?? undefined,
    ...publicLocation(row, places),
    media_url: sentByClient ? (row.media_url ?? undefined) : undefined,
  }
}

async function answerRequests(database: Database, council: Council, rows: RequestRow[]): Promise<Open311Value> {
  const places = await placesOf(database, council.id, rows)
  return rows.map((row) => requestEntry(council, row, places))
}

function statusesOf(params: Params): CaseStatus[] | undefined {
  const asked = list(params, 'status')
  if (!asked) return undefined
  const statuses: CaseStatus[] = []
  for (const status of asked) {
    if (status === 'open') statuses.push(...OPEN)
    else if (status === 'closed') statuses.push(...CLOSED)
    else throw badParameter('status', 'give open, closed or both, comma delimited')
  }
  return statuses
}

/** GET requests: by id (a comma list, which overrides the rest), or filtered by service, period and status. */
export async function findRequests(
  database: Database,
  council: Council,
  params: Params,
  now = new Date(),
): Promise<Open311Value> {
  const references = list(params, 'service_request_id', MAX_REQUESTS)
  if (references) {
    const rows = await repo.listRequestRows(database.db, council.id, { references }, MAX_REQUESTS)
    return answerRequests(database, council, rows)
  }
  const serviceCodes = list(params, 'service_code')
  const filters = { serviceCodes, statuses: statusesOf(params), ...periodOf(params, now) }
  return answerRequests(database, council, await repo.listRequestRows(database.db, council.id, filters, MAX_REQUESTS))
}

export async function findRequest(database: Database, council: Council, reference: string): Promise<Open311Value> {
  const rows = await repo.listRequestRows(database.db, council.id, { references: [reference] }, 1)
  if (rows.length === 0) throw new Problem(404, `service_request_id ${reference} is not a request of ${council.slug}`)
  return answerRequests(database, council, rows)
}

/**
 * Requests are raised while the client waits, so a request's token is its own id: the token
 * endpoint answers with the id it was given, once that request exists.
 */
export async function requestForToken(database: Database, council: Council, token: string): Promise<Open311Value> {
  const rows = await repo.listRequestRows(database.db, council.id, { references: [token] }, 1)
  if (rows.length === 0) throw new Problem(404, `token ${token} is not a request of ${council.slug}`)
  return [{ service_request_id: rows[0]!.reference, token }]
}

/** The actor and council of a client's key. */
export function clientOf(principal: Principal, sourceAddress: string) {
  return { actor: actorFor(principal, sourceAddress), councilId: principal.councilId }
}
