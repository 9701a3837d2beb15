// /staff/call-backs: advisors work the list in order of the time promised, claim one, and record
// each try (an outbound phone contact).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../../platform/db/database.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { councilOf } from '../../platform/council/plugin.ts'
import { field } from '../../platform/http/forms.ts'
import { flashNotice } from '../../platform/http/notice.ts'
import { notFound } from '../../platform/http/problem.ts'
import {
  ATTEMPT_OUTCOMES,
  CALL_BACK_SORTS,
  MAX_ATTEMPTS,
  claimCallBack,
  listCallBacks,
  recordAttempt,
} from './callbacks.ts'
import type { AttemptOutcome, CallBackSort } from './callbacks.ts'
import { councilWindow } from './present.ts'
import { nationalNumber } from './phone-number.ts'

const WORK = { config: { permission: 'callbacks:work' as const }, schema: { hide: true } }
const PAGE_SIZE = 20

function pageNumber(raw: unknown): number {
  return typeof raw === 'string' && /^\d{1,4}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : 1
}

function callBackId(request: FastifyRequest): number {
  const raw = (request.params as { id?: string }).id ?? ''
  if (!/^\d{1,9}$/.test(raw)) throw notFound('Call back')
  return Number(raw)
}

export async function callBackListPages(app: FastifyInstance, database: Database): Promise<void> {
  type ListQuery = { page?: string; sort?: string; order?: string }
  /** A try that could not be recorded: the list again, with the error at that call back's choices. */
  type ListProblem = { status: 400; callBackId: number; text: string }

  async function listPage(request: FastifyRequest, reply: FastifyReply, problem?: ListProblem) {
    const query = request.query as ListQuery
    const principal = principalOf(request)
    const sort: CallBackSort = (CALL_BACK_SORTS as readonly string[]).includes(query.sort ?? '')
      ? (query.sort as CallBackSort)
      : 'promised'
    const descending = query.order === 'desc'
    const page = pageNumber(query.page)
    const { items, total } = await listCallBacks(database, actorOf(request), principal.councilId, {
      page,
      sort,
      descending,
      pageSize: PAGE_SIZE,
    })
    const timeZone = councilOf(request).settings.workingHours.timeZone
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
    const href = (params: { sort?: string; order?: string; page?: number }) => {
      const q = new URLSearchParams()
      const s = params.sort ?? sort
      if (s !== 'promised') q.set('sort', s)
      if ((params.order ?? (descending ? 'desc' : 'asc')) === 'desc') q.set('order', 'desc')
      if ((params.page ?? 1) > 1) q.set('page', String(params.page))
      const query = q.toString()
      return `/staff/call-backs${query ? `?${query}` : ''}`
    }
    const header = (column: CallBackSort, text: string) => ({
      text,
      ariaSort: sort === column ? (descending ? 'descending' : 'ascending') : 'none',
      href: href({ sort: column, order: sort === column && !descending ? 'desc' : 'asc' }),
    })
    return reply.status(problem?.status ?? 200).view('telephony/list.njk', {
      council: request.council,
      pageTitle: problem ? 'Error: Call backs' : 'Call backs',
      errorList: problem ? [{ text: problem.text, href: `#outcome-${problem.callBackId}` }] : [],
      headers: {
        promised: header('promised', 'Promised'),
        requested: header('requested', 'Asked'),
        attempts: header('attempts', 'Tries'),
      },
      items: items.map((item) => ({
        ...item,
        promised: councilWindow({ start: item.windowStart, end: item.windowEnd }, timeZone),
        dial: nationalNumber(item.phone ?? '') ?? (item.phone ?? '').replace(/[^\d+]/g, ''),
        mine: item.claimedBy === principal.id,
        outcomeError: problem?.callBackId === item.id ? problem.text : undefined,
      })),
      total,
      outcomes: Object.entries(ATTEMPT_OUTCOMES).map(([value, text]) => ({ value, text })),
      maxAttempts: MAX_ATTEMPTS,
      pagination:
        pages > 1
          ? {
              previous: page > 1 ? { href: href({ page: page - 1 }) } : undefined,
              next: page < pages ? { href: href({ page: page + 1 }) } : undefined,
              items: Array.from({ length: pages }, (_, i) => ({
                number: i + 1,
                href: href({ page: i + 1 }),
                current: i + 1 === page,
              })),
            }
          : undefined,
    })
  }

  app.get('/staff/call-backs', WORK, (request, reply) => listPage(request, reply))

  app.post('/staff/call-backs/:id/claim', WORK, async (request, reply) => {
    const principal = principalOf(request)
    const claimed = await claimCallBack(
      database,
      actorOf(request),
      principal.councilId,
      callBackId(request),
      principal.id,
    )
    return flashNotice(reply, claimed ? 'Call back claimed' : 'Someone else has claimed that call back').redirect(
      '/staff/call-backs',
      303,
    )
  })

  app.post('/staff/call-backs/:id/attempts', WORK, async (request, reply) => {
    const principal = principalOf(request)
    const outcome = field(request, 'outcome')
    if (!Object.hasOwn(ATTEMPT_OUTCOMES, outcome)) {
      const id = callBackId(request)
      return listPage(request, reply, { status: 400, callBackId: id, text: 'Select what happened on the call' })
    }
    const result = await recordAttempt(database, actorOf(request), principal.councilId, {
      id: callBackId(request),
      staffId: principal.id,
      outcome: outcome as AttemptOutcome,
    })
    return flashNotice(
      reply,
      result.done ? 'Call back finished' : 'Try recorded: the call back is back on the list',
    ).redirect('/staff/call-backs', 303)
  })
}
