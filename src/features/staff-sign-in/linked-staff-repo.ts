// Queries single sign-on makes of staff accounts: the member of staff a provider's subject belongs
// to, linking a subject to them, and replacing their roles with the provider's. Staff accounts are
// this feature's tables, so these live here and single sign-on calls them through service.ts.
import { sql } from 'kysely'
import type { Selectable } from 'kysely'
import type { StaffUserTable, Queryable } from '../../platform/db/schema.ts'
import type { Role } from '../../platform/db/values.ts'

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
