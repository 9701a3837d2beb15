// Finding a service: the start page with a search and the categories, the A to Z, search results
// and each service's page, which always says how to do it without the internet.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { councilOf } from '../../platform/council/plugin.ts'
import { notFound } from '../../platform/http/problem.ts'
import { translate } from '../../platform/i18n/translate.ts'
import type { Service } from '../catalogue/service.ts'
import { phoneLinesNow } from '../telephony/service.ts'
import type { Lines } from '../telephony/service.ts'
import { findServices, listActiveServices, serviceBySlug } from './service.ts'
import { targetInWords } from './words.ts'
import { PUBLIC_PAGE, publicPage } from './page-values.ts'

const MAX_QUERY = 200

function groupsOf(language: string, services: readonly Service[]) {
  const groups = new Map<string, Service[]>()
  for (const service of services) {
    const group = service.open311_group ?? 'Other services'
    groups.set(group, [...(groups.get(group) ?? []), service])
  }
  return [...groups]
    .map(([name, list]) => ({ name, services: list }))
    .sort((a, b) => translate(language, a.name).localeCompare(translate(language, b.name), language))
}

/** The services under the first letter of their name in the reader's language. */
function lettersOf(language: string, services: readonly Service[]) {
  const named = services
    // `english` too: the page marks the name lang="en" where it has no translation (councilText).
    .map((service) => ({ slug: service.slug, english: service.name, name: translate(language, service.name) }))
    .sort((a, b) => a.name.localeCompare(b.name, language))
  const letters = new Map<string, typeof named>()
  for (const service of named) {
    const letter = service.name.charAt(0).toLocaleUpperCase(language)
    letters.set(letter, [...(letters.get(letter) ?? []), service])
  }
  return [...letters].map(([letter, list]) => ({ letter, services: list }))
}

/**
 * Whether the call-back page would take a call back now: while the lines are busy, or closed (it
 * takes one for when they open). The pages that give the number offer one then too. A page that
 * says how to reach the council must not fail for want of a reading, so a failed read offers nothing.
 */
async function callBackOffered(feature: FeatureOptions, request: FastifyRequest): Promise<Lines | null> {
  try {
    const { lines } = await phoneLinesNow(feature.database, councilOf(request))
    return lines === 'quiet' ? null : lines
  } catch (error) {
    request.log.warn({ err: error }, 'could not read the phone lines')
    return null
  }
}

async function servicePage(feature: FeatureOptions, request: FastifyRequest, reply: FastifyReply) {
  const { slug } = request.params as { slug: string }
  const council = councilOf(request)
  const service = await serviceBySlug(feature.database, council.id, slug)
  if (!service) throw notFound('Service')
  const language = request.language
  return reply.view(
    'self-service/service.njk',
    publicPage(request, translate(language, service.name), {
      service,
      target: targetInWords(language, service.target_hours, council.settings.workingHours),
      callBackLines: await callBackOffered(feature, request),
      backHref: '/',
    }),
  )
}

export async function findingPages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  const { database } = feature

  app.get('/', PUBLIC_PAGE, async (request, reply) => {
    const [services, callBackLines] = await Promise.all([
      listActiveServices(database, councilOf(request).id),
      callBackOffered(feature, request),
    ])
    const title = translate(request.language, 'Contact us and council services')
    return reply.view(
      'self-service/start.njk',
      publicPage(request, title, { groups: groupsOf(request.language, services), callBackLines }),
    )
  })

  app.get('/search', PUBLIC_PAGE, async (request, reply) => {
    const raw = (request.query as { q?: unknown }).q
    const query = typeof raw === 'string' ? raw.trim().slice(0, MAX_QUERY) : ''
    const services = query === '' ? [] : await findServices(database, councilOf(request).id, request.language, query)
    const title = translate(request.language, 'Search results')
    return reply.view('self-service/search.njk', publicPage(request, title, { query, services, backHref: '/' }))
  })

  app.get('/services', PUBLIC_PAGE, async (request, reply) => {
    const services = await listActiveServices(database, councilOf(request).id)
    const title = translate(request.language, 'All services from A to Z')
    return reply.view(
      'self-service/a-to-z.njk',
      publicPage(request, title, { letters: lettersOf(request.language, services), backHref: '/' }),
    )
  })

  app.get('/services/:slug', PUBLIC_PAGE, (request, reply) => servicePage(feature, request, reply))
}
