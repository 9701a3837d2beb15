// Call backs: a resident asks for one, advisors take them in order of the time promised, and each
// try is an outbound phone contact. A call back is done when answered, or after MAX_ATTEMPTS tries,
// or at once for a wrong number.
import type { Database } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { inTransaction } from '../../platform/db/transaction.ts'
import type { CouncilSettings } from '../../platform/council/settings.ts'
import { Problem, notFound } from '../../platform/http/problem.ts'
import type { ContactOutcome } from '../../platform/db/values.ts'
import { logContact } from '../contacts/service.ts'
import type { CallBackWindow } from './windows.ts'
import { nextOpenPeriod, nextWindow, offeredWindows } from './windows.ts'
import { nationalNumber } from './phone-number.ts'
import { councilHolidays, workingCalendar } from '../cases/service.ts'
import type { CallbackTable, Queryable } from '../../platform/db/schema.ts'
import { sql } from 'kysely'
import type { Updateable } from 'kysely'

export const MAX_ATTEMPTS = 3
export const ATTEMPT_OUTCOMES = {
  answered: 'Answered',
  no_answer: 'No answer',
  wrong_number: 'Wrong number',
} as const
export type AttemptOutcome = keyof typeof ATTEMPT_OUTCOMES

/** What came of a call back that was answered: the contact's outcome, as the advisor chooses it. */
export const ANSWERED_RESULTS = {
  resolved_first_contact: 'Sorted on the call',
  case_raised: 'Case raised',
  signposted: 'Signposted elsewhere',
  referred: 'Referred to a partner',
} as const satisfies Partial<Record<ContactOutcome, string>>
export type AnsweredResult = keyof typeof ANSWERED_RESULTS

/** How each try counts among contacts when nothing else is said: only an answered one was a conversation. */
const CONTACT_OUTCOME: Record<AttemptOutcome, ContactOutcome> = {
  answered: 'resolved_first_contact',
  no_answer: 'abandoned',
  wrong_number: 'abandoned',
}

export type CallBackRequest = {
  name: string
  phone: string
  window: CallBackWindow
  reason: string
  /** The language they asked in, to be called back in: English when not said. */
  language?: string
}

/** A call back a resident has asked for, on the list and waiting to be made. */
export type RequestedCallBack = {
  councilId: number
  residentId: number | null
  name: string
  phone: string
  window: { start: string; end: string }
  reason: string
  createdAt: string
  language?: string
}

function requestedRow(request: RequestedCallBack) {
  return {
    council_id: request.councilId,
    resident_id: request.residentId,
    name: request.name,
    phone: request.phone,
    window_start: request.window.start,
    window_end: request.window.end,
    reason: request.reason,
    status: 'requested' as const,
    created_at: request.createdAt,
    language: request.language ?? 'en',
  }
}

/**
 * The days the council is shut though its hours say open: its own closure days and, where it keeps
 * them, England and Wales bank holidays (less any it opens on), as the cases' targets count them.
 */
export async function closedDays(
  db: Queryable,
  council: { id: number; settings: CouncilSettings },
): Promise<ReadonlySet<string>> {
  const closures = await councilHolidays(db, council.id)
  return workingCalendar(council.settings.workingHours, council.settings.useBankHolidays, closures).closedDays
}

