// Queries for resident e-accounts and the single-use links emailed to them. Every query names
// the council; emails are kept lower-cased and compared without regard to case.
import { sql } from 'kysely'
import type { Selectable } from 'kysely'
import type { EAccountTable, OneTimeLinkTable, Queryable } from '../../platform/db/schema.ts'
import type { OneTimeLinkPurpose } from '../../platform/db/values.ts'
import { inChunks, widthOf } from '../../platform/db/chunks.ts'

export type Account = Pick<
  Selectable<EAccountTable>,
  | 'id'
  | 'council_id'
  | 'resident_id'
  | 'email'
  | 'given_name'
  | 'family_name'
  | 'password_hash'
  | 'verified_at'
  | 'failed_sign_ins'
  | 'locked_until'
>
export type Link = Selectable<OneTimeLinkTable>

const ACCOUNT_COLUMNS = [
  'id',
  'council_id',
  'resident_id',
  'email',
  'given_name',
  'family_name',
  'password_hash',
  'verified_at',
  'failed_sign_ins',
  'locked_until',
] as const

export function accountByEmail(db: Queryable, councilId: number, email: string): Promise<Account | undefined> {
  return db
    .selectFrom('e_account')
    .select(ACCOUNT_COLUMNS)
    .where('council_id', '=', councilId)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst()
}

