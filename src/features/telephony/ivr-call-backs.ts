// A call back a caller accepted in the IVR while waiting in a queue, booked by the telephony
// platform through a signed request. It joins the same list as the website's requests, with the
// number kept as given (an advisor rings it back), in the next window of the kind asked for, or
// the soonest one when the caller chose none. Taking the request once and booking it are one
// transaction, so a replay books nothing and a booking that fails leaves its event id free.
import type { Database } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { CouncilSettings } from '../../platform/council/settings.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import { inTransaction } from '../../platform/db/transaction.ts'
import { Problem } from '../../platform/http/problem.ts'
import { addRequestedCallBacks } from './callbacks.ts'
import { CALL_BACK_WINDOWS, nextWindow } from './windows.ts'
import type { CallBackWindow } from './windows.ts'
import { takeEventOnce } from './platform.ts'

export type IvrCallBack = {
  queue: string
  phone: string
  window: CallBackWindow | null
  name: string | null
  reason: string | null
}

export type BookedCallBack = { id: number; window: CallBackWindow; windowStart: string; windowEnd: string }

/** The website's rule for a number an advisor can ring: a UK number of 10 to 15 digits. */
function refuseUnringableNumber(phone: string): void {
  const digits = phone.replace(/\D/g, '')
  if (digits.length < 10 || digits.length > 15)
    throw new Problem(422, 'The caller’s number cannot be rung back', [
      { name: 'body.caller_number', message: 'Give the whole number, 10 to 15 digits, like 01632 960 001' },
    ])
}

/** The window asked for, or whichever of the next morning and afternoon comes first. */
function promisedWindow(asked: CallBackWindow | null, settings: CouncilSettings, nowMs: number) {
  const kinds = asked ? [asked] : (Object.keys(CALL_BACK_WINDOWS) as CallBackWindow[])
  return kinds
    .map((kind) => ({ kind, ...nextWindow(kind, settings.workingHours, nowMs) }))
    .reduce((a, b) => (b.start < a.start ? b : a))
}

/** The row just added: the shared writer gives back no id, and nothing else has this number and moment. */
async function addedId(db: Queryable, councilId: number, phone: string, createdAt: string): Promise<number> {
  const row = await db
    .selectFrom('callback')
    .select('id')
    .where('council_id', '=', councilId)
    .where('phone', '=', phone)
    .where('created_at', '=', createdAt)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  return row.id
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
  const window = promisedWindow(request.window, council.settings, nowMs)
  const createdAt = new Date(nowMs).toISOString()
  const accepted = `Accepted a call back while waiting in the ${request.queue} queue`
  return inTransaction(database, undefined, async (db) => {
    if (!(await takeEventOnce(db, council.id, signed, nowMs)))
      throw new Problem(409, 'This request was received before: a replayed request is refused')
    await addRequestedCallBacks(db, [
      {
        councilId: council.id,
        residentId: null,
        name: request.name ?? 'Phone caller',
        phone: request.phone,
        window: { start: window.start, end: window.end },
        reason: request.reason ? `${accepted}: ${request.reason}` : accepted,
        createdAt,
      },
    ])
    const id = await addedId(db, council.id, request.phone, createdAt)
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
    return { id, window: window.kind, windowStart: window.start, windowEnd: window.end }
  })
}
