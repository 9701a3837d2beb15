// Queries for single sign-on: finding the staff member or e-account a provider's subject
// belongs to, linking a subject to an account, and replacing a person's roles.
import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import type { Database } from '../../platform/db/schema.ts'
import type { Role } from '../../platform/db/values.ts'
import type { linkResidentRecord } from '../account/service.ts'

type Db = Kysely<Database>

export type LinkedStaff = { id: number; active: number; oidc_subject: string | null }

const STAFF_COLUMNS = ['id', 'active', 'oidc_subject'] as const

export function staffBySubject(db: Db, councilId: number, subject: string): Promise<LinkedStaff | undefined> {
  return db.selectFrom('staff_user').select(STAFF_COLUMNS).where('council_id', '=', councilId).where('oidc_subject', '=', subject).executeTakeFirst()
}

/** Emails are compared without regard to case: providers and administrators do not agree on it. */
export function staffByEmail(db: Db, councilId: number, email: string): Promise<LinkedStaff | undefined> {
  return db.selectFrom('staff_user').select(STAFF_COLUMNS).where('council_id', '=', councilId).where(sql<string>`lower(email)`, '=', email).executeTakeFirst()
}

export async function rolesOf(db: Db, staffId: number): Promise<Role[]> {
  const rows = await db.selectFrom('staff_role').select('role').where('staff_user_id', '=', staffId).orderBy('role').execute()
  return rows.map((row) => row.role)
}

export async function replaceRoles(db: Db, councilId: number, staffId: number, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('staff_role').where('staff_user_id', '=', staffId).execute()
  await db
    .insertInto('staff_role')
    .values(roles.map((role) => ({ staff_user_id: staffId, council_id: councilId, role })))
    .execute()
}

/** Links a subject only to an account not yet linked to another, so of two people racing for one account one wins. */
export async function linkStaffSubject(db: Db, staffId: number, subject: string): Promise<boolean> {
  const result = await db
    .updateTable('staff_user')
    .set({ oidc_subject: subject })
    .where('id', '=', staffId)
    .where((eb) => eb.or([eb('oidc_subject', 'is', null), eb('oidc_subject', '=', subject)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function markStaffSignedIn(db: Db, staffId: number, now: string): Promise<void> {
  await db.updateTable('staff_user').set({ last_sign_in_at: now }).where('id', '=', staffId).execute()
}

export type LinkedAccount = { id: number; email: string; oidc_subject: string | null; verified_at: string | null; resident_id: number | null }

const ACCOUNT_COLUMNS = ['id', 'email', 'oidc_subject', 'verified_at', 'resident_id'] as const

export function accountBySubject(db: Db, councilId: number, subject: string): Promise<LinkedAccount | undefined> {
  return db.selectFrom('e_account').select(ACCOUNT_COLUMNS).where('council_id', '=', councilId).where('oidc_subject', '=', subject).executeTakeFirst()
}

export function accountByEmail(db: Db, councilId: number, email: string): Promise<LinkedAccount | undefined> {
  return db.selectFrom('e_account').select(ACCOUNT_COLUMNS).where('council_id', '=', councilId).where(sql<string>`lower(email)`, '=', email).executeTakeFirst()
}

export async function linkAccountSubject(db: Db, accountId: number, subject: string): Promise<boolean> {
  const result = await db
    .updateTable('e_account')
    .set({ oidc_subject: subject })
    .where('id', '=', accountId)
    .where((eb) => eb.or([eb('oidc_subject', 'is', null), eb('oidc_subject', '=', subject)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function clearPassword(db: Db, accountId: number): Promise<void> {
  await db.updateTable('e_account').set({ password_hash: null }).where('id', '=', accountId).execute()
}

export async function markAccountVerified(db: Db, accountId: number, now: string): Promise<void> {
  await db.updateTable('e_account').set({ verified_at: now }).where('id', '=', accountId).where('verified_at', 'is', null).execute()
}


/** The account as the e-accounts feature joins it to a resident record. */
export type AccountForLinking = Parameters<typeof linkResidentRecord>[3]

export function accountForLinking(db: Db, councilId: number, id: number): Promise<AccountForLinking> {
  return db
    .selectFrom('e_account')
    .select(['id', 'council_id', 'resident_id', 'email', 'given_name', 'family_name', 'password_hash', 'verified_at', 'failed_sign_ins', 'locked_until'])
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
}

export async function markAccountSignedIn(db: Db, accountId: number, now: string): Promise<void> {
  await db.updateTable('e_account').set({ last_sign_in_at: now }).where('id', '=', accountId).execute()
}
