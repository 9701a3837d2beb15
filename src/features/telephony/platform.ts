// The telephony platform's side: its shared secret per council, and the signed events it sends,
// each checked (signature, age, never seen before) before it changes anything.
import type { Database } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { inTransaction } from '../../platform/db/transaction.ts'
import { newSharedSecret, openSecret, sealSecret } from './keys.ts'
import { checkSignature, TOLERANCE_SECONDS } from './signature.ts'
import type { SignatureCheck } from './signature.ts'
import * as repo from './repo.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import { applyCallEvent } from './calls.ts'
import type { CallEvent } from './calls.ts'
import { Problem } from '../../platform/http/problem.ts'

/** Makes a new shared secret for a council, replacing any before it; the only time it is shown. */
export async function newPlatformSecret(
  database: Database,
  sessionSecret: string,
  actor: Actor,
  councilId: number,
): Promise<string> {
  const secret = newSharedSecret()
  await inTransaction(database, undefined, async (db) => {
    await repo.storeSealedSecret(db, councilId, sealSecret(sessionSecret, councilId, secret), nowIso())
    await recordAudit(
      database,
      actor,
      { action: 'telephony.secret.create', subjectType: 'council', subjectId: councilId, detail: {} },
      db,
    )
  })
  return secret
}

export type SignedRequest = { signature: string | undefined; timestamp: string | undefined; body: string }

export type Verdict = SignatureCheck | { ok: false; reason: 'no_secret' }

/** Whether a request was signed with the council's secret, now. */
export async function verifySigned(
  database: Database,
  sessionSecret: string,
  councilId: number,
  request: SignedRequest,
  nowMs = Date.now(),
): Promise<Verdict> {
  const sealed = await repo.sealedSecret(database.db, councilId)
  const secret = sealed === undefined ? null : openSecret(sessionSecret, councilId, sealed)
  if (secret === null)
    return request.signature === undefined ? { ok: false, reason: 'unsigned' } : { ok: false, reason: 'no_secret' }
  return checkSignature(secret, request, request.body, nowMs)
}

/**
 * Takes an event once: false when its id or its signature was seen before. Events older than the
 * accepted window are forgotten, as a stale timestamp refuses them anyway.
 */
export async function takeEventOnce(
  db: Queryable,
  councilId: number,
  event: { eventId: string; signature: string },
  nowMs = Date.now(),
): Promise<boolean> {
  const taken = await repo.takeEvent(db, {
    council_id: councilId,
    event_id: event.eventId,
    signature: event.signature,
    received_at: new Date(nowMs).toISOString(),
  })
  if (taken && Math.random() < 0.01)
    await repo.forgetEventsBefore(db, new Date(nowMs - 2 * TOLERANCE_SECONDS * 1000).toISOString())
  return taken
}

// The platform sends each event as it happens, and resends after an outage of its own; a day covers
// any outage it could still be catching up on. An event dated older than that is a lost or wrong
// clock, not a late event, and a call left waiting from it would stall its queue's wait. Ahead of
// now is allowed only by the clock difference the signature's timestamp already allows.
export const EVENT_MAX_AGE_HOURS = 24
export const EVENT_MAX_AHEAD_SECONDS = TOLERANCE_SECONDS

/** Refuses an event dated implausibly far from now, before anything is taken or stored. */
export function refuseImplausibleTime(at: string, nowMs: number): void {
  const atMs = Date.parse(at)
  if (atMs < nowMs - EVENT_MAX_AGE_HOURS * 3_600_000)
    throw new Problem(422, `The event is dated ${at}, more than ${EVENT_MAX_AGE_HOURS} hours ago`, [
      { name: 'body.at', message: 'Send events as they happen; import older calls with frontdoor import calls' },
    ])
  if (atMs > nowMs + EVENT_MAX_AHEAD_SECONDS * 1000)
    throw new Problem(422, `The event is dated ${at}, more than ${EVENT_MAX_AHEAD_SECONDS / 60} minutes from now`, [
      { name: 'body.at', message: 'Check the telephony platform’s clock' },
    ])
}

/**
 * Applies a signed event once, in one transaction with the note that it was taken: an event
 * refused for being out of order is not taken, so the platform may send it again once it can apply.
 */
export async function receiveCallEvent(
  database: Database,
  actor: Actor,
  councilId: number,
  signed: { eventId: string; signature: string },
  event: CallEvent,
  nowMs = Date.now(),
): Promise<void> {
  refuseImplausibleTime(event.at, nowMs)
  await inTransaction(database, undefined, async (db) => {
    if (!(await takeEventOnce(db, councilId, signed, nowMs)))
      throw new Problem(409, 'This event was received before: a replayed event is refused')
    await applyCallEvent(database, actor, councilId, event, db)
  })
}
