// /staff/contacts/new: an advisor logs a contact in a few keystrokes, from the single view of a
// resident or straight from search, or for a caller who will not give a name. The handle time
// runs from opening the form to saving it; saving goes back to where the advisor was, with a
// banner. Choosing a service and pressing "Show help" lists its knowledge articles, without JavaScript.
// A telephony screen-pop opens it with ?call=EXTERNAL_ID; the form also offers the calls this
// advisor answered in the last minutes, and the one chosen is claimed in the contact's transaction.
// A contact about a call is the resident ringing us: inbound by phone, from when it was answered.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import { errorList, field } from '../../platform/http/forms.ts'
import { flashNotice } from '../../platform/http/notice.ts'
import { localPath } from '../../platform/http/return-to.ts'
import { staffTime } from '../../platform/i18n/time-of-day.ts'
import { Problem, notFound } from '../../platform/http/problem.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import { listActiveServices } from '../catalogue/service.ts'
import { durationWords, logContactOnce, secondsBetween } from '../contacts/service.ts'
import { getResident } from '../residents/service.ts'
import { findArticles, todayIn } from '../knowledge/service.ts'
import { callsToLink, linkCallToContact } from '../telephony/service.ts'
import type { ContactForm } from './form.ts'
import {
  AVOIDABLE_NAMES,
  BLANK_FORM,
  CHANNEL_NAMES,
  FIELD_ORDER,
  OUTCOME_NAMES,
  callId,
  checkForm,
  formFrom,
} from './form.ts'
import { checkForm as checkToken, openForm, secondsSince } from './form-token.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

const WRITE = { config: { permission: 'contacts:write' as const }, schema: { hide: true } }
const NEW_CONTACT = '/staff/contacts/new'

/** The contacts service names fields as the API does; the form's own names link the error summary. */
const SERVICE_FIELDS: Record<string, keyof ContactForm> = {
  'body.channel': 'channel',
  'body.direction': 'direction',
  'body.service_id': 'service',
  'body.outcome': 'outcome',
  'body.avoidable_reason': 'avoidable',
  'body.notes': 'notes',
  'body.handle_seconds': 'handleMinutes',
  'body.call': 'call',
}

const CALL_TAKEN =
  'That call cannot be linked: a contact already records it, or you did not answer it. Select another call, or that it is not one of these calls'

type Caller = { id: number; name: string } | null

function residentId(raw: unknown): number | null {
  if (raw === undefined || raw === '') return null
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) throw notFound('Resident')
  return Number(raw)
}

/** The resident the contact is with, read (and audited) through the residents service. */
async function callerOf(request: FastifyRequest, feature: FeatureOptions, id: number | null): Promise<Caller> {
  if (id === null) return null
  const resident = await getResident(feature.database, actorOf(request), principalOf(request).councilId, id)
  return { id, name: `${resident.given_name} ${resident.family_name}` }
}

type PageState = {
  caller: Caller
  returnTo: string
  formToken: string
  values: ContactForm
  errors?: Record<string, string>
  status?: number
  /** A screen-pop named a call this advisor cannot link. */
  callRefused?: boolean
}

type CallChoice = { value: string; text: string; hint: { text: string } }

