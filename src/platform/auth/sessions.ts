// Server-side sessions in the database, so every app process sees the same ones. The browser
// holds a random token; the table holds only its SHA-256, so a copy of the database lets nobody
// in. A session ends after a spell of inactivity (staff 30 minutes, residents 60) and, however
// busy, 12 hours after it began.
import { randomBytes } from 'node:crypto'
import type { Database } from '../db/database.ts'
import type { SessionSubject } from '../db/values.ts'
import { hashToken } from './tokens.ts'
import type { Queryable } from '../db/schema.ts'

export const IDLE_MINUTES: Record<SessionSubject, number> = { staff: 30, resident: 60 }
const ABSOLUTE_HOURS = 12
/** last_seen_at is written at most this often: a write per request would cost every page a commit. */
const TOUCH_EVERY_MS = 60_000

/**
 * How far a sign-in has got. Only `signed_in` makes a principal; the others let a person reach
 * just the next step (second factor, enrolment, a new password).
 */
export type SessionStage = 'signed_in' | 'second_factor' | 'enrol_second_factor' | 'change_password'

export type SessionData = {
  stage: SessionStage
  /** Where to go once signed in: always a local path (see return-to.ts). */
  returnTo?: string
  /** A TOTP secret shown during enrolment, kept until the first code proves it was scanned. */
  enrolSecret?: string
  /** Recovery codes shown once after enrolment, until the person says they have kept them. */
  recoveryCodes?: string[]
  /** Set when the person signed in through the council's identity provider. */
  viaOidc?: boolean
}

export type Session = {
  id: string
  councilId: number
  subjectKind: SessionSubject
  subjectId: number
  data: SessionData
  createdAt: string
  lastSeenAt: string
}

export type NewSession = { councilId: number; subjectKind: SessionSubject; subjectId: number; data: SessionData }

function newToken(): string {
  return randomBytes(32).toString('base64url')
}

function parseData(raw: string): SessionData {
  const data = JSON.parse(raw) as Partial<SessionData>
  return { ...data, stage: data.stage ?? 'signed_in' }
}

/** Starts a session and returns the token for the cookie (never stored). */
export async function createSession(
  db: Queryable,
  session: NewSession,
  now = new Date(),
): Promise<{ token: string; session: Session }> {
  const token = newToken()
  const id = hashToken(token)
  const at = now.toISOString()
  const expires = new Date(now.getTime() + ABSOLUTE_HOURS * 3_600_000).toISOString()
  await db
    .insertInto('session')
    .values({
      id,
      council_id: session.councilId,
      subject_kind: session.subjectKind,
      subject_id: session.subjectId,
      data: JSON.stringify(session.data),
      created_at: at,
      last_seen_at: at,
      expires_at: expires,
    })
    .execute()
  return {
    token,
    session: {
      id,
      councilId: session.councilId,
      subjectKind: session.subjectKind,
      subjectId: session.subjectId,
      data: session.data,
      createdAt: at,
      lastSeenAt: at,
    },
  }
}

function idleDeadline(subjectKind: SessionSubject, lastSeenAt: string): number {
  return new Date(lastSeenAt).getTime() + IDLE_MINUTES[subjectKind] * 60_000
}

/** The live session for a cookie token, or null when unknown, idle too long or past 12 hours (then removed). */
export async function readSession(database: Database, token: string, now = new Date()): Promise<Session | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null
  const id = hashToken(token)
  const row = await database.db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return null
  const lastSeenAt = new Date(row.last_seen_at).toISOString()
  if (
    now.getTime() >= new Date(row.expires_at).getTime() ||
    now.getTime() >= idleDeadline(row.subject_kind, lastSeenAt)
  ) {
    await endSession(database.db, id)
    return null
  }
  if (now.getTime() - new Date(lastSeenAt).getTime() >= TOUCH_EVERY_MS) {
    await database.db.updateTable('session').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute()
  }
  return {
    id,
    councilId: row.council_id,
    subjectKind: row.subject_kind,
    subjectId: row.subject_id,
    data: parseData(row.data),
    createdAt: new Date(row.created_at).toISOString(),
    lastSeenAt,
  }
}

export async function saveSessionData(db: Queryable, id: string, data: SessionData): Promise<void> {
  await db
    .updateTable('session')
    .set({ data: JSON.stringify(data) })
    .where('id', '=', id)
    .execute()
}

/**
 * Replaces a session with a new one under a new token, keeping who it belongs to: done at every
 * sign-in step and change of privilege, so a token planted before sign-in (fixation) is worthless.
 */
export async function rotateSession(
  db: Queryable,
  old: Session,
  data: SessionData,
  now = new Date(),
): Promise<{ token: string; session: Session }> {
  await endSession(db, old.id)
  return createSession(
    db,
    { councilId: old.councilId, subjectKind: old.subjectKind, subjectId: old.subjectId, data },
    now,
  )
}

export async function endSession(db: Queryable, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute()
}

/** "Sign out everywhere", a disabled account, a changed password: every session of that person ends. */
export async function endSessionsOf(
  db: Queryable,
  subjectKind: SessionSubject,
  subjectId: number,
  exceptId?: string,
): Promise<number> {
  let query = db.deleteFrom('session').where('subject_kind', '=', subjectKind).where('subject_id', '=', subjectId)
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId)
  const result = await query.executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** Removes sessions past their absolute end; idle ones are removed when next presented. */
export async function purgeExpiredSessions(db: Queryable, now = new Date()): Promise<number> {
  const result = await db.deleteFrom('session').where('expires_at', '<=', now.toISOString()).executeTakeFirst()
  return Number(result.numDeletedRows)
}
