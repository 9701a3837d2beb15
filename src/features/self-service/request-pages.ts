// Requesting a service: its questions one to a page through the shared form renderer, who is
// asking, "check your answers" with change links, and the confirmation with the reference. The
// answers so far live on the server under the request's token; every page reads them from there.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { councilOf } from '../../platform/council/plugin.ts'
import { notFound } from '../../platform/http/problem.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { field as formField } from '../../platform/http/forms.ts'
import { ENGLISH, translate } from '../../platform/i18n/translate.ts'
import type { Database } from '../../platform/db/database.ts'
import type { FormField } from '../catalogue/service.ts'
import {
  answersFromForm,
  errorSummaryItems,
  getService,
  questionsFor,
  typedFromAnswers,
  typedValues,
  validateAnswers,
} from '../catalogue/service.ts'
import { accountById } from '../account/service.ts'
import type { Draft, Requester, Visitor } from './service.ts'
import {
  formOf,
  getDraft,
  requesterFrom,
  saveAnswers,
  saveRequester,
  sendRequest,
  sentRequest,
  serviceBySlug,
  startRequest,
} from './service.ts'
import { addressFinder, addressFromPick } from './address-step.ts'
import { answerRows, detailRows } from './check-rows.ts'
import { PUBLIC_PAGE, publicPage } from './page-values.ts'
import { targetInWords } from './words.ts'
import { feedbackRoutes } from './feedback-pages.ts'

type Body = Record<string, unknown>
type TokenParams = { token: string }
type StepParams = TokenParams & { step: string }

export const requestPath = (token: string, step: string) => `/requests/${token}/${step}`

export function visitorOf(request: FastifyRequest): Visitor {
  const principal = request.principal?.kind === 'resident' ? request.principal : undefined
  return {
    councilId: councilOf(request).id,
    accountId: principal?.id ?? null,
    residentId: principal?.residentId ?? null,
    sourceAddress: request.ip,
  }
}

function titled(language: string, title: string, errors: readonly unknown[]): string {
  return errors.length > 0 ? `${translate(language, 'Error')}: ${title}` : title
}

/** The page for a token whose request is gone: sent (go to its confirmation) or expired. */
export async function goneRequest(database: Database, request: FastifyRequest, reply: FastifyReply, token: string) {
  const sent = await sentRequest(database, councilOf(request).id, token)
  if (sent) return reply.redirect(requestPath(token, 'confirmation'), 303)
  const t = (text: string) => translate(request.language, text)
  return reply.status(404).view(
    'self-service/message.njk',
    publicPage(request, t('This request has ended'), {
      heading: t('This request has ended'),
      paragraphs: [
        t('We delete answers to a request that has not been sent within 24 hours, so nobody else can read them.'),
        t('Start again from the service’s page.'),
      ],
      link: { href: '/', text: t('Find a service') },
    }),
  )
}

function stepBefore(draft: Draft, index: number): string {
  return index === 0 ? `/services/${draft.service.slug}` : requestPath(draft.token, `questions/${index}`)
}

/** Where a page leads when it is answered: the next question, who is asking, or the check page. */
function stepAfter(draft: Draft, index: number, visitor: Visitor, changing: boolean): string {
  if (changing) return requestPath(draft.token, 'check')
  if (index + 1 < draft.service.form.length) return requestPath(draft.token, `questions/${index + 2}`)
  return requestPath(draft.token, visitor.residentId !== null ? 'check' : 'details')
}

function questionIndex(draft: Draft, step: string): number | undefined {
  const n = /^\d{1,3}$/.test(step) ? Number(step) : 0
  return n >= 1 && n <= draft.service.form.length ? n - 1 : undefined
}

type QuestionState = { draft: Draft; index: number; typed: Record<string, string | string[]>; errors: FieldError[] }

async function showQuestion(
  database: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  { draft, index, typed, errors }: QuestionState,
) {
  const language = request.language
  const question = draft.service.form[index] as FormField
  const changing = (request.query as { change?: string }).change === '1'
  const questions = questionsFor([question], typed, errors, 'resident', { language, pageHeading: true })
  const chosenUprn =
    typeof (request.body as Body | undefined)?.uprn === 'string' ? String((request.body as Body).uprn) : ''
  const address =
    question.type === 'address'
      ? await addressFinder(database, request, { questions, answer: draft.answers[question.name], chosenUprn })
      : undefined
  return reply.status(errors.length > 0 ? 400 : 200).view(
    'self-service/question.njk',
    publicPage(request, titled(language, translate(language, question.label), errors), {
      service: draft.service,
      field: question,
      questions,
      address,
      change: changing,
      action: requestPath(draft.token, `questions/${index + 1}`),
      backHref: changing ? requestPath(draft.token, 'check') : stepBefore(draft, index),
      errorList: errorSummaryItems([question], errors, language),
    }),
  )
}

