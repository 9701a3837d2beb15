// Creating an e-account. What the person sees afterwards is the same whether or not the address
// already had an account ("check your email"), so the form cannot be used to find out who has
// one: a new address gets a link to confirm it, an address with an account gets an email saying
// so. Either way nothing is linked to a resident record until the address is confirmed.
import { isUniqueViolation } from '../../platform/db/errors.ts'
import { hashPassword } from '../../platform/auth/passwords.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { AccountContext } from './context.ts'
import { accountActor } from './context.ts'
import { sendAccountEmail } from './emails.ts'
import type { FieldErrors } from './forms.ts'
import { emailProblem, hasErrors, nameProblem, newPasswordProblems, personalWords } from './forms.ts'
import { normaliseEmail } from '../../platform/auth/email-address.ts'
import { issueLink } from './links.ts'
import * as repo from './repo.ts'
import type { Queryable } from '../../platform/db/schema.ts'

export type CreateAccountInput = {
  givenName: string
  familyName: string
  email: string
  password: string
  confirm: string
}

export type CreateAccountResult = { ok: true; email: string } | { ok: false; errors: FieldErrors }

function problems(input: CreateAccountInput, email: string): FieldErrors {
  const errors: FieldErrors = {
    given_name: nameProblem(input.givenName, 'first'),
    family_name: nameProblem(input.familyName, 'last'),
    email: emailProblem(email),
  }
  return {
    ...errors,
    ...newPasswordProblems(
      input.password,
      input.confirm,
      personalWords({ email, givenName: input.givenName, familyName: input.familyName }),
    ),
  }
}

function tellOwner(db: Queryable, ctx: AccountContext, email: string): Promise<void> {
  return sendAccountEmail(db, ctx, { template: 'account-exists', to: email })
}

export async function createAccount(ctx: AccountContext, raw: CreateAccountInput): Promise<CreateAccountResult> {
  const input = { ...raw, givenName: raw.givenName.trim(), familyName: raw.familyName.trim() }
  const email = normaliseEmail(raw.email)
  const errors = problems(input, email)
  if (hasErrors(errors)) return { ok: false, errors }
  // Hashed whether or not the account exists, so both answers take as long.
  const passwordHash = await hashPassword(input.password)
  try {
    await ctx.database.db.transaction().execute(async (trx) => {
      if (await repo.accountByEmail(trx, ctx.council.id, email)) return tellOwner(trx, ctx, email)
      const now = new Date()
      const id = await repo.insertAccount(trx, {
        councilId: ctx.council.id,
        email,
        givenName: input.givenName,
        familyName: input.familyName,
        passwordHash,
        now: now.toISOString(),
      })
      const link = await issueLink(
        trx,
        { publicUrl: ctx.publicUrl, councilId: ctx.council.id, accountId: id, purpose: 'verify_email', email },
        now,
      )
      await sendAccountEmail(trx, ctx, { template: 'verify-email', to: email, link })
      await recordAudit(
        ctx.database,
        accountActor(ctx, id),
        { action: 'account_created', subjectType: 'e_account', subjectId: id, detail: { method: 'password' } },
        trx,
      )
    })
  } catch (error) {
    // Someone created an account for the same address at the same moment: theirs stands.
    if (!isUniqueViolation(error)) throw error
    await tellOwner(ctx.database.db, ctx, email)
  }
  return { ok: true, email }
}
