// Kysely queries for calls, calls waiting in a queue, the platform's secret and events, and call backs.
import { sql } from 'kysely'
import type { ExpressionBuilder, Insertable, Selectable } from 'kysely'
import type { CallTable, CallbackTable, Queryable, Tables } from '../../platform/db/schema.ts'

export type CallRow = Selectable<CallTable>
export type NewCall = Insertable<CallTable>

export async function callsByExternalId(db: Queryable, councilId: number, externalIds: string[]): Promise<CallRow[]> {
  if (externalIds.length === 0) return []
  return db
    .selectFrom('call')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('external_id', 'in', externalIds)
    .execute()
}

export async function callByExternalId(db: Queryable, councilId: number, externalId: string) {
  return db
    .selectFrom('call')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('external_id', '=', externalId)
    .executeTakeFirst()
}

/** Adds calls, or updates those whose external id is held: one statement for the batch. */
export async function upsertCalls(db: Queryable, rows: NewCall[]): Promise<void> {
  if (rows.length === 0) return
  await db
    .insertInto('call')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['council_id', 'external_id']).doUpdateSet((eb) => ({
        queue: eb.ref('excluded.queue'),
        offered_at: eb.ref('excluded.offered_at'),
        answered_at: eb.ref('excluded.answered_at'),
        ended_at: eb.ref('excluded.ended_at'),
        abandoned: eb.ref('excluded.abandoned'),
        agent_staff_id: eb.ref('excluded.agent_staff_id'),
        caller_number_hash: eb.ref('excluded.caller_number_hash'),
      })),
    )
    .execute()
}

export async function updateCall(db: Queryable, id: number, change: Partial<NewCall>): Promise<void> {
  await db.updateTable('call').set(change).where('id', '=', id).execute()
}

export async function staffIdsByEmail(
  db: Queryable,
  councilId: number,
  emails: string[],
): Promise<Map<string, number>> {
  if (emails.length === 0) return new Map()
  const rows = await db
    .selectFrom('staff_user')
    .select(['id', 'email'])
    .where('council_id', '=', councilId)
    .where((eb) => eb(eb.fn('lower', ['email']), 'in', emails))
    .execute()
  return new Map(rows.map((row) => [row.email.toLowerCase(), row.id]))
}

export async function waitingCall(db: Queryable, councilId: number, externalId: string) {
  return db
    .selectFrom('call_in_queue')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('external_id', '=', externalId)
    .executeTakeFirst()
}

export async function addWaitingCall(
  db: Queryable,
  row: {
    council_id: number
    external_id: string
    queue: string
    offered_at: string
    caller_number_hash: string | null
  },
): Promise<void> {
  await db
    .insertInto('call_in_queue')
    .values(row)
    .onConflict((oc) => oc.columns(['council_id', 'external_id']).doNothing())
    .execute()
}

export async function removeWaitingCall(db: Queryable, id: number): Promise<void> {
  await db.deleteFrom('call_in_queue').where('id', '=', id).execute()
}

export async function sealedSecret(db: Queryable, councilId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('telephony_secret')
    .select('sealed_secret')
    .where('council_id', '=', councilId)
    .executeTakeFirst()
  return row?.sealed_secret
}

export async function storeSealedSecret(db: Queryable, councilId: number, sealed: string, at: string): Promise<void> {
  await db
    .insertInto('telephony_secret')
    .values({ council_id: councilId, sealed_secret: sealed, created_at: at })
    .onConflict((oc) => oc.column('council_id').doUpdateSet({ sealed_secret: sealed, created_at: at }))
    .execute()
}

/** Records an event as taken; false when its id or signature was taken before (a replay). */
export async function takeEvent(
  db: Queryable,
  row: { council_id: number; event_id: string; signature: string; received_at: string },
): Promise<boolean> {
  const result = await db
    .insertInto('telephony_event')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
}

/** Events older than any timestamp still accepted can never be replayed, so need not be kept. */
export async function forgetEventsBefore(db: Queryable, before: string): Promise<void> {
  await db.deleteFrom('telephony_event').where('received_at', '<', before).execute()
}

export type QueueSample = { answerSeconds: number[]; oldestWaitingSince: string | null }

