// Queries for single sign-on: finding the staff member or e-account a provider's subject
// belongs to, linking a subject to an account, and replacing a person's roles.
import { sql } from 'kysely'
import type { Selectable } from 'kysely'
import type { EAccountTable, StaffUserTable, Queryable } from '../../platform/db/schema.ts'
import type { Role } from '../../platform/db/values.ts'
import { accountById } from '../account/service.ts'
import type { Account } from '../account/service.ts'

const STAFF_COLUMNS = ['id', 'active', 'oidc_subject'] as const

export type LinkedStaff = Pick<Selectable<StaffUserTable>, (typeof STAFF_COLUMNS)[number]>

export function staffBySubject(db: Queryable, councilId: number, subject: string): Promise<LinkedStaff | undefined> {
  return db
    .selectFrom('staff_user')
    .select(STAFF_COLUMNS)
    .where('council_id', '=', councilId)
    .where('oidc_subject', '=', subject)
    .executeTakeFirst()
}

/** Emails are compared without regard to case: providers and administrators do not agree on it. */
export function staffByEmail(db: Queryable, councilId: number, email: string): Promise<LinkedStaff | undefined> {
  return db
    .selectFrom('staff_user')
    .select(STAFF_COLUMNS)
    .where('council_id', '=', councilId)
    .where(sql<string>`lower(email)`, '=', email)
    .executeTakeFirst()
}

/** A person's roles in a stable order, read as the password sign-in reads them. */
export { staffRolesOf as rolesOf } from '../../platform/auth/staff-roles.ts'

export async function replaceRoles(
  db: Queryable,
  councilId: number,
  staffId: number,
  roles: readonly Role[],
): Promise<void> {
  await db.deleteFrom('staff_role').where('staff_user_id', '=', staffId).execute()
  await db
    .insertInto('staff_role')
    .values(roles.map((role) => ({ staff_user_id: staffId, council_id: councilId, role })))
    .execute()
}

/** Links a subject only to an account not yet linked to another, so of two people racing for one account one wins. */
export async function linkStaffSubject(db: Queryable, staffId: number, subject: string): Promise<boolean> {
  const result = await db
    .updateTable('staff_user')
    .set({ oidc_subject: subject })
    .where('id', '=', staffId)
    .where((eb) => eb.or([eb('oidc_subject', 'is', null), eb('oidc_subject', '=', subject)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function markStaffSignedIn(db: Queryable, staffId: number, now: string): Promise<void> {
  await db.updateTable('staff_user').set({ last_sign_in_at: now }).where('id', '=', staffId).execute()
}

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
