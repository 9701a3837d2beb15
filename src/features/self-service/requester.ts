// Who is asking, on a request sent without an account: a name and one way to be contacted (an
// email address or a phone number; no email is needed), or nobody at all where the service takes
// anonymous reports. Checked with the same patterns the form's own questions use.
import type { FieldError } from '../../platform/http/problem.ts'
import { UK_PHONE_PATTERN } from '../catalogue/service.ts'

export type Requester =
  | { kind: 'anonymous' }
  | { kind: 'named'; given_name: string; family_name: string; email: string | null; phone: string | null }
  /** Signed in: the account's own resident record. */
  | { kind: 'account'; residentId: number; email: string | null }

export type RequesterForm = { given_name: string; family_name: string; email: string; phone: string }

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PHONE = new RegExp(UK_PHONE_PATTERN)
const NAME_MAX = 100

function nameErrors(form: RequesterForm): FieldError[] {
  const errors: FieldError[] = []
  if (form.given_name === '') errors.push({ name: 'given_name', message: 'Enter your first name' })
  else if (form.given_name.length > NAME_MAX)
    errors.push({ name: 'given_name', message: 'First name must be 100 characters or fewer' })
  if (form.family_name === '') errors.push({ name: 'family_name', message: 'Enter your last name' })
  else if (form.family_name.length > NAME_MAX)
    errors.push({ name: 'family_name', message: 'Last name must be 100 characters or fewer' })
  return errors
}

function contactErrors(form: RequesterForm): FieldError[] {
  const errors: FieldError[] = []
  if (form.email !== '' && (!EMAIL.test(form.email) || form.email.length > 254))
    errors.push({ name: 'email', message: 'Enter an email address in the correct format, like name@example.com' })
  if (form.phone !== '' && !PHONE.test(form.phone))
    errors.push({ name: 'phone', message: 'Enter a UK phone number, like 01632 960 001 or 07700 900 982' })
  if (form.email === '' && form.phone === '')
    errors.push({ name: 'email', message: 'Enter an email address or a phone number so we can contact you' })
  return errors
}

/** The requester a form gives, or what to correct. All blank is anonymous, where the service allows it. */
export function requesterFrom(
  form: RequesterForm,
  anonymousAllowed: boolean,
): { requester: Requester; errors: [] } | { requester: undefined; errors: FieldError[] } {
  const blank = Object.values(form).every((value) => value === '')
  if (blank && anonymousAllowed) return { requester: { kind: 'anonymous' }, errors: [] }
  const errors = [...nameErrors(form), ...contactErrors(form)]
  if (errors.length > 0) return { requester: undefined, errors }
  return {
    requester: {
      kind: 'named',
      given_name: form.given_name,
      family_name: form.family_name,
      email: form.email === '' ? null : form.email,
      phone: form.phone === '' ? null : form.phone,
    },
    errors: [],
  }
}

export function formOf(requester: Requester | null): RequesterForm {
  if (requester?.kind !== 'named') return { given_name: '', family_name: '', email: '', phone: '' }
  return {
    given_name: requester.given_name,
    family_name: requester.family_name,
    email: requester.email ?? '',
    phone: requester.phone ?? '',
  }
}
