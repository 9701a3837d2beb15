// /contact/call-back: a resident without an account asks to be rung back, offered only while the
// wait on the phones passes the council's threshold. The answer is a redirect to the confirmation
// (post, redirect, get), so refreshing it asks for nothing more.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../../platform/db/database.ts'
import { councilOf } from '../../platform/council/plugin.ts'
import { cookieOptions } from '../../platform/auth/session-cookie.ts'
import { errorList, field } from '../../platform/http/forms.ts'
import { translate } from '../../platform/i18n/translate.ts'
import { requestCallBack } from './callbacks.ts'
import { MAX_ATTEMPTS } from './callbacks.ts'
import { CALL_BACK_WINDOWS, isOfferedWindow, nextWindow, offeredWindows } from './windows.ts'
import type { CallBackWindow } from './windows.ts'
import type { WorkingHours } from '../../platform/council/settings.ts'
import { phoneLinesNow } from './phone-lines.ts'
import type { Lines } from './phone-lines.ts'
import { councilDate, councilTime, councilWindow } from './present.ts'
import { residentClockTime } from '../../platform/i18n/time-of-day.ts'
import { phoneNumberProblem } from './phone-number.ts'

const PUBLIC = { config: { permission: 'public' as const }, schema: { hide: true } }
/**
 * Every request puts a stranger's number on an advisor's list, so an address may ask only a few
 * times in ten minutes (mistakes included); past that the page answers 429 and names the wait.
 */
export const CALL_BACK_LIMIT = { max: 10, timeWindow: 10 * 60_000 }
const ASK = { config: { permission: 'public' as const, rateLimit: CALL_BACK_LIMIT }, schema: { hide: true } }

/**
 * The confirmation rides in a signed cookie of this browser's own, so its address shows nothing to
 * anyone who guesses it. It holds only the promised window, never the resident's name or number.
 */
const ASKED_COOKIE = 'frontdoor-call-back'
/** Long enough to reread the confirmation or refresh it, short enough not to greet a later visit. */
const ASKED_MAX_AGE_SECONDS = 30 * 60

const HEADINGS: Record<Lines, string> = {
  quiet: 'Call us now',
  busy: 'Ask us to call you back',
  closed: 'Our phone lines are closed',
}

type Answers = { name: string; phone: string; window: string; reason: string }

/** The messages in English, the catalogue's keys; the page translates them as it draws them. */
function check(answers: Answers, hours: WorkingHours): Record<string, string> {
  const errors: Record<string, string> = {}
  if (answers.name.trim() === '') errors.name = 'Enter your name'
  else if (answers.name.length > 100) errors.name = 'Name must be 100 characters or fewer'
  const phone = phoneNumberProblem(answers.phone)
  if (phone) errors.phone = phone
  if (!isOfferedWindow(answers.window, hours)) errors.window = 'Select when we should call you'
  if (answers.reason.trim() === '') errors.reason = 'Enter what you would like to talk about'
  else if (answers.reason.length > 500)
    errors.reason = 'What you would like to talk about must be 500 characters or fewer'
  return errors
}

