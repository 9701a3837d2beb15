// Checks on what a resident types into their own details, with messages in the GOV.UK style. The
// messages are English keys: the pages show them in the reader's language (locales/).
import type { PreferredChannel } from '../../platform/db/values.ts'

export type FieldErrors = Partial<Record<string, string>>

const NAME_MAX = 100
const LINE_MAX = 200
const TOWN_MAX = 100
export const NEEDS_MAX = 500
const POSTCODE = /^[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\s*[0-9][A-Za-z]{2}$/
const PHONE = /^\+?[0-9][0-9 ()-]{8,22}$/

export type NameForm = { given_name: string; family_name: string }
export type PhoneForm = { phone: string; other_phone: string }
export type AddressForm = { address_line_1: string; address_line_2: string; town: string; postcode: string }
export type ContactForm = { channel: string; offline_channel: string }

export function nameErrors(form: NameForm): FieldErrors {
  const errors: FieldErrors = {}
  if (form.given_name.trim() === '') errors.given_name = 'Enter your first name'
  else if (form.given_name.length > NAME_MAX) errors.given_name = 'First name must be 100 characters or fewer'
  if (form.family_name.trim() === '') errors.family_name = 'Enter your last name'
  else if (form.family_name.length > NAME_MAX) errors.family_name = 'Last name must be 100 characters or fewer'
  return errors
}

function phoneDigitCount(phone: string): number {
  return phone.replace(/\D/g, '').length
}

function phoneProblem(phone: string): string | undefined {
  if (phone === '') return undefined
  const digits = phoneDigitCount(phone)
  if (!PHONE.test(phone) || digits < 10 || digits > 15)
    return 'Enter a phone number, like 01632 960 001 or 07700 900 982'
  return undefined
}

export function phoneErrors(form: PhoneForm): FieldErrors {
  const errors: FieldErrors = {}
  const main = phoneProblem(form.phone.trim())
  if (main) errors.phone = main
  const other = phoneProblem(form.other_phone.trim())
  if (other) errors.other_phone = other
  if (!main && form.phone.trim() === '' && form.other_phone.trim() !== '')
    errors.phone = 'Enter your main phone number first'
  return errors
}

export function addressErrors(form: AddressForm): FieldErrors {
  const errors: FieldErrors = {}
  if (form.address_line_1.trim() === '') errors.address_line_1 = 'Enter the first line of your address'
  else if (form.address_line_1.length > LINE_MAX)
    errors.address_line_1 = 'Address line 1 must be 200 characters or fewer'
  if (form.address_line_2.length > LINE_MAX) errors.address_line_2 = 'Address line 2 must be 200 characters or fewer'
  if (form.town.trim() === '') errors.town = 'Enter your town or city'
  else if (form.town.length > TOWN_MAX) errors.town = 'Town or city must be 100 characters or fewer'
  if (form.postcode.trim() === '') errors.postcode = 'Enter your postcode'
  else if (!POSTCODE.test(form.postcode.trim())) errors.postcode = 'Enter a full UK postcode, like AA1 1AA'
  return errors
}

/** What the contact form's answer means for the record: how we reach them, and whether they use the internet. */
export type ContactChoice = { preferred_channel: PreferredChannel; offline: boolean }

const ONLINE_CHOICES: readonly string[] = ['email', 'sms', 'letter', 'phone']

export function contactChoice(form: ContactForm): { choice?: ContactChoice; errors: FieldErrors } {
  if (ONLINE_CHOICES.includes(form.channel))
    return { choice: { preferred_channel: form.channel as PreferredChannel, offline: false }, errors: {} }
  if (form.channel === 'offline') {
    if (form.offline_channel === 'letter' || form.offline_channel === 'phone')
      return { choice: { preferred_channel: form.offline_channel, offline: true }, errors: {} }
    return { errors: { offline_channel: 'Select whether we should write to you or phone you' } }
  }
  return { errors: { channel: 'Select how you would like us to contact you' } }
}

/** A way of contacting that needs something on the record the resident has not given us yet. */
export function missingFor(
  channel: PreferredChannel,
  has: { email: boolean; phone: boolean; address: boolean },
): string | undefined {
  if (channel === 'email' && !has.email) return 'We do not have an email address for you'
  if ((channel === 'sms' || channel === 'phone') && !has.phone)
    return 'Add a phone number to your details before choosing text messages or phone calls'
  if (channel === 'letter' && !has.address) return 'Add your postal address to your details before choosing letters'
  return undefined
}

export function needsErrors(needs: string): FieldErrors {
  return needs.length > NEEDS_MAX ? { needs: 'Accessibility needs must be 500 characters or fewer' } : {}
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((message) => message !== undefined)
}
