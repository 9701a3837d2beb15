// Raising a case on a resident's behalf (/staff/residents/:id/cases/new) or for someone who gives
// no name (/staff/cases/new): choose the service, answer its form (the same form and messages a
// resident sees online), say how the report came in, see any open case of that service at the same
// place and join it instead, then read out the reference. Every read and change is audited by the
// services it goes through.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { scopeOf } from '../../platform/auth/scope.ts'
import { Problem, badRequest, notFound } from '../../platform/http/problem.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { recordIdOf } from '../../platform/http/ids.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import type { Database } from '../../platform/db/database.ts'
import type { Service } from '../catalogue/service.ts'
import {
  answersFromForm,
  errorSummaryItems,
  getService,
  listActiveServices,
  questionsFor,
  typedValues,
  validateAnswers,
} from '../catalogue/service.ts'
import { getResident } from '../residents/service.ts'
import { callBackHolder, claimedCallBack, recordAttempt } from '../telephony/service.ts'
import { flashNotice } from '../../platform/http/notice.ts'
import {
  earlierSubmission,
  getCaseByReference,
  joinedCaseOf,
  openCasesAtPlace,
  raiseFromDesk,
} from '../cases/service.ts'
import type { Case } from '../cases/service.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import type { Location } from './report-form.ts'
import {
  DESK_CHANNELS,
  carriedFields,
  channelErrors,
  channelOf,
  isFormToken,
  locationOf,
  newFormToken,
} from './report-form.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

const DECISION_MISSING = 'Select the open case this report joins, or raise a new case'

type Caller = { id: number; name: string; home: Location | undefined } | null
/** The call back the advisor is on when the report came up: the case is its answered try's outcome. */
type FromCallBack = { id: number; name: string | null } | null
type Body = Record<string, unknown>

const text = (body: Body, name: string): string => (typeof body[name] === 'string' ? (body[name] as string) : '')

/** The duplicate check's answer: its radio, sent beside an empty field that says the question was asked. */
function decisionOf(body: Body): string {
  const sent = Array.isArray(body.decision) ? body.decision : [body.decision]
  return sent.find((value): value is string => typeof value === 'string' && value !== '') ?? ''
}

async function callerOf(database: Database, request: FastifyRequest, rawId: string | undefined): Promise<Caller> {
  if (rawId === undefined) return null
  const id = recordIdOf(rawId)
  if (id === undefined) throw notFound('Resident')
  const resident = await getResident(database, actorOf(request), principalOf(request).councilId, id)
  const address = resident.addresses[0]
  const home = address && {
    uprn: address.uprn,
    address: [address.address_line_1, address.address_line_2, address.town, address.postcode]
      .filter(Boolean)
      .join(', '),
  }
  return { id: resident.id, name: `${resident.given_name} ${resident.family_name}`, home }
}

function formPath(caller: Caller): string {
  return caller ? `/staff/residents/${caller.id}/cases/new` : '/staff/cases/new'
}

/**
 * The call back a report comes from, held by this advisor for this caller (the resident it is
 * linked to, or nobody); otherwise why not, for the list to say. A tab left open after the call
 * back was finished, released or taken must not record a try on it.
 */
async function callBackOf(
  database: Database,
  request: FastifyRequest,
  raw: unknown,
  caller: Caller,
): Promise<{ held: FromCallBack } | { gone: string }> {
  if (raw === undefined || raw === '') return { held: null }
  const id = typeof raw === 'string' ? recordIdOf(raw) : undefined
  if (id === undefined) throw notFound('Call back')
  const principal = principalOf(request)
  const held = await claimedCallBack(database, actorOf(request), principal.councilId, id, principal.id)
  if (held && held.residentId === (caller?.id ?? null)) return { held: { id: held.id, name: held.name } }
  const holder = await callBackHolder(database, principal.councilId, id)
  if (!holder) throw notFound('Call back')
  // Fixed wording: the notice rides in a cookie, which never carries a name.
  if (!holder.open) return { gone: 'That call back is finished' }
  if (holder.staffId !== null && holder.staffId !== principal.id)
    return { gone: 'Someone else has claimed that call back' }
  if (holder.staffId === principal.id) return { gone: 'Raise a call back’s case from its row on the call-back list' }
  return { gone: 'Claim that call back from the list before raising its case' }
}

/** Back to the call-back list, saying why the call back cannot be raised from. */
const backToCallBacks = (reply: FastifyReply, why: string) =>
  flashNotice(reply, why, 'warning').redirect('/staff/call-backs', 303)

