// Enrolling an authenticator app the first time: a secret shown as a QR code, kept in the session
// until a code proves it was scanned, then stored sealed with ten recovery codes.
import { nowIso } from '../../platform/db/database.ts'
import { recordAudit, staffActor } from '../../platform/audit/audit.ts'
import { endSession, rotateSession, saveSessionData } from '../../platform/auth/sessions.ts'
import type { Session } from '../../platform/auth/sessions.ts'
import { acceptedStep, groupedSecret, newTotpSecret, normaliseCode, qrCodeSvg, totpUri } from './totp.ts'
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from './recovery-codes.ts'
import type { NextStep, SignInDeps } from './sign-in-deps.ts'
import { secretOwner } from './sign-in-deps.ts'
import type { StaffAccount } from './repo.ts'
import * as repo from './repo.ts'

export type Enrolment = { qrCode: string; secret: string }

/** The secret to enrol (kept in the session until a code proves it was scanned) as a QR code and as text. */
export async function enrolment(
  deps: SignInDeps,
  session: Session,
  staff: StaffAccount,
  issuer: string,
): Promise<Enrolment> {
  let secret = session.data.enrolSecret
  if (!secret) {
    secret = newTotpSecret()
    await saveSessionData(deps.database.db, session.id, { ...session.data, enrolSecret: secret })
  }
  const qrCode = await qrCodeSvg(totpUri(issuer, staff.email, secret), 'QR code to scan with your authenticator app')
  return { qrCode, secret: groupedSecret(secret) }
}

/**
 * Stores the enrolled secret (sealed) and ten new recovery codes once a code from the app
 * matches; the session moves on to showing the codes, once. Undefined when the code is wrong;
 * 'already_enrolled' when another sign-in enrolled an app meanwhile (this one must start again).
 */
export async function finishEnrolment(
  deps: SignInDeps,
  session: Session,
  staff: StaffAccount,
  input: { code: string; sourceAddress: string | null },
): Promise<NextStep | 'already_enrolled' | undefined> {
  const secret = session.data.enrolSecret
  const code = normaliseCode(input.code)
  if (!secret || !code) return undefined
  const step = await acceptedStep(secret, code, null)
  if (step === undefined) return undefined
  const codes = newRecoveryCodes()
  const now = nowIso()
  return deps.database.db.transaction().execute(async (trx) => {
    if (!(await repo.setSecondFactor(trx, staff.id, deps.box.seal(secret, secretOwner(staff.id)), step))) {
      await endSession(trx, session.id)
      return 'already_enrolled' as const
    }
    await repo.replaceRecoveryCodes(
      trx,
      staff.council_id,
      staff.id,
      codes.map((c) => hashRecoveryCode(normaliseRecoveryCode(c) ?? c)),
      now,
    )
    await recordAudit(
      deps.database,
      staffActor(staff.id, staff.council_id, input.sourceAddress),
      {
        action: 'second_factor_enrolled',
        subjectType: 'staff_user',
        subjectId: staff.id,
        detail: { recovery_codes: codes.length },
      },
      trx,
    )
    const { enrolSecret: _done, ...rest } = session.data
    return rotateSession(trx, session, { ...rest, stage: 'enrol_second_factor', recoveryCodes: codes })
  })
}
