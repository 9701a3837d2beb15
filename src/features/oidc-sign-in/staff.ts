// What a staff sign-in through the council's provider means: which member of staff it is, whether
// they may come in, and which roles they hold. Staff accounts are never created here (an
// administrator creates them from the command line); the provider is the authority on roles, so
// every sign-in replaces the person's roles with those its claim maps to.
import type { Database } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { OidcProviderConfig } from '../../config.ts'
import type { Role } from '../../platform/db/values.ts'
import { ROLES } from '../../platform/db/values.ts'
import { recordAudit, staffActor } from '../../platform/audit/audit.ts'
import type { OidcClaims } from '../../platform/auth/oidc.ts'
import { claimValues, emailOf, secondFactorShown, verifiedEmail } from '../../platform/auth/oidc.ts'
import { linkedStaff as repo } from '../staff-sign-in/service.ts'
import type { LinkedStaff } from '../staff-sign-in/service.ts'
import { staffRolesOf } from '../../platform/auth/staff-roles.ts'

export type StaffRefusal = 'unknown' | 'email_not_verified' | 'disabled' | 'no_role' | 'no_second_factor'

export type StaffSignIn = { ok: true; staffId: number; roles: Role[] } | { ok: false; refusal: StaffRefusal }

export type StaffSignInInput = {
  councilId: number
  provider: OidcProviderConfig
  claims: OidcClaims
  sourceAddress: string
}

/** The Frontdoor roles a person's claim values give, each once, in a stable order. */
function mappedRoles(provider: OidcProviderConfig, claims: OidcClaims): Role[] {
  const roles = new Set<Role>()
  for (const value of claimValues(claims, provider.roleClaim)) {
    const role = provider.roleMap[value]
    if (role !== undefined && (ROLES as readonly string[]).includes(role) && role !== 'resident')
      roles.add(role as Role)
  }
  return [...roles].sort()
}

type Found = { staff: LinkedStaff | undefined; link: boolean; reason: StaffRefusal | 'linked_to_another' | null }

/**
 * The member of staff a provider's subject belongs to. The first time, they are matched by email
 * — only an address the provider says it has verified, so nobody can claim an account by putting
 * a colleague's address on their own provider profile — and the subject is remembered.
 */
async function findStaff(database: Database, councilId: number, claims: OidcClaims): Promise<Found> {
  const linked = await repo.staffBySubject(database.db, councilId, claims.sub)
  if (linked) return { staff: linked, link: false, reason: null }
  const email = verifiedEmail(claims)
  if (email === null)
    return { staff: undefined, link: false, reason: emailOf(claims) === null ? 'unknown' : 'email_not_verified' }
  const byEmail = await repo.staffByEmail(database.db, councilId, email)
  if (!byEmail) return { staff: undefined, link: false, reason: 'unknown' }
  // Already linked to a different identity at the provider: not this person's account to take.
  if (byEmail.oidc_subject !== null) return { staff: undefined, link: false, reason: 'linked_to_another' }
  return { staff: byEmail, link: true, reason: null }
}

async function refuse(
  database: Database,
  input: StaffSignInInput,
  staffId: number | null,
  refusal: StaffRefusal,
  reason: string = refusal,
): Promise<StaffSignIn> {
  await recordAudit(database, staffActor(staffId, input.councilId, input.sourceAddress), {
    action: 'sign_in_failed',
    subjectType: 'staff_user',
    subjectId: staffId,
    detail: { method: 'oidc', reason },
  })
  return { ok: false, refusal }
}

export async function signInStaff(database: Database, input: StaffSignInInput): Promise<StaffSignIn> {
  const found = await findStaff(database, input.councilId, input.claims)
  const staff = found.staff
  if (!staff)
    return refuse(
      database,
      input,
      null,
      found.reason === 'email_not_verified' ? 'email_not_verified' : 'unknown',
      found.reason ?? 'unknown',
    )
  if (staff.active !== 1) return refuse(database, input, staff.id, 'disabled')
  if (!secondFactorShown(input.claims)) return refuse(database, input, staff.id, 'no_second_factor')
  const roles = mappedRoles(input.provider, input.claims)
  if (roles.length === 0) return refuse(database, input, staff.id, 'no_role')

  const linked = await database.db.transaction().execute(async (trx) => {
    if (found.link && !(await repo.linkStaffSubject(trx, staff.id, input.claims.sub))) return false
    const before = await staffRolesOf(trx, staff.id)
    const rolesChanged = before.join(',') !== roles.join(',')
    if (rolesChanged) await repo.replaceRoles(trx, input.councilId, staff.id, roles)
    await repo.markStaffSignedIn(trx, staff.id, nowIso())
    const detail = {
      method: 'oidc',
      roles,
      ...(found.link ? { linked: true } : {}),
      ...(rolesChanged ? { rolesBefore: before } : {}),
    }
    await recordAudit(
      database,
      staffActor(staff.id, input.councilId, input.sourceAddress),
      { action: 'sign_in', subjectType: 'staff_user', subjectId: staff.id, detail },
      trx,
    )
    return true
  })
  // Another first sign-in linked the account a moment before this one.
  if (!linked) return refuse(database, input, null, 'unknown', 'linked_to_another')
  return { ok: true, staffId: staff.id, roles }
}
