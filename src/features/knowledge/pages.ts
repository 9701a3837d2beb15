// /staff/knowledge: advisors find and read the articles that help them answer a caller; team
// leaders write and correct them. Searching is a GET form, so a search can be bookmarked.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { may } from '../../platform/auth/principal.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import { errorList, field } from '../../platform/http/forms.ts'
import { flashNotice } from '../../platform/http/notice.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { listActiveServices } from '../catalogue/service.ts'
import type { ArticleForm } from './service.ts'
import {
  articleForEditing,
  findArticles,
  formOf,
  readArticle,
  rewriteArticle,
  todayIn,
  writeArticle,
} from './service.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

const READ = { config: { permission: 'knowledge:read' as const }, schema: { hide: true } }
const WRITE = { config: { permission: 'knowledge:write' as const }, schema: { hide: true } }
const FIELD_ORDER = ['title', 'serviceId', 'audience', 'body', 'reviewOn']

function today(request: FastifyRequest): string {
  return todayIn(request.council?.settings.workingHours.timeZone ?? 'Europe/London')
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : ''
}

function formFrom(request: FastifyRequest): ArticleForm {
  return {
    title: field(request, 'title'),
    serviceId: field(request, 'serviceId'),
    audience: field(request, 'audience'),
    body: field(request, 'body'),
    reviewOn: {
      day: field(request, 'reviewOn-day'),
      month: field(request, 'reviewOn-month'),
      year: field(request, 'reviewOn-year'),
    },
  }
}

async function serviceItems(feature: FeatureOptions, councilId: number, chosen: string, anyText: string) {
  const services = await listActiveServices(feature.database, councilId)
  return [
    { value: '', text: anyText },
    ...services.map((s) => ({ value: String(s.id), text: s.name, selected: String(s.id) === chosen })),
  ]
}

type FormPage = { heading: string; action: string; values: ArticleForm; errors?: FieldError[]; cancel: string }

async function showForm(request: FastifyRequest, reply: FastifyReply, feature: FeatureOptions, page: FormPage) {
  const errors = Object.fromEntries((page.errors ?? []).map((e) => [e.name, e.message]))
  const failed = (page.errors ?? []).length > 0
  return reply.status(failed ? 400 : 200).view('knowledge/form.njk', {
    council: request.council,
    pageTitle: `${failed ? 'Error: ' : ''}${page.heading}`,
    heading: page.heading,
    action: page.action,
    cancel: page.cancel,
    values: page.values,
    services: await serviceItems(feature, principalOf(request).councilId, page.values.serviceId, 'Any service'),
    errors,
    errorList: failed
      ? errorList(errors, FIELD_ORDER).map((e) => (e.href === '#reviewOn' ? { ...e, href: '#reviewOn-day' } : e))
      : undefined,
  })
}

export async function knowledgePages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  const { database } = feature

  app.get<{ Querystring: { q?: unknown; service?: unknown } }>('/staff/knowledge', READ, async (request, reply) => {
    const principal = principalOf(request)
    const words = text(request.query.q).slice(0, 200)
    const service = text(request.query.service)
    const serviceId = /^\d{1,9}$/.test(service) ? Number(service) : undefined
    const articles = await findArticles(database, principal.councilId, { words, serviceId, today: today(request) })
    return reply.view('knowledge/list.njk', {
      council: request.council,
      pageTitle: 'Knowledge base',
      words,
      services: await serviceItems(feature, principal.councilId, service, 'All services'),
      articles,
      searched: words !== '' || serviceId !== undefined,
      mayWrite: may(principal, 'knowledge:write'),
    })
  })

  app.get('/staff/knowledge/new', WRITE, async (request, reply) =>
    showForm(request, reply, feature, {
      heading: 'Write an article',
      action: '/staff/knowledge',
      cancel: '/staff/knowledge',
      values: { title: '', serviceId: '', audience: 'staff', body: '', reviewOn: { day: '', month: '', year: '' } },
    }),
  )

  app.post('/staff/knowledge', WRITE, async (request, reply) => {
    const values = formFrom(request)
    const result = await writeArticle(database, actorOf(request), principalOf(request).councilId, values)
    if (!result.ok) {
      const page = { heading: 'Write an article', action: '/staff/knowledge', cancel: '/staff/knowledge' }
      return showForm(request, reply, feature, { ...page, values, errors: result.errors })
    }
    return flashNotice(reply, 'Article published').redirect(`/staff/knowledge/${result.slug}`, 303)
  })

  app.get<{ Params: { slug: string } }>('/staff/knowledge/:slug', READ, async (request, reply) => {
    const principal = principalOf(request)
    const article = await readArticle(database, principal.councilId, request.params.slug, today(request))
    return reply.view('knowledge/article.njk', {
      council: request.council,
      pageTitle: article.title,
      article,
      mayWrite: may(principal, 'knowledge:write'),
    })
  })

  app.get<{ Params: { slug: string } }>('/staff/knowledge/:slug/edit', WRITE, async (request, reply) => {
    const article = await articleForEditing(database, principalOf(request).councilId, request.params.slug)
    return showForm(request, reply, feature, {
      heading: 'Change the article',
      action: `/staff/knowledge/${article.slug}`,
      cancel: `/staff/knowledge/${article.slug}`,
      values: formOf(article),
    })
  })

  app.post<{ Params: { slug: string } }>('/staff/knowledge/:slug', WRITE, async (request, reply) => {
    const values = formFrom(request)
    const { slug } = request.params
    const result = await rewriteArticle(database, actorOf(request), principalOf(request).councilId, slug, values)
    if (!result.ok) {
      const path = `/staff/knowledge/${encodeURIComponent(slug)}`
      const page = { heading: 'Change the article', action: path, cancel: path }
      return showForm(request, reply, feature, { ...page, values, errors: result.errors })
    }
    return flashNotice(reply, 'Article updated').redirect(`/staff/knowledge/${result.slug}`, 303)
  })
}
