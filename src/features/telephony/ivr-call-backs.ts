// A call back a caller accepted in the IVR while waiting in a queue, booked by the telephony
// platform through a signed request. It joins the same list as the website's requests, with the
// number kept as given (an advisor rings it back), in the next window of the kind asked for, or
// the soonest one when the caller chose none. Taking the request once and booking it are one
// transaction, so a replay books nothing and a booking that fails leaves its event id free.
import type { Database } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { CouncilSettings } from '../../platform/council/settings.ts'
import { inTransaction } from '../../platform/db/transaction.ts'
import { Problem } from '../../platform/http/problem.ts'
import { staffTime } from '../../platform/i18n/time-of-day.ts'
import { addRequestedCallBacks, closedDays, oneRequestAtATimeTo, waitingCallBacksTo } from './callbacks.ts'
import { phoneNumberProblem } from './phone-number.ts'
import { nextWindow, offeredWindows } from './windows.ts'
import type { CallBackWindow } from './windows.ts'
import { takeEventOnce } from './platform.ts'

export type IvrCallBack = {
  queue: string
  phone: string
  window: CallBackWindow | null
  name: string | null
  reason: string | null
  /** The language the caller chose in the IVR, `en` or `cy`. */
  language: string
}

export type BookedCallBack = {
  id: number
  window: CallBackWindow
  windowStart: string
  windowEnd: string
  /** The caller already had a call back waiting (asked for on the website or in the IVR): that one stands. */
  existing: boolean
}

/** The website's rule for a number an advisor can ring (phone-number.ts), with the same words. */
function refuseUnringableNumber(phone: string): void {
  const problem = phoneNumberProblem(phone)
  if (problem)
    throw new Problem(422, 'The caller’s number cannot be rung back', [
      { name: 'body.caller_number', message: problem },
    ])
}

/**
 * The window asked for, or whichever of the council's windows comes first, on a day the council is
 * open: the same windows, closure days and bank holidays the website promises by.
 */
function promisedWindow(
  asked: CallBackWindow | null,
  settings: CouncilSettings,
  closed: ReadonlySet<string>,
  nowMs: number,
) {
  const offered = offeredWindows(settings.workingHours).map((w) => w.window)
  if (asked && !offered.includes(asked))
    throw new Problem(422, 'The council’s hours have no such window', [
      {
        name: 'body.window',
        message: `The council’s opening hours leave no ${asked} window: give ${offered.join(' or ') || 'none'}`,
      },
    ])
  if (offered.length === 0) throw new Problem(422, 'The council’s opening hours leave no window to call back in')
  return (asked ? [asked] : offered)
    .map((kind) => ({ kind, ...nextWindow(kind, settings.workingHours, nowMs, closed) }))
    .reduce((a, b) => (b.start < a.start ? b : a))
}

/** Which kind of window a promised one is: a morning window ends by noon, council time. */
function windowKindOf(windowEnd: string, settings: CouncilSettings): CallBackWindow {
  return staffTime(windowEnd, settings.workingHours.timeZone) <= '12:00' ? 'morning' : 'afternoon'
}

export async function bookIvrCallBack(
  database: Database,
  actor: Actor,
  council: { id: number; settings: CouncilSettings },
  signed: { eventId: string; signature: string },
  request: IvrCallBack,
  nowMs = Date.now(),
): Promise<BookedCallBack> {
  refuseUnringableNumber(request.phone)
  const createdAt = new Date(nowMs).toISOString()
  const accepted = `Accepted a call back while waiting in the ${request.queue} queue`
  return inTransaction(database, undefined, async (db) => {
    if (!(await takeEventOnce(db, council.id, signed, nowMs)))
      throw new Problem(409, 'This request was received before: a replayed request is refused')
    // A caller who accepts the offer again (called back into the queue, or asked on the website
    // too) keeps the one call back: an advisor never rings the same number twice for one wait.
    await oneRequestAtATimeTo(db, database.engine, council.id, request.phone)
    const [waiting] = await waitingCallBacksTo(db, council.id, request.phone, nowMs)
    if (waiting)
      return {
        id: waiting.id,
        window: windowKindOf(waiting.window_end, council.settings),
        windowStart: waiting.window_start,
        windowEnd: waiting.window_end,
        existing: true,
      }
    const window = promisedWindow(request.window, council.settings, await closedDays(db, council), nowMs)
    const [id] = await addRequestedCallBacks(db, [
      {
        councilId: council.id,
        residentId: null,
        name: request.name ?? 'Phone caller',
        phone: request.phone,
        window: { start: window.start, end: window.end },
        reason: request.reason ? `${accepted}: ${request.reason}` : accepted,
        createdAt,
        language: request.language,
      },
    ])
    if (id === undefined) throw new Error('a call back added gave back no id')
    await recordAudit(
      database,
      actor,
      {
        action: 'callback.request',
        subjectType: 'callback',
        subjectId: id,
        detail: { window: window.kind, queue: request.queue, source: 'ivr' },
      },
      db,
    )
    return { id, window: window.kind, windowStart: window.start, windowEnd: window.end, existing: false }
  })
}