/**
 * Calls answered since a time, and the oldest call still waiting, leaving out waits longer than
 * the longest real one. The answered calls are found by when they were offered (at most the
 * longest wait before the window) as well, so the read walks the queue's index by offered time
 * (call_queue_offered) over a few hours instead of the queue's whole history: with 200,000 calls
 * in one queue on SQLite, 0.03 ms instead of 52 ms, and no index of its own is needed.
 */
export async function queueSample(
  db: Queryable,
  councilId: number,
  queue: string,
  bounds: { answeredSince: string; offeredSince: string; waitingSince: string; longestWaitSeconds: number },
): Promise<QueueSample> {
  // One round trip: the public service pages read this on every view to decide whether to offer a
  // call back. The oldest waiting call is the one row with no answer (its time null when none waits).
  const rows = await db
    .selectFrom('call')
    .select(['offered_at', 'answered_at'])
    .where('council_id', '=', councilId)
    .where('queue', '=', queue)
    .where('offered_at', '>=', bounds.offeredSince)
    .where('answered_at', '>=', bounds.answeredSince)
    .$castTo<{ offered_at: string | null; answered_at: string | null }>()
    .unionAll(
      db
        .selectFrom('call_in_queue')
        .select((eb) => [eb.fn.min('offered_at').as('offered_at'), sql<string | null>`null`.as('answered_at')])
        .where('council_id', '=', councilId)
        .where('queue', '=', queue)
        .where('offered_at', '>=', bounds.waitingSince),
    )
    .execute()
  const answered = rows.filter((row) => row.answered_at !== null)
  const oldest = rows.find((row) => row.answered_at === null)
  const answerSeconds = answered.map(
    (row) => (Date.parse(row.answered_at as string) - Date.parse(row.offered_at as string)) / 1000,
  )
  return {
    answerSeconds: answerSeconds.filter((seconds) => seconds >= 0 && seconds <= bounds.longestWaitSeconds),
    oldestWaitingSince: oldest?.offered_at ?? null,
  }
}

/** A call an advisor answered and may log a contact for; `recent` when answered or ended lately. */
export type LinkableCall = {
  external_id: string
  queue: string
  offered_at: string
  answered_at: string
  ended_at: string | null
  recent: boolean
}

/**
 * The calls this advisor answered that no contact has claimed yet: the latest `limit` answered
 * since `since.stillOn` and answered or ended since `since.answeredOrEnded` (or still going on),
 * newest first, and the `chosen` one ahead of them whenever it is theirs, however old. One read
 * serves the list, the screen-pop's check and the times that tell the calls apart.
 */
export async function linkableCallsAnsweredBy(
  db: Queryable,
  councilId: number,
  staffId: number,
  since: { answeredOrEnded: string; stillOn: string },
  chosen: string,
  limit: number,
): Promise<LinkableCall[]> {
  const recent = (eb: ExpressionBuilder<Tables, 'call'>) =>
    eb.and([
      eb('answered_at', '>=', since.stillOn),
      eb.or([
        eb('answered_at', '>=', since.answeredOrEnded),
        eb('ended_at', 'is', null),
        eb('ended_at', '>=', since.answeredOrEnded),
      ]),
    ])
  // No call is chosen as '': an empty choice must not match a call whose id is empty.
  const isChosen = (eb: ExpressionBuilder<Tables, 'call'>) =>
    chosen === '' ? eb.lit(false) : eb('external_id', '=', chosen)
  const rows = await db
    .selectFrom('call')
    .select(['external_id', 'queue', 'offered_at', 'answered_at', 'ended_at'])
    .select((eb) => [
      eb.case().when(recent(eb)).then(1).else(0).end().as('recent'),
      eb.case().when(isChosen(eb)).then(1).else(0).end().as('chosen'),
    ])
    .where('council_id', '=', councilId)
    .where('agent_staff_id', '=', staffId)
    .where('contact_id', 'is', null)
    .where('external_id', 'is not', null)
    .where('answered_at', 'is not', null)
    .where((eb) => eb.or([recent(eb), isChosen(eb)]))
    .orderBy('chosen', 'desc')
    .orderBy('answered_at', 'desc')
    .limit(limit + 1)
    .execute()
  return rows.map((row) => ({
    external_id: row.external_id as string,
    queue: row.queue,
    offered_at: row.offered_at,
    answered_at: row.answered_at as string,
    ended_at: row.ended_at,
    recent: Number(row.recent) === 1,
  }))
}

export type CallbackRow = Selectable<CallbackTable>
