// A resident at the desk: adding one (GET and POST /staff/residents/new) and the single view
// (/staff/residents/:id) with their details, flags, online account, open cases first, and one
// timeline of everything on every channel, filtered and paged by the server.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { may } from '../../platform/auth/principal.ts'
import { scopeOf } from '../../platform/auth/scope.ts'
import { Problem, notFound } from '../../platform/http/problem.ts'
import { recordIdOf } from '../../platform/http/ids.ts'
import { flashNotice } from '../../platform/http/notice.ts'
import { formTokenOf, newFormToken } from '../../platform/http/form-once.ts'
import { createResident, createResidentOnce, singleView } from './service.ts'
import type { SingleView } from './service.ts'
import { formFieldOf, formValues, parseResidentForm } from './resident-form.ts'
import type { ResidentFormValues } from './resident-form.ts'
import { parseTimeline, timelineEntry, timelineParams } from './timeline.ts'
import type { TimelineValues } from './timeline.ts'
import {
  CASE_TAGS,
  DIGITAL_TAGS,
  PREFERRED_CHANNEL_WORDS,
  TIMELINE_CHANNELS,
  TIMELINE_KINDS,
  UNKNOWN_DIGITAL,
  dayText,
  errorsForPage,
  momentText,
} from './present.ts'

const TIMELINE_PAGE = 20
const ACCOUNT_TAGS = {
  none: { text: 'No online account', classes: 'govuk-tag--grey' },
  unconfirmed: { text: 'Email not confirmed', classes: 'govuk-tag--yellow' },
  active: { text: 'Online account', classes: 'govuk-tag--green' },
  locked: { text: 'Account locked', classes: 'govuk-tag--red' },
}
const LANGUAGES = new Intl.DisplayNames(['en-GB'], { type: 'language' })

const timeZoneOf = (request: FastifyRequest) => request.council?.settings.workingHours.timeZone ?? 'Europe/London'

const RESIDENT_ADDED = 'The resident has been added'

function newResidentPage(values: ResidentFormValues, errors: { name: string; message: string }[] = []) {
  const shown = errorsForPage(errors, (name) => (name === 'dob' ? 'dob-day' : name))
  return {
    pageTitle: errors.length > 0 ? 'Error: Add a resident' : 'Add a resident',
    values,
    formToken: newFormToken(),
    ...(errors.length > 0 ? shown : {}),
  }
}

function detailsOf(view: SingleView, timeZone: string) {
  const r = view.resident
  const today = new Date().toISOString().slice(0, 10)
  return {
    name: `${r.given_name} ${r.family_name}`,
    born: dayText(r.date_of_birth),
    addresses: r.addresses.map((a) => [a.address_line_1, a.address_line_2, a.town, a.postcode].filter(Boolean)),
    uprns: r.addresses.map((a) => a.uprn).filter(Boolean),
    preferredChannel: r.preferred_channel ? PREFERRED_CHANNEL_WORDS[r.preferred_channel] : null,
    language: r.language ? (LANGUAGES.of(r.language) ?? r.language) : null,
    digitalTag: r.digital_status ? DIGITAL_TAGS[r.digital_status] : UNKNOWN_DIGITAL,
    flags: r.vulnerability_flags.map((f) => ({
      ...f,
      review: dayText(f.review_on),
      overdue: f.review_on !== null && f.review_on < today,
    })),
    accountTag: ACCOUNT_TAGS[view.account.status],
    lastSignIn: view.account.lastSignInAt ? momentText(view.account.lastSignInAt, timeZone) : null,
    cases: view.cases.map((c) => ({ ...c, tag: CASE_TAGS[c.status], raised: momentText(c.created_at, timeZone) })),
    openCases: view.cases.filter((c) => c.open).length,
    consents: view.consents.map((c) => ({ ...c, given: dayText(c.consent_given_at.slice(0, 10)) })),
  }
}

function actionsFor(request: FastifyRequest, id: number) {
  const principal = principalOf(request)
  const here = `/staff/residents/${id}`
  return {
    logContact: may(principal, 'contacts:write')
      ? `/staff/contacts/new?${new URLSearchParams({ resident: String(id), returnTo: here })}`
      : null,
    raiseCase: may(principal, 'cases:write') ? `${here}/cases/new` : null,
    change: may(principal, 'residents:write') ? `${here}/edit` : null,
    flags: may(principal, 'residents:write') ? `${here}/flags` : null,
    merge: may(principal, 'residents:merge') ? `${here}/merge` : null,
  }
}

