// Queries for staff sign-in: the account's password, second factor and lockout state, its
// recovery codes, and creating or disabling accounts from the command line.
import { sql } from 'kysely'
import type { Selectable } from 'kysely'
import type { StaffUserTable, Queryable } from '../../platform/db/schema.ts'
import type { Role } from '../../platform/db/values.ts'

const ACCOUNT_COLUMNS = [
  'id',
  'council_id',
  'name',
  'email',
  'password_hash',
  'totp_secret',
  'totp_last_step',
  'active',
  'must_change_password',
  'failed_sign_ins',
  'locked_until',
] as const

export type StaffAccount = Pick<Selectable<StaffUserTable>, (typeof ACCOUNT_COLUMNS)[number]>

export function staffByEmail(db: Queryable, councilId: number, email: string): Promise<StaffAccount | undefined> {
  return db
    .selectFrom('staff_user')
    .select(ACCOUNT_COLUMNS)
    .where('council_id', '=', councilId)
    .where('email', '=', email)
    .executeTakeFirst()
}

export function staffById(db: Queryable, councilId: number, id: number): Promise<StaffAccount | undefined> {
  return db
    .selectFrom('staff_user')
    .select(ACCOUNT_COLUMNS)
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export { staffRolesOf as rolesOf } from '../../platform/auth/staff-roles.ts'

/** Counts one more failure in a single statement, so two wrong guesses at once both count. */
export async function countFailure(db: Queryable, id: number): Promise<number> {
  const row = await db
    .updateTable('staff_user')
    .set({ failed_sign_ins: sql<number>`failed_sign_ins + 1` })
    .where('id', '=', id)
    .returning('failed_sign_ins')
    .executeTakeFirstOrThrow()
  return Number(row.failed_sign_ins)
}

export async function setLockout(
  db: Queryable,
  id: number,
  failedSignIns: number,
  lockedUntil: string | null,
): Promise<void> {
  await db
    .updateTable('staff_user')
    .set({ failed_sign_ins: failedSignIns, locked_until: lockedUntil })
    .where('id', '=', id)
    .execute()
}

export async function setPassword(db: Queryable, id: number, passwordHash: string): Promise<void> {
  await db
    .updateTable('staff_user')
    .set({ password_hash: passwordHash, must_change_password: 0 })
    .where('id', '=', id)
    .execute()
}

/** Stores an enrolled secret unless the account already has one: an enrolment never replaces another. */
export async function setSecondFactor(db: Queryable, id: number, sealedSecret: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('staff_user')
    .set({ totp_secret: sealedSecret, totp_last_step: step })
    .where('id', '=', id)
    .where('totp_secret', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Records the step of an accepted code; false when another request already used it or a later one. */
export async function claimTotpStep(db: Queryable, id: number, step: number): Promise<boolean> {
  const result = await db
    .updateTable('staff_user')
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function replaceRecoveryCodes(
  db: Queryable,
  councilId: number,
  staffId: number,
  hashes: readonly string[],
  now: string,
): Promise<void> {
  await db.deleteFrom('staff_recovery_code').where('staff_user_id', '=', staffId).execute()
  await db
    .insertInto('staff_recovery_code')
    .values(
      hashes.map((code_hash) => ({
        council_id: councilId,
        staff_user_id: staffId,
        code_hash,
        created_at: now,
        used_at: null,
      })),
    )
    .execute()
}

/** Marks an unused code used; false when there is no such unused code. One statement, so a code works once even when raced. */
export async function useRecoveryCode(db: Queryable, staffId: number, codeHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('staff_recovery_code')
    .set({ used_at: now })
    .where('staff_user_id', '=', staffId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function recoveryCodesLeft(db: Queryable, staffId: number): Promise<number> {
  const row = await db
    .selectFrom('staff_recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('left'))
    .where('staff_user_id', '=', staffId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.left)
}

export async function markSignedIn(db: Queryable, id: number, now: string): Promise<void> {
  await db
    .updateTable('staff_user')
    .set({ last_sign_in_at: now, failed_sign_ins: 0, locked_until: null })
    .where('id', '=', id)
    .execute()
}

export type NewStaff = {
  councilId: number
  name: string
  email: string
  passwordHash: string
  roles: readonly Role[]
  partnerOrgId: number | null
  now: string
}

export async function insertStaff(db: Queryable, staff: NewStaff): Promise<number> {
  const row = await db
    .insertInto('staff_user')
    .values({
      council_id: staff.councilId,
      name: staff.name,
      email: staff.email,
      password_hash: staff.passwordHash,
      totp_secret: null,
      oidc_subject: null,
      totp_last_step: null,
      partner_org_id: staff.partnerOrgId,
      active: 1,
      must_change_password: 1,
      locked_until: null,
      created_at: staff.now,
      last_sign_in_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('staff_role')
    .values(staff.roles.map((role) => ({ staff_user_id: row.id, council_id: staff.councilId, role })))
    .execute()
  return row.id
}

export async function deactivate(db: Queryable, id: number): Promise<void> {
  await db.updateTable('staff_user').set({ active: 0 }).where('id', '=', id).execute()
}

/** The council's active partner organisations: few enough to read whole and match by name in code, the same on both engines. */
export function activePartnerOrgs(db: Queryable, councilId: number): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom('partner_org')
    .select(['id', 'name'])
    .where('council_id', '=', councilId)
    .where('active', '=', 1)
    .orderBy('id')
    .execute()
}
