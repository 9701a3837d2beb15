// mySociety's servicerequestupdates extension: a feed of status changes so a client keeps its copy
// of each request current, and updates a trusted client posts about a request. The feed carries
// fixed wording per change, never a note's text, which may be addressed to the resident by name.
import type { Database } from '../../platform/db/database.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { actorFor } from '../../platform/auth/principal.ts'
import type { Council } from '../../platform/council/council.ts'
import { Problem } from '../../platform/http/problem.ts'
import type { CaseStatus } from '../../platform/db/values.ts'
import { addCaseNote, caseIdOfReference } from '../cases/service.ts'
import type { Open311Value } from './format.ts'
import type { Params } from './params.ts'
import { badParameter, maxLength, optional, requiredParam } from './params.ts'
import { periodOf } from './period.ts'
import { councilOfKey, MAX_DESCRIPTION } from './submit.ts'
import type { UpdateRow } from './repo.ts'
import * as repo from './repo.ts'

const MAX_UPDATES = 1000
const OPEN: readonly CaseStatus[] = ['open', 'in_progress', 'waiting']

const WORDING: Record<CaseStatus, string> = {
  open: 'Reopened',
  in_progress: 'Being worked on',
  waiting: 'Waiting for something before work can go on',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
}

function updateEntry(row: UpdateRow): Open311Value {
  const status = row.to_status ?? 'open'
  return {
    update_id: String(row.id),
    service_request_id: row.reference,
    status: OPEN.includes(status) ? 'open' : 'closed',
    updated_datetime: row.at,
    description: row.kind === 'created' ? 'Received' : WORDING[status],
  }
}

/** GET servicerequestupdates: changes between start_date and end_date (at most 90 days apart), oldest first. */
export async function listUpdates(
  database: Database,
  council: Council,
  params: Params,
  now = new Date(),
): Promise<Open311Value> {
  const { from, to } = periodOf(params, now)
  return (await repo.listUpdateRows(database.db, council.id, from, to, MAX_UPDATES)).map(updateEntry)
}

/**
 * POST servicerequestupdates from a trusted client: its user's update becomes an internal note on
 * the case, for a caseworker to read. The updater's name and contact details are not kept.
 */
export async function submitUpdate(
  database: Database,
  principal: Principal,
  sourceAddress: string,
  params: Params,
): Promise<Open311Value> {
  const council = await councilOfKey(database, principal, params)
  const reference = requiredParam(params, 'service_request_id')
  const description = maxLength('description', requiredParam(params, 'description'), MAX_DESCRIPTION)!
  const status = optional(params, 'status')?.toLowerCase()
  if (status !== undefined && status !== 'open' && status !== 'closed')
    throw badParameter('status', 'give open or closed')
  const theirs = maxLength('update_id', optional(params, 'update_id'), 200)
  const caseId = await caseIdOfReference(database, council.id, reference)
  if (caseId === undefined)
    throw new Problem(404, `service_request_id ${reference} is not a request of ${council.slug}`)
  const said = status ? ` (they say it is ${status})` : ''
  const body = `Update through Open311 client ${principal.label.replace(/^token:/, '')}${theirs ? `, their update ${theirs}` : ''}${said}: ${description}`
  const event = await addCaseNote(database, actorFor(principal, sourceAddress), council.id, caseId, {
    body,
    visibility: 'internal',
  })
  return [{ update_id: String(event.id) }]
}
