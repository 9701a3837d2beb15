// /staff/admin/services/:id/form: the questions on a service's form, in order. An administrator adds,
// changes, moves and removes them one at a time through the catalogue, which checks and audits each
// change; the preview shows the form through the one shared renderer residents and advisors see.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { field } from '../../platform/http/forms.ts'
import { recordIdOf } from '../../platform/http/ids.ts'
import { flashNotice } from '../../platform/http/notice.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { badRequest, notFound, Problem } from '../../platform/http/problem.ts'
import type { FormField, Service } from '../catalogue/service.ts'
import {
  addQuestion,
  answersFromForm,
  changeQuestion,
  errorSummaryItems,
  FIELD_TYPES,
  getService,
  moveQuestion,
  questionsFor,
  removeQuestion,
  typedValues,
  validateAnswers,
} from '../catalogue/service.ts'
import { shownErrors } from './page-errors.ts'
import type { QuestionForm } from './question-form.ts'
import {
  QUESTION_FIELDS,
  TYPE_NAMES,
  emptyQuestionForm,
  formOfQuestion,
  questionFormFrom,
  readQuestionForm,
} from './question-form.ts'

const CATALOGUE = { config: { permission: 'catalogue:write' as const }, schema: { hide: true } }
type ById = FastifyRequest<{ Params: { id: string } }>
type ByName = FastifyRequest<{ Params: { id: string; name: string } }>

const formUrl = (id: number) => `/staff/admin/services/${id}/form`

async function serviceOf(feature: FeatureOptions, request: ById): Promise<Service> {
  const id = recordIdOf(request.params.id)
  const service = id === undefined ? undefined : await getService(feature.database, principalOf(request).councilId, id)
  if (!service) throw notFound('Service')
  return service
}

function questionOf(service: Service, request: ByName): FormField {
  const question = service.form.find((q) => q.name === request.params.name)
  if (!question) throw notFound('Question')
  return question
}

type QuestionPage = { service: Service; editing?: FormField; values: QuestionForm; errors?: FieldError[] }

function showQuestion(request: FastifyRequest, reply: FastifyReply, page: QuestionPage) {
  const shown = shownErrors(page.errors ?? [], QUESTION_FIELDS)
  const heading = page.editing ? 'Change the question' : 'Add a question'
  const base = formUrl(page.service.id)
  return reply.status(shown.errorList ? 400 : 200).view('desk-admin/question-form.njk', {
    council: request.council,
    pageTitle: `${shown.errorList ? 'Error: ' : ''}${heading} – ${page.service.name}`,
    heading,
    service: page.service,
    editing: page.editing,
    action: page.editing ? `${base}/${page.editing.name}/edit` : base,
    button: page.editing ? 'Save the question' : 'Add the question',
    values: page.values,
    types: [
      { value: '', text: 'Select the kind of answer', selected: page.values.type === '' },
      ...FIELD_TYPES.map((t) => ({ value: t, text: TYPE_NAMES[t], selected: page.values.type === t })),
    ],
    ...shown,
  })
}

/** The catalogue's refusal of a question as errors beside its boxes; anything else is not the page's to show. */
function refused(error: unknown): FieldError[] {
  if (error instanceof Problem && error.status === 422 && error.errors) return error.errors
  throw error
}

async function saved(
  request: FastifyRequest,
  reply: FastifyReply,
  page: QuestionPage,
  save: (question: FormField) => Promise<void>,
) {
  const read = readQuestionForm(page.values)
  let errors = read.ok ? [] : read.errors
  if (read.ok) {
    try {
      await save(read.question)
      const what = page.editing ? 'Question saved' : `Question ${read.question.name} added`
      return flashNotice(reply, what).redirect(formUrl(page.service.id), 303)
    } catch (error) {
      errors = refused(error)
    }
  }
  return showQuestion(request, reply, { ...page, errors })
}

function previewPage(request: FastifyRequest, reply: FastifyReply, service: Service, body: Record<string, unknown>) {
  const posted = request.method === 'POST'
  const errors = posted ? validateAnswers(service, answersFromForm(service.form, body)) : []
  return reply.status(errors.length > 0 ? 400 : 200).view('desk-admin/form-preview.njk', {
    council: request.council,
    pageTitle: `${errors.length > 0 ? 'Error: ' : ''}Preview: ${service.name}`,
    service,
    questions: questionsFor(service.form, typedValues(service.form, body), errors, 'resident'),
    errorList: errors.length > 0 ? errorSummaryItems(service.form, errors) : undefined,
    accepted: posted && errors.length === 0,
  })
}

