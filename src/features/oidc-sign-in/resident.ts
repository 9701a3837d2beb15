// What a resident's sign-in through a provider such as GOV.UK One Login means: the e-account it
// belongs to, found by the provider's subject, else by email, else a new one. An existing
// account is taken over by the provider's identity only when the provider has verified the
// email address, and an account reaches a resident record only once its email is proven.
import type { Kysely } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Database } from '../../platform/db/schema.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { OidcClaims } from '../../platform/auth/oidc.ts'
import { emailOf, verifiedEmail } from '../../platform/auth/oidc.ts'
import * as repo from './repo.ts'
import type { LinkedAccount } from './repo.ts'
import { linkAccountToResident } from './resident-link.ts'
import { endSessionsOf } from '../../platform/auth/sessions.ts'

export type ResidentRefusal = 'no_email' | 'email_not_verified' | 'linked_to_another'

export type ResidentSignIn = { ok: true; accountId: number; created: boolean } | { ok: false; refusal: ResidentRefusal }

export type ResidentSignInInput = { councilId: number; claims: OidcClaims; sourceAddress: string }

function actorFor(accountId: number | null, input: ResidentSignInInput): Actor {
  return { kind: 'resident', id: accountId, label: accountId === null ? 'anonymous' : `account:${accountId}`, councilId: input.councilId, sourceAddress: input.sourceAddress }
}

async function refuse(database: Db, input: ResidentSignInInput, accountId: number | null, refusal: ResidentRefusal): Promise<ResidentSignIn> {
  await recordAudit(database, actorFor(accountId, input), { action: 'sign_in_failed', subjectType: 'e_account', subjectId: accountId, detail: { method: 'oidc', reason: refusal } })
  return { ok: false, refusal }
}

/** The provider has proven the account's email: mark it verified and join it to its resident. */
async function proveEmail(trx: Kysely<Database>, councilId: number, account: Pick<LinkedAccount, 'id' | 'verified_at' | 'resident_id'>, email: string, now: string): Promise<void> {
  if (account.verified_at === null) await repo.markAccountVerified(trx, account.id, now)
  if (account.resident_id === null) await linkAccountToResident(trx, councilId, account.id, email)
}

async function signInLinked(database: Db, input: ResidentSignInInput, account: LinkedAccount): Promise<ResidentSignIn> {
  const email = verifiedEmail(input.claims)
  const proves = email !== null && email === account.email.toLowerCase()
  await database.db.transaction().execute(async (trx) => {
    const now = nowIso()
    if (proves) await proveEmail(trx, input.councilId, account, email, now)
    await repo.markAccountSignedIn(trx, account.id, now)
    await recordAudit(database, actorFor(account.id, input), { action: 'sign_in', subjectType: 'e_account', subjectId: account.id, detail: { method: 'oidc' } }, trx)
  })
  return { ok: true, accountId: account.id, created: false }
}

async function linkByEmail(database: Db, input: ResidentSignInInput, account: LinkedAccount): Promise<ResidentSignIn> {
  const email = verifiedEmail(input.claims)
  // Anyone can type any address into a provider profile; only a verified one may take over an account.
  if (email === null) return refuse(database, input, account.id, 'email_not_verified')
  if (account.oidc_subject !== null && account.oidc_subject !== input.claims.sub) return refuse(database, input, account.id, 'linked_to_another')
  const linked = await database.db.transaction().execute(async (trx) => {
    if (!(await repo.linkAccountSubject(trx, account.id, input.claims.sub))) return false
    // An account never verified may have been opened by someone else in this person's name
    // (pre-account hijacking): the password they chose, and any session of theirs, end here.
    if (account.verified_at === null) {
      await repo.clearPassword(trx, account.id)
      await endSessionsOf(trx, 'resident', account.id)
    }
    const now = nowIso()
    await proveEmail(trx, input.councilId, account, email, now)
    await repo.markAccountSignedIn(trx, account.id, now)
    await recordAudit(database, actorFor(account.id, input), { action: 'sign_in', subjectType: 'e_account', subjectId: account.id, detail: { method: 'oidc', linked: true } }, trx)
    return true
  })
  if (!linked) return refuse(database, input, account.id, 'linked_to_another')
  return { ok: true, accountId: account.id, created: false }
}

async function createAccount(database: Db, input: ResidentSignInInput, email: string): Promise<ResidentSignIn> {
  const verified = verifiedEmail(input.claims) !== null
  const accountId = await database.db.transaction().execute(async (trx) => {
    const now = nowIso()
    const id = await repo.insertAccount(trx, { councilId: input.councilId, email, subject: input.claims.sub, verifiedAt: verified ? now : null, now })
    if (verified) await linkAccountToResident(trx, input.councilId, id, email)
    await repo.markAccountSignedIn(trx, id, now)
    const actor = actorFor(id, input)
    await recordAudit(database, actor, { action: 'account_created', subjectType: 'e_account', subjectId: id, detail: { method: 'oidc', verified } }, trx)
    await recordAudit(database, actor, { action: 'sign_in', subjectType: 'e_account', subjectId: id, detail: { method: 'oidc' } }, trx)
    return id
  })
  return { ok: true, accountId, created: true }
}

export async function signInResident(database: Db, input: ResidentSignInInput): Promise<ResidentSignIn> {
  const linked = await repo.accountBySubject(database.db, input.councilId, input.claims.sub)
  if (linked) return signInLinked(database, input, linked)
  const email = emailOf(input.claims)
  if (email === null) return refuse(database, input, null, 'no_email')
  const existing = await repo.accountByEmail(database.db, input.councilId, email)
  if (existing) return linkByEmail(database, input, existing)
  return createAccount(database, input, email)
}
