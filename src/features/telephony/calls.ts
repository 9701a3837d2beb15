// Calls written in bulk by the importer and one event at a time by the telephony platform, and a
// contact's claim on the call it answered. Every write that changes a call also keeps the call
// figures in step, in the same transaction.
import type { Database } from '../../platform/db/database.ts'
import { rollupCalls } from '../metrics/service.ts'
import { takeCallLength } from '../contacts/service.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { inTransaction } from '../../platform/db/transaction.ts'
import { Problem } from '../../platform/http/problem.ts'
import * as repo from './repo.ts'
import type { CallRow, NewCall } from './repo.ts'

/** One call of an import file, its number already hashed. */
export type ImportedCall = {
  externalId: string | null
  queue: string
  offeredAt: string
  answeredAt: string | null
  endedAt: string | null
  agentEmail: string | null
  callerNumberHash: string | null
}

export type CallBatchResult = { inserted: number; updated: number; unknownAgents: number }

// A queue is named in the IVR's address (/telephony/queues/NAME) and signed as part of it, so a
// name must travel in a URL path unescaped: the same rule for the platform's events and the import.
export const QUEUE_NAME_PATTERN = '^[A-Za-z0-9_.-]+$'
export const QUEUE_NAME_MAX = 100

/** Why a queue name cannot be used, or null when it can. */
export function queueNameProblem(name: string): string | null {
  if (name.length > QUEUE_NAME_MAX) return `is longer than ${QUEUE_NAME_MAX} characters`
  if (!new RegExp(QUEUE_NAME_PATTERN).test(name))
    return 'may hold only letters, digits, ".", "_" and "-" (no spaces), like council-tax'
  return null
}

type CallTimes = { offeredAt: string; answeredAt: string | null; endedAt: string | null }
type CallTime = { column: 'offered_at' | 'answered_at' | 'ended_at'; at: string }

/**
 * The first of a call's times that comes before the one it follows (offered, then answered, then
 * ended) and that earlier time, or null when they are in order. A call answered before it was
 * offered would count a negative speed of answer in the figures, so every way a call is written
 * refuses it.
 */
export function callTimesOutOfOrder(call: CallTimes): { later: CallTime; earlier: CallTime } | null {
  const offered: CallTime = { column: 'offered_at', at: call.offeredAt }
  const answered: CallTime | null = call.answeredAt === null ? null : { column: 'answered_at', at: call.answeredAt }
  const ended: CallTime | null = call.endedAt === null ? null : { column: 'ended_at', at: call.endedAt }
  const before = (later: CallTime, earlier: CallTime) => Date.parse(later.at) < Date.parse(earlier.at)
  if (answered && before(answered, offered)) return { later: answered, earlier: offered }
  const endFollows = answered ?? offered
  if (ended && before(ended, endFollows)) return { later: ended, earlier: endFollows }
  return null
}

/**
 * The call figures' upkeep, in the same transaction as the write: the metrics feature's rollups
 * take away each call as it was and add it as it is now.
 */
export async function keepCallFiguresInStep(
  trx: Queryable,
  councilId: number,
  changes: readonly { before: CallRow | null; after: CallRow }[],
): Promise<void> {
  if (changes.length === 0) return
  await rollupCalls(trx, councilId, {
    added: changes.map((change) => change.after),
    removed: changes.flatMap((change) => (change.before ? [change.before] : [])),
  })
}

function callRow(councilId: number, call: ImportedCall, agentId: number | null): NewCall {
  return {
    council_id: councilId,
    external_id: call.externalId,
    queue: call.queue,
    offered_at: call.offeredAt,
    answered_at: call.answeredAt,
    ended_at: call.endedAt,
    abandoned: call.answeredAt === null ? 1 : 0,
    agent_staff_id: agentId,
    caller_number_hash: call.callerNumberHash,
  }
}

/**
 * Writes one batch of a calls file inside the caller's transaction: a call whose external id is
 * held is updated in place, the others added. Each row's times and queue are checked as it is read
 * (callTimesOutOfOrder, queueNameProblem); one that slipped through fails the batch. Agents are found among the council's staff by email;
 * an email that matches nobody leaves the call without an agent.
 */
