// The change-details form: what was typed, read into the changes the residents service takes. Only
// fields whose value differs from the record count as changed, so the timeline names what really
// changed. Mistakes a form can make (a half-typed date, a postcode that is not one) are caught here
// in the council's words; the residents service keeps its own rules (a birth date in the future).
import { DIGITAL_STATUSES, PREFERRED_CHANNELS } from '../../platform/db/values.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import type { Resident } from '../residents/service.ts'
import { languageTag } from '../residents/service.ts'
import { dateFrom, dateParts } from './dates.ts'

export const MAX_LIST = 5
const POSTCODE = /^\s*[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\s*[0-9][A-Za-z]{2}\s*$/
const PHONE = /^\+?[0-9][0-9 ()-]{8,22}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export type DetailsValues = { fields: Record<string, string>; phones: string[]; emails: string[] }

type Address = Resident['addresses'][number]

/** How many phone or email boxes to offer: those held and one empty, at least two. */
export const boxesFor = (held: number): number => Math.min(MAX_LIST, Math.max(2, held + 1))

/** The record as the form shows it before anything is typed. */
export function valuesOf(resident: Resident): DetailsValues {
  const home: Partial<Address> = resident.addresses[0] ?? {}
  const fields: Record<string, string> = {
    given_name: resident.given_name,
    family_name: resident.family_name,
    ...dateParts('dob', resident.date_of_birth),
    address_line_1: home.address_line_1 ?? '',
    address_line_2: home.address_line_2 ?? '',
    town: home.town ?? '',
    postcode: home.postcode ?? '',
    uprn: home.uprn ?? '',
    preferred_channel: resident.preferred_channel ?? '',
    language: resident.language ?? '',
    accessibility_needs: resident.accessibility_needs ?? '',
    digital_status: resident.digital_status ?? '',
    reason: '',
  }
  return { fields, phones: resident.phones, emails: resident.emails }
}

const text = (body: Record<string, unknown>, name: string): string =>
  typeof body[name] === 'string' ? (body[name] as string) : ''

/** What was typed, kept as typed so an error summary can show it back. */
export function valuesFrom(body: Record<string, unknown>): DetailsValues {
  const names = [
    'given_name',
    'family_name',
    'dob-day',
    'dob-month',
    'dob-year',
    'address_line_1',
    'address_line_2',
    'town',
    'postcode',
    'uprn',
    'preferred_channel',
    'language',
    'accessibility_needs',
    'digital_status',
    'reason',
  ]
  const list = (prefix: string) => Array.from({ length: MAX_LIST }, (_, i) => text(body, `${prefix}-${i + 1}`))
  const values = Object.fromEntries(names.map((name) => [name, text(body, name)]))
  return { fields: values, phones: trimEnd(list('phone')), emails: trimEnd(list('email')) }
}

function trimEnd(list: string[]): string[] {
  const last = list.findLastIndex((item) => item.trim() !== '')
  return list.slice(0, last + 1)
}

function dateOfBirth(values: DetailsValues, errors: FieldError[]): string | null {
  return dateFrom(values.fields, 'dob', errors, 'Date of birth must be a real date, like 27 3 1956')
}

function homeAddress(values: DetailsValues, errors: FieldError[]): Address | null {
  const [line1 = '', line2, town, postcode, uprn] = [
    'address_line_1',
    'address_line_2',
    'town',
    'postcode',
    'uprn',
  ].map((name) => (values.fields[name] ?? '').trim())
  if (!line1 && !line2 && !town && !postcode && !uprn) return null
  if (!line1) errors.push({ name: 'address_line_1', message: 'Enter the first line of the address' })
  if (line1.length > 200)
    errors.push({ name: 'address_line_1', message: 'Address line 1 must be 200 characters or fewer' })
  if (postcode && !POSTCODE.test(postcode))
    errors.push({ name: 'postcode', message: 'Enter a real postcode, like SW1A 1AA' })
  if (uprn && !/^[0-9]{1,12}$/.test(uprn))
    errors.push({ name: 'uprn', message: 'UPRN must be a number of up to 12 digits' })
  return {
    address_line_1: line1,
    address_line_2: line2 || null,
    town: town || null,
    postcode: postcode || null,
    uprn: uprn || null,
  }
}

function listOf(values: string[], prefix: string, pattern: RegExp, message: string, errors: FieldError[]): string[] {
  const kept: string[] = []
  values.forEach((value, index) => {
    if (value.trim() === '') return
    if (!pattern.test(value.trim())) errors.push({ name: `${prefix}-${index + 1}`, message })
    kept.push(value.trim())
  })
  return kept
}

function choice<T extends string>(value: string, allowed: readonly T[], name: string, errors: FieldError[]): T | null {
  if (value === '') return null
  if ((allowed as readonly string[]).includes(value)) return value as T
  errors.push({ name, message: 'Choose one of the options' })
  return null
}

function names(values: DetailsValues, errors: FieldError[]) {
  const given = (values.fields.given_name ?? '').trim()
  const family = (values.fields.family_name ?? '').trim()
  if (!given) errors.push({ name: 'given_name', message: 'Enter the resident’s first name' })
  else if (given.length > 100)
    errors.push({ name: 'given_name', message: 'First name must be 100 characters or fewer' })
  if (!family) errors.push({ name: 'family_name', message: 'Enter the resident’s last name' })
  else if (family.length > 100)
    errors.push({ name: 'family_name', message: 'Last name must be 100 characters or fewer' })
  return { given_name: given, family_name: family }
}

function preferences(values: DetailsValues, errors: FieldError[]) {
  const languageTyped = (values.fields.language ?? '').trim()
  const language = languageTyped === '' ? null : (languageTag(languageTyped) ?? null)
  if (languageTyped !== '' && language === null)
    errors.push({ name: 'language', message: 'Enter a language by name or code, like Welsh or cy' })
  const needs = (values.fields.accessibility_needs ?? '').trim()
  if (needs.length > 500)
    errors.push({ name: 'accessibility_needs', message: 'Accessibility needs must be 500 characters or fewer' })
  return {
    preferred_channel: choice(values.fields.preferred_channel ?? '', PREFERRED_CHANNELS, 'preferred_channel', errors),
    language,
    accessibility_needs: needs || null,
    digital_status: choice(values.fields.digital_status ?? '', DIGITAL_STATUSES, 'digital_status', errors),
  }
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

export type ReadForm = { changes: Record<string, unknown>; errors: FieldError[] }

/** The fields that differ from the record, and the mistakes in what was typed. */
export function changesFrom(values: DetailsValues, resident: Resident): ReadForm {
  const errors: FieldError[] = []
  const phoneMessage = 'Enter a phone number, like 01632 960 001 or 07700 900 982'
  const emailMessage = 'Enter an email address in the correct format, like name@example.com'
  const home = homeAddress(values, errors)
  const typed: Record<string, unknown> = {
    ...names(values, errors),
    date_of_birth: dateOfBirth(values, errors),
    addresses: home === null ? resident.addresses.slice(1) : [home, ...resident.addresses.slice(1)],
    phones: listOf(values.phones, 'phone', PHONE, phoneMessage, errors),
    emails: listOf(values.emails, 'email', EMAIL, emailMessage, errors),
    ...preferences(values, errors),
  }
  const held = resident as unknown as Record<string, unknown>
  const changes = Object.fromEntries(Object.entries(typed).filter(([name, value]) => !same(value, held[name])))
  return { changes, errors }
}

/** The form's box for an error the residents service found (`body.phones.1` is the second phone box). */
export function fieldOfServiceError(name: string): string {
  const field = name.replace(/^body\./, '')
  const listed = /^(phones|emails)\.(\d+)$/.exec(field)
  if (listed) return `${listed[1] === 'phones' ? 'phone' : 'email'}-${Number(listed[2]) + 1}`
  if (field === 'date_of_birth') return 'dob-day'
  if (field.startsWith('addresses')) return 'address_line_1'
  return field
}
