// A signed-in resident's own requests: the list of their cases and each one with its public
// timeline. Every read goes through the cases service with the resident's Scope, so another
// resident's reference is the same 404 page as one that does not exist. An account not yet linked
// to a resident record is told why there is nothing to show. Titles, statuses, service names and
// the timeline are put in the reader's language here, as the page is drawn.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import type { Database } from '../../platform/db/database.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { scopeOf } from '../../platform/auth/scope.ts'
import { Problem } from '../../platform/http/problem.ts'
import { translate } from '../../platform/i18n/translate.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import { getCaseByReference, listCases } from '../cases/service.ts'
import type { Case } from '../cases/service.ts'
import { getService } from '../catalogue/service.ts'
import { statusTag, timelineEntries } from './present.ts'
import { councilWordsParam } from '../../platform/i18n/council-words.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

const PAGE_SIZE = 20

/**
 * A service's name as the council wrote it: the page shows it in the reader's language where the
 * council gave one, else in English marked as English (councilText, councilWordsParam).
 */
async function serviceName(database: Database, councilId: number, id: number): Promise<string> {
  return (await getService(database, councilId, id))?.name ?? 'A council service'
}

async function serviceNames(database: Database, councilId: number, cases: Case[]): Promise<Map<number, string>> {
  const names = new Map<number, string>()
  for (const id of new Set(cases.map((c) => c.service_id))) names.set(id, await serviceName(database, councilId, id))
  return names
}

/** A page of the list the resident cannot have been given a link to: said in their words, not the API's. */
function brokenPageLink(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const heading = 'This page of your requests cannot be shown'
  const message =
    'The web address of this page is not right. Go to your account and open your requests again, then use the links at the bottom of the list to move between pages.'
  return reply.code(400).view('errors/error.njk', {
    pageTitle: translate(request.language, heading),
    heading,
    message,
    council: request.council,
  })
}

function notLinked(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.view('account-requests/not-linked.njk', {
    pageTitle: translate(request.language, 'Your requests'),
    council: request.council,
    phone: request.council?.settings.branding.phone,
  })
}

export async function accountRequestPages(app: FastifyInstance, options: FeatureOptions): Promise<void> {
  const { database } = options

  app.get<{ Querystring: { cursor?: string } }>(
    '/account/requests',
    { config: { permission: 'account:own' }, schema: { hide: true } },
    async (request, reply) => {
      const principal = principalOf(request)
      if (principal.residentId == null) return notLinked(request, reply)
      const cursor =
        typeof request.query.cursor === 'string' && request.query.cursor !== '' ? request.query.cursor : undefined
      const page = await listCases(database, actorOf(request), scopeOf(principal), { limit: PAGE_SIZE, cursor }).catch(
        (error: unknown) => {
          if (cursor !== undefined && error instanceof Problem && error.status === 400) return undefined
          throw error
        },
      )
      if (!page) return brokenPageLink(request, reply)
      const language = request.language
      const names = await serviceNames(database, principal.councilId, page.items)
      return reply.view('account-requests/list.njk', {
        pageTitle: translate(language, 'Your requests'),
        council: request.council,
        requests: page.items.map((c) => ({
          ...c,
          service: councilWordsParam(language, names.get(c.service_id) ?? 'A council service'),
          tag: statusTag(language, c.status),
        })),
        nextHref: page.next_cursor ? `/account/requests?cursor=${encodeURIComponent(page.next_cursor)}` : null,
        firstPage: cursor === undefined,
      })
    },
  )

  app.get<{ Params: { reference: string } }>(
    '/account/requests/:reference',
    { config: { permission: 'account:own' }, schema: { hide: true } },
    async (request, reply) => {
      const principal = principalOf(request)
      const found = await getCaseByReference(database, actorOf(request), scopeOf(principal), request.params.reference)
      const language = request.language
      return reply.view('account-requests/request.njk', {
        pageTitle: translate(language, 'Request {reference}', { reference: found.reference }),
        council: request.council,
        request: found,
        service: await serviceName(database, principal.councilId, found.service_id),
        tag: statusTag(language, found.status),
        timeline: timelineEntries(language, found.timeline),
      })
    },
  )
}
