// /contact/call-back: a resident without an account asks to be rung back, offered only while the
// wait on the phones passes the council's threshold. /staff/call-backs: advisors work the list in
// order of the time promised, claim one, and record each try (an outbound phone contact).
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { councilOf } from '../../platform/council/plugin.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import { errorList, field } from '../../platform/http/forms.ts'
import { flashNotice } from '../../platform/http/notice.ts'
import { notFound } from '../../platform/http/problem.ts'
import {
  ATTEMPT_OUTCOMES,
  CALL_BACK_SORTS,
  CALL_BACK_WINDOWS,
  MAX_ATTEMPTS,
  claimCallBack,
  expectedWait,
  listCallBacks,
  recordAttempt,
  requestCallBack,
} from './service.ts'
import type { AttemptOutcome, CallBackSort, CallBackWindow } from './service.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

const PUBLIC = { config: { permission: 'public' as const }, schema: { hide: true } }
/**
 * Every request puts a stranger's number on an advisor's list, so an address may ask only a few
 * times in ten minutes (mistakes included); past that the page answers 429 and names the wait.
 */
export const CALL_BACK_LIMIT = { max: 10, timeWindow: 10 * 60_000 }
const ASK = { config: { permission: 'public' as const, rateLimit: CALL_BACK_LIMIT }, schema: { hide: true } }
const WORK = { config: { permission: 'callbacks:work' as const }, schema: { hide: true } }
const PAGE_SIZE = 20

type Answers = { name: string; phone: string; window: string; reason: string }

function check(answers: Answers): Record<string, string> {
  const errors: Record<string, string> = {}
  if (answers.name.trim() === '') errors.name = 'Enter your name'
  else if (answers.name.length > 100) errors.name = 'Name must be 100 characters or fewer'
  const digits = answers.phone.replace(/\D/g, '')
  if (answers.phone.trim() === '') errors.phone = 'Enter a phone number'
  else if (!/^\+?[\d\s()\-.]+$/.test(answers.phone.trim()) || digits.length < 10 || digits.length > 15)
    errors.phone = 'Enter a phone number, like 01632 960 001 or 07700 900 982'
  // Own properties only: `in` would also accept toString or __proto__ from a tampered form.
  if (!Object.hasOwn(CALL_BACK_WINDOWS, answers.window)) errors.window = 'Select when we should call you'
  if (answers.reason.trim() === '') errors.reason = 'Enter what you would like to talk about'
  else if (answers.reason.length > 500)
    errors.reason = 'What you would like to talk about must be 500 characters or fewer'
  return errors
}

const londonTime = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
  }).format(new Date(iso))

function pageNumber(raw: unknown): number {
  return typeof raw === 'string' && /^\d{1,4}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : 1
}

function callBackId(request: FastifyRequest): number {
  const raw = (request.params as { id?: string }).id ?? ''
  if (!/^\d{1,9}$/.test(raw)) throw notFound('Call back')
  return Number(raw)
}

export async function telephonyPages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  const { database } = feature
  const windows = Object.entries(CALL_BACK_WINDOWS).map(([value, w]) => ({ value, text: w.text }))

  async function askPage(request: FastifyRequest) {
    const council = councilOf(request)
    const wait = await expectedWait(database, council, council.settings.callBackQueue)
    return { council, wait, phone: council.settings.branding.phone }
  }

  app.get('/contact/call-back', PUBLIC, async (request, reply) => {
    const { council, wait, phone } = await askPage(request)
    return reply.view('telephony/ask.njk', {
      council,
      pageTitle: wait.offerCallBack ? 'Ask us to call you back' : 'Call us now',
      offer: wait.offerCallBack,
      waitMinutes: Math.ceil(wait.expectedWaitSeconds / 60),
      phone,
      windows,
      values: { name: '', phone: '', window: '', reason: '' },
      errors: {},
    })
  })

  app.post('/contact/call-back', ASK, async (request, reply) => {
    const { council, wait, phone } = await askPage(request)
    const values = {
      name: field(request, 'name'),
      phone: field(request, 'phone'),
      window: field(request, 'window'),
      reason: field(request, 'reason'),
    }
    if (!wait.offerCallBack)
      return reply.status(409).view('telephony/ask.njk', {
        council,
        pageTitle: 'Call us now',
        offer: false,
        waitMinutes: Math.ceil(wait.expectedWaitSeconds / 60),
        phone,
        windows,
        values,
        errors: {},
      })
    const errors = check(values)
    if (Object.keys(errors).length > 0)
      return reply.status(400).view('telephony/ask.njk', {
        council,
        pageTitle: 'Error: Ask us to call you back',
        offer: true,
        waitMinutes: Math.ceil(wait.expectedWaitSeconds / 60),
        phone,
        windows: windows.map((w) => ({ ...w, checked: w.value === values.window })),
        values,
        errors,
        errorList: errorList(errors, ['name', 'phone', 'window', 'reason']),
      })
    const made = await requestCallBack(
      database,
      { kind: 'system', id: null, label: 'public call-back form', councilId: council.id, sourceAddress: request.ip },
      council,
      {
        name: values.name.trim(),
        phone: values.phone.trim(),
        window: values.window as CallBackWindow,
        reason: values.reason.trim(),
      },
    )
    return reply.view('telephony/asked.njk', {
      council,
      pageTitle: 'We will call you back',
      from: londonTime(made.windowStart, council.settings.workingHours.timeZone),
      to: londonTime(made.windowEnd, council.settings.workingHours.timeZone),
    })
  })

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
      errorList: problem?.errors,
      headers: {
        promised: header('promised', 'Promised'),
        requested: header('requested', 'Asked'),
        attempts: header('attempts', 'Tries'),
      },
      items: items.map((item) => ({
        ...item,
        promised: `${londonTime(item.windowStart, timeZone)} to ${londonTime(item.windowEnd, timeZone)}`,
        mine: item.claimedBy === principal.id,
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
      return listPage(request, reply, {
        status: 400,
        errors: [{ text: 'Select what happened on the call', href: `#outcome-${id}` }],
      })
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
