// What a resident's sign-in through a provider such as GOV.UK One Login means: the e-account it
// belongs to, found by the provider's subject, else by email, else a new one. Only an email the
// provider has verified may take over an existing account or open a new one, and the account is
// joined to its resident record the way the e-accounts feature joins a confirmed account.
import { nowIso } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { endSessionsOf } from '../../platform/auth/sessions.ts'
import type { OidcClaims } from '../../platform/auth/oidc.ts'
import { emailOf, verifiedEmail } from '../../platform/auth/oidc.ts'
import type { AccountContext } from '../account/service.ts'
import { accountActor, insertAccount, linkResidentRecord } from '../account/service.ts'
import { linkedAccounts as repo } from '../account/service.ts'
import type { LinkedAccount } from '../account/service.ts'

export type ResidentRefusal = 'no_email' | 'email_not_verified' | 'email_in_use' | 'linked_to_another'

export type ResidentSignIn = { ok: true; accountId: number; created: boolean } | { ok: false; refusal: ResidentRefusal }

export type ResidentSignInInput = { ctx: AccountContext; claims: OidcClaims }

async function refuse(
  input: ResidentSignInInput,
  accountId: number | null,
  refusal: ResidentRefusal,
): Promise<ResidentSignIn> {
  const { ctx } = input
  await recordAudit(ctx.database, accountActor(ctx, accountId), {
    action: 'sign_in_failed',
    subjectType: 'e_account',
    subjectId: accountId,
    detail: { method: 'oidc', reason: refusal },
  })
  return { ok: false, refusal }
}

async function recordSignIn(
  trx: Queryable,
  ctx: AccountContext,
  accountId: number,
  detail: Record<string, unknown>,
): Promise<void> {
  await repo.markAccountSignedIn(trx, accountId, nowIso())
  await recordAudit(
    ctx.database,
    accountActor(ctx, accountId),
    { action: 'sign_in', subjectType: 'e_account', subjectId: accountId, detail: { method: 'oidc', ...detail } },
    trx,
  )
}

/** The provider has proven the account's email: mark it verified and join it to its resident record. */
async function proveEmail(trx: Queryable, ctx: AccountContext, accountId: number): Promise<void> {
  const account = await repo.accountForLinking(trx, ctx.council.id, accountId)
  if (account.verified_at === null) {
    await repo.markAccountVerified(trx, account.id, nowIso())
    await recordAudit(
      ctx.database,
      accountActor(ctx, account.id),
      { action: 'email_verified', subjectType: 'e_account', subjectId: account.id, detail: { method: 'oidc' } },
      trx,
    )
  }
  await linkResidentRecord(trx, ctx, accountActor(ctx, account.id), account)
}

async function signInLinked(input: ResidentSignInInput, account: LinkedAccount): Promise<ResidentSignIn> {
  await input.ctx.database.db.transaction().execute((trx) => recordSignIn(trx, input.ctx, account.id, {}))
  return { ok: true, accountId: account.id, created: false }
}

async function linkByEmail(input: ResidentSignInInput, account: LinkedAccount): Promise<ResidentSignIn> {
  const { ctx } = input
  // Anyone can type any address into a provider profile; only a verified one may take over an account.
  if (verifiedEmail(input.claims) === null) return refuse(input, account.id, 'email_in_use')
  if (account.oidc_subject !== null && account.oidc_subject !== input.claims.sub)
    return refuse(input, account.id, 'linked_to_another')
  const linked = await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await repo.linkAccountSubject(trx, account.id, input.claims.sub))) return false
    // An account never verified may have been opened by someone else in this person's name
    // (pre-account hijacking): the password they chose, and any session of theirs, end here.
    if (account.verified_at === null) {
      await repo.clearPassword(trx, account.id)
      await endSessionsOf(trx, 'resident', account.id)
    }
    await proveEmail(trx, ctx, account.id)
    await recordSignIn(trx, ctx, account.id, { linked: true })
    return true
  })
  if (!linked) return refuse(input, account.id, 'linked_to_another')
  return { ok: true, accountId: account.id, created: false }
}

function nameClaim(claims: OidcClaims, name: 'given_name' | 'family_name'): string | null {
  const value = claims[name]
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}

async function createAccount(input: ResidentSignInInput, email: string): Promise<ResidentSignIn> {
  const { ctx, claims } = input
  const accountId = await ctx.database.db.transaction().execute(async (trx) => {
    const now = nowIso()
    const id = await insertAccount(trx, {
      councilId: ctx.council.id,
      email,
      oidcSubject: claims.sub,
      givenName: nameClaim(claims, 'given_name'),
      familyName: nameClaim(claims, 'family_name'),
      passwordHash: null,
      verifiedAt: now,
      now,
    })
    await recordAudit(
      ctx.database,
      accountActor(ctx, id),
      { action: 'account_created', subjectType: 'e_account', subjectId: id, detail: { method: 'oidc' } },
      trx,
    )
    await linkResidentRecord(trx, ctx, accountActor(ctx, id), await repo.accountForLinking(trx, ctx.council.id, id))
    await recordSignIn(trx, ctx, id, {})
    return id
  })
  return { ok: true, accountId, created: true }
}

export async function signInResident(input: ResidentSignInInput): Promise<ResidentSignIn> {
  const { ctx, claims } = input
  const linked = await repo.accountBySubject(ctx.database.db, ctx.council.id, claims.sub)
  if (linked) return signInLinked(input, linked)
  const email = emailOf(claims)
  if (email === null) return refuse(input, null, 'no_email')
  const existing = await repo.accountByEmail(ctx.database.db, ctx.council.id, email)
  if (existing) return linkByEmail(input, existing)
  // An address nobody has proven would hold the account's place against its real owner.
  if (verifiedEmail(claims) === null) return refuse(input, null, 'email_not_verified')
  return createAccount(input, email)
}
