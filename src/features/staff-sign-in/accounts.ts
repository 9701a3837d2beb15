// Staff accounts from the command line: how a new deployment gets its first administrator, and
// how anyone's access is stopped at once. A new account has a one-time password that must be
// replaced at first sign-in, where an authenticator app is enrolled too.
import type { Database } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Role } from '../../platform/db/values.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { generatePassword, hashPassword } from '../../platform/auth/passwords.ts'
import { endSessionsOf } from '../../platform/auth/sessions.ts'
import { normaliseEmail } from '../../platform/auth/email-address.ts'
import * as repo from './repo.ts'
import { replaceTeams } from './members-repo.ts'
import { refuseLosingLastAdmin } from './last-admin.ts'

/** A partner works for one partner organisation and sees only its referrals, so the role needs one. */
export type NewStaffAccount = {
  councilId: number
  name: string
  email: string
  roles: readonly Role[]
  partnerOrgId?: number | null
  /** The teams whose queues they work, the council's own (checked by the caller). */
  teamIds?: readonly number[]
}

/** The council's active partner organisation with this name, whatever its case; refused when none or several match. */
export async function partnerOrgNamed(
  database: Database,
  councilId: number,
  name: string,
): Promise<{ ok: true; id: number } | { ok: false; reason: 'none' | 'several' }> {
  const wanted = name.trim().toLocaleLowerCase('en-GB')
  const matches = (await repo.activePartnerOrgs(database.db, councilId)).filter(
    (org) => org.name.trim().toLocaleLowerCase('en-GB') === wanted,
  )
  if (matches.length === 0) return { ok: false, reason: 'none' }
  if (matches.length > 1) return { ok: false, reason: 'several' }
  return { ok: true, id: matches[0]!.id }
}

/** A new account and its one-time password (shown once, stored only hashed); refused when the email is already in use. */
export async function createStaffAccount(
  database: Database,
  actor: Actor,
  input: NewStaffAccount,
): Promise<{ ok: true; id: number; password: string } | { ok: false; reason: 'taken' }> {
  const roles = [...new Set(input.roles)]
  const partnerOrgId = input.partnerOrgId ?? null
  if (roles.includes('partner') !== (partnerOrgId !== null))
    throw new Error('a partner account needs a partner organisation, and only a partner account has one')
  const email = normaliseEmail(input.email)
  if (await repo.staffByEmail(database.db, input.councilId, email)) return { ok: false, reason: 'taken' }
  const password = generatePassword()
  const passwordHash = await hashPassword(password)
  const id = await database.db.transaction().execute(async (trx) => {
    const staffId = await repo.insertStaff(trx, {
      councilId: input.councilId,
      name: input.name.trim(),
      email,
      passwordHash,
      roles,
      partnerOrgId,
      now: nowIso(),
    })
    const teamIds = [...new Set(input.teamIds ?? [])]
    await replaceTeams(trx, input.councilId, staffId, teamIds)
    const detail = {
      roles,
      ...(partnerOrgId === null ? {} : { partner_org_id: partnerOrgId }),
      ...(teamIds.length === 0 ? {} : { team_ids: teamIds }),
    }
    await recordAudit(
      database,
      actor,
      { action: 'staff_created', subjectType: 'staff_user', subjectId: staffId, detail },
      trx,
    )
    return staffId
  })
  return { ok: true, id, password }
}

/** Disables an account and ends every session it has, in one transaction; undefined when there is no such account. */
export async function disableStaffAccount(
  database: Database,
  actor: Actor,
  councilId: number,
  rawEmail: string,
): Promise<{ sessionsEnded: number; wasActive: boolean } | undefined> {
  const staff = await repo.staffByEmail(database.db, councilId, normaliseEmail(rawEmail))
  if (!staff) return undefined
  return database.db.transaction().execute(async (trx) => {
    await refuseLosingLastAdmin(database, trx, councilId, staff.id)
    await repo.deactivate(trx, staff.id)
    const sessionsEnded = await endSessionsOf(trx, 'staff', staff.id)
    await recordAudit(
      database,
      actor,
      {
        action: 'staff_disabled',
        subjectType: 'staff_user',
        subjectId: staff.id,
        detail: { sessions_ended: sessionsEnded },
      },
      trx,
    )
    return { sessionsEnded, wasActive: staff.active === 1 }
  })
}
