// Signed in: the staff home page's facts, and signing out of one session or all of them.
import type { Role } from '../../platform/db/values.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit, staffActor } from '../../platform/audit/audit.ts'
import { endSession, endSessionsOf } from '../../platform/auth/sessions.ts'
import type { Session } from '../../platform/auth/sessions.ts'
import type { SignInDeps } from './sign-in-deps.ts'
import * as repo from './repo.ts'

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
