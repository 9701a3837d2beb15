// POST requests: a client's report checked against the service's definition with the catalogue's
// own validation, raised as a case on the channel of the client's key, in one transaction with
// the reporter's record (when they gave their name) and the note of which client sent it.
import type { Database } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { actorFor } from '../../platform/auth/principal.ts'
import type { Council } from '../../platform/council/council.ts'
import { councilById } from '../../platform/council/council.ts'
import { Problem } from '../../platform/http/problem.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { findServiceByOpen311Code, validateAnswers } from '../catalogue/service.ts'
import type { Service } from '../catalogue/service.ts'
import { createCase } from '../cases/service.ts'
import type { CreateCaseInput } from '../cases/service.ts'
import { createResident } from '../residents/service.ts'
import type { Open311Value } from './format.ts'
import { answersFromAttributes } from './definition.ts'
import type { Params } from './params.ts'
import { attributes, badParameter, maxLength, number, optional, requiredParam } from './params.ts'
import * as repo from './repo.ts'

export const MAX_DESCRIPTION = 4000
const UPRN = /^\d{1,12}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** The council of a client's key; jurisdiction_id, when given, must name it. */
export async function councilOfKey(database: Database, principal: Principal, params: Params): Promise<Council> {
  const council = await councilById(database, principal.councilId)
  if (!council) throw new Problem(403, 'api_key belongs to no council')
  const given = optional(params, 'jurisdiction_id')
  if (given !== undefined && given !== council.slug)
    throw badParameter('jurisdiction_id', `this endpoint serves only ${council.slug}`)
  return council
}

async function serviceFor(database: Database, council: Council, params: Params, online: boolean): Promise<Service> {
  const code = requiredParam(params, 'service_code')
  const service = await findServiceByOpen311Code(database, council.id, code)
  if (!service || !service.active) throw new Problem(404, `service_code ${code} is not a service of ${council.slug}`)
  if (online && !service.online_available)
    throw badParameter('service_code', `${service.name} is not offered online: ${service.offline_route}`)
  return service
}

function locationOf(params: Params): NonNullable<CreateCaseInput['location']> {
  const latitude = number(params, 'lat', -90, 90)
  const longitude = number(params, 'long', -180, 180)
  if ((latitude === undefined) !== (longitude === undefined))
    throw badParameter(latitude === undefined ? 'lat' : 'long', 'give lat and long together')
  const address = maxLength('address_string', optional(params, 'address_string'), 500)
  const uprn = optional(params, 'address_id')
  if (uprn !== undefined && !UPRN.test(uprn))
    throw badParameter('address_id', 'give the property UPRN, up to 12 digits')
  if (latitude === undefined && address === undefined && uprn === undefined)
    throw badParameter('lat', 'give lat and long, address_string or address_id to say where the request is')
  return { latitude, longitude, address, uprn }
}

function mediaUrlOf(params: Params): string | undefined {
  const value = maxLength('media_url', optional(params, 'media_url'), 2000)
  if (value === undefined) return undefined
  try {
    if (['http:', 'https:'].includes(new URL(value).protocol)) return value
  } catch {
    // refused below
  }
  throw badParameter('media_url', 'give an http or https address')
}

type Reporter = { given_name: string; family_name: string; emails?: string[]; phones?: string[] }

/** The reporter, when they gave both names; contact details without a name are not kept (see docs/open311.md). */
function reporterOf(params: Params): Reporter | undefined {
  const email = maxLength('email', optional(params, 'email'), 254)
  if (email !== undefined && !EMAIL.test(email))
    throw badParameter('email', 'give an email address, like name@example.com')
  const phone = maxLength('phone', optional(params, 'phone'), 30)
  const digits = phone?.replace(/\D/g, '').length ?? 10
  if (digits < 10 || digits > 15) throw badParameter('phone', 'give a phone number with 10 to 15 digits')
  const given = maxLength('first_name', optional(params, 'first_name'), 100)
  const family = maxLength('last_name', optional(params, 'last_name'), 100)
  for (const name of ['device_id', 'account_id']) maxLength(name, optional(params, name), 200)
  if (given === undefined || family === undefined) return undefined
  return {
    given_name: given,
    family_name: family,
    ...(email ? { emails: [email] } : {}),
    ...(phone ? { phones: [phone] } : {}),
  }
}

function answersOf(service: Service, params: Params): Record<string, unknown> {
  const answers = answersFromAttributes(service.form, attributes(params))
  const errors = validateAnswers(service, answers)
  if (errors.length === 0) return answers
  const named = errors.map((error) => ({
    name: `attribute[${error.name.replace(/^answers\./, '')}]`,
    message: error.message,
  }))
  throw new Problem(400, `${named[0]!.name}: ${named[0]!.message}`, named)
}

type Submission = { service: Service; input: CreateCaseInput; reporter: Reporter | undefined; mediaUrl?: string }

async function raise(database: Database, actor: Actor, principal: Principal, council: Council, s: Submission) {
  return database.db.transaction().execute(async (trx: Queryable) => {
    const resident = s.reporter && (await createResident(database, actor, council.id, s.reporter, trx))
    const raised = await createCase(database, actor, council.id, { ...s.input, resident_id: resident?.id ?? null }, trx)
    await repo.insertOpen311Request(trx, {
      case_id: raised.id,
      council_id: council.id,
      api_token_id: principal.id,
      media_url: s.mediaUrl ?? null,
      created_at: nowIso(),
    })
    return raised
  })
}

export async function submitRequest(
  database: Database,
  principal: Principal,
  sourceAddress: string,
  params: Params,
): Promise<Open311Value> {
  const council = await councilOfKey(database, principal, params)
  const channel = principal.channel ?? 'web'
  const service = await serviceFor(database, council, params, channel === 'web')
  const input: CreateCaseInput = {
    service_id: service.id,
    channel,
    // An app's user reports for themselves; another council's staff raise it on a resident's behalf.
    created_by: channel === 'web' ? 'resident' : 'staff',
    description: maxLength('description', optional(params, 'description'), MAX_DESCRIPTION) ?? null,
    location: locationOf(params),
    answers: answersOf(service, params),
  }
  const submission = { service, input, reporter: reporterOf(params), mediaUrl: mediaUrlOf(params) }
  const raised = await raise(database, actorFor(principal, sourceAddress), principal, council, submission)
  const due = raised.due_at ? ` We aim to deal with it by ${raised.due_at}.` : ''
  return [
    {
      service_request_id: raised.reference,
      service_notice: `${service.name}: request ${raised.reference} received.${due}`,
    },
  ]
}