export async function importCallBatch(
  trx: Queryable,
  councilId: number,
  calls: readonly ImportedCall[],
): Promise<CallBatchResult> {
  for (const call of calls)
    if (callTimesOutOfOrder(call) || queueNameProblem(call.queue))
      throw new Error('a call’s times or queue were not checked before writing it')
  const emails = [...new Set(calls.flatMap((call) => (call.agentEmail ? [call.agentEmail.toLowerCase()] : [])))]
  const agents = await repo.staffIdsByEmail(trx, councilId, emails)
  const externalIds = calls.flatMap((call) => (call.externalId ? [call.externalId] : []))
  const before = new Map(
    (await repo.callsByExternalId(trx, councilId, externalIds)).map((row) => [row.external_id, row]),
  )
  const rows = calls.map((call) =>
    callRow(councilId, call, call.agentEmail ? (agents.get(call.agentEmail.toLowerCase()) ?? null) : null),
  )
  const keyed = rows.filter((row) => row.external_id)
  const unkeyed = rows.filter((row) => !row.external_id)
  await repo.upsertCalls(trx, keyed)
  const inserted = unkeyed.length > 0 ? await trx.insertInto('call').values(unkeyed).returningAll().execute() : []
  const after = await repo.callsByExternalId(trx, councilId, externalIds)
  await keepCallFiguresInStep(trx, councilId, [
    ...after.map((row) => ({ before: before.get(row.external_id) ?? null, after: row })),
    ...inserted.map((row) => ({ before: null, after: row })),
  ])
  const updated = externalIds.filter((id) => before.has(id)).length
  return {
    inserted: rows.length - updated,
    updated,
    unknownAgents: calls.filter((call) => call.agentEmail && !agents.has(call.agentEmail.toLowerCase())).length,
  }
}

/** Of these emails (lower case), those that name no member of the council's staff. */
export async function emailsNotOfStaff(db: Queryable, councilId: number, emails: readonly string[]): Promise<string[]> {
  const staff = await repo.staffIdsByEmail(db, councilId, [...new Set(emails)])
  return [...new Set(emails)].filter((email) => !staff.has(email))
}

export const CALL_EVENT_TYPES = ['offered', 'answered', 'ended', 'abandoned'] as const
export type CallEventType = (typeof CALL_EVENT_TYPES)[number]

export type CallEvent = {
  type: CallEventType
  externalId: string
  queue: string | null
  at: string
  agentEmail: string | null
  callerNumberHash: string | null
}

const conflict = (detail: string) => new Problem(409, detail)

const MOMENT = { offered_at: 'offered', answered_at: 'answered', ended_at: 'ended' } as const

/** Refuses an event dated before the call's earlier event, naming both times; nothing is stored. */
function refuseOutOfOrder(event: CallEvent, times: CallTimes): void {
  const wrong = callTimesOutOfOrder(times)
  if (!wrong) return
  const iso = (time: CallTime) => new Date(time.at).toISOString()
  throw new Problem(
    422,
    `Call ${event.externalId} cannot be ${event.type} at ${iso(wrong.later)}: ` +
      `it was ${MOMENT[wrong.earlier.column]} later, at ${iso(wrong.earlier)}`,
    [{ name: 'body.at', message: `Give a time on or after ${iso(wrong.earlier)}` }],
  )
}

async function answer(trx: Queryable, councilId: number, event: CallEvent): Promise<CallRow> {
  const waiting = await repo.waitingCall(trx, councilId, event.externalId)
  if (!waiting) {
    const held = await repo.callByExternalId(trx, councilId, event.externalId)
    if (held) throw conflict(`Call ${event.externalId} was already answered or abandoned`)
    throw conflict(`Call ${event.externalId} was never offered: send its offered event first`)
  }
  refuseOutOfOrder(event, { offeredAt: waiting.offered_at, answeredAt: event.at, endedAt: null })
  const agents = event.agentEmail ? await repo.staffIdsByEmail(trx, councilId, [event.agentEmail.toLowerCase()]) : null
  const row = callRow(
    councilId,
    {
      externalId: waiting.external_id,
      queue: waiting.queue,
      offeredAt: waiting.offered_at,
      answeredAt: event.at,
      endedAt: event.type === 'abandoned' ? event.at : null,
      agentEmail: null,
      callerNumberHash: waiting.caller_number_hash,
    },
    event.agentEmail ? (agents?.get(event.agentEmail.toLowerCase()) ?? null) : null,
  )
  if (event.type === 'abandoned') {
    row.answered_at = null
    row.abandoned = 1
  }
  await repo.removeWaitingCall(trx, waiting.id)
  await repo.upsertCalls(trx, [row])
  return (await repo.callByExternalId(trx, councilId, event.externalId)) as CallRow
}

async function end(trx: Queryable, councilId: number, event: CallEvent): Promise<{ before: CallRow; after: CallRow }> {
  const held = await repo.callByExternalId(trx, councilId, event.externalId)
  if (!held) throw conflict(`Call ${event.externalId} was not answered: send answered or abandoned, not ended`)
  if (held.abandoned === 1) throw conflict(`Call ${event.externalId} was abandoned: it has no end to record`)
  // A call ends once: a second end (a resend under a new event id) would move its handling time.
  if (held.ended_at !== null) throw conflict(`Call ${event.externalId} has already ended`)
  refuseOutOfOrder(event, { offeredAt: held.offered_at, answeredAt: held.answered_at, endedAt: event.at })
  await repo.updateCall(trx, held.id, { ended_at: event.at })
  return { before: held, after: { ...held, ended_at: event.at } }
}