export function accountById(db: Queryable, councilId: number, id: number): Promise<Account | undefined> {
  return db
    .selectFrom('e_account')
    .select(ACCOUNT_COLUMNS)
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** A new e-account: with a password (unverified until its link is confirmed), or from a provider's subject. */
export type NewAccount = {
  councilId: number
  email: string
  givenName: string | null
  familyName: string | null
  passwordHash: string | null
  oidcSubject?: string | null
  verifiedAt?: string | null
  now: string
}

export async function insertAccount(db: Queryable, account: NewAccount): Promise<number> {
  const row = await db
    .insertInto('e_account')
    .values({
      council_id: account.councilId,
      resident_id: null,
      email: account.email,
      given_name: account.givenName,
      family_name: account.familyName,
      password_hash: account.passwordHash,
      oidc_subject: account.oidcSubject ?? null,
      verified_at: account.verifiedAt ?? null,
      mfa_secret: null,
      locked_until: null,
      created_at: account.now,
      last_sign_in_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** An account made already confirmed and joined to its resident, as a bulk load makes them (the demo council). */
export type JoinedAccount = {
  councilId: number
  residentId: number
  email: string
  givenName: string
  familyName: string
  createdAt: string
  verifiedAt: string | null
}

export async function insertJoinedAccounts(db: Queryable, accounts: readonly JoinedAccount[]): Promise<void> {
  const rows = accounts.map((account) => ({
    council_id: account.councilId,
    resident_id: account.residentId,
    email: account.email,
    given_name: account.givenName,
    family_name: account.familyName,
    // No password: the resident sets one through "forgot your password", or signs in with their provider.
    password_hash: null,
    oidc_subject: null,
    verified_at: account.verifiedAt,
    mfa_secret: null,
    locked_until: null,
    created_at: account.createdAt,
    last_sign_in_at: null,
  }))
  for (const chunk of inChunks(rows, widthOf(rows))) await db.insertInto('e_account').values(chunk).execute()
}

/**
 * Counts one more wrong password in a single statement, so guesses sent side by side are each
 * counted; an account already locked counts nothing more (undefined), or it would be locked
 * again the moment its lock ran out.
 */
export async function countFailure(db: Queryable, id: number, now: string): Promise<number | undefined> {
  const row = await db
    .updateTable('e_account')
    .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
    .where('id', '=', id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('failed_sign_ins')
    .executeTakeFirst()
  return row?.failed_sign_ins
}

export async function recordFailure(
  db: Queryable,
  id: number,
  failedSignIns: number,
  lockedUntil: string | null,
): Promise<void> {
  await db
    .updateTable('e_account')
    .set({ failed_sign_ins: failedSignIns, locked_until: lockedUntil })
    .where('id', '=', id)
    .execute()
}

export async function clearFailures(db: Queryable, id: number): Promise<void> {
  await db.updateTable('e_account').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', id).execute()
}

export async function markSignedIn(db: Queryable, id: number, now: string): Promise<void> {
  await db
    .updateTable('e_account')
    .set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: now })
    .where('id', '=', id)
    .execute()
}

export async function setPassword(db: Queryable, id: number, passwordHash: string): Promise<void> {
  await db
    .updateTable('e_account')
    .set({ password_hash: passwordHash, failed_sign_ins: 0, locked_until: null })
    .where('id', '=', id)
    .execute()
}

export async function markVerified(db: Queryable, id: number, now: string): Promise<void> {
  await db
    .updateTable('e_account')
    .set({ verified_at: now })
    .where('id', '=', id)
    .where('verified_at', 'is', null)
    .execute()
}

export async function setEmail(db: Queryable, id: number, email: string): Promise<void> {
  await db.updateTable('e_account').set({ email }).where('id', '=', id).execute()
}

export async function linkResident(db: Queryable, id: number, residentId: number): Promise<void> {
  await db
    .updateTable('e_account')
    .set({ resident_id: residentId })
    .where('id', '=', id)
    .where('resident_id', 'is', null)
    .execute()
}

/** Whether a verified account other than this one already stands for the resident. */
export async function residentHasOtherVerifiedAccount(
  db: Queryable,
  councilId: number,
  residentId: number,
  accountId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('e_account')
    .select('id')
    .where('council_id', '=', councilId)
    .where('resident_id', '=', residentId)
    .where('id', '!=', accountId)
    .where('verified_at', 'is not', null)
    .executeTakeFirst()
  return row !== undefined
}

export async function insertLink(db: Queryable, link: Omit<Link, 'used_at'>): Promise<void> {
  await db
    .insertInto('one_time_link')
    .values({ ...link, used_at: null })
    .execute()
}

export function linkById(
  db: Queryable,
  councilId: number,
  id: string,
  purpose: OneTimeLinkPurpose,
): Promise<Link | undefined> {
  return db
    .selectFrom('one_time_link')
    .selectAll()
    .where('id', '=', id)
    .where('council_id', '=', councilId)
    .where('purpose', '=', purpose)
    .executeTakeFirst()
}

/** Marks a link used if nobody has used it yet: of two people presenting it at once, one wins. */
export async function useLink(db: Queryable, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('one_time_link')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Retires every unused link of an account for a purpose: only the newest, or none, may work. */
export async function retireLinks(
  db: Queryable,
  accountId: number,
  purpose: OneTimeLinkPurpose,
  now: string,
): Promise<void> {
  await db
    .updateTable('one_time_link')
    .set({ used_at: now })
    .where('e_account_id', '=', accountId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute()
}

/** A change of email waiting for its link to be followed: the newest live verify link to another address. */
export async function pendingEmail(
  db: Queryable,
  account: Pick<Account, 'id' | 'email'>,
  now: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('one_time_link')
    .select('email')
    .where('e_account_id', '=', account.id)
    .where('purpose', '=', 'verify_email')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('email', '!=', account.email)
    .orderBy('created_at', 'desc')
    .executeTakeFirst()
  return row?.email
}

export type AccountStanding = {
  verified_at: string | null
  locked_until: string | null
  last_sign_in_at: string | null
}

/** The online accounts linked to a resident, most recently used first: what the desk shows of them. */
export function accountsOfResident(db: Queryable, councilId: number, residentId: number): Promise<AccountStanding[]> {
  return db
    .selectFrom('e_account')
    .select(['verified_at', 'locked_until', 'last_sign_in_at'])
    .where('council_id', '=', councilId)
    .where('resident_id', '=', residentId)
    .orderBy('last_sign_in_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** Leaves a closed account nothing to sign in with and nothing that names the person. */
export async function wipeAccount(db: Queryable, id: number, closedEmail: string): Promise<void> {
  await db
    .updateTable('e_account')
    .set({
      email: closedEmail,
      resident_id: null,
      given_name: null,
      family_name: null,
      password_hash: null,
      oidc_subject: null,
      mfa_secret: null,
      verified_at: null,
      failed_sign_ins: 0,
      locked_until: null,
    })
    .where('id', '=', id)
    .execute()
}
