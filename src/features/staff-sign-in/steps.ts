// What every step page of a staff sign-in needs: the unfinished session it belongs to (or where to
// send someone who has no business on it), form fields read safely, and moving on to a new
// session under a new cookie.
import { errorList, field } from '../../platform/http/forms.ts'
import { councilOf } from '../../platform/council/plugin.ts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Council } from '../../platform/council/council.ts'
import { localPath } from '../../platform/http/return-to.ts'
import { STAFF_STAGE_PATH } from '../../platform/auth/sign-in-paths.ts'
import type { Session } from '../../platform/auth/sessions.ts'
import type { NextStep, SignInDeps } from './service.ts'
import { accountOf } from './service.ts'
import type { StaffAccount } from './repo.ts'

export const SIGN_IN = '/staff/sign-in'
export const STAFF_HOME = '/staff'
const RECOVERY_CODES = '/staff/sign-in/recovery-codes'
export const RECOVERY_CODE = '/staff/sign-in/recovery-code'
export const RECOVERY_CODE_USED = '/staff/sign-in/recovery-code-used'
export const CANCEL = '/staff/sign-in/cancel'

/** The step pages: each belongs to one stage of the session (the recovery codes to enrolment, once they exist). */
export type StepPage = 'new-password' | 'set-up-code' | 'recovery-codes' | 'code' | 'recovery-code'

const STAGE_OF: Record<StepPage, Session['data']['stage']> = {
  'new-password': 'change_password',
  'set-up-code': 'enrol_second_factor',
  'recovery-codes': 'enrol_second_factor',
  code: 'second_factor',
  'recovery-code': 'second_factor',
}

export { councilOf }

export { field, errorList }

/** Where a person goes once signed in: their page from before, or the staff home. */
export function destination(returnTo: string | undefined): string {
  return localPath(returnTo, STAFF_HOME)
}

/** The path a session belongs on, whatever page it asked for. */
function pageFor(session: Session): string {
  const stage = session.data.stage
  if (stage === 'signed_in') return destination(session.data.returnTo)
  if (stage === 'enrol_second_factor' && session.data.recoveryCodes) return RECOVERY_CODES
  return STAFF_STAGE_PATH[stage]
}

function belongsOn(session: Session, page: StepPage): boolean {
  if (session.data.stage !== STAGE_OF[page]) return false
  if (page === 'set-up-code') return !session.data.recoveryCodes
  if (page === 'recovery-codes') return Boolean(session.data.recoveryCodes)
  return true
}

export type Step = { session: Session; staff: StaffAccount; council: Council }
export type Elsewhere = { elsewhere: string; clearCookie?: boolean }

/**
 * The session and account for a step page, or where to send the person instead: to sign in when
 * no sign-in is under way (or its account has since been disabled), or to the step their
 * session has actually reached.
 */
export async function stepFor(deps: SignInDeps, request: FastifyRequest, page: StepPage): Promise<Step | Elsewhere> {
  const council = councilOf(request)
  const session = request.session
  if (!session || session.subjectKind !== 'staff' || session.councilId !== council.id) return { elsewhere: SIGN_IN }
  if (!belongsOn(session, page)) return { elsewhere: pageFor(session) }
  const staff = await accountOf(deps, session)
  if (!staff) return { elsewhere: SIGN_IN, clearCookie: true }
  return { session, staff, council }
}

export function sendElsewhere(reply: FastifyReply, step: Elsewhere): FastifyReply {
  if (step.clearCookie) reply.clearSessionCookie()
  return reply.redirect(step.elsewhere, 303)
}

/** Hands the browser its new session and sends it to the page for that session's step. */
export function moveTo(reply: FastifyReply, next: NextStep): FastifyReply {
  return reply.setSessionCookie(next.token).redirect(pageFor(next.session), 303)
}