/**
 * Applies one event from the telephony platform. An offered call waits in its queue; answered or
 * abandoned moves it to the calls; ended closes an answered call. Events out of sequence are refused
 * with 409 naming what was expected, so the platform can resend in order; an event dated before the
 * call's earlier one is refused with 422, as resending it would not help.
 */
export async function applyCallEvent(
  database: Database,
  actor: Actor,
  councilId: number,
  event: CallEvent,
  trx?: Queryable,
): Promise<void> {
  await inTransaction(database, trx, async (db) => {
    if (event.type === 'offered') {
      if (!event.queue)
        throw new Problem(422, 'An offered call needs its queue', [
          { name: 'body.queue', message: 'Give the queue the call was offered to' },
        ])
      if (await repo.callByExternalId(db, councilId, event.externalId))
        throw conflict(`Call ${event.externalId} was already answered or abandoned`)
      await repo.addWaitingCall(db, {
        council_id: councilId,
        external_id: event.externalId,
        queue: event.queue,
        offered_at: event.at,
        caller_number_hash: event.callerNumberHash,
      })
    } else if (event.type === 'ended') {
      const ended = await end(db, councilId, event)
      await keepCallFiguresInStep(db, councilId, [ended])
      const { contact_id, answered_at, ended_at } = ended.after
      // A contact logged while its call was still going on took the form's time: now the call's.
      if (contact_id !== null && answered_at !== null && ended_at !== null)
        await takeCallLength(database, actor, councilId, { contact_id, answered_at, ended_at }, db)
    } else {
      await keepCallFiguresInStep(db, councilId, [{ before: null, after: await answer(db, councilId, event) }])
    }
    await recordAudit(
      database,
      actor,
      { action: `call.${event.type}`, subjectType: 'call', subjectId: null, detail: { external_id: event.externalId } },
      db,
    )
  })
}

/** A call still going on after this long is one whose end was lost, not one an advisor is on. */
const LONGEST_CALL_MS = 8 * 3_600_000

/** How many of an advisor's latest calls the desk form offers. */
const CALLS_OFFERED = 5

export type CallToLink = Omit<repo.LinkableCall, 'recent'>

/**
 * Calls this advisor may log a contact for, that no contact records yet: the latest of those they
 * are still on, however long ago they answered (a long call must not drop off the form), and those
 * answered or finished in the last minutes. A `chosen` call (the screen-pop's) that is still theirs
 * to link is offered too: where it is among the latest it keeps its place, else it goes first;
 * `refused` when it is not theirs to link.
 */
export async function callsToLink(
  database: Database,
  councilId: number,
  staffId: number,
  chosen: string,
  minutes = 15,
): Promise<{ calls: CallToLink[]; refused: boolean }> {
  const now = Date.now()
  const since = {
    answeredOrEnded: new Date(now - minutes * 60_000).toISOString(),
    stillOn: new Date(now - LONGEST_CALL_MS).toISOString(),
  }
  const rows = await repo.linkableCallsAnsweredBy(database.db, councilId, staffId, since, chosen, CALLS_OFFERED)
  const picked = chosen !== '' && rows[0]?.external_id === chosen ? rows[0] : undefined
  const latest = (picked ? rows.slice(1) : rows).slice(0, CALLS_OFFERED)
  const shown = ({ recent: _, ...call }: repo.LinkableCall): CallToLink => call
  if (!picked) return { calls: latest.map(shown), refused: chosen !== '' }
  const place = picked.recent
    ? latest.filter((call) => Date.parse(call.answered_at) > Date.parse(picked.answered_at)).length
    : CALLS_OFFERED
  const calls =
    place < CALLS_OFFERED
      ? [...latest.slice(0, place), picked, ...latest.slice(place)].slice(0, CALLS_OFFERED)
      : [picked, ...latest]
  return { calls: calls.map(shown), refused: false }
}

/**
 * Records that a contact is the one logged for a call. Only the advisor who answered it may claim
 * it, and only once: a screen-pop address typed by hand must not tie someone else's call to a contact.
 */
export async function linkCallToContact(
  database: Database,
  actor: Actor,
  councilId: number,
  link: { externalId: string; staffId: number; contactId: number },
  trx?: Queryable,
): Promise<boolean> {
  return inTransaction(database, trx, async (db) => {
    const call = await repo.callByExternalId(db, councilId, link.externalId)
    if (!call || call.agent_staff_id !== link.staffId || call.contact_id !== null) return false
    await repo.updateCall(db, call.id, { contact_id: link.contactId })
    await recordAudit(
      database,
      actor,
      { action: 'call.link', subjectType: 'contact', subjectId: link.contactId, detail: { call_id: call.id } },
      db,
    )
    return true
  })
}
