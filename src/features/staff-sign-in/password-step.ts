// The first step: email and password, checked so that the answer and the time it takes say
// nothing about whether the account exists or is locked; a right one begins a sign-in session.
import { normaliseEmail } from '../../platform/auth/email-address.ts'
import { recordAudit, staffActor } from '../../platform/audit/audit.ts'
import { isLocked, pause } from '../../platform/auth/lockout.ts'
import { generatePassword, hashPassword, verifyPassword } from '../../platform/auth/passwords.ts'
import { createSession, endSession } from '../../platform/auth/sessions.ts'
import type { Session } from '../../platform/auth/sessions.ts'
import type { NextStep, SignInDeps, UnfinishedStage } from './sign-in-deps.ts'
import { countFailure, failuresForEmail } from './wrong-attempts.ts'
import type { StaffAccount } from './repo.ts'
import * as repo from './repo.ts'

/** A hash of a password nobody knows, checked when there is no account so both answers take as long. */
let dummyHash: Promise<string> | undefined
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(generatePassword())
  return dummyHash
}

/** Makes the dummy hash ahead of the first sign-in, so even that one costs one scrypt, not two. */
export function prepareDummyHash(): void {
  dummyPasswordHash().catch(() => {
    dummyHash = undefined
  })
}

function firstStage(staff: StaffAccount): UnfinishedStage {
  if (staff.must_change_password === 1) return 'change_password'
  return staff.totp_secret === null ? 'enrol_second_factor' : 'second_factor'
}

export type PasswordAttempt = {
  councilId: number
  councilName: string
  email: string
  password: string
  sourceAddress: string | null
}

/** The account and its next step when the password is right and the account may sign in; otherwise undefined, after the same checks and delays. */
export async function checkPassword(
  deps: SignInDeps,
  attempt: PasswordAttempt,
): Promise<{ staffId: number; stage: UnfinishedStage } | undefined> {
  const email = normaliseEmail(attempt.email)
  const staff = await repo.staffByEmail(deps.database.db, attempt.councilId, email)
  const usable = staff !== undefined && staff.active === 1 && staff.password_hash !== null
  const matches = await verifyPassword(
    attempt.password,
    usable && staff.password_hash ? staff.password_hash : await dummyPasswordHash(),
  )
  if (!usable) {
    await recordAudit(deps.database, staffActor(null, attempt.councilId, attempt.sourceAddress), {
      action: 'sign_in_failed',
      subjectType: 'staff_user',
      subjectId: null,
      detail: { step: 'password', known: false },
    })
    await pause(await failuresForEmail(deps, attempt.councilId, email))
    return undefined
  }
  if (isLocked(staff.locked_until)) {
    // Right or wrong, a locked account says no, and its lock is not extended by more attempts.
    await recordAudit(deps.database, staffActor(staff.id, attempt.councilId, attempt.sourceAddress), {
      action: 'sign_in_failed',
      subjectType: 'staff_user',
      subjectId: staff.id,
      detail: { step: 'password', locked: true },
    })
    await pause(await failuresForEmail(deps, attempt.councilId, email))
    return undefined
  }
  if (!matches) {
    await failuresForEmail(deps, attempt.councilId, email)
    await countFailure(
      deps,
      staff,
      { councilName: attempt.councilName, sourceAddress: attempt.sourceAddress },
      'password',
    )
    return undefined
  }
  return { staffId: staff.id, stage: firstStage(staff) }
}

/** A new session at the first unfinished step. A session the browser already had is ended, never carried on (fixation). */
export async function beginSignIn(
  deps: SignInDeps,
  councilId: number,
  staffId: number,
  stage: UnfinishedStage,
  returnTo: string | undefined,
  previous: Session | null,
): Promise<NextStep> {
  return deps.database.db.transaction().execute(async (trx) => {
    if (previous) await endSession(trx, previous.id)
    return createSession(trx, {
      councilId,
      subjectKind: 'staff',
      subjectId: staffId,
      data: { stage, ...(returnTo ? { returnTo } : {}) },
    })
  })
}
