// Resident e-accounts: the rules, one file per journey. Routes and other features use them from
// here only.
export type { AccountContext } from './context.ts'
export { accountActor, contextFor } from './context.ts'
export { createAccount } from './create-account.ts'
export type { CreateAccountInput } from './create-account.ts'
export { checkVerifyLink, confirmEmail, linkResidentRecord, resendVerification } from './confirm-email.ts'
export type { ConfirmResult, LinkProblem } from './confirm-email.ts'
export { WRONG_EMAIL_OR_PASSWORD, signIn } from './sign-in.ts'
export { resendProof } from './proof.ts'
export { checkResetLink, requestPasswordReset, resetPassword } from './password-reset.ts'
export { accountSummary, changePassword, requestEmailChange, signOut } from './account-settings.ts'
export type { AccountSummary } from './account-settings.ts'
export type { FieldErrors } from './forms.ts'
