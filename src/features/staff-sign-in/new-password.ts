// A new password in place of a temporary one the person was given.
import { recordAudit, staffActor } from '../../platform/audit/audit.ts'
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.ts'
import { passwordProblem } from '../../platform/auth/password-policy.ts'
import { endSessionsOf, rotateSession } from '../../platform/auth/sessions.ts'
import type { Session } from '../../platform/auth/sessions.ts'
import type { NextStep, SignInDeps, UnfinishedStage } from './sign-in-deps.ts'
import type { StaffAccount } from './repo.ts'
import * as repo from './repo.ts'

function nextAfterPassword(staff: StaffAccount): UnfinishedStage {
  return staff.totp_secret === null ? 'enrol_second_factor' : 'second_factor'
}

export type PasswordErrors = { password?: string; confirm?: string }

function personalWords(staff: StaffAccount): string[] {
  const local = staff.email.split('@')[0] ?? ''
  return [staff.name, ...staff.name.split(/\s+/), staff.email, local, ...local.split(/[._+-]/)]
}

/** Sets the person's own password in place of a temporary one, then moves on to the second factor. */
export async function changePassword(
  deps: SignInDeps,
  session: Session,
  staff: StaffAccount,
  input: { password: string; confirm: string; sourceAddress: string | null },
): Promise<{ errors: PasswordErrors } | NextStep> {
  const problem = passwordProblem(input.password, personalWords(staff))
  if (problem) return { errors: { password: problem } }
  if (input.confirm !== input.password) return { errors: { confirm: 'Enter the same password in both boxes' } }
  if (staff.password_hash && (await verifyPassword(input.password, staff.password_hash))) {
    return { errors: { password: 'Choose a new password, not the one you were given' } }
  }
  const passwordHash = await hashPassword(input.password)
  return deps.database.db.transaction().execute(async (trx) => {
    await repo.setPassword(trx, staff.id, passwordHash)
    // Anyone else who signed in with the old password is signed out.
    await endSessionsOf(trx, 'staff', staff.id, session.id)
    await recordAudit(
      deps.database,
      staffActor(staff.id, staff.council_id, input.sourceAddress),
      {
        action: 'password_changed',
        subjectType: 'staff_user',
        subjectId: staff.id,
        detail: { temporary_replaced: true },
      },
      trx,
    )
    return rotateSession(trx, session, { ...session.data, stage: nextAfterPassword(staff) })
  })
}
