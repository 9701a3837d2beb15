// "Add a resident" as a form: what was typed, kept as typed so the page can show it again, and
// what it means as a new resident, or the errors in the GOV.UK words for each box.
import { DIGITAL_STATUSES, PREFERRED_CHANNELS } from '../../platform/db/values.ts'
import type { DigitalStatus, PreferredChannel } from '../../platform/db/values.ts'
import type { FieldError } from '../../platform/http/problem.ts'

export const RESIDENT_FIELDS = [
  'given_name',
  'family_name',
  'dob-day',
  'dob-month',
  'dob-year',
  'email',
  'phone',
  'address_line_1',
  'address_line_2',
  'town',
  'postcode',
  'uprn',
  'preferred_channel',
  'digital_status',
  'accessibility_needs',
] as const

export type ResidentFormValues = Record<(typeof RESIDENT_FIELDS)[number], string>

export type NewResidentInput = {
  given_name: string
  family_name: string
  date_of_birth?: string
  emails?: string[]
  phones?: string[]
  addresses?: {
    address_line_1: string
    address_line_2: string | null
    town: string | null
    postcode: string | null
    uprn: string | null
  }[]
  preferred_channel?: PreferredChannel
  digital_status?: DigitalStatus
  accessibility_needs?: string
}

const POSTCODE = /^\s*[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\s*[0-9][A-Za-z]{2}\s*$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PHONE = /^\+?[0-9][0-9 ()-]{8,22}$/
const UPRN = /^[0-9]{1,12}$/

export function formValues(source: Record<string, unknown>): ResidentFormValues {
  const value = (name: string) => (typeof source[name] === 'string' ? source[name].trim() : '')
  return Object.fromEntries(RESIDENT_FIELDS.map((name) => [name, value(name)])) as ResidentFormValues
}

/** The date of birth as YYYY-MM-DD, undefined when no box was filled, or an error message. */
function dateOfBirth(v: ResidentFormValues): { date?: string; error?: string } {
  const parts = [v['dob-day'], v['dob-month'], v['dob-year']]
  if (parts.every((p) => p === '')) return {}
  if (parts.some((p) => !/^\d+$/.test(p)))
    return { error: 'Date of birth must be a real date, with a day, month and year' }
  const [day, month, year] = parts.map(Number) as [number, number, number]
  const at = new Date(Date.UTC(year, month - 1, day))
  const real = at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day
  if (!real || year < 1000) return { error: 'Date of birth must be a real date' }
  return { date: at.toISOString().slice(0, 10) }
}

function addressOf(v: ResidentFormValues, errors: FieldError[]): NewResidentInput['addresses'] {
  const any = [v.address_line_1, v.address_line_2, v.town, v.postcode, v.uprn].some((p) => p !== '')
  if (!any) return undefined
  if (v.address_line_1 === '')
    errors.push({ name: 'address_line_1', message: 'Enter the first line of the address, or leave the address empty' })
  if (v.postcode !== '' && !POSTCODE.test(v.postcode))
    errors.push({ name: 'postcode', message: 'Enter a real postcode, like SW1A 1AA' })
  if (v.uprn !== '' && !UPRN.test(v.uprn)) errors.push({ name: 'uprn', message: 'A UPRN is up to 12 digits' })
  return [
    {
      address_line_1: v.address_line_1,
      address_line_2: v.address_line_2 || null,
      town: v.town || null,
      postcode: v.postcode || null,
      uprn: v.uprn || null,
    },
  ]
}

export function parseResidentForm(v: ResidentFormValues): { input: NewResidentInput; errors: FieldError[] } {
  const errors: FieldError[] = []
  if (v.given_name === '') errors.push({ name: 'given_name', message: 'Enter the resident’s first name' })
  if (v.family_name === '') errors.push({ name: 'family_name', message: 'Enter the resident’s last name' })
  for (const name of ['given_name', 'family_name'] as const)
    if (v[name].length > 100) errors.push({ name, message: 'A name must be 100 characters or fewer' })
  const dob = dateOfBirth(v)
  if (dob.error) errors.push({ name: 'dob', message: dob.error })
  if (v.email !== '' && (!EMAIL.test(v.email) || v.email.length > 254))
    errors.push({ name: 'email', message: 'Enter an email address in the correct format, like name@example.com' })
  if (v.phone !== '' && !PHONE.test(v.phone))
    errors.push({ name: 'phone', message: 'Enter a phone number, like 01632 960 001 or 07700 900 982' })
  const addresses = addressOf(v, errors)
  const channel = (PREFERRED_CHANNELS as readonly string[]).includes(v.preferred_channel)
    ? (v.preferred_channel as PreferredChannel)
    : undefined
  const digital = (DIGITAL_STATUSES as readonly string[]).includes(v.digital_status)
    ? (v.digital_status as DigitalStatus)
    : undefined
  if (v.accessibility_needs.length > 500)
    errors.push({ name: 'accessibility_needs', message: 'Accessibility needs must be 500 characters or fewer' })
  const input: NewResidentInput = {
    given_name: v.given_name,
    family_name: v.family_name,
    ...(dob.date ? { date_of_birth: dob.date } : {}),
    ...(v.email ? { emails: [v.email] } : {}),
    ...(v.phone ? { phones: [v.phone] } : {}),
    ...(addresses ? { addresses } : {}),
    ...(channel ? { preferred_channel: channel } : {}),
    ...(digital ? { digital_status: digital } : {}),
    ...(v.accessibility_needs ? { accessibility_needs: v.accessibility_needs } : {}),
  }
  return { input, errors }
}

/** The service's own refusals (`body.date_of_birth`, `body.phones.0`) named as the form's boxes. */
export function formFieldOf(apiName: string): string {
  const name = apiName.replace(/^body\./, '')
  if (name === 'date_of_birth') return 'dob'
  if (name.startsWith('phones')) return 'phone'
  if (name.startsWith('emails')) return 'email'
  return name
}
