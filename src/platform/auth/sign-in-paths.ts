// Where each kind of person signs in, and the page for each unfinished step of a staff sign-in.
// The guard sends people here; the sign-in features serve these paths.
// The platform knows the staff-sign-in and account features here, and only as data: these paths are
// theirs, written out as strings so that the guard imports no feature (eslint.config.js forbids it).
import type { SessionSubject } from '../db/values.ts'
import type { SessionStage } from './sessions.ts'

export const SIGN_IN_PATH: Record<SessionSubject, string> = { staff: '/staff/sign-in', resident: '/account/sign-in' }

export const STAFF_STAGE_PATH: Record<Exclude<SessionStage, 'signed_in'>, string> = {
  second_factor: '/staff/sign-in/code',
  enrol_second_factor: '/staff/sign-in/set-up-code',
  change_password: '/staff/sign-in/new-password',
}

/** Which sign-in a page belongs to, by its path: resident pages live under /account. */
export function audienceOf(path: string): SessionSubject {
  return path === '/account' || path.startsWith('/account/') ? 'resident' : 'staff'
}
