// What a person is told when single sign-on does not let them in: what happened and what to do,
// never the technical reason (that goes to the audit trail and the log). A resident reads it in
// their language through `t`; staff pages stay in English, so theirs is given no translator.
import type { OidcFailureKind } from '../../platform/auth/oidc.ts'
import { fillIn } from '../../platform/i18n/translate.ts'
import type { TranslationParams } from '../../platform/i18n/translate.ts'
import type { StaffRefusal } from './staff.ts'
import type { ResidentRefusal } from './resident.ts'

export type Outcome = OidcFailureKind | 'expired' | StaffRefusal | ResidentRefusal

export type ProblemText = { status: number; heading: string; paragraphs: string[]; back: string }

type Audience = 'staff' | 'resident'

/** Turns an English text (the key) into the reader's words, filling in its `{placeholders}`. */
export type Translator = (text: string, params?: TranslationParams) => string

const inEnglish: Translator = (text, params) => (params ? fillIn(text, params) : text)

const ASK_ADMIN = 'Ask your Frontdoor administrator for help.'

type Words = { status: number; heading: string; paragraphs: string[] }

/** Refusals only a member of staff can meet: the staff pages are in English. */
type StaffOnly = Exclude<StaffRefusal, 'email_not_verified'>
const STAFF_ONLY: readonly Outcome[] = ['unknown', 'disabled', 'no_role', 'no_second_factor'] satisfies StaffOnly[]

/** The words for a refusal that only a member of staff can meet, in English. */
function staffOnly(outcome: StaffRefusal, p: TranslationParams): Words {
  switch (outcome) {
    case 'unknown':
      return {
        status: 403,
        heading: 'You do not have a Frontdoor account',
        paragraphs: [fillIn('Your {provider} account is not linked to a member of staff here.', p), ASK_ADMIN],
      }
    case 'disabled':
      return { status: 403, heading: 'Your Frontdoor account has been disabled', paragraphs: [ASK_ADMIN] }
    case 'no_role':
      return {
        status: 403,
        heading: 'You do not have access to Frontdoor',
        paragraphs: [fillIn('Your {provider} account does not give you a Frontdoor role.', p), ASK_ADMIN],
      }
    case 'no_second_factor':
      return {
        status: 403,
        heading: 'Sign in again with a second factor',
        paragraphs: [
          fillIn(
            '{provider} signed you in with a password alone. Staff must also use a second factor, such as an authenticator app or security key. Sign in again and use it.',
            p,
          ),
        ],
      }
    case 'email_not_verified':
      return {
        status: 403,
        heading: 'We could not match your account',
        paragraphs: [
          fillIn(
            '{provider} has not confirmed your email address, so it cannot be matched to your Frontdoor account.',
            p,
          ),
          ASK_ADMIN,
        ],
      }
  }
}

/** The words anyone may meet, staff or resident, in the reader's language. */
function forAnyone(outcome: Exclude<Outcome, StaffOnly>, t: Translator, p: TranslationParams): Words {
  switch (outcome) {
    case 'expired':
      return {
        status: 400,
        heading: t('Your sign-in has expired'),
        paragraphs: [t('You took more than 10 minutes to sign in, or started signing in somewhere else. Start again.')],
      }
    case 'cancelled':
      return {
        status: 403,
        heading: t('You have not been signed in'),
        paragraphs: [t('Signing in with {provider} was cancelled or not allowed, so you have not been signed in.', p)],
      }
    case 'refused':
      return {
        status: 403,
        heading: t('{provider} could not sign you in', p),
        paragraphs: [t('Try again, or sign in with your email address and password.')],
      }
    case 'invalid':
      return {
        status: 400,
        heading: t('We could not check your sign-in'),
        paragraphs: [
          t('The answer from {provider} could not be checked, so you have not been signed in. Start again.', p),
        ],
      }
    case 'unavailable':
      return {
        status: 503,
        heading: t('{provider} is not available at the moment', p),
        paragraphs: [t('Try again later, or sign in with your email address and password.')],
      }
    case 'no_email':
      return {
        status: 403,
        heading: t('{provider} did not share your email address', p),
        paragraphs: [
          t(
            'We need your email address to set up your account. Try again and allow {provider} to share it, or create an account with your email address.',
            p,
          ),
        ],
      }
    case 'email_not_verified':
      return {
        status: 403,
        heading: t('{provider} has not confirmed your email address', p),
        paragraphs: [
          t(
            'Confirm your email address with {provider} and try again, or create an account with your email address and a password.',
            p,
          ),
        ],
      }
    case 'email_in_use':
      return {
        status: 403,
        heading: t('An account already uses this email address'),
        paragraphs: [
          t(
            '{provider} has not confirmed this email address, so we cannot join it to that account. Sign in with your email address and password instead.',
            p,
          ),
        ],
      }
    case 'linked_to_another':
      return {
        status: 403,
        heading: t('This account is linked to a different {provider} account', p),
        paragraphs: [
          t('Sign in with the {provider} account you used before, or with your email address and password.', p),
        ],
      }
  }
}

/** Every outcome a resident can meet: what the translation test asks Welsh for. */
export const RESIDENT_OUTCOMES = [
  'expired',
  'cancelled',
  'refused',
  'invalid',
  'unavailable',
  'no_email',
  'email_not_verified',
  'email_in_use',
  'linked_to_another',
] as const satisfies readonly Outcome[]

/** The page's words: a resident's through `t` (their language), a member of staff's in English. */
export function problemText(
  outcome: Outcome,
  audience: Audience,
  label: string,
  t: Translator = inEnglish,
): ProblemText {
  const p = { provider: label }
  const say = audience === 'resident' ? t : inEnglish
  const words =
    STAFF_ONLY.includes(outcome) || (audience === 'staff' && outcome === 'email_not_verified')
      ? staffOnly(outcome as StaffRefusal, p)
      : forAnyone(outcome as Exclude<Outcome, StaffOnly>, say, p)
  return { ...words, back: say('Go back to sign in') }
}
