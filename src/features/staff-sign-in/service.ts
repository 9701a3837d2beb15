// Staff sign-in, step by step: email and password, a new password when the one given out was
// temporary, enrolment of an authenticator app (with recovery codes) the first time, then a
// code from that app or a recovery code. Each step rotates the session, so a token from before a
// step is worthless after it; only the last step makes a session that opens staff pages.
//
// Wrong passwords, codes and recovery codes all count towards one lockout on the account. The
// count is cleared only by a completed sign-in: were a right password enough to clear it, someone
// who knew the password could guess codes for ever, four at a time.
import { normaliseEmail } from '../../platform/auth/email-address.ts'
import type { Database } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import type { Role } from '../../platform/db/values.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit, staffActor } from '../../platform/audit/audit.ts'
import { afterFailure, isLocked, LOCK_AFTER, LOCK_MINUTES, pause } from '../../platform/auth/lockout.ts'
import { generatePassword, hashPassword, verifyPassword } from '../../platform/auth/passwords.ts'
import { passwordProblem } from '../../platform/auth/password-policy.ts'
import {
  createSession,
  endSession,
  endSessionsOf,
  rotateSession,
  saveSessionData,
} from '../../platform/auth/sessions.ts'
import type { Session, SessionStage } from '../../platform/auth/sessions.ts'
import { queueEmail } from '../../platform/notify/outbox.ts'
import { countHit } from '../../platform/http/rate-limit.ts'
import { hashToken } from '../../platform/auth/tokens.ts'
import type { SecretBox } from './secret-box.ts'
import { acceptedStep, groupedSecret, newTotpSecret, normaliseCode, qrCodeSvg, totpUri } from './totp.ts'
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from './recovery-codes.ts'
import type { StaffAccount } from './repo.ts'
import * as repo from './repo.ts'

export type SignInDeps = {
  database: Database
  box: SecretBox
  publicUrl: string
  /** The council's identity provider, when staff may sign in through it. */ oidcLabel?: string
}
export type UnfinishedStage = Exclude<SessionStage, 'signed_in'>
/** A session token for the cookie and the stage it has reached. */
export type NextStep = { token: string; session: Session }

/** The one answer to a failed sign-in, whether the account exists, is disabled or is locked. */
export const WRONG_EMAIL_OR_PASSWORD = 'Enter a correct email address and password'

/** Owner of a sealed TOTP secret: the secret opens only on its own row. */
function secretOwner(staffId: number): string {
  return `staff_user:${staffId}`
}

// --- password -----------------------------------------------------------------------------

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

/**
 * Wrong passwords are also counted per email address (hashed) for the lockout's 15 minutes,
 * whether or not an account has it, and an unknown or locked account is held back by that count
 * just as an open account is by its own: the delay does not tell who has an account, nor whose
 * is locked. Returns the delay the count calls for.
 */
async function failuresForEmail(deps: SignInDeps, councilId: number, email: string): Promise<number> {
  const hit = await countHit(
    deps.database,
    `staff-sign-in-failures:${councilId}:${hashToken(email)}`,
    LOCK_MINUTES * 60_000,
  )
  return hit.current <= LOCK_AFTER ? afterFailure(hit.current - 1).delayMs : 0
}

type FailureContext = { councilName: string; sourceAddress: string | null }

/** Counts a wrong password or code; the failure that reaches the limit locks the account and emails its owner, in one transaction. */
async function countFailure(
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

function nextAfterPassword(staff: StaffAccount): UnfinishedStage {
  return staff.totp_secret === null ? 'enrol_second_factor' : 'second_factor'
}

// --- the account behind an unfinished sign-in ---------------------------------------------

/** The active account a sign-in session is for, or undefined when it has since gone or been disabled. */
export async function accountOf(deps: SignInDeps, session: Session): Promise<StaffAccount | undefined> {
  const staff = await repo.staffById(deps.database.db, session.councilId, session.subjectId)
  return staff && staff.active === 1 ? staff : undefined
}

// --- a new password -----------------------------------------------------------------------

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

// --- enrolling an authenticator app -------------------------------------------------------

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

// --- codes --------------------------------------------------------------------------------

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

// --- signed in ----------------------------------------------------------------------------

export type StaffHome = { name: string; email: string; roles: Role[]; recoveryCodesLeft: number }

export async function staffHome(deps: SignInDeps, councilId: number, staffId: number): Promise<StaffHome | undefined> {
  const staff = await repo.staffById(deps.database.db, councilId, staffId)
  if (!staff) return undefined
  return {
    name: staff.name,
    email: staff.email,
    roles: await repo.rolesOf(deps.database.db, staff.id),
    recoveryCodesLeft: await repo.recoveryCodesLeft(deps.database.db, staff.id),
  }
}

export async function recoveryCodesLeft(deps: SignInDeps, staffId: number): Promise<number> {
  return repo.recoveryCodesLeft(deps.database.db, staffId)
}

/** Ends one session (signing out, or abandoning a sign-in part way). */
export async function signOut(
  deps: SignInDeps,
  session: Session,
  sourceAddress: string | null,
  signedIn: boolean,
): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    await endSession(trx, session.id)
    const action = signedIn ? 'sign_out' : 'sign_in_abandoned'
    await recordAudit(
      deps.database,
      staffActor(session.subjectId, session.councilId, sourceAddress),
      { action, subjectType: 'staff_user', subjectId: session.subjectId },
      trx,
    )
  })
}

/** Ends every session the person has, on every device; returns how many. */
export async function signOutEverywhere(deps: SignInDeps, actor: Actor, staffId: number): Promise<number> {
  return deps.database.db.transaction().execute(async (trx) => {
    const ended = await endSessionsOf(trx, 'staff', staffId)
    await recordAudit(
      deps.database,
      actor,
      { action: 'sign_out_everywhere', subjectType: 'staff_user', subjectId: staffId, detail: { sessions: ended } },
      trx,
    )
    return ended
  })
}

/** Ends a sign-in that cannot go on (the account locked part way): the person starts again later. */
export async function endSignIn(deps: SignInDeps, session: Session): Promise<void> {
  await endSession(deps.database.db, session.id)
}
export { createStaffAccount, disableStaffAccount, partnerOrgNamed } from './accounts.ts'
