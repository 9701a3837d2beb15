// /staff/call-backs: advisors work the list in order of the time promised, claim one, record each
// try (an outbound phone contact), or give it back. Every form returns the advisor to the page and
// order they were on; what went wrong shows in a warning, what went right in the success banner.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../../platform/db/database.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { councilOf } from '../../platform/council/plugin.ts'
import { field } from '../../platform/http/forms.ts'
import { flashNotice } from '../../platform/http/notice.ts'
import { Problem, notFound } from '../../platform/http/problem.ts'
import {
  ANSWERED_RESULTS,
  ATTEMPT_OUTCOMES,
  CALL_BACK_SORTS,
  MAX_ATTEMPTS,
  callBackHolder,
  claimCallBack,
  claimedCallBack,
  listCallBacks,
  recordAttempt,
  releaseCallBack,
} from './callbacks.ts'
import type { AnsweredResult, AttemptOutcome, CallBackSort } from './callbacks.ts'
import { staffWindow } from './present.ts'
import { nationalNumber, readableNumber } from './phone-number.ts'

/** The call-back pages' routes: advisors working the list, hidden from the API docs. */
export const WORK = { config: { permission: 'callbacks:work' as const }, schema: { hide: true } }
const PAGE_SIZE = 20
/** Team leaders (and administrators) may give back a call back another advisor claimed and left. */
const RELEASE_ANYONES = ['team_leader', 'admin'] as const

/** Which page of the list, in which order: kept through every form on it. */
export type ListView = { page: number; sort: CallBackSort; descending: boolean }

export function listViewOf(raw: { page?: unknown; sort?: unknown; order?: unknown }): ListView {
  const page = typeof raw.page === 'string' && /^\d{1,4}$/.test(raw.page) ? Math.max(1, Number(raw.page)) : 1
  const sort = CALL_BACK_SORTS.find((s) => s === raw.sort) ?? 'promised'
  return { page, sort, descending: raw.order === 'desc' }
}

/** The list's query for this view, "?sort=attempts&order=desc&page=2", or nothing for the first page in order. */
export function viewQuery(view: ListView): string {
  const q = new URLSearchParams()
  if (view.sort !== 'promised') q.set('sort', view.sort)
  if (view.descending) q.set('order', 'desc')
  if (view.page > 1) q.set('page', String(view.page))
  const query = q.toString()
  return query ? `?${query}` : ''
}

export function listHref(view: ListView): string {
  return `/staff/call-backs${viewQuery(view)}`
}

/** The page the form was sent from, as its hidden fields name it. */
export function postedView(request: FastifyRequest): ListView {
  return listViewOf({ page: field(request, 'page'), sort: field(request, 'sort'), order: field(request, 'order') })
}

/** The call back an address names; 404 for anything that is not an id. */
export function callBackId(request: FastifyRequest): number {
  const raw = (request.params as { id?: string }).id ?? ''
  if (!/^\d{1,9}$/.test(raw)) throw notFound('Call back')
  return Number(raw)
}

/** What an advisor refused a call back is told: who has it, by name, as staff pages name staff. */
export function heldBy(staffName: string | null): string {
  return `${staffName ?? 'Another member of staff'} has claimed that call back`
}

const mayReleaseAnyone = (principal: Principal) =>
  principal.roles.some((role) => RELEASE_ANYONES.includes(role as never))

/**
 * Once linked, a call back is the resident's: their record's name leads, and the name the caller
 * gave ("Phone caller" from the phone line, a nickname) is kept beside it only where it differs.
 */
function shownName(asked: string | null, resident: string | null): { name: string | null; askedAs?: string } {
  if (resident === null) return { name: asked }
  const same = (asked ?? '').trim().replace(/\s+/g, ' ').toLowerCase() === resident.toLowerCase()
  return same || !asked ? { name: resident } : { name: resident, askedAs: asked }
}

