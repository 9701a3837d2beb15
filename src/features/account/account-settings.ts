// What a signed-in resident can do to their own account: see it, change their password (which
// signs out every other device), change their email (which only happens once the new address is
// confirmed from a link sent to it), and sign out here or everywhere. Each change asks for the
// current password first, and wrong ones count toward the lock as at sign-in.
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.ts'
import { endSession, endSessionsOf } from '../../platform/auth/sessions.ts'
import { pause } from '../../platform/auth/lockout.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { AccountContext } from './context.ts'
import { accountActor } from './context.ts'
import { sendAccountEmail } from './emails.ts'
import type { FieldErrors } from './forms.ts'
import { emailProblem, hasErrors, newPasswordProblems, personalWords } from './forms.ts'
import { normaliseEmail } from '../../platform/auth/email-address.ts'
import { issueLink } from './links.ts'
import * as repo from './repo.ts'
import type { Account } from './repo.ts'
import { recordWrongPassword } from './sign-in.ts'

export type AccountSummary = {
  givenName: string | null
  familyName: string | null
  email: string
  /** Whether the account is joined to the resident's record (only ever once its email is confirmed). */
  linked: boolean
  verified: boolean
  /** A new address waiting for its link to be followed. */
  pendingEmail: string | null
  /** False for an account made by signing in through a provider: it has no password here to change. */
  hasPassword: boolean
}

export async function accountSummary(ctx: AccountContext, accountId: number): Promise<AccountSummary | undefined> {
  const account = await repo.accountById(ctx.database.db, ctx.council.id, accountId)
  if (!account) return undefined
  const verified = account.verified_at !== null
  return {
    givenName: account.given_name,
    familyName: account.family_name,
    email: account.email,
    linked: verified && account.resident_id !== null,
    verified,
    pendingEmail: (await repo.pendingEmail(ctx.database.db, account, new Date().toISOString())) ?? null,
    hasPassword: account.password_hash !== null,
  }
}

/** A wrong current password is refused, counted, and may lock the account (which then signs it out everywhere). */
type CurrentPassword = { ok: true; account: Account } | { ok: false; errors: FieldErrors; locked: boolean }

const WRONG_CURRENT = 'Your current password is not right'

async function checkCurrentPassword(
  ctx: AccountContext,
  accountId: number,
  password: string,
): Promise<CurrentPassword> {
  const account = await repo.accountById(ctx.database.db, ctx.council.id, accountId)
  if (!account) return { ok: false, errors: { current: WRONG_CURRENT }, locked: true }
  if (password === '') return { ok: false, errors: { current: 'Enter your current password' }, locked: false }
  if (account.password_hash && (await verifyPassword(password, account.password_hash))) return { ok: true, account }
  const outcome = await ctx.database.db.transaction().execute(async (trx) => {
    const failure = await recordWrongPassword(trx, ctx, account, 'wrong_current_password')
    if (failure.locked) await endSessionsOf(trx, 'resident', account.id)
    return failure
  })
  await pause(outcome.delayMs)
  return { ok: false, errors: { current: WRONG_CURRENT }, locked: outcome.locked }
}

export type ChangeResult = { ok: true } | { ok: false; errors: FieldErrors; locked: boolean }

export async function changePassword(
  ctx: AccountContext,
  accountId: number,
  sessionId: string,
  input: { current: string; password: string; confirm: string },
): Promise<ChangeResult> {
  const checked = await checkCurrentPassword(ctx, accountId, input.current)
  if (!checked.ok) return checked
  const account = checked.account
  const errors = newPasswordProblems(
    input.password,
    input.confirm,
    personalWords({ email: account.email, givenName: account.given_name, familyName: account.family_name }),
  )
  if (hasErrors(errors)) return { ok: false, errors, locked: false }
  const passwordHash = await hashPassword(input.password)
  await ctx.database.db.transaction().execute(async (trx) => {
    await repo.setPassword(trx, account.id, passwordHash)
    await endSessionsOf(trx, 'resident', account.id, sessionId)
    await repo.retireLinks(trx, account.id, 'reset_password', new Date().toISOString())
    await sendAccountEmail(trx, ctx, {
      template: 'password-changed',
      to: account.email,
      residentId: account.resident_id,
    })
    await recordAudit(
      ctx.database,
      accountActor(ctx, account.id),
      {
        action: 'password_changed',
        subjectType: 'e_account',
        subjectId: account.id,
        detail: { method: 'change', sessionsEnded: 'others' },
      },
      trx,
    )
  })
  return { ok: true }
}

export type EmailChangeResult = { ok: true; email: string } | { ok: false; errors: FieldErrors; locked: boolean }

export async function requestEmailChange(
  ctx: AccountContext,
  accountId: number,
  input: { email: string; current: string },
): Promise<EmailChangeResult> {
  const email = normaliseEmail(input.email)
  const problem = emailProblem(email)
  if (problem) return { ok: false, errors: { email: problem }, locked: false }
  const checked = await checkCurrentPassword(ctx, accountId, input.current)
  if (!checked.ok) return checked
  const account = checked.account
  if (email === account.email)
    return { ok: false, errors: { email: 'This is already the email address for your account' }, locked: false }
  await ctx.database.db.transaction().execute(async (trx) => {
    // Whoever holds an address that already has an account is told so; this person is told only that a link was sent.
    if (await repo.accountByEmail(trx, ctx.council.id, email))
      return sendAccountEmail(trx, ctx, { template: 'account-exists', to: email })
    const now = new Date()
    await repo.retireLinks(trx, account.id, 'verify_email', now.toISOString())
    const link = await issueLink(
      trx,
      { publicUrl: ctx.publicUrl, councilId: ctx.council.id, accountId: account.id, purpose: 'verify_email', email },
      now,
    )
    await sendAccountEmail(trx, ctx, { template: 'verify-email', to: email, link })
    await recordAudit(
      ctx.database,
      accountActor(ctx, account.id),
      { action: 'email_change_requested', subjectType: 'e_account', subjectId: account.id },
      trx,
    )
  })
  return { ok: true, email }
}

/** Ends this session, or every session of the account, with its audit event in the same transaction. */
export async function signOut(
  ctx: AccountContext,
  accountId: number,
  ending: { sessionId: string } | 'everywhere',
): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    if (ending === 'everywhere') await endSessionsOf(trx, 'resident', accountId)
    else await endSession(trx, ending.sessionId)
    await recordAudit(
      ctx.database,
      accountActor(ctx, accountId),
      {
        action: ending === 'everywhere' ? 'sign_out_everywhere' : 'sign_out',
        subjectType: 'e_account',
        subjectId: accountId,
      },
      trx,
    )
  })
}
