// /staff/residents/:id/flags: the resident's vulnerability flags with their review dates (overdue
// ones stand out), a form to add one, and a page each to move a flag's review date or remove it.
// Every change carries a reason and goes in the resident's timeline.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { flashNotice } from '../../platform/http/notice.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { notFound } from '../../platform/http/problem.ts'
import { recordIdOf } from '../../platform/http/ids.ts'
import { formTokenOf, newFormToken } from '../../platform/http/form-once.ts'
import { addVulnerabilityFlag, changeFlagReviewDate, endVulnerabilityFlag, getResident } from '../residents/service.ts'
import type { Resident } from '../residents/service.ts'
import { bodyOf, nameOf, refusedFields, residentIdOf, shownErrors } from './page-errors.ts'
import { dateFrom, dateParts } from './dates.ts'

type FlagRequest = FastifyRequest<{ Params: { id: string; flagId: string } }>
type Values = Record<string, string>

function flagsShown(resident: Resident, today: string) {
  return resident.vulnerability_flags.map((flag) => ({
    ...flag,
    overdue: flag.review_on !== null && flag.review_on < today,
  }))
}

function renderList(
  reply: FastifyReply,
  request: FastifyRequest,
  resident: Resident,
  values: Values,
  errors: FieldError[],
) {
  const shown = errors.length > 0 ? shownErrors(errors) : undefined
  const title = `${nameOf(resident)}’s vulnerability flags`
  return reply.status(shown ? 400 : 200).view('desk-changes/flags.njk', {
    pageTitle: shown ? `Error: ${title}` : title,
    council: request.council,
    resident,
    flags: flagsShown(resident, new Date().toISOString().slice(0, 10)),
    values,
    formToken: newFormToken(),
    ...shown,
  })
}

type Mode = 'review' | 'remove'

function renderChange(
  reply: FastifyReply,
  request: FlagRequest,
  resident: Resident,
  mode: Mode,
  values: Values,
  errors: FieldError[],
) {
  const flag = resident.vulnerability_flags.find((f) => f.id === recordIdOf(request.params.flagId))
  if (!flag) throw notFound('Flag')
  const shown = errors.length > 0 ? shownErrors(errors) : undefined
  const title = mode === 'review' ? 'Change the review date of a vulnerability flag' : 'Remove a vulnerability flag'
  return reply.status(shown ? 400 : 200).view('desk-changes/flag-change.njk', {
    pageTitle: shown ? `Error: ${title}` : title,
    heading: title,
    council: request.council,
    resident,
    flag,
    mode,
    values,
    ...shown,
  })
}

const reviewFields = (body: Record<string, unknown>): Values =>
  Object.fromEntries(
    ['reason', 'review-day', 'review-month', 'review-year'].map((n) => [n, typeof body[n] === 'string' ? body[n] : '']),
  )

const doneAt = (id: number, change: string) => `/staff/residents/${id}?changed=${change}`

export async function flagPages(app: FastifyInstance, { database }: FeatureOptions): Promise<void> {
  const config = { permission: 'residents:write' as const }
  const options = { config, schema: { hide: true } }
  const load = (request: FastifyRequest<{ Params: { id: string } }>) =>
    getResident(database, actorOf(request), principalOf(request).councilId, residentIdOf(request))
  const flagIdOf = (request: FlagRequest): number => {
    const id = recordIdOf(request.params.flagId)
    if (id === undefined) throw notFound('Flag')
    return id
  }

  app.get<{ Params: { id: string } }>('/staff/residents/:id/flags', options, async (request, reply) =>
    renderList(reply, request, await load(request), reviewFields({}), []),
  )

  app.post<{ Params: { id: string } }>('/staff/residents/:id/flags', options, async (request, reply) => {
    const resident = await load(request)
    const values = reviewFields(bodyOf(request))
    const errors: FieldError[] = []
    const review_on = dateFrom(values, 'review', errors)
    if ((values.reason ?? '').trim() === '') errors.push({ name: 'reason', message: 'Enter the reason for the flag' })
    if (errors.length > 0) return renderList(reply, request, resident, values, errors)
    try {
      await addVulnerabilityFlag(database, actorOf(request), principalOf(request).councilId, resident.id, {
        reason: values.reason ?? '',
        review_on,
        formToken: formTokenOf(bodyOf(request)),
      })
    } catch (error) {
      return renderList(reply, request, resident, values, refusedFields(error, reviewField))
    }
    return flashNotice(reply, 'Flag added').redirect(doneAt(resident.id, 'flag_added'), 303)
  })

  for (const mode of ['review', 'remove'] as const) {
    const path = `/staff/residents/:id/flags/:flagId/${mode}`
    app.get<{ Params: { id: string; flagId: string } }>(path, options, async (request, reply) => {
      const resident = await load(request)
      const flag = resident.vulnerability_flags.find((f) => f.id === recordIdOf(request.params.flagId))
      return renderChange(
        reply,
        request,
        resident,
        mode,
        { reason: '', ...dateParts('review', flag?.review_on ?? null) },
        [],
      )
    })

    app.post<{ Params: { id: string; flagId: string } }>(path, options, async (request, reply) => {
      const resident = await load(request)
      const flagId = flagIdOf(request)
      const values = reviewFields(bodyOf(request))
      const reason = values.reason ?? ''
      const errors: FieldError[] = []
      const review_on = mode === 'review' ? dateFrom(values, 'review', errors) : null
      if (reason.trim() === '') errors.push({ name: 'reason', message: 'Enter the reason for the change' })
      if (errors.length > 0) return renderChange(reply, request, resident, mode, values, errors)
      const { councilId } = principalOf(request)
      try {
        if (mode === 'review')
          await changeFlagReviewDate(database, actorOf(request), councilId, resident.id, flagId, { review_on, reason })
        else await endVulnerabilityFlag(database, actorOf(request), councilId, resident.id, flagId, reason)
      } catch (error) {
        return renderChange(reply, request, resident, mode, values, refusedFields(error, reviewField))
      }
      return flashNotice(reply, mode === 'review' ? 'Review date changed' : 'Flag removed').redirect(
        doneAt(resident.id, mode === 'review' ? 'flag_review_changed' : 'flag_removed'),
        303,
      )
    })
  }
}

const reviewField = (name: string): string => (name === 'body.review_on' ? 'review-day' : name.replace(/^body\./, ''))