export async function callBackListPages(app: FastifyInstance, database: Database): Promise<void> {
  /** A try sent without an outcome: the list again, with the error at that call back's choices. */
  type OutcomeError = { callBackId: number; text: string; field?: 'outcome' | 'result' }

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    view: ListView,
    error?: OutcomeError,
    heldWarning?: string,
  ) {
    const principal = principalOf(request)
    const { items, total } = await listCallBacks(database, actorOf(request), principal.councilId, {
      ...view,
      pageSize: PAGE_SIZE,
    })
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
    // A page past the end (an old link, a list that has shrunk) shows the last page there is.
    if (view.page > pages) return reply.redirect(listHref({ ...view, page: pages }), 303)
    const timeZone = councilOf(request).settings.workingHours.timeZone
    const now = new Date().toISOString()
    const header = (column: CallBackSort, text: string) => ({
      text,
      ariaSort: view.sort === column ? (view.descending ? 'descending' : 'ascending') : 'none',
      href: listHref({ sort: column, descending: view.sort === column && !view.descending, page: 1 }),
    })
    return reply.status(error ? 400 : heldWarning ? 409 : 200).view('telephony/list.njk', {
      council: request.council,
      pageTitle: error ? 'Error: Call backs' : 'Call backs',
      // Shown where the layout shows a notice's warning: it names a colleague, so it is not sent in one.
      ...(heldWarning ? { noticeWarning: heldWarning } : {}),
      errorList: error ? [{ text: error.text, href: `#${error.field ?? 'outcome'}-${error.callBackId}` }] : [],
      view: { page: view.page, sort: view.sort, order: view.descending ? 'desc' : 'asc' },
      headers: {
        promised: header('promised', 'Promised'),
        requested: header('requested', 'Asked'),
        attempts: header('attempts', 'Tries'),
      },
      items: items.map((item) => ({
        ...item,
        ...shownName(item.name, item.residentName),
        linkHref: `/staff/call-backs/${item.id}/resident${viewQuery(view)}`,
        promised: staffWindow({ start: item.windowStart, end: item.windowEnd }, timeZone),
        overdue: item.windowEnd < now,
        dial: nationalNumber(item.phone ?? '') ?? (item.phone ?? '').replace(/[^\d+]/g, ''),
        // Shown as people read it; the number stays stored as it was given.
        number: readableNumber(item.phone ?? ''),
        mine: item.claimedBy === principal.id,
        inWelsh: item.language === 'cy',
        mayRelease: item.status === 'booked' && (item.claimedBy === principal.id || mayReleaseAnyone(principal)),
        outcomeError: error?.callBackId === item.id && error.field !== 'result' ? error.text : undefined,
        resultError: error?.callBackId === item.id && error.field === 'result' ? error.text : undefined,
      })),
      total,
      outcomes: Object.entries(ATTEMPT_OUTCOMES).map(([value, text]) => ({ value, text })),
      results: Object.entries(ANSWERED_RESULTS).map(([value, text]) => ({
        value,
        text,
        ...(value === 'case_raised' ? { hint: { text: 'The case form opens next, to raise it on their behalf' } } : {}),
      })),
      maxAttempts: MAX_ATTEMPTS,
      pagination:
        pages > 1
          ? {
              previous: view.page > 1 ? { href: listHref({ ...view, page: view.page - 1 }) } : undefined,
              next: view.page < pages ? { href: listHref({ ...view, page: view.page + 1 }) } : undefined,
              items: Array.from({ length: pages }, (_, i) => ({
                number: i + 1,
                href: listHref({ ...view, page: i + 1 }),
                current: i + 1 === view.page,
              })),
            }
          : undefined,
    })
  }

  /**
   * A form refused because the call back moved on: the list again saying who has it now when a
   * colleague does (a name never rides in the notice's cookie), else a warning across the redirect.
   */
  async function refused(
    request: FastifyRequest,
    reply: FastifyReply,
    view: ListView,
    id: number,
    text: { otherwise: string; mine?: string },
  ) {
    const principal = principalOf(request)
    const holder = await callBackHolder(database, principal.councilId, id)
    const back = listHref(view)
    if (holder?.staffId === principal.id && text.mine) return flashNotice(reply, text.mine).redirect(back, 303)
    if (holder?.staffId != null && holder.staffId !== principal.id)
      return listPage(request, reply, view, undefined, heldBy(holder.staffName))
    if (holder && !holder.open) return flashNotice(reply, 'That call back is finished', 'warning').redirect(back, 303)
    return flashNotice(reply, text.otherwise, 'warning').redirect(back, 303)
  }

  app.get('/staff/call-backs', WORK, (request, reply) =>
    listPage(request, reply, listViewOf(request.query as Record<string, unknown>)),
  )

  app.post('/staff/call-backs/:id/claim', WORK, async (request, reply) => {
    const principal = principalOf(request)
    const claimed = await claimCallBack(
      database,
      actorOf(request),
      principal.councilId,
      callBackId(request),
      principal.id,
    )
    const view = postedView(request)
    if (claimed) return flashNotice(reply, 'Call back claimed').redirect(listHref(view), 303)
    // A second click on Claim finds it claimed already, by this advisor: that is what they asked for.
    return refused(request, reply, view, callBackId(request), {
      otherwise: 'That call back can no longer be claimed',
      mine: 'Call back claimed',
    })
  })

  app.post('/staff/call-backs/:id/release', WORK, async (request, reply) => {
    const principal = principalOf(request)
    const released = await releaseCallBack(database, actorOf(request), principal.councilId, {
      id: callBackId(request),
      staffId: principal.id,
      byAnyone: mayReleaseAnyone(principal),
    })
    const view = postedView(request)
    if (released) return flashNotice(reply, 'Call back released: anyone can claim it now').redirect(listHref(view), 303)
    return refused(request, reply, view, callBackId(request), {
      otherwise: 'That call back is no longer claimed by you: someone released or finished it',
    })
  })

  app.post('/staff/call-backs/:id/attempts', WORK, async (request, reply) => {
    const principal = principalOf(request)
    const id = callBackId(request)
    const view = postedView(request)
    const outcome = field(request, 'outcome')
    // Own properties only: `in` would also accept toString or __proto__ from a tampered form.
    if (!Object.hasOwn(ATTEMPT_OUTCOMES, outcome))
      return listPage(request, reply, view, { callBackId: id, text: 'Select what happened on the call' })
    const result = field(request, 'result')
    if (outcome === 'answered' && !Object.hasOwn(ANSWERED_RESULTS, result))
      return listPage(request, reply, view, {
        callBackId: id,
        field: 'result',
        text: 'Select what came of the call',
      })
    // A case to raise is raised on the desk's own case form, which records this try as its contact.
    if (outcome === 'answered' && result === 'case_raised') {
      const held = await claimedCallBack(database, actorOf(request), principal.councilId, id, principal.id)
      if (!held)
        return refused(request, reply, view, id, {
          otherwise: 'That call back is no longer claimed by you: claim it again before recording a try',
        })
      const form = held.residentId === null ? '/staff/cases/new' : `/staff/residents/${held.residentId}/cases/new`
      return reply.redirect(`${form}?callBack=${held.id}`, 303)
    }
    try {
      const recorded = await recordAttempt(database, actorOf(request), principal.councilId, {
        id,
        staffId: principal.id,
        outcome: outcome as AttemptOutcome,
        ...(outcome === 'answered' ? { result: result as AnsweredResult } : {}),
      })
      const text = recorded.done ? 'Call back finished' : 'Try recorded: the call back is back on the list'
      return flashNotice(reply, text).redirect(listHref(view), 303)
    } catch (error) {
      // A tab left open after the call back was released, finished or claimed by someone else.
      if (!(error instanceof Problem) || error.status !== 409) throw error
      return refused(request, reply, view, id, {
        otherwise: 'That call back is no longer claimed by you: claim it again before recording a try',
      })
    }
  })
}
