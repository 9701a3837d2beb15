// What a person is told when single sign-on does not let them in: what happened and what to do,
// never the technical reason (that goes to the audit trail and the log).
import type { OidcFailureKind } from '../../platform/auth/oidc.ts'
import type { StaffRefusal } from './staff.ts'
import type { ResidentRefusal } from './resident.ts'

export type Outcome = OidcFailureKind | 'expired' | StaffRefusal | ResidentRefusal

export type ProblemText = { status: number; heading: string; paragraphs: string[] }

type Audience = 'staff' | 'resident'

const ASK_ADMIN = 'Ask your Frontdoor administrator for help.'

export function problemText(outcome: Outcome, audience: Audience, label: string): ProblemText {
  const otherWay = 'sign in with your email address and password'
  switch (outcome) {
    case 'expired':
      return {
        status: 400,
        heading: 'Your sign-in has expired',
        paragraphs: ['You took more than 10 minutes to sign in, or started signing in somewhere else. Start again.'],
      }
    case 'cancelled':
      return {
        status: 403,
        heading: 'You have not been signed in',
        paragraphs: [`Signing in with ${label} was cancelled or not allowed, so you have not been signed in.`],
      }
    case 'refused':
      return { status: 403, heading: `${label} could not sign you in`, paragraphs: [`Try again, or ${otherWay}.`] }
    case 'invalid':
      return {
        status: 400,
        heading: 'We could not check your sign-in',
        paragraphs: [`The answer from ${label} could not be checked, so you have not been signed in. Start again.`],
      }
    case 'unavailable':
      return {
        status: 503,
        heading: `${label} is not available at the moment`,
        paragraphs: [`Try again later, or ${otherWay}.`],
      }
    case 'unknown':
      return {
        status: 403,
        heading: 'You do not have a Frontdoor account',
        paragraphs: [`Your ${label} account is not linked to a member of staff here.`, ASK_ADMIN],
      }
    case 'disabled':
      return { status: 403, heading: 'Your Frontdoor account has been disabled', paragraphs: [ASK_ADMIN] }
    case 'no_role':
      return {
        status: 403,
        heading: 'You do not have access to Frontdoor',
        paragraphs: [`Your ${label} account does not give you a Frontdoor role.`, ASK_ADMIN],
      }
    case 'no_second_factor':
      return {
        status: 403,
        heading: 'Sign in again with a second factor',
        paragraphs: [
          `${label} signed you in with a password alone. Staff must also use a second factor, such as an authenticator app or security key. Sign in again and use it.`,
        ],
      }
    case 'no_email':
      return {
        status: 403,
        heading: `${label} did not share your email address`,
        paragraphs: [
          `We need your email address to set up your account. Try again and allow ${label} to share it, or create an account with your email address.`,
        ],
      }
    case 'email_not_verified':
      return audience === 'staff'
        ? {
            status: 403,
            heading: 'We could not match your account',
            paragraphs: [
              `${label} has not confirmed your email address, so it cannot be matched to your Frontdoor account.`,
              ASK_ADMIN,
            ],
          }
        : {
            status: 403,
            heading: `${label} has not confirmed your email address`,
            paragraphs: [
              `Confirm your email address with ${label} and try again, or create an account with your email address and a password.`,
            ],
          }
    case 'email_in_use':
      return {
        status: 403,
        heading: 'An account already uses this email address',
        paragraphs: [
          `${label} has not confirmed this email address, so we cannot join it to that account. Sign in with your email address and password instead.`,
        ],
      }
    case 'linked_to_another':
      return {
        status: 403,
        heading: `This account is linked to a different ${label} account`,
        paragraphs: [`Sign in with the ${label} account you used before, or with your email address and password.`],
      }
  }
}
