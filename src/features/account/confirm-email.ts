// Following a link to confirm an email address. For a new account it proves the address, and
// only then is the account joined to a resident record: the one that already carries this
// address, when exactly one does and no other confirmed account speaks for it, or else a new
// record made from the name the person gave. For a change of email it moves the account to the
// new address and tells the old one. Each is one transaction, audited.
import type { Queryable } from '../../platform/db/schema.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { createResident, findResidentsByEmail } from '../residents/service.ts'
import type { AccountContext } from './context.ts'
import { accountActor } from './context.ts'
import { sendAccountEmail } from './emails.ts'
import { issueLink, lookUpLink } from './links.ts'
import type { LinkState } from './links.ts'
import { accountOfProof, resendProof } from './proof.ts'
import * as repo from './repo.ts'
import type { Account, Link } from './repo.ts'

export type LinkProblem = 'unknown' | 'used' | 'expired'

export type ConfirmResult =
  | { kind: 'verified'; linked: 'existing' | 'new' | 'none' }
  | { kind: 'already_verified' }
  | { kind: 'email_changed' }
  | { kind: 'email_taken' }
  | { kind: 'problem'; problem: LinkProblem; resendProof?: string }

/**
 * Joins a newly proven account to its resident record. Returns which record it was: one found by
 * the address (`existing`), a new one (`new`), or none when the account has no name to make one
 * from. Several records with the one address, or a record another confirmed account already
 * speaks for, are not guessed between: the person gets a record of their own, for staff to merge.
 */
export async function linkResidentRecord(
  trx: Queryable,
  ctx: AccountContext,
  actor: Actor,
  account: Account,
): Promise<'existing' | 'new' | 'none'> {
  if (account.resident_id !== null) return 'existing'
  const matches = await findResidentsByEmail(trx, ctx.council.id, account.email, 2)
  const only = matches.length === 1 ? matches[0] : undefined
  let residentId: number
  let linked: 'existing' | 'new'
  if (only !== undefined && !(await repo.residentHasOtherVerifiedAccount(trx, ctx.council.id, only, account.id))) {
    residentId = only
    linked = 'existing'
  } else {
    if (!account.given_name || !account.family_name) return 'none'
    const resident = await createResident(
      ctx.database,
      actor,
      ctx.council.id,
      { given_name: account.given_name, family_name: account.family_name, emails: [account.email] },
      trx,
    )
    residentId = resident.id
    linked = 'new'
  }
  await repo.linkResident(trx, account.id, residentId)
  await recordAudit(
    ctx.database,
    actor,
    {
      action: 'account_linked',
      subjectType: 'e_account',
      subjectId: account.id,
      detail: { residentId, record: linked },
    },
    trx,
  )
  return linked
}

async function proveAddress(
  trx: Queryable,
  ctx: AccountContext,
  account: Account,
  now: string,
): Promise<ConfirmResult> {
  if (account.verified_at !== null) return { kind: 'already_verified' }
  const actor = accountActor(ctx, account.id)
  await repo.markVerified(trx, account.id, now)
  await recordAudit(
    ctx.database,
    actor,
    { action: 'email_verified', subjectType: 'e_account', subjectId: account.id },
    trx,
  )
  return { kind: 'verified', linked: await linkResidentRecord(trx, ctx, actor, account) }
}

async function moveAddress(
  trx: Queryable,
  ctx: AccountContext,
  account: Account,
  newEmail: string,
  now: string,
): Promise<ConfirmResult> {
  const holder = await repo.accountByEmail(trx, ctx.council.id, newEmail)
  if (holder && holder.id !== account.id) return { kind: 'email_taken' }
  await repo.setEmail(trx, account.id, newEmail)
  // Links sent to the old address must not outlive it.
  await repo.retireLinks(trx, account.id, 'reset_password', now)
  await repo.retireLinks(trx, account.id, 'verify_email', now)
  await sendAccountEmail(trx, ctx, { template: 'email-changed', to: account.email, residentId: account.resident_id })
  await recordAudit(
    ctx.database,
    accountActor(ctx, account.id),
    { action: 'email_changed', subjectType: 'e_account', subjectId: account.id },
    trx,
  )
  return { kind: 'email_changed' }
}

/** An expired link to confirm a new account's address may be replaced from its own page. */
async function proofForExpired(ctx: AccountContext, link: Link): Promise<string | undefined> {
  const account = await repo.accountById(ctx.database.db, ctx.council.id, link.e_account_id)
  return account && account.verified_at === null && account.email === link.email
    ? resendProof(ctx.secret, account.id)
    : undefined
}

function problemWith(
  ctx: AccountContext,
  found: Exclude<LinkState, { state: 'live' }>,
): Promise<ConfirmResult> | ConfirmResult {
  if (found.state !== 'expired') return { kind: 'problem', problem: found.state }
  return proofForExpired(ctx, found.link).then((proof) => ({ kind: 'problem', problem: 'expired', resendProof: proof }))
}

/** What the link's page should offer before anything is used up: the button (null), or why not. */
export async function checkVerifyLink(ctx: AccountContext, token: string): Promise<ConfirmResult | null> {
  const found = await lookUpLink(ctx.database.db, ctx.council.id, token, 'verify_email')
  return found.state === 'live' ? null : problemWith(ctx, found)
}

export async function confirmEmail(ctx: AccountContext, token: string): Promise<ConfirmResult> {
  const now = new Date()
  const outcome = await ctx.database.db
    .transaction()
    .execute(async (trx): Promise<ConfirmResult | Exclude<LinkState, { state: 'live' }>> => {
      const found = await lookUpLink(trx, ctx.council.id, token, 'verify_email', now)
      if (found.state !== 'live') return found
      if (!(await repo.useLink(trx, found.link.id, now.toISOString()))) return { state: 'used', link: found.link }
      const account = await repo.accountById(trx, ctx.council.id, found.link.e_account_id)
      if (!account) return { state: 'unknown' }
      if (found.link.email === account.email) return proveAddress(trx, ctx, account, now.toISOString())
      return moveAddress(trx, ctx, account, found.link.email, now.toISOString())
    })
  return 'state' in outcome ? problemWith(ctx, outcome) : outcome
}

/** Sends a fresh link to an unconfirmed account's own address; older ones stop working. */
export async function resendVerification(ctx: AccountContext, proof: string): Promise<boolean> {
  const accountId = accountOfProof(ctx.secret, proof)
  if (accountId === undefined) return false
  await ctx.database.db.transaction().execute(async (trx) => {
    const account = await repo.accountById(trx, ctx.council.id, accountId)
    if (!account || account.verified_at !== null) return
    const now = new Date()
    await repo.retireLinks(trx, account.id, 'verify_email', now.toISOString())
    const link = await issueLink(
      trx,
      {
        publicUrl: ctx.publicUrl,
        councilId: ctx.council.id,
        accountId: account.id,
        purpose: 'verify_email',
        email: account.email,
      },
      now,
    )
    await sendAccountEmail(trx, ctx, { template: 'verify-email', to: account.email, link })
  })
  return true
}