/** "less than a minute ago", "2 minutes ago", "3 hours ago": how long ago the advisor answered. */
function agoWords(at: string, now: number): string {
  const minutes = Math.floor(Math.max(0, now - Date.parse(at)) / 60_000)
  if (minutes < 1) return 'less than a minute ago'
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`
  const hours = Math.floor(minutes / 60)
  return `${hours} hour${hours === 1 ? '' : 's'} ago`
}

/**
 * The calls the form offers: those this advisor answered in the last minutes that no contact
 * records, and the screen-popped one if it is still theirs to link; `refused` when the chosen
 * call is not one they may link.
 */
async function callChoices(
  request: FastifyRequest,
  feature: FeatureOptions,
  chosen: string,
): Promise<{ choices: CallChoice[]; refused: boolean }> {
  const { councilId, id } = principalOf(request)
  const timeZone = request.council?.settings.workingHours.timeZone ?? 'Europe/London'
  const { calls, refused } = await callsToLink(feature.database, councilId, id, chosen)
  const now = Date.now()
  const choices = calls.map((call) => {
    const wait = `Waited ${durationWords(secondsBetween(call.offered_at, call.answered_at))}. `
    const going =
      call.ended_at === null
        ? 'Still going on'
        : `Ended after ${durationWords(secondsBetween(call.answered_at, call.ended_at))}`
    return {
      value: call.external_id,
      // To the second, with how long ago, the wait and whether it goes on: two calls answered in the
      // same minute from the same queue still read differently, and nothing about the caller is shown.
      text: `Answered at ${staffTime(call.answered_at, timeZone, { seconds: true })}, ${agoWords(call.answered_at, now)}, from the ${call.queue} queue`,
      hint: { text: `${wait}${going}` },
    }
  })
  return { choices, refused }
}

async function render(request: FastifyRequest, reply: FastifyReply, feature: FeatureOptions, state: PageState) {
  const councilId = principalOf(request).councilId
  const services = await listActiveServices(feature.database, councilId)
  const serviceId = /^\d{1,9}$/.test(state.values.service) ? Number(state.values.service) : undefined
  const today = todayIn(request.council?.settings.workingHours.timeZone ?? 'Europe/London')
  const articles = serviceId === undefined ? [] : await findArticles(feature.database, councilId, { serviceId, today })
  const errors = state.errors ?? {}
  const failed = Object.keys(errors).length > 0
  const calls = await callChoices(request, feature, state.values.call)
  const values = calls.refused ? { ...state.values, call: '' } : state.values
  return reply.status(state.status ?? (failed ? 400 : 200)).view('desk-contacts/new.njk', {
    council: request.council,
    pageTitle: `${failed ? 'Error: ' : ''}Log a contact`,
    ...state,
    values,
    callRefused: state.callRefused ?? calls.refused,
    calls:
      calls.choices.length > 0
        ? [...calls.choices, { divider: 'or' }, { value: '', text: 'Not one of these calls' }].map((item) =>
            'value' in item ? { ...item, checked: item.value === values.call } : item,
          )
        : [],
    errors,
    errorList: failed ? errorList(errors, [...FIELD_ORDER, 'form']) : undefined,
    serviceChosen: serviceId !== undefined,
    serviceName: services.find((s) => s.id === serviceId)?.name,
    articles,
    options: {
      channels: Object.entries(CHANNEL_NAMES).map(([value, text]) => ({ value, text })),
      outcomes: Object.entries(OUTCOME_NAMES).map(([value, text]) => ({ value, text })),
      avoidable: [
        { value: 'no', text: 'No' },
        ...Object.entries(AVOIDABLE_NAMES).map(([value, text]) => ({ value, text })),
      ],
      services: [
        { value: '', text: 'Not about one service' },
        ...services.map((s) => ({
          value: String(s.id),
          text: s.name,
          selected: String(s.id) === state.values.service,
        })),
      ],
    },
  })
}

function fieldErrors(problem: Problem): Record<string, string> {
  return Object.fromEntries(
    (problem.errors ?? []).map((e) => {
      const name = SERVICE_FIELDS[e.name] ?? 'form'
      // The service refuses a call it cannot find or one already recorded; to the advisor, both are a call taken.
      return [name, name === 'call' ? CALL_TAKEN : e.message.replace(/^Give /, 'Choose ')]
    }),
  )
}

export async function deskContactPages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  const secret = feature.config.sessionSecret

  app.get<{ Querystring: { resident?: unknown; returnTo?: unknown; service?: unknown; call?: unknown } }>(
    NEW_CONTACT,
    WRITE,
    async (request, reply) => {
      const caller = await callerOf(request, feature, residentId(request.query.resident))
      const service = typeof request.query.service === 'string' ? request.query.service : ''
      return render(request, reply, feature, {
        caller,
        returnTo: localPath(request.query.returnTo, ''),
        formToken: openForm(secret, principalOf(request).id),
        values: { ...BLANK_FORM, service, call: callId(request.query.call) },
      })
    },
  )

  app.post('/staff/contacts', WRITE, async (request, reply) => {
    const principal = principalOf(request)
    const caller = await callerOf(request, feature, residentId(field(request, 'resident')))
    const returnTo = localPath(field(request, 'returnTo'), '')
    const values = formFrom(request)
    const opened = checkToken(secret, principal.id, field(request, 'formToken'))
    const state = { caller, returnTo, values, formToken: field(request, 'formToken') }
    if (!opened) {
      const errors = { form: 'This form could not be checked. Check the details and save the contact again' }
      return render(request, reply, feature, { ...state, formToken: openForm(secret, principal.id), errors })
    }
    if (field(request, 'show') === 'help') return render(request, reply, feature, state)
    const { contact, errors } = checkForm(values)
    if (!contact) return render(request, reply, feature, { ...state, errors })
    const callExternalId = contact.callExternalId
    const claimCall = callExternalId
      ? async (trx: Queryable, saved: { id: number }) => {
          const link = { externalId: callExternalId, staffId: principal.id, contactId: saved.id }
          if (!(await linkCallToContact(feature.database, actorOf(request), principal.councilId, link, trx)))
            throw new Problem(422, 'The call cannot be linked', [{ name: 'body.call', message: CALL_TAKEN }])
        }
      : undefined
    try {
      await logContactOnce(
        feature.database,
        actorOf(request),
        principal.councilId,
        {
          channel: contact.channel,
          direction: contact.direction,
          started_at: new Date(opened.openedAt).toISOString(),
          handle_seconds: contact.handleSeconds ?? secondsSince(opened.openedAt),
          resident_id: caller?.id ?? null,
          service_id: contact.serviceId,
          outcome: contact.outcome,
          avoidable_reason: contact.avoidableReason,
          notes: contact.notes,
          form_token: opened.once,
          call_external_id: callExternalId,
        },
        claimCall,
      )
    } catch (error) {
      if (error instanceof Problem && error.status === 422)
        return render(request, reply, feature, { ...state, errors: fieldErrors(error) })
      throw error
    }
    const fallback = caller ? `/staff/residents/${caller.id}` : NEW_CONTACT
    const notice = callExternalId ? 'Contact logged and linked to the call' : 'Contact logged'
    return flashNotice(reply, notice).redirect(localPath(returnTo, fallback), 303)
  })
}
