// The last step: a code from the authenticator app or a recovery code, each good once, and the
// session that opens staff pages.
import { nowIso } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import { recordAudit, staffActor } from '../../platform/audit/audit.ts'
import { isLocked } from '../../platform/auth/lockout.ts'
import { rotateSession } from '../../platform/auth/sessions.ts'
import type { Session } from '../../platform/auth/sessions.ts'
import { acceptedStep, normaliseCode } from './totp.ts'
import { hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes.ts'
import type { NextStep, SignInDeps } from './sign-in-deps.ts'
import { secretOwner } from './sign-in-deps.ts'
import { countFailure } from './wrong-attempts.ts'
import type { StaffAccount } from './repo.ts'
import * as repo from './repo.ts'

export type CodeOutcome =
  { outcome: 'signed_in'; next: NextStep } | { outcome: 'wrong' | 'malformed' | 'locked' | 'unreadable' }

/** Checks a code from the authenticator app: right, not used before, and the account not locked. */
export async function checkCode(
  deps: SignInDeps,
  session: Session,
  staff: StaffAccount,
  input: { code: string; councilName: string; sourceAddress: string | null },
): Promise<CodeOutcome> {
  if (isLocked(staff.locked_until)) return { outcome: 'locked' }
  const code = normaliseCode(input.code)
  if (!code || !staff.totp_secret) return { outcome: 'malformed' }
  const secret = deps.box.open(staff.totp_secret, secretOwner(staff.id))
  if (!secret) return { outcome: 'unreadable' }
  const step = await acceptedStep(secret, code, staff.totp_last_step)
  const next =
    step === undefined
      ? undefined
      : await deps.database.db
          .transaction()
          .execute(async (trx) =>
            (await repo.claimTotpStep(trx, staff.id, step))
              ? finishSignIn(deps, trx, session, staff, 'code', input.sourceAddress)
              : undefined,
          )
  if (next) return { outcome: 'signed_in', next }
  const { locked } = await countFailure(deps, staff, input, 'code')
  return { outcome: locked ? 'locked' : 'wrong' }
}

/** Checks a recovery code: each works once. */
export async function checkRecoveryCode(
  deps: SignInDeps,
  session: Session,
  staff: StaffAccount,
  input: { code: string; councilName: string; sourceAddress: string | null },
): Promise<CodeOutcome> {
  if (isLocked(staff.locked_until)) return { outcome: 'locked' }
  const code = normaliseRecoveryCode(input.code)
  if (!code) return { outcome: 'malformed' }
  const used = await deps.database.db.transaction().execute(async (trx) => {
    if (!(await repo.useRecoveryCode(trx, staff.id, hashRecoveryCode(code), nowIso()))) return undefined
    return finishSignIn(deps, trx, session, staff, 'recovery_code', input.sourceAddress)
  })
  if (used) return { outcome: 'signed_in', next: used }
  const { locked } = await countFailure(deps, staff, input, 'recovery_code')
  return { outcome: locked ? 'locked' : 'wrong' }
}

/** The person has seen their recovery codes: enrolment is done and so is signing in. */
export async function acknowledgeRecoveryCodes(
  deps: SignInDeps,
  session: Session,
  staff: StaffAccount,
  sourceAddress: string | null,
): Promise<NextStep> {
  return deps.database.db
    .transaction()
    .execute((trx) => finishSignIn(deps, trx, session, staff, 'enrolment', sourceAddress))
}

/** The last step: a session that opens staff pages, under a new token; the failure count starts again. */
async function finishSignIn(
  deps: SignInDeps,
  trx: Queryable,
  session: Session,
  staff: StaffAccount,
  method: string,
  sourceAddress: string | null,
): Promise<NextStep> {
  await repo.markSignedIn(trx, staff.id, nowIso())
  await recordAudit(
    deps.database,
    staffActor(staff.id, staff.council_id, sourceAddress),
    { action: 'sign_in', subjectType: 'staff_user', subjectId: staff.id, detail: { method } },
    trx,
  )
  return rotateSession(trx, session, {
    stage: 'signed_in',
    ...(session.data.returnTo ? { returnTo: session.data.returnTo } : {}),
  })
}