function filterOptions(values: TimelineValues) {
  return {
    channels: TIMELINE_CHANNELS.map((c) => ({ ...c, checked: values.channels.includes(c.value) })),
    kinds: TIMELINE_KINDS.map((k) => ({ ...k, checked: values.kinds.includes(k.value) })),
  }
}

export async function residentPages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  const { database } = feature

  app.get<{ Querystring: Record<string, unknown> }>(
    '/staff/residents/new',
    { config: { permission: 'residents:write' }, schema: { hide: true } },
    async (request, reply) =>
      reply.view('desk/new-resident.njk', { council: request.council, ...newResidentPage(formValues(request.query)) }),
  )

  app.post<{ Body: Record<string, unknown> }>(
    '/staff/residents/new',
    { config: { permission: 'residents:write' }, schema: { hide: true } },
    async (request, reply) => {
      const values = formValues(request.body ?? {})
      const { input, errors } = parseResidentForm(values)
      const refuse = (found: { name: string; message: string }[]) =>
        reply.status(400).view('desk/new-resident.njk', { council: request.council, ...newResidentPage(values, found) })
      if (errors.length > 0) return refuse(errors)
      try {
        const councilId = principalOf(request).councilId
        const formToken = formTokenOf(request.body)
        const { id } = formToken
          ? await createResidentOnce(database, actorOf(request), councilId, input, formToken)
          : await createResident(database, actorOf(request), councilId, input)
        return flashNotice(reply, RESIDENT_ADDED).redirect(`/staff/residents/${id}`, 303)
      } catch (error) {
        if (error instanceof Problem && error.status === 400 && error.errors)
          return refuse(error.errors.map((e) => ({ name: formFieldOf(e.name), message: e.message })))
        throw error
      }
    },
  )

  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>(
    '/staff/residents/:id',
    { config: { permission: 'residents:read' }, schema: { hide: true } },
    async (request, reply) => {
      const id = recordIdOf(request.params.id)
      if (id === undefined) throw notFound('Resident')
      const timeZone = timeZoneOf(request)
      const { values, filter, errors } = parseTimeline(request.query, timeZone)
      const cursor =
        typeof request.query.cursor === 'string' && request.query.cursor !== '' ? request.query.cursor : undefined
      const view = await singleView(database, actorOf(request), scopeOf(principalOf(request)), id, {
        ...filter,
        limit: TIMELINE_PAGE,
        cursor: errors.length > 0 ? undefined : cursor,
      })
      if ('merged' in view)
        return reply.view('desk/merged-resident.njk', {
          council: request.council,
          pageTitle: 'This record was merged',
          resident: view.merged,
        })
      const details = detailsOf(view, timeZone)
      const params = timelineParams(values)
      const here = `/staff/residents/${id}`
      const filtered = params.toString() !== ''
      return reply.status(errors.length > 0 ? 400 : 200).view('desk/resident.njk', {
        council: request.council,
        pageTitle: `${errors.length > 0 ? 'Error: ' : ''}${details.name}`,
        resident: view.resident,
        ...details,
        actions: actionsFor(request, id),
        // The single view names who was added; the notice's own wording is fixed and carries no name.
        added: reply.locals?.notice === RESIDENT_ADDED,
        notice: reply.locals?.notice === RESIDENT_ADDED ? undefined : reply.locals?.notice,
        timeline: view.history.items.map((item) => timelineEntry(item, timeZone)),
        values,
        options: filterOptions(values),
        filtered,
        clearHref: `${here}#timeline`,
        nextHref: view.history.next_cursor
          ? `${here}?${new URLSearchParams([...params, ['cursor', view.history.next_cursor]])}#timeline`
          : null,
        newestHref: cursor !== undefined && errors.length === 0 ? `${here}?${params}#timeline` : null,
        ...(errors.length > 0 ? errorsForPage(errors, (name) => `${name}-day`) : {}),
      })
    },
  )
}