async function activeService(database: Database, councilId: number, raw: string): Promise<Service | undefined> {
  const id = recordIdOf(raw)
  const service = id === undefined ? undefined : await getService(database, councilId, id)
  return service?.active ? service : undefined
}

function titled(title: string, errors: readonly FieldError[]): string {
  return errors.length > 0 ? `Error: ${title}` : title
}

/** The page's frame; from a call back, Back steps through the chooser to the call-back list. */
function common(request: FastifyRequest, caller: Caller, callBack: FromCallBack, onChooser = false) {
  const fromCallBack = onChooser ? '/staff/call-backs' : `${formPath(caller)}?callBack=${callBack?.id}`
  return {
    council: request.council,
    caller,
    callBack,
    action: formPath(caller),
    backHref: callBack ? fromCallBack : caller ? `/staff/residents/${caller.id}` : '/staff',
  }
}

async function chooseService(
  database: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  caller: Caller,
  callBack: FromCallBack,
  error?: string,
) {
  const services = await listActiveServices(database, principalOf(request).councilId)
  const errors = error ? [{ name: 'service', message: error }] : []
  return reply.status(error ? 400 : 200).view('desk-cases/choose-service.njk', {
    ...common(request, caller, callBack, true),
    pageTitle: titled('Which service is the report about?', errors),
    items: services.map((s) => ({
      value: String(s.id),
      text: s.name,
      hint: s.open311_group ? { text: s.open311_group } : undefined,
    })),
    error,
    errorList: errors.map((e) => ({ text: e.message, href: '#service' })),
  })
}

type FormState = { service: Service; caller: Caller; callBack: FromCallBack; body: Body; errors: FieldError[] }

function showForm(
  request: FastifyRequest,
  reply: FastifyReply,
  { service, caller, callBack, body, errors }: FormState,
) {
  const channelError = errors.find((e) => e.name === 'channel')?.message
  const answerErrors = errors.filter((e) => e.name !== 'channel')
  const summary = [
    ...(channelError ? [{ text: channelError, href: '#channel' }] : []),
    ...errorSummaryItems(service.form, answerErrors),
  ]
  const chosen = text(body, 'channel')
  return reply.status(errors.length > 0 ? 400 : 200).view('desk-cases/report.njk', {
    ...common(request, caller, callBack),
    pageTitle: titled(service.name, errors),
    service,
    token: isFormToken(text(body, 'token')) ? text(body, 'token') : newFormToken(),
    channels: DESK_CHANNELS.map((c) => ({ ...c, checked: c.value === chosen })),
    channelError,
    questions: questionsFor(service.form, typedValues(service.form, body), answerErrors, 'staff'),
    errorList: summary,
  })
}

function caseRows(cases: Case[]) {
  return cases.map((c) => ({
    value: String(c.id),
    reference: c.reference,
    status: c.status.replace(/_/g, ' '),
    raised: c.created_at,
    address: c.location.address,
  }))
}

/** The confirmation, which offers the way back to the call-back list when the report came from one. */
function confirmationHref(reference: string, callBack: unknown): string {
  const from = callBack === undefined || callBack === '' ? '' : '?from=call-backs'
  return `/staff/cases/${reference}/confirmation${from}`
}

