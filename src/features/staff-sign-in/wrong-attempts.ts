// Wrong passwords, codes and recovery codes all count towards one lockout on the account. The
// count is cleared only by a completed sign-in: were a right password enough to clear it, someone
// who knew the password could guess codes for ever, four at a time.
import { recordAudit, staffActor } from '../../platform/audit/audit.ts'
import { afterFailure, LOCK_AFTER, LOCK_MINUTES, pause } from '../../platform/auth/lockout.ts'
import { queueEmail } from '../../platform/notify/outbox.ts'
import { countHit } from '../../platform/http/rate-limit.ts'
import { hashToken } from '../../platform/auth/tokens.ts'
import type { SignInDeps } from './sign-in-deps.ts'
import type { StaffAccount } from './repo.ts'
import * as repo from './repo.ts'

/**
 * Wrong passwords are also counted per email address (hashed) for the lockout's 15 minutes,
 * whether or not an account has it, and an unknown or locked account is held back by that count
 * just as an open account is by its own: the delay does not tell who has an account, nor whose
 * is locked. Returns the delay the count calls for.
 */
export async function failuresForEmail(deps: SignInDeps, councilId: number, email: string): Promise<number> {
  const hit = await countHit(
    deps.database,
    `staff-sign-in-failures:${councilId}:${hashToken(email)}`,
    LOCK_MINUTES * 60_000,
  )
  return hit.current <= LOCK_AFTER ? afterFailure(hit.current - 1).delayMs : 0
}

type FailureContext = { councilName: string; sourceAddress: string | null }

/** Counts a wrong password or code; the failure that reaches the limit locks the account and emails its owner, in one transaction. */
export async function countFailure(
  deps: SignInDeps,
  staff: StaffAccount,
  context: FailureContext,
  step: 'password' | 'code' | 'recovery_code',
): Promise<{ locked: boolean }> {
  const actor = staffActor(staff.id, staff.council_id, context.sourceAddress)
  const outcome = await deps.database.db.transaction().execute(async (trx) => {
    const failed = await repo.countFailure(trx, staff.id)
    const after = afterFailure(failed - 1)
    await recordAudit(
      deps.database,
      actor,
      { action: 'sign_in_failed', subjectType: 'staff_user', subjectId: staff.id, detail: { step, failures: failed } },
      trx,
    )
    if (after.justLocked) {
      await repo.setLockout(trx, staff.id, after.failedSignIns, after.lockedUntil)
      await queueEmail(trx, {
        councilId: staff.council_id,
        // Not the residents' lock-out email: staff have no self-service reset, their administrator resets.
        template: 'staff-account-locked',
        to: staff.email,
        personalisation: {
          councilName: context.councilName,
          minutes: String(LOCK_MINUTES),
          signInUrl: `${deps.publicUrl}/staff/sign-in`,
        },
      })
      await recordAudit(
        deps.database,
        actor,
        {
          action: 'account_locked',
          subjectType: 'staff_user',
          subjectId: staff.id,
          detail: { step, minutes: LOCK_MINUTES },
        },
        trx,
      )
    }
    return after
  })
  await pause(outcome.delayMs)
  return { locked: outcome.justLocked }
}