export async function requestCallBack(
  database: Database,
  actor: Actor,
  council: { id: number; settings: CouncilSettings },
  request: CallBackRequest,
  nowMs = Date.now(),
): Promise<{ id: number; windowStart: string; windowEnd: string }> {
  const closed = await closedDays(database.db, council)
  const window = nextWindow(request.window, council.settings.workingHours, nowMs, closed)
  return inTransaction(database, undefined, async (db) => {
    await oneRequestAtATimeTo(db, database.engine, council.id, request.phone)
    const same = await sameRequestWaiting(db, council.id, request, window, nowMs)
    if (same) return { id: same.id, windowStart: same.window_start, windowEnd: same.window_end }
    const row = await db
      .insertInto('callback')
      .values(
        requestedRow({
          ...request,
          councilId: council.id,
          residentId: null,
          window,
          createdAt: new Date(nowMs).toISOString(),
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(
      database,
      actor,
      { action: 'callback.request', subjectType: 'callback', subjectId: row.id, detail: { window: request.window } },
      db,
    )
    return { id: row.id, windowStart: window.start, windowEnd: window.end }
  })
}

/**
 * A form sent twice (a double click, a refresh, the back button) asks for the same call back; the
 * one already waiting answers it, so an advisor never rings the same person twice for one request.
 */
export const SAME_REQUEST_WITHIN_MS = 30 * 60_000

// PostgreSQL advisory locks are keyed by two integers: this class, and the number's hash.
const CALL_BACK_LOCK_CLASS = 4_407_312

/**
 * Holds back, to the end of the transaction, any other request for a call back to the same number.
 * Two identical requests at the same instant would each find no call back waiting and both add one;
 * SQLite's one writer already takes them in turn, PostgreSQL's transactions need telling.
 */
export async function oneRequestAtATimeTo(db: Queryable, engine: Database['engine'], councilId: number, phone: string) {
  if (engine !== 'postgres') return
  const national = nationalNumber(phone) ?? phone.replace(/\D/g, '')
  await sql`select pg_advisory_xact_lock(${CALL_BACK_LOCK_CLASS}, hashtext(${`${councilId}:${national}`}))`.execute(db)
}

/**
 * Call backs asked for lately and not yet tried, to a number that is the same one however it was
 * typed ("07700 900123", "07700900123" and "+44 7700 900123" ring the same phone).
 */
export async function waitingCallBacksTo(db: Queryable, councilId: number, phone: string, nowMs: number) {
  const national = nationalNumber(phone) ?? phone.replace(/\D/g, '')
  const waiting = await db
    .selectFrom('callback')
    .select(['id', 'name', 'phone', 'reason', 'window_start', 'window_end'])
    .where('council_id', '=', councilId)
    .where('status', '=', 'requested')
    .where('attempts', '=', 0)
    .where('created_at', '>=', new Date(nowMs - SAME_REQUEST_WITHIN_MS).toISOString())
    .orderBy('id')
    .execute()
  return waiting.filter(
    (row) => row.phone !== null && (nationalNumber(row.phone) ?? row.phone.replace(/\D/g, '')) === national,
  )
}

async function sameRequestWaiting(
  db: Queryable,
  councilId: number,
  request: CallBackRequest,
  window: { start: string; end: string },
  nowMs: number,
) {
  const waiting = await waitingCallBacksTo(db, councilId, request.phone, nowMs)
  return waiting.find(
    (row) =>
      row.name === request.name &&
      row.reason === request.reason &&
      row.window_start < window.end &&
      row.window_end > window.start,
  )
}

/**
 * A call back owed to a resident who asked to be phoned rather than written to (their case has
 * news), put on the list inside the caller's transaction so it stands or falls with that change,
 * in the next working morning or afternoon, whichever comes first. The change it comes from is
 * audited; this adds no event of its own.
 */
export async function callBackAboutCase(
  db: Queryable,
  council: { id: number; settings: CouncilSettings },
  request: { residentId: number; name: string; phone: string; reason: string },
  nowMs = Date.now(),
): Promise<number> {
  const closed = await closedDays(db, council)
  const hours = council.settings.workingHours
  const windows = offeredWindows(hours).map(({ window }) => nextWindow(window, hours, nowMs, closed))
  const soonest = windows.reduce<{ start: string; end: string } | undefined>(
    (a, b) => (a === undefined || b.start < a.start ? b : a),
    undefined,
  )
  // Hours too short for a morning or afternoon window (09:00 to 09:20) still owe the call: it is
  // promised for the next time the lines are open, rather than the case change failing.
  const window = soonest ?? nextOpenPeriod(hours, nowMs, closed)
  if (!window) throw new Problem(422, 'The council’s opening hours leave no day to call back on')
  const row = await db
    .insertInto('callback')
    .values(requestedRow({ ...request, councilId: council.id, window, createdAt: new Date(nowMs).toISOString() }))
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Adds call backs to the list, giving back their ids in the order asked (for the caller's audit). */
export async function addRequestedCallBacks(db: Queryable, requests: readonly RequestedCallBack[]): Promise<number[]> {
  if (requests.length === 0) return []
  const added = await db.insertInto('callback').values(requests.map(requestedRow)).returning('id').execute()
  return added.map((row) => row.id)
}

export const CALL_BACK_SORTS = ['promised', 'requested', 'attempts'] as const
export type CallBackSort = (typeof CALL_BACK_SORTS)[number]
const SORT_COLUMN = { promised: 'window_start', requested: 'created_at', attempts: 'attempts' } as const

export type CallBackListQuery = { page: number; sort: CallBackSort; descending: boolean; pageSize?: number }

export type CallBackItem = {
  id: number
  name: string | null
  phone: string | null
  reason: string | null
  windowStart: string
  windowEnd: string
  status: string
  attempts: number
  claimedBy: number | null
  /** The resident's record the call back hangs on, once an advisor has found it. */
  residentId: number | null
  /** That resident's name on their record. */
  residentName: string | null
  /** The name of the member of staff who has claimed it, as staff pages name staff. */
  claimerName: string | null
  /** The language the resident asked in, `en` or `cy`: the one to call them back in. */
  language: string
}

/**
 * The call backs still to make (not done), a page at a time, with the names of the residents they
 * are linked to: read and audited together, with the call backs and residents shown.
 */
export async function listCallBacks(
  database: Database,
  actor: Actor,
  councilId: number,
  query: CallBackListQuery,
): Promise<{ items: CallBackItem[]; total: number }> {
  const pageSize = query.pageSize ?? 20
  const open = database.db
    .selectFrom('callback')
    .where('callback.council_id', '=', councilId)
    .where('callback.status', 'in', ['requested', 'booked'])
  const total = Number((await open.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const direction = query.descending ? 'desc' : 'asc'
  const rows = await open
    .leftJoin('resident', (join) =>
      join.onRef('resident.id', '=', 'callback.resident_id').on('resident.council_id', '=', councilId),
    )
    .leftJoin('staff_user', (join) =>
      join.onRef('staff_user.id', '=', 'callback.staff_user_id').on('staff_user.council_id', '=', councilId),
    )
    .selectAll('callback')
    .select(['resident.given_name', 'resident.family_name', 'staff_user.name as claimer_name'])
    .orderBy(`callback.${SORT_COLUMN[query.sort]}`, direction)
    .orderBy('callback.id', direction)
    .limit(pageSize)
    .offset((query.page - 1) * pageSize)
    .execute()
  const items = rows.map((row) => ({
    id: row.id,
    name: row.name,
    phone: row.phone,
    reason: row.reason,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    status: row.status,
    attempts: row.attempts,
    claimedBy: row.staff_user_id,
    residentId: row.resident_id,
    residentName: row.given_name === null ? null : `${row.given_name} ${row.family_name ?? ''}`.trim(),
    claimerName: row.status === 'booked' ? row.claimer_name : null,
    language: row.language,
  }))
  // resident_ids, as other lists record them, is how the audit search finds this read of a resident.
  const residentIds = [...new Set(items.flatMap((item) => (item.residentId === null ? [] : [item.residentId])))]
  await recordAudit(database, actor, {
    action: 'callback.list',
    subjectType: 'callback',
    subjectId: null,
    detail: { ids: items.map((item) => item.id), resident_ids: residentIds, page: query.page },
  })
  return { items, total }
}

/**
 * Who holds a call back now, for telling an advisor who was refused it why: whether it is still to
 * make, and the member of staff who has claimed it. Nothing of the caller is read.
 */
export async function callBackHolder(
  database: Database,
  councilId: number,
  id: number,
): Promise<{ open: boolean; staffId: number | null; staffName: string | null } | undefined> {
  const row = await database.db
    .selectFrom('callback')
    .leftJoin('staff_user', (join) =>
      join.onRef('staff_user.id', '=', 'callback.staff_user_id').on('staff_user.council_id', '=', councilId),
    )
    .select(['callback.status', 'callback.staff_user_id', 'staff_user.name'])
    .where('callback.council_id', '=', councilId)
    .where('callback.id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  const open = row.status === 'requested' || row.status === 'booked'
  const claimed = row.status === 'booked'
  return { open, staffId: claimed ? row.staff_user_id : null, staffName: claimed ? row.name : null }
}

/** Claims a call back for this advisor; false when someone else has it or it is done. */
export function claimCallBack(database: Database, actor: Actor, councilId: number, id: number, staffId: number) {
  return changeIfHeld(
    database,
    actor,
    { councilId, id, status: 'requested' },
    { status: 'booked', staff_user_id: staffId, claimed_at: nowIso() },
    { action: 'callback.claim' },
  )
}

/**
 * Changes a call back only while it is as `held` says (waiting, or claimed, by this advisor when
 * `holder` is given), auditing the change in the same transaction: false, and nothing changed or
 * audited, when someone got there first.
 */
async function changeIfHeld(
  database: Database,
  actor: Actor,
  held: { councilId: number; id: number; status: 'requested' | 'booked'; holder?: number },
  set: Updateable<CallbackTable>,
  audit: { action: string; detail?: Record<string, unknown> },
): Promise<boolean> {
  return inTransaction(database, undefined, async (db) => {
    let change = db
      .updateTable('callback')
      .set(set)
      .where('council_id', '=', held.councilId)
      .where('id', '=', held.id)
      .where('status', '=', held.status)
    if (held.holder !== undefined) change = change.where('staff_user_id', '=', held.holder)
    const changed = Number((await change.executeTakeFirst()).numUpdatedRows) === 1
    if (changed) await recordAudit(database, actor, { ...audit, subjectType: 'callback', subjectId: held.id }, db)
    return changed
  })
}

/**
 * Gives a claimed call back back to the list, for anyone to claim: by the advisor who claimed it,
 * or by anyone (a team leader) when `byAnyone`. False when it is not claimed, or claimed by someone
 * else and not `byAnyone`.
 */
export function releaseCallBack(
  database: Database,
  actor: Actor,
  councilId: number,
  release: { id: number; staffId: number; byAnyone: boolean },
): Promise<boolean> {
  return changeIfHeld(
    database,
    actor,
    { councilId, id: release.id, status: 'booked', holder: release.byAnyone ? undefined : release.staffId },
    { status: 'requested', staff_user_id: null, claimed_at: null },
    { action: 'callback.release' },
  )
}

/** A call back the advisor has claimed, as the page that links it to a resident shows it. */
export async function claimedCallBack(
  database: Database,
  actor: Actor,
  councilId: number,
  id: number,
  staffId: number,
) {
  const row = await database.db
    .selectFrom('callback')
    .select(['id', 'name', 'phone', 'resident_id'])
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .where('status', '=', 'booked')
    .where('staff_user_id', '=', staffId)
    .executeTakeFirst()
  if (!row) return undefined
  // The caller's name and number are shown again on this page: read, so audited, as the list is.
  await recordAudit(database, actor, { action: 'callback.read', subjectType: 'callback', subjectId: row.id })
  return { id: row.id, name: row.name, phone: row.phone, residentId: row.resident_id }
}

/**
 * Hangs a claimed call back on a resident's record, so each try is a contact in their history.
 * False when the advisor no longer holds the call back.
 */
export function linkCallBackToResident(
  database: Database,
  actor: Actor,
  councilId: number,
  link: { id: number; staffId: number; residentId: number },
): Promise<boolean> {
  return changeIfHeld(
    database,
    actor,
    { councilId, id: link.id, status: 'booked', holder: link.staffId },
    { resident_id: link.residentId },
    { action: 'callback.link_resident', detail: { resident_id: link.residentId } },
  )
}

/** A try at a call back; an answered one that raised a case names the case and its service. */
export type Attempt = {
  id: number
  staffId: number
  outcome: AttemptOutcome
  result?: AnsweredResult
  raised?: { caseId: number; serviceId: number }
}

/**
 * Records one try at a call back, claimed by this advisor, as an outbound phone contact in the
 * same transaction (the caller's, when the try raised a case). A try that leaves it undone gives
 * it back to the list for a later try.
 */
export async function recordAttempt(
  database: Database,
  actor: Actor,
  councilId: number,
  attempt: Attempt,
  trx?: Queryable,
): Promise<{ done: boolean; attempts: number }> {
  return inTransaction(database, trx, async (db) => {
    const callBack = await db
      .selectFrom('callback')
      .selectAll()
      .where('council_id', '=', councilId)
      .where('id', '=', attempt.id)
      .executeTakeFirst()
    if (!callBack) throw notFound('Call back')
    if (callBack.status !== 'booked' || callBack.staff_user_id !== attempt.staffId)
      throw new Problem(409, 'Claim this call back before recording a try')
    const contact = await logContact(
      database,
      actor,
      councilId,
      {
        channel: 'phone',
        direction: 'outbound',
        resident_id: callBack.resident_id,
        outcome: attempt.outcome === 'answered' && attempt.result ? attempt.result : CONTACT_OUTCOME[attempt.outcome],
        notes: `Call back: ${ATTEMPT_OUTCOMES[attempt.outcome].toLowerCase()}`,
        ...(attempt.raised ? { case_id: attempt.raised.caseId, service_id: attempt.raised.serviceId } : {}),
      },
      db,
    )
    const attempts = callBack.attempts + 1
    const done = attempt.outcome !== 'no_answer' || attempts >= MAX_ATTEMPTS
    const at = nowIso()
    await db
      .insertInto('callback_attempt')
      .values({
        council_id: councilId,
        callback_id: attempt.id,
        contact_id: contact.id,
        staff_user_id: attempt.staffId,
        outcome: attempt.outcome,
        at,
      })
      .execute()
    await db
      .updateTable('callback')
      .set({
        attempts,
        contact_id: contact.id,
        status: done ? (attempt.outcome === 'answered' ? 'completed' : 'failed') : 'requested',
        staff_user_id: done ? attempt.staffId : null,
        claimed_at: done ? callBack.claimed_at : null,
        done_at: done ? at : null,
      })
      .where('id', '=', attempt.id)
      .execute()
    await recordAudit(
      database,
      actor,
      {
        action: 'callback.attempt',
        subjectType: 'callback',
        subjectId: attempt.id,
        detail: { outcome: attempt.outcome, contact_id: contact.id, done },
      },
      db,
    )
    return { done, attempts }
  })
}