export async function askForCallBackPages(app: FastifyInstance, database: Database): Promise<void> {
  /**
   * What the page says depends on the lines: open and quiet (call us now), open and busy (ask us to
   * call you back), or closed (when they open, and ask us to call you back meanwhile).
   */
  async function askPage(request: FastifyRequest) {
    const council = councilOf(request)
    const language = request.language
    const hours = council.settings.workingHours
    const now = Date.now()
    const { lines, wait, opening, closed } = await phoneLinesNow(database, council, now)
    const minutes = Math.ceil(wait.expectedWaitSeconds / 60)
    return {
      council,
      lines,
      heading: translate(language, HEADINGS[lines]),
      offer: lines !== 'quiet',
      waitText:
        minutes === 1
          ? translate(language, 'about 1 minute')
          : translate(language, 'about {minutes} minutes', { minutes }),
      waitMinutes: minutes,
      opensAgain:
        opening && !opening.openNow
          ? councilTime(new Date(opening.at).toISOString(), hours.timeZone, language)
          : undefined,
      // The number every other public page gives for reaching the council without the internet.
      phone: council.settings.offlineContact.phone,
      windows: windowChoices(language, hours, now, closed),
    }
  }

  app.get('/contact/call-back', PUBLIC, async (request, reply) => {
    const page = await askPage(request)
    return reply.view('telephony/ask.njk', {
      ...page,
      pageTitle: page.heading,
      values: { name: '', phone: '', window: '', reason: '' },
      errors: {},
    })
  })

  // Taken whatever the lines are doing now: a resident who filled the form while they were busy
  // asked in good faith, and a call back is no worse for the queue having calmed since.
  app.post('/contact/call-back', ASK, async (request, reply) => {
    const page = await askPage(request)
    const { council } = page
    const values = {
      name: field(request, 'name'),
      phone: field(request, 'phone'),
      window: field(request, 'window'),
      reason: field(request, 'reason'),
    }
    const language = request.language
    const errors = Object.fromEntries(
      Object.entries(check(values, council.settings.workingHours)).map(([name, message]) => [
        name,
        translate(language, message),
      ]),
    )
    if (Object.keys(errors).length > 0)
      return reply.status(400).view('telephony/ask.njk', {
        ...page,
        pageTitle: `${translate(language, 'Error')}: ${page.heading}`,
        offer: true,
        windows: page.windows.map((w) => ({ ...w, checked: w.value === values.window })),
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
        language,
      },
    )
    return rememberAsked(reply, { start: made.windowStart, end: made.windowEnd }).redirect(
      '/contact/call-back/requested',
      303,
    )
  })

  app.get('/contact/call-back/requested', PUBLIC, async (request, reply) => {
    const window = askedWindow(request)
    if (!window) return reply.redirect('/contact/call-back', 303)
    const council = councilOf(request)
    return reply.view('telephony/asked.njk', {
      council,
      pageTitle: translate(request.language, 'We will call you back'),
      when: councilWindow(window, council.settings.workingHours.timeZone, request.language),
      maxAttempts: MAX_ATTEMPTS,
      phone: council.settings.offlineContact.phone,
    })
  })
}

/** The radios: each window the council's hours allow, with the day it would next be. */
function windowChoices(language: string, hours: WorkingHours, now: number, closed: ReadonlySet<string>) {
  return offeredWindows(hours).map(({ window, from, to }) => ({
    value: window,
    text: translate(language, '{window} ({from} to {to})', {
      window: translate(language, CALL_BACK_WINDOWS[window].text),
      from: residentClockTime(from, language),
      to: residentClockTime(to, language),
    }),
    hint: {
      text: translate(language, 'Next: {date}', {
        date: councilDate(nextWindow(window, hours, now, closed).start, hours.timeZone, language),
      }),
    },
  }))
}

function rememberAsked(reply: FastifyReply, window: { start: string; end: string }): FastifyReply {
  return reply.setCookie(ASKED_COOKIE, JSON.stringify(window), {
    ...cookieOptions(reply.server.cookiePolicy),
    signed: true,
    maxAge: ASKED_MAX_AGE_SECONDS,
  })
}

function askedWindow(request: FastifyRequest): { start: string; end: string } | undefined {
  const raw = request.cookies[ASKED_COOKIE]
  if (raw === undefined) return undefined
  const unsigned = request.unsignCookie(raw)
  if (!unsigned.valid || !unsigned.value) return undefined
  try {
    const window = JSON.parse(unsigned.value) as { start?: unknown; end?: unknown }
    if (typeof window.start !== 'string' || typeof window.end !== 'string') return undefined
    return { start: window.start, end: window.end }
  } catch {
    return undefined
  }
}
