// Staff sign-in, step by step: email and password, a new password when the one given out was
// temporary, enrolment of an authenticator app (with recovery codes) the first time, then a
// code from that app or a recovery code. Each step rotates the session, so a token from before a
// step is worthless after it; only the last step makes a session that opens staff pages.
//
// This file is the feature's one entry; each step lives in its own file, and wrong attempts at
// any of them count towards one lockout (wrong-attempts.ts).
export type { NextStep, SignInDeps, UnfinishedStage } from './sign-in-deps.ts'
export { accountOf, WRONG_EMAIL_OR_PASSWORD } from './sign-in-deps.ts'
export type { PasswordAttempt } from './password-step.ts'
export { beginSignIn, checkPassword, prepareDummyHash } from './password-step.ts'
export type { PasswordErrors } from './new-password.ts'
export { changePassword } from './new-password.ts'
export type { Enrolment } from './enrolment.ts'
export { enrolment, finishEnrolment } from './enrolment.ts'
export type { CodeOutcome } from './code-step.ts'
export { acknowledgeRecoveryCodes, checkCode, checkRecoveryCode } from './code-step.ts'
export type { StaffHome } from './signed-in.ts'
export { endSignIn, recoveryCodesLeft, signOut, signOutEverywhere, staffHome } from './signed-in.ts'
export { createStaffAccount, disableStaffAccount, partnerOrgNamed } from './accounts.ts'
export * as linkedStaff from './linked-staff-repo.ts'
export type { LinkedStaff } from './linked-staff-repo.ts'
export type { NewStaffMember, StaffAccess, StaffMember, StaffQuery } from './members.ts'
export {
  addStaffMember,
  changeStaffAccess,
  disableStaffMember,
  enableStaffMember,
  getStaffMember,
  listStaffMembers,
} from './members.ts'