function withAnswer(answers: Record<string, unknown>, name: string, answer: unknown): Record<string, unknown> {
  const next = { ...answers }
  if (answer === undefined) delete next[name]
  else next[name] = answer
  return next
}

async function answerQuestion(
  database: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  draft: Draft,
  index: number,
) {
  const body = (request.body ?? {}) as Body
  const question = draft.service.form[index] as FormField
  const typed = answersFromForm([question], body)[question.name]
  const picked =
    question.type === 'address' ? await addressFromPick(database, councilOf(request).id, body, typed) : undefined
  const answer = picked ?? typed
  const errors = validateAnswers({ form: [question] }, answer === undefined ? {} : { [question.name]: answer })
  if (errors.length > 0)
    return showQuestion(database, request, reply, { draft, index, typed: typedValues([question], body), errors })
  await saveAnswers(database, councilOf(request).id, draft, withAnswer(draft.answers, question.name, answer))
  const changing = (request.query as { change?: string }).change === '1'
  return reply.redirect(stepAfter(draft, index, visitorOf(request), changing), 303)
}

function showDetails(
  request: FastifyRequest,
  reply: FastifyReply,
  draft: Draft,
  state: { form: ReturnType<typeof formOf>; errors: FieldError[] },
) {
  const language = request.language
  const messages = Object.fromEntries(state.errors.map((e) => [e.name, translate(language, e.message)]))
  const form = draft.service.form
  return reply.status(state.errors.length > 0 ? 400 : 200).view(
    'self-service/details.njk',
    publicPage(request, titled(language, translate(language, 'Your details'), state.errors), {
      service: draft.service,
      form: state.form,
      errors: messages,
      errorList: state.errors.map((e) => ({ text: messages[e.name], href: `#${e.name}` })),
      action: requestPath(draft.token, 'details'),
      returnTo: requestPath(draft.token, 'details'),
      backHref:
        form.length > 0 ? requestPath(draft.token, `questions/${form.length}`) : `/services/${draft.service.slug}`,
    }),
  )
}

async function accountRequester(database: Database, visitor: Visitor): Promise<Requester | undefined> {
  if (visitor.accountId === null || visitor.residentId === null) return undefined
  const account = await accountById(database.db, visitor.councilId, visitor.accountId)
  return { kind: 'account', residentId: visitor.residentId, email: account?.email ?? null }
}

async function showCheck(
  database: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  draft: Draft,
  errors: FieldError[] = [],
) {
  const language = request.language
  const missing = validateAnswers(draft.service, draft.answers)[0]
  if (missing) {
    const index = draft.service.form.findIndex((question) => `answers.${question.name}` === missing.name)
    return reply.redirect(requestPath(draft.token, `questions/${Math.max(index, 0) + 1}`), 303)
  }
  const visitor = visitorOf(request)
  const requester = (await accountRequester(database, visitor)) ?? draft.requester
  if (!requester) return reply.redirect(requestPath(draft.token, 'details'), 303)
  if (requester.kind === 'account' && draft.requester?.kind !== 'account')
    await saveRequester(database, visitor.councilId, draft, requester)
  return reply.status(errors.length > 0 ? 400 : 200).view(
    'self-service/check.njk',
    publicPage(
      request,
      titled(language, translate(language, 'Check your answers before sending your request'), errors),
      {
        service: draft.service,
        answerRows: answerRows(language, draft),
        detailRows: detailRows(language, draft, requester),
        action: requestPath(draft.token, 'check'),
        backHref:
          requester.kind === 'account'
            ? stepBefore(draft, draft.service.form.length)
            : requestPath(draft.token, 'details'),
        errorList: errors.map((e) => ({ text: translate(language, e.message), href: '#main-content' })),
      },
    ),
  )
}