export async function questionPages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  const { database } = feature
  const councilOf = (request: FastifyRequest) => principalOf(request).councilId

  app.get<{ Params: { id: string } }>('/staff/admin/services/:id/form', CATALOGUE, async (request, reply) => {
    const service = await serviceOf(feature, request)
    return reply.view('desk-admin/questions.njk', {
      council: request.council,
      pageTitle: `Form: ${service.name}`,
      service,
      questions: service.form.map((q) => ({ ...q, typeName: TYPE_NAMES[q.type] })),
    })
  })

  app.get<{ Params: { id: string } }>('/staff/admin/services/:id/form/new', CATALOGUE, async (request, reply) =>
    showQuestion(request, reply, { service: await serviceOf(feature, request), values: emptyQuestionForm() }),
  )

  app.post<{ Params: { id: string } }>('/staff/admin/services/:id/form', CATALOGUE, async (request, reply) => {
    const service = await serviceOf(feature, request)
    const page = { service, values: questionFormFrom(request) }
    return saved(request, reply, page, (q) =>
      addQuestion(database, actorOf(request), councilOf(request), service.id, q),
    )
  })

  app.get<{ Params: { id: string; name: string } }>(
    '/staff/admin/services/:id/form/:name/edit',
    CATALOGUE,
    async (request, reply) => {
      const service = await serviceOf(feature, request)
      const editing = questionOf(service, request)
      return showQuestion(request, reply, { service, editing, values: formOfQuestion(editing) })
    },
  )

  // The change is sent to the page's own address: a question may be named preview or new.
  app.post<{ Params: { id: string; name: string } }>(
    '/staff/admin/services/:id/form/:name/edit',
    CATALOGUE,
    async (request, reply) => {
      const service = await serviceOf(feature, request)
      const editing = questionOf(service, request)
      const page = { service, editing, values: { ...questionFormFrom(request), name: editing.name } }
      return saved(request, reply, page, ({ name, ...q }) =>
        changeQuestion(database, actorOf(request), councilOf(request), service.id, name, q),
      )
    },
  )

  app.post<{ Params: { id: string; name: string } }>(
    '/staff/admin/services/:id/form/:name/move',
    CATALOGUE,
    async (request, reply) => {
      const service = await serviceOf(feature, request)
      const question = questionOf(service, request)
      const direction = field(request, 'direction')
      if (direction !== 'up' && direction !== 'down') throw badRequest('Move a question up or down')
      await moveQuestion(database, actorOf(request), councilOf(request), service.id, question.name, direction)
      return flashNotice(reply, `Question ${question.name} moved ${direction}`).redirect(formUrl(service.id), 303)
    },
  )

  app.get<{ Params: { id: string; name: string } }>(
    '/staff/admin/services/:id/form/:name/remove',
    CATALOGUE,
    async (request, reply) => {
      const service = await serviceOf(feature, request)
      const question = questionOf(service, request)
      return reply.view('desk-admin/question-remove.njk', {
        council: request.council,
        pageTitle: `Remove the question – ${service.name}`,
        service,
        question,
      })
    },
  )

  app.post<{ Params: { id: string; name: string } }>(
    '/staff/admin/services/:id/form/:name/remove',
    CATALOGUE,
    async (request, reply) => {
      const service = await serviceOf(feature, request)
      const question = questionOf(service, request)
      await removeQuestion(database, actorOf(request), councilOf(request), service.id, question.name)
      return flashNotice(reply, `Question ${question.name} removed`).redirect(formUrl(service.id), 303)
    },
  )

  app.get<{ Params: { id: string } }>('/staff/admin/services/:id/form/preview', CATALOGUE, async (request, reply) =>
    previewPage(request, reply, await serviceOf(feature, request), {}),
  )

  app.post<{ Params: { id: string } }>('/staff/admin/services/:id/form/preview', CATALOGUE, async (request, reply) =>
    previewPage(request, reply, await serviceOf(feature, request), (request.body ?? {}) as Record<string, unknown>),
  )
}
