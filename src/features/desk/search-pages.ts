// /staff/search: the one search box on every staff page. A case reference goes straight to that
// case as the top hit; anything else finds residents, an exact surname first, a page at a time,
// with enough beside each name to tell two people of that name apart. Nothing found offers "Add a
// resident" with what was typed already in its boxes. The search text never reaches the logs
// (request lines carry no query string) nor, when it is a name, the audit trail.
import type { FastifyInstance } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { may } from '../../platform/auth/principal.ts'
import { scopeOf } from '../../platform/auth/scope.ts'
import { searchTheDesk } from './service.ts'
import type { DeskResident } from './service.ts'
import { addResidentPrefill } from './search-terms.ts'
import { CASE_TAGS, DIGITAL_TAGS, UNKNOWN_DIGITAL, dayText } from './present.ts'
import { findArticles, todayIn } from '../knowledge/service.ts'
import type { ArticleSummary } from '../knowledge/service.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import type { Database } from '../../platform/db/database.ts'

const PAGE_SIZE = 20
/** Far beyond what anyone pages through; past it the search should be narrowed instead. */
const LAST_PAGE = 50
const MAX_QUERY = 200

function pageNumber(raw: unknown): number {
  const n = typeof raw === 'string' && /^\d{1,3}$/.test(raw) ? Number(raw) : 1
  return Math.min(Math.max(n, 1), LAST_PAGE)
}

function shownResident(r: DeskResident) {
  const address = r.address ? [r.address.address_line_1, r.address.town, r.address.postcode].filter(Boolean) : []
  return {
    ...r,
    name: `${r.given_name} ${r.family_name}`,
    addressText: address.join(', '),
    born: dayText(r.date_of_birth),
    digitalTag: r.digital_status ? DIGITAL_TAGS[r.digital_status] : UNKNOWN_DIGITAL,
  }
}

/** Articles shown beside the residents; the knowledge page lists the rest. */
const ARTICLES_SHOWN = 5

/**
 * Knowledge articles with every word typed, found by the same function as the contact form's help:
 * on the first page only, and not for a case reference, which names one case and nothing else.
 */
async function articlesFor(
  database: Database,
  principal: Principal,
  timeZone: string,
  q: string,
  page: number,
  caseHit: boolean,
): Promise<{ shown: ArticleSummary[]; total: number; allHref: string } | null> {
  if (page !== 1 || caseHit || !may(principal, 'knowledge:read')) return null
  const found = await findArticles(database, principal.councilId, { words: q, today: todayIn(timeZone) })
  if (found.length === 0) return null
  const allHref = `/staff/knowledge?${new URLSearchParams({ q })}`
  return { shown: found.slice(0, ARTICLES_SHOWN), total: found.length, allHref }
}

const searchHref = (q: string, page: number) => `/staff/search?${new URLSearchParams({ q, page: String(page) })}`

export async function searchPages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  const { database } = feature

  app.get<{ Querystring: Record<string, unknown> }>(
    '/staff/search',
    { config: { permission: 'residents:read' }, schema: { hide: true } },
    async (request, reply) => {
      const principal = principalOf(request)
      const q = typeof request.query.q === 'string' ? request.query.q.trim().slice(0, MAX_QUERY) : ''
      const base = { council: request.council, pageTitle: 'Find a resident or case', q, staffSearchTerm: q }
      if (q === '') return reply.view('desk/search.njk', base)
      const page = pageNumber(request.query.page)
      const found = await searchTheDesk(database, actorOf(request), scopeOf(principal), {
        q,
        page,
        pageSize: PAGE_SIZE,
      })
      const nothing = found.caseHit === null && found.residents.length === 0
      const timeZone = request.council?.settings.workingHours.timeZone ?? 'Europe/London'
      const articles = await articlesFor(database, principal, timeZone, q, page, found.caseHit !== null)
      const prefill = new URLSearchParams(addResidentPrefill(q)).toString()
      return reply.view('desk/search.njk', {
        ...base,
        pageTitle: 'Search results',
        searched: true,
        caseHit: found.caseHit && { ...found.caseHit, tag: CASE_TAGS[found.caseHit.status] },
        residents: found.residents.map(shownResident),
        nothing,
        articles,
        firstShown: (page - 1) * PAGE_SIZE + 1,
        addHref: may(principal, 'residents:write') ? `/staff/residents/new${prefill ? `?${prefill}` : ''}` : null,
        previousHref: page > 1 ? searchHref(q, page - 1) : null,
        nextHref: found.more && page < LAST_PAGE ? searchHref(q, page + 1) : null,
        page,
      })
    },
  )
}
