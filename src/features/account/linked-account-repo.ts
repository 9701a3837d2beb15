// Queries single sign-on makes of e-accounts: the account a provider's subject belongs to, linking
// a subject to it, and what a provider's proof of the email changes. E-accounts are this feature's
// table, so these live here and single sign-on calls them through service.ts.
import { sql } from 'kysely'
import type { Selectable } from 'kysely'
import type { EAccountTable, Queryable } from '../../platform/db/schema.ts'
import { accountById } from './repo.ts'
import type { Account } from './repo.ts'

const ACCOUNT_COLUMNS = ['id', 'email', 'oidc_subject', 'verified_at', 'resident_id'] as const

export type LinkedAccount = Pick<Selectable<EAccountTable>, (typeof ACCOUNT_COLUMNS)[number]>

export function accountBySubject(
  db: Queryable,
  councilId: number,
  subject: string,
): Promise<LinkedAccount | undefined> {
  return db
    .selectFrom('e_account')
    .select(ACCOUNT_COLUMNS)
    .where('council_id', '=', councilId)
    .where('oidc_subject', '=', subject)
    .executeTakeFirst()
}

export function accountByEmail(db: Queryable, councilId: number, email: string): Promise<LinkedAccount | undefined> {
  return db
    .selectFrom('e_account')
    .select(ACCOUNT_COLUMNS)
    .where('council_id', '=', councilId)
    .where(sql<string>`lower(email)`, '=', email)
    .executeTakeFirst()
}

export async function linkAccountSubject(db: Queryable, accountId: number, subject: string): Promise<boolean> {
  const result = await db
    .updateTable('e_account')
    .set({ oidc_subject: subject })
    .where('id', '=', accountId)
    .where((eb) => eb.or([eb('oidc_subject', 'is', null), eb('oidc_subject', '=', subject)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function clearPassword(db: Queryable, accountId: number): Promise<void> {
  await db.updateTable('e_account').set({ password_hash: null }).where('id', '=', accountId).execute()
}

export async function markAccountVerified(db: Queryable, accountId: number, now: string): Promise<void> {
  await db
    .updateTable('e_account')
    .set({ verified_at: now })
    .where('id', '=', accountId)
    .where('verified_at', 'is', null)
    .execute()
}

/** The account as the e-accounts feature reads it, to join it to a resident record: one this transaction has just found or made. */
export async function accountForLinking(db: Queryable, councilId: number, id: number): Promise<Account> {
  const account = await accountById(db, councilId, id)
  if (!account) throw new Error(`e-account ${id} is not in council ${councilId}`)
  return account
}

export async function markAccountSignedIn(db: Queryable, accountId: number, now: string): Promise<void> {
  await db.updateTable('e_account').set({ last_sign_in_at: now }).where('id', '=', accountId).execute()
}