async function submit(database: Database, request: FastifyRequest, reply: FastifyReply, caller: Caller) {
  const body = (request.body ?? {}) as Body
  const principal = principalOf(request)
  const councilId = principal.councilId
  const service = await activeService(database, councilId, text(body, 'service'))
  if (!service) throw notFound('Service')
  if (!isFormToken(text(body, 'token'))) throw badRequest('This form has expired: open it again to raise the case')
  // The same form sent again (a double click, a resubmitted page) answers with what it raised.
  const earlier = await earlierSubmission(database, councilId, text(body, 'token'))
  if (earlier) return reply.redirect(confirmationHref(earlier.raised.reference, body.callBack), 303)
  const from = await callBackOf(database, request, body.callBack, caller)
  if ('gone' in from) return backToCallBacks(reply, from.gone)
  const callBack = from.held
  // A call back is a phone call we made: the form does not ask how the report came in.
  const channel = callBack ? 'phone' : text(body, 'channel')
  const answers = answersFromForm(service.form, body)
  const errors = [...channelErrors(channel), ...validateAnswers(service, answers)]
  if (errors.length > 0) return showForm(request, reply, { service, caller, callBack, body, errors })
  const location = locationOf(service, answers, caller?.home)
  const decision = decisionOf(body)
  const actor = actorOf(request)
  if (decision === '' || (decision !== 'new' && recordIdOf(decision) === undefined)) {
    const open = await openCasesAtPlace(database, actor, councilId, { serviceId: service.id, ...location })
    if (open.length > 0) {
      const checked = 'decision' in body
      return reply.status(checked ? 400 : 200).view('desk-cases/check.njk', {
        ...common(request, caller, callBack),
        pageTitle: titled('Is this already reported?', checked ? [{ name: 'decision', message: '' }] : []),
        service,
        location,
        cases: caseRows(open),
        carried: carriedFields(body),
        decisionError: checked ? DECISION_MISSING : undefined,
        errorList: checked ? [{ text: DECISION_MISSING, href: '#decision' }] : [],
      })
    }
  }
  const input = {
    service_id: service.id,
    resident_id: caller?.id ?? null,
    channel: channelOf(channel)!,
    created_by: 'staff' as const,
    answers,
    location: {
      ...(location.uprn ? { uprn: location.uprn } : {}),
      ...(location.address ? { address: location.address } : {}),
    },
  }
  const joinCaseId = decision === 'new' || decision === '' ? undefined : recordIdOf(decision)
  const recordContact =
    callBack &&
    (async (trx: Queryable, raised: Case) => {
      const raisedBy = { caseId: raised.id, serviceId: raised.service_id }
      const attempt = { id: callBack.id, staffId: principal.id, outcome: 'answered' as const, raised: raisedBy }
      await recordAttempt(database, actor, councilId, { ...attempt, result: 'case_raised' }, trx)
    })
  try {
    const report = { token: text(body, 'token'), input, joinCaseId, ...(recordContact ? { recordContact } : {}) }
    const outcome = await raiseFromDesk(database, actor, councilId, report)
    return reply.redirect(confirmationHref(outcome.raised.reference, body.callBack), 303)
  } catch (error) {
    if (!(error instanceof Problem) || error.status !== 422 || !error.errors) throw error
    const named = error.errors.map((e) => ({ ...e, name: e.name.replace(/^body\./, '') }))
    return showForm(request, reply, { service, caller, callBack, body, errors: named })
  }
}

export async function deskCasePages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  const { database } = feature
  const config = { config: { permission: 'cases:write' as const }, schema: { hide: true } }

  async function open(
    request: FastifyRequest<{
      Params: { id?: string }
      Querystring: { service?: string; asked?: string; callBack?: string }
    }>,
    reply: FastifyReply,
  ) {
    const caller = await callerOf(database, request, request.params.id)
    const from = await callBackOf(database, request, request.query.callBack, caller)
    if ('gone' in from) return backToCallBacks(reply, from.gone)
    const callBack = from.held
    const raw = request.query.service
    // A radio left unchosen is not sent at all: the hidden `asked` says the list was shown.
    if (raw === undefined && request.query.asked === undefined)
      return chooseService(database, request, reply, caller, callBack)
    if (raw === undefined || raw === '')
      return chooseService(database, request, reply, caller, callBack, 'Select the service the report is about')
    const service = await activeService(database, principalOf(request).councilId, raw)
    if (!service) throw notFound('Service')
    return showForm(request, reply, { service, caller, callBack, body: {}, errors: [] })
  }

  app.get('/staff/residents/:id/cases/new', config, open)
  app.get('/staff/cases/new', config, open)
  app.post<{ Params: { id: string } }>('/staff/residents/:id/cases/new', config, async (request, reply) =>
    submit(database, request, reply, await callerOf(database, request, request.params.id)),
  )
  app.post('/staff/cases/new', config, async (request, reply) => submit(database, request, reply, null))

  app.get<{ Params: { reference: string }; Querystring: { from?: string } }>(
    '/staff/cases/:reference/confirmation',
    config,
    async (request, reply) => {
      const principal = principalOf(request)
      const raised = await getCaseByReference(database, actorOf(request), scopeOf(principal), request.params.reference)
      const joined = await joinedCaseOf(database, principal.councilId, raised.id)
      const service = await getService(database, principal.councilId, raised.service_id)
      return reply.view('desk-cases/confirmation.njk', {
        council: request.council,
        pageTitle: joined ? 'Report joined to an open case' : 'Case raised',
        raised,
        joined,
        service,
        fromCallBacks: request.query.from === 'call-backs',
      })
    },
  )
}
