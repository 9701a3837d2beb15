// What every step of a staff sign-in shares: its dependencies, where a step leads, the one
// answer to a failure, and the account an unfinished sign-in is for.
import type { Database } from '../../platform/db/database.ts'
import type { Session, SessionStage } from '../../platform/auth/sessions.ts'
import type { SecretBox } from './secret-box.ts'
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
export function secretOwner(staffId: number): string {
  return `staff_user:${staffId}`
}

/** The active account a sign-in session is for, or undefined when it has since gone or been disabled. */
export async function accountOf(deps: SignInDeps, session: Session): Promise<StaffAccount | undefined> {
  const staff = await repo.staffById(deps.database.db, session.councilId, session.subjectId)
  return staff && staff.active === 1 ? staff : undefined
}
