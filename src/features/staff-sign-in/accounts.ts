// Staff accounts from the command line: how a new deployment gets its first administrator, and
// how anyone's access is stopped at once. A new account has a one-time password that must be
// replaced at first sign-in, where an authenticator app is enrolled too.
import type { Db } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Role } from '../../platform/db/values.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { generatePassword, hashPassword } from '../../platform/auth/passwords.ts'
import { endSessionsOf } from '../../platform/auth/sessions.ts'
import { normaliseEmail } from './service.ts'
import * as repo from './repo.ts'

export type NewStaffAccount = { councilId: number; name: string; email: string; roles: readonly Role[] }

/** A new account and its one-time password (shown once, stored only hashed); refused when the email is already in use. */
export async function createStaffAccount(database: Db, actor: Actor, input: NewStaffAccount): Promise<{ ok: true; id: number; password: string } | { ok: false; reason: 'taken' }> {
  const email = normaliseEmail(input.email)
  if (await repo.staffByEmail(database.db, input.councilId, email)) return { ok: false, reason: 'taken' }
  const password = generatePassword()
  const passwordHash = await hashPassword(password)
  const id = await database.db.transaction().execute(async (trx) => {
    const staffId = await repo.insertStaff(trx, { councilId: input.councilId, name: input.name.trim(), email, passwordHash, roles: [...new Set(input.roles)], now: nowIso() })
    await recordAudit(database, actor, { action: 'staff_created', subjectType: 'staff_user', subjectId: staffId, detail: { roles: [...new Set(input.roles)] } }, trx)
    return staffId
  })
  return { ok: true, id, password }
}

/** Disables an account and ends every session it has, in one transaction; undefined when there is no such account. */
export async function disableStaffAccount(database: Db, actor: Actor, councilId: number, rawEmail: string): Promise<{ sessionsEnded: number; wasActive: boolean } | undefined> {
  const staff = await repo.staffByEmail(database.db, councilId, normaliseEmail(rawEmail))
  if (!staff) return undefined
  return database.db.transaction().execute(async (trx) => {
    await repo.deactivate(trx, staff.id)
    const sessionsEnded = await endSessionsOf(trx, 'staff', staff.id)
    await recordAudit(database, actor, { action: 'staff_disabled', subjectType: 'staff_user', subjectId: staff.id, detail: { sessions_ended: sessionsEnded } }, trx)
    return { sessionsEnded, wasActive: staff.active === 1 }
  })
}