export async function selfServiceRequestPages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  const { database } = feature

  async function withDraft(
    request: FastifyRequest<{ Params: TokenParams }>,
    reply: FastifyReply,
    work: (draft: Draft) => Promise<unknown>,
  ) {
    const draft = await getDraft(database, councilOf(request).id, request.params.token)
    if (!draft) return goneRequest(database, request, reply, request.params.token)
    return work(draft)
  }

  app.post<{ Params: { slug: string } }>('/services/:slug/start', PUBLIC_PAGE, async (request, reply) => {
    const service = await serviceBySlug(database, councilOf(request).id, request.params.slug)
    if (!service?.online_available) throw notFound('Service')
    const token = await startRequest(database, visitorOf(request), service)
    const first = service.form.length > 0 ? 'questions/1' : 'details'
    return reply.redirect(requestPath(token, first), 303)
  })

  // Starting is a POST (it makes a request), but a resident can reach its address by a bookmark, the
  // browser's history or typing it: they are sent to the service's page, whose button starts it, in
  // the language they were reading (the cookie may be refused, so a language in use goes along).
  app.get<{ Params: { slug: string } }>('/services/:slug/start', PUBLIC_PAGE, async (request, reply) => {
    const language = request.language === ENGLISH.code ? '' : `?lang=${encodeURIComponent(request.language)}`
    return reply.redirect(`/services/${encodeURIComponent(request.params.slug)}${language}`, 303)
  })

  app.get<{ Params: StepParams }>('/requests/:token/questions/:step', PUBLIC_PAGE, (request, reply) =>
    withDraft(request, reply, async (draft) => {
      const index = questionIndex(draft, request.params.step)
      if (index === undefined) throw notFound('Question')
      const typed = typedFromAnswers(draft.service.form, draft.answers)
      return showQuestion(database, request, reply, { draft, index, typed, errors: [] })
    }),
  )

  app.post<{ Params: StepParams }>('/requests/:token/questions/:step', PUBLIC_PAGE, (request, reply) =>
    withDraft(request, reply, async (draft) => {
      const index = questionIndex(draft, request.params.step)
      if (index === undefined) throw notFound('Question')
      return answerQuestion(database, request, reply, draft, index)
    }),
  )

  app.get<{ Params: TokenParams }>('/requests/:token/details', PUBLIC_PAGE, (request, reply) =>
    withDraft(request, reply, async (draft) => {
      // Signed in on the way (the page's "sign in" link comes back here): the account says who.
      if (visitorOf(request).residentId !== null) return reply.redirect(requestPath(draft.token, 'check'), 303)
      return showDetails(request, reply, draft, { form: formOf(draft.requester), errors: [] })
    }),
  )

  app.post<{ Params: TokenParams }>('/requests/:token/details', PUBLIC_PAGE, (request, reply) =>
    withDraft(request, reply, async (draft) => {
      const form = {
        given_name: formField(request, 'given_name').trim(),
        family_name: formField(request, 'family_name').trim(),
        email: formField(request, 'email').trim(),
        phone: formField(request, 'phone').trim(),
      }
      const { requester, errors } = requesterFrom(form, draft.service.anonymous_allowed)
      if (!requester) return showDetails(request, reply, draft, { form, errors })
      await saveRequester(database, councilOf(request).id, draft, requester)
      return reply.redirect(requestPath(draft.token, 'check'), 303)
    }),
  )

  app.get<{ Params: TokenParams }>('/requests/:token/check', PUBLIC_PAGE, (request, reply) =>
    withDraft(request, reply, (draft) => showCheck(database, request, reply, draft)),
  )

  app.post<{ Params: TokenParams }>('/requests/:token/check', PUBLIC_PAGE, (request, reply) =>
    withDraft(request, reply, async (draft) => {
      const council = councilOf(request)
      const sent = await sendRequest(database, visitorOf(request), draft, {
        councilName: council.name,
        language: request.language,
      })
      if ('errors' in sent) return showCheck(database, request, reply, draft, sent.errors)
      return reply.redirect(requestPath(draft.token, 'confirmation'), 303)
    }),
  )

  app.get<{ Params: TokenParams }>('/requests/:token/confirmation', PUBLIC_PAGE, async (request, reply) => {
    const council = councilOf(request)
    const sent = await sentRequest(database, council.id, request.params.token)
    if (!sent) return goneRequest(database, request, reply, request.params.token)
    const service = await getService(database, council.id, sent.serviceId)
    if (!service) throw notFound('Service')
    const language = request.language
    return reply.view(
      'self-service/confirmation.njk',
      publicPage(request, translate(language, 'Request sent'), {
        reference: sent.reference,
        target: targetInWords(language, service.target_hours, council.settings.workingHours),
        feedbackHref: requestPath(request.params.token, 'feedback'),
      }),
    )
  })

  await feedbackRoutes(app, feature)
}
