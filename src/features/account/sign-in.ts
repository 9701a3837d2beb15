// Signing in to an e-account with email and password. Wrong passwords are slowed from the third
// and lock the account for 15 minutes at the fifth, telling its owner by email. Someone trying
// addresses learns nothing: an unknown address, a locked account and a wrong password get the
// same answer after about as long (a password is checked against a stand-in hash when there is
// no account, and guesses at an unknown address are slowed just as they would be at a real one).
import { createHash } from 'node:crypto'
import type { Queryable } from '../../platform/db/schema.ts'
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.ts'
import { LOCK_AFTER, LOCK_MINUTES, afterFailure, isLocked, pause } from '../../platform/auth/lockout.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { countHit } from '../../platform/http/rate-limit.ts'
import type { AccountContext } from './context.ts'
import { accountActor } from './context.ts'
import { sendAccountEmail } from './emails.ts'
import { normaliseEmail } from '../../platform/auth/email-address.ts'
import * as repo from './repo.ts'
import type { Account } from './repo.ts'

export const WRONG_EMAIL_OR_PASSWORD =
  'Enter the email address and password for your account. If you have tried several times, your account may be locked for 15 minutes: we will have emailed you.'

export type SignInResult =
  { kind: 'signed_in'; accountId: number } | { kind: 'unverified'; accountId: number } | { kind: 'refused' }

let standIn: Promise<string> | undefined
/** A real hash of nothing anyone knows: checking a password against it costs what a real check costs. */
function standInHash(): Promise<string> {
  standIn ??= hashPassword(createHash('sha256').update(String(Math.random())).digest('hex'))
  return standIn
}

async function passwordMatches(account: Account | undefined, password: string): Promise<boolean> {
  if (account?.password_hash) return verifyPassword(password, account.password_hash)
  await verifyPassword(password, await standInHash())
  return false
}

export type FailureOutcome = { locked: boolean; delayMs: number }

const LOCKED_DELAY_MS = afterFailure(LOCK_AFTER - 1).delayMs

/**
 * Counts a wrong password against an account, locking it at the fifth and emailing its owner.
 * Used by sign-in and by the pages that ask for the current password before a change.
 */
export async function recordWrongPassword(
  trx: Queryable,
  ctx: AccountContext,
  account: Account,
  reason: string,
  now = new Date(),
): Promise<FailureOutcome> {
  const actor = accountActor(ctx, account.id)
  const failed = await repo.countFailure(trx, account.id, now.toISOString())
  if (failed === undefined) {
    await recordAudit(
      ctx.database,
      actor,
      { action: 'sign_in_failed', subjectType: 'e_account', subjectId: account.id, detail: { reason: 'locked' } },
      trx,
    )
    return { locked: true, delayMs: LOCKED_DELAY_MS }
  }
  const failure = afterFailure(failed - 1, now)
  await recordAudit(
    ctx.database,
    actor,
    { action: 'sign_in_failed', subjectType: 'e_account', subjectId: account.id, detail: { reason } },
    trx,
  )
  if (failure.justLocked) {
    await repo.recordFailure(trx, account.id, failure.failedSignIns, failure.lockedUntil)
    await sendAccountEmail(trx, ctx, { template: 'account-locked', to: account.email, residentId: account.resident_id })
    await recordAudit(
      ctx.database,
      actor,
      { action: 'account_locked', subjectType: 'e_account', subjectId: account.id, detail: { minutes: LOCK_MINUTES } },
      trx,
    )
  }
  return { locked: failure.justLocked, delayMs: failure.delayMs }
}

/** Guesses at an address with no account are counted too, so they slow down as a real account's would. */
async function unknownAddressDelay(ctx: AccountContext, email: string): Promise<number> {
  const key = 'account-sign-in-unknown:' + createHash('sha256').update(`${ctx.council.id}:${email}`).digest('hex')
  const hit = await countHit(ctx.database, key, LOCK_MINUTES * 60_000)
  return afterFailure((hit.current - 1) % LOCK_AFTER).delayMs
}

async function refuseUnknown(ctx: AccountContext, email: string): Promise<SignInResult> {
  const delayMs = await unknownAddressDelay(ctx, email)
  await recordAudit(ctx.database, accountActor(ctx, null), {
    action: 'sign_in_failed',
    subjectType: 'e_account',
    subjectId: null,
    detail: { reason: 'unknown_account' },
  })
  await pause(delayMs)
  return { kind: 'refused' }
}

async function refuseLocked(ctx: AccountContext, account: Account): Promise<SignInResult> {
  await recordAudit(ctx.database, accountActor(ctx, account.id), {
    action: 'sign_in_failed',
    subjectType: 'e_account',
    subjectId: account.id,
    detail: { reason: 'locked' },
  })
  await pause(LOCKED_DELAY_MS)
  return { kind: 'refused' }
}

export async function signIn(ctx: AccountContext, rawEmail: string, password: string): Promise<SignInResult> {
  const email = normaliseEmail(rawEmail)
  const account = await repo.accountByEmail(ctx.database.db, ctx.council.id, email)
  const matches = await passwordMatches(account, password)
  if (!account) return refuseUnknown(ctx, email)
  if (isLocked(account.locked_until)) return refuseLocked(ctx, account)
  if (!matches) {
    const outcome = await ctx.database.db
      .transaction()
      .execute((trx) => recordWrongPassword(trx, ctx, account, 'wrong_password'))
    await pause(outcome.delayMs)
    return { kind: 'refused' }
  }
  if (account.verified_at === null) {
    await repo.clearFailures(ctx.database.db, account.id)
    await recordAudit(ctx.database, accountActor(ctx, account.id), {
      action: 'sign_in_failed',
      subjectType: 'e_account',
      subjectId: account.id,
      detail: { reason: 'email_not_confirmed' },
    })
    return { kind: 'unverified', accountId: account.id }
  }
  const signedIn = await ctx.database.db.transaction().execute(async (trx) => {
    // Wrong guesses sent alongside this one may have locked the account while its password was checked.
    const current = await repo.accountById(trx, ctx.council.id, account.id)
    if (!current || isLocked(current.locked_until)) return false
    await repo.markSignedIn(trx, account.id, new Date().toISOString())
    await recordAudit(
      ctx.database,
      accountActor(ctx, account.id),
      { action: 'sign_in', subjectType: 'e_account', subjectId: account.id, detail: { method: 'password' } },
      trx,
    )
    return true
  })
  return signedIn ? { kind: 'signed_in', accountId: account.id } : refuseLocked(ctx, account)
}
