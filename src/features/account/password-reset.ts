// A forgotten password. Asking for a reset always gets the same answer, so it cannot be used to
// find out who has an account; an account's owner gets a link that works once, for an hour, and
// asking again retires the earlier links. Setting the new password ends every session of the
// account (whoever knew the old password is signed out), lifts a lock, and tells the owner.
import { hashPassword } from '../../platform/auth/passwords.ts'
import { endSessionsOf } from '../../platform/auth/sessions.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { AccountContext } from './context.ts'
import { accountActor } from './context.ts'
import { sendAccountEmail } from './emails.ts'
import type { FieldErrors } from './forms.ts'
import { emailProblem, hasErrors, newPasswordProblems, personalWords } from './forms.ts'
import { normaliseEmail } from '../../platform/auth/email-address.ts'
import { issueLink, lookUpLink } from './links.ts'
import type { LinkProblem } from './confirm-email.ts'
import * as repo from './repo.ts'

export type ResetRequest = { ok: true } | { ok: false; errors: FieldErrors }

export async function requestPasswordReset(ctx: AccountContext, rawEmail: string): Promise<ResetRequest> {
  const email = normaliseEmail(rawEmail)
  const problem = emailProblem(email)
  if (problem) return { ok: false, errors: { email: problem } }
  await ctx.database.db.transaction().execute(async (trx) => {
    const account = await repo.accountByEmail(trx, ctx.council.id, email)
    if (!account) return
    const now = new Date()
    await repo.retireLinks(trx, account.id, 'reset_password', now.toISOString())
    const link = await issueLink(
      trx,
      {
        publicUrl: ctx.publicUrl,
        councilId: ctx.council.id,
        accountId: account.id,
        purpose: 'reset_password',
        email: account.email,
      },
      now,
    )
    await sendAccountEmail(trx, ctx, {
      template: 'reset-password',
      to: account.email,
      residentId: account.resident_id,
      link,
    })
    await recordAudit(
      ctx.database,
      accountActor(ctx, account.id),
      { action: 'password_reset_requested', subjectType: 'e_account', subjectId: account.id },
      trx,
    )
  })
  return { ok: true }
}

/** Whether a reset link can still be used, before the form is shown. */
export async function checkResetLink(ctx: AccountContext, token: string): Promise<LinkProblem | null> {
  const found = await lookUpLink(ctx.database.db, ctx.council.id, token, 'reset_password')
  return found.state === 'live' ? null : found.state
}

export type ResetResult = { ok: true } | { ok: false; problem: LinkProblem } | { ok: false; errors: FieldErrors }

export async function resetPassword(
  ctx: AccountContext,
  token: string,
  password: string,
  confirm: string,
): Promise<ResetResult> {
  const found = await lookUpLink(ctx.database.db, ctx.council.id, token, 'reset_password')
  if (found.state !== 'live') return { ok: false, problem: found.state }
  const account = await repo.accountById(ctx.database.db, ctx.council.id, found.link.e_account_id)
  if (!account) return { ok: false, problem: 'unknown' }
  const errors = newPasswordProblems(
    password,
    confirm,
    personalWords({ email: account.email, givenName: account.given_name, familyName: account.family_name }),
  )
  if (hasErrors(errors)) return { ok: false, errors }
  const passwordHash = await hashPassword(password)
  return ctx.database.db.transaction().execute(async (trx): Promise<ResetResult> => {
    // Used up inside the change, so of two tabs posting the same link only one sets a password.
    if (!(await repo.useLink(trx, found.link.id, new Date().toISOString()))) return { ok: false, problem: 'used' }
    await repo.setPassword(trx, account.id, passwordHash)
    await endSessionsOf(trx, 'resident', account.id)
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
        detail: { method: 'reset', sessionsEnded: 'all' },
      },
      trx,
    )
    return { ok: true }
  })
}
