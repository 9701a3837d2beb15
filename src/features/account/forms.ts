// Checks on what people type into the e-account forms, with messages in the GOV.UK style: say
// what is wrong and how to put it right.
import { passwordProblem } from '../../platform/auth/password-policy.ts'

export type FieldErrors = Partial<Record<string, string>>

const MAX_NAME_LENGTH = 100
const MAX_EMAIL_LENGTH = 254

export function emailProblem(email: string): string | undefined {
  if (email === '') return 'Enter your email address'
  if (email.length > MAX_EMAIL_LENGTH || !/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email))
    return 'Enter an email address in the correct format, like name@example.com'
  return undefined
}

export function nameProblem(name: string, which: 'first' | 'last'): string | undefined {
  if (name === '') return `Enter your ${which} name`
  if (name.length > MAX_NAME_LENGTH)
    return `${which === 'first' ? 'First' : 'Last'} name must be ${MAX_NAME_LENGTH} characters or fewer`
  return undefined
}

/** Problems with a new password and its confirmation, keyed by the fields they belong to. */
export function newPasswordProblems(password: string, confirm: string, personal: readonly string[]): FieldErrors {
  const problem = passwordProblem(password, personal)
  if (problem) return { password: problem }
  if (confirm === '') return { confirm: 'Enter your password again' }
  if (confirm !== password) return { confirm: 'Enter the same password in both boxes' }
  return {}
}

/** Words from a person's own details that must not appear in their password. */
export function personalWords(details: {
  email: string
  givenName?: string | null
  familyName?: string | null
}): string[] {
  return [details.email, details.email.split('@')[0] ?? '', details.givenName ?? '', details.familyName ?? '']
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((message) => message !== undefined)
}
