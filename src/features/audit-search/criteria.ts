// What the audit search form asks for, read from its query string and checked: a person, a
// record, an actor, a kind of actor and a range of dates. Mistakes come back as field errors
// named by the form's field ids, for the GOV.UK error summary.
import type { ActorKind } from '../../platform/db/values.ts'
import { ACTOR_KINDS } from '../../platform/db/values.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { recordIdOf } from '../../platform/http/ids.ts'
import { instantAt } from '../../platform/i18n/zoned-time.ts'

/** The kinds of record the audit trail names as subjects, with the words the form shows. */
export const RECORD_TYPES: Record<string, string> = {
  resident: 'Resident',
  case: 'Case',
  contact: 'Contact',
  referral: 'Referral',
  e_account: 'Resident’s online account',
  staff_user: 'Staff member',
  service: 'Service',
  audit_event: 'Audit trail',
}

export type LocalDate = { year: number; month: number; day: number }

export type Criteria = {
  /** A resident's number, or words to find them by name. */
  person?: { residentId: number } | { words: string }
  /** Every record of a kind, or one by its number; a case may be given by its reference instead. */
  record?: { type: string; id?: string }
  /** The actor's label exactly as the trail records it, e.g. staff:12, token:name, account:5. */
  actorLabel?: string
  actorKind?: ActorKind
  from?: LocalDate
  to?: LocalDate
}

/** The form as it was filled in, to show it again. */
export type FormValues = {
  person: string
  recordType: string
  recordId: string
  actor: string
  actorKind: string
  from: { day: string; month: string; year: string }
  to: { day: string; month: string; year: string }
}

export type ParsedSearch = { values: FormValues; criteria: Criteria; errors: FieldError[] }

const text = (query: Record<string, unknown>, name: string): string => {
  const value = query[name]
  return typeof value === 'string' ? value.trim() : ''
}

const DATE_LABELS = { from: 'Date from', to: 'Date to' } as const

function dateError(which: 'from' | 'to', parts: FormValues['from']): string | LocalDate | undefined {
  const label = DATE_LABELS[which]
  const given = (['day', 'month', 'year'] as const).filter((part) => parts[part] !== '')
  if (given.length === 0) return undefined
  const missing = (['day', 'month', 'year'] as const).filter((part) => parts[part] === '')
  if (missing.length > 0) return `${label} must include a ${missing.join(' and ')}`
  if (!given.every((part) => /^\d{1,4}$/.test(parts[part]))) return `${label} must be a real date`
  const date = { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) }
  if (parts.year.length !== 4) return `${label} must include a year with 4 numbers, like 2026`
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day))
  if (check.getUTCFullYear() !== date.year || check.getUTCMonth() !== date.month - 1 || check.getUTCDate() !== date.day)
    return `${label} must be a real date`
  return date
}

const dayNumber = (date: LocalDate) => Date.UTC(date.year, date.month - 1, date.day)

function personOf(raw: string, errors: FieldError[]): Criteria['person'] {
  if (raw === '') return undefined
  if (raw.length > 100) errors.push({ name: 'person', message: 'Person must be 100 characters or fewer' })
  else if (/^\d+$/.test(raw)) {
    const residentId = recordIdOf(raw)
    if (residentId !== undefined) return { residentId }
    errors.push({ name: 'person', message: 'There is no resident with this number: check it, or give their name' })
  } else if (raw.replace(/\s/g, '').length < 2)
    errors.push({ name: 'person', message: 'Enter at least 2 letters of the person’s name, or their resident number' })
  else return { words: raw }
  return undefined
}

function recordOf(type: string, id: string, errors: FieldError[]): Criteria['record'] {
  if (type === '' && id === '') return undefined
  if (type !== '' && !Object.hasOwn(RECORD_TYPES, type))
    errors.push({ name: 'recordType', message: 'Select a kind of record from the list' })
  else if (type === '') errors.push({ name: 'recordType', message: 'Select the kind of record' })
  else if (id.length > 100) errors.push({ name: 'recordId', message: 'Record number must be 100 characters or fewer' })
  else return id === '' ? { type } : { type, id }
  return undefined
}

export function parseSearch(query: Record<string, unknown>): ParsedSearch {
  const date = (which: 'from' | 'to') => ({
    day: text(query, `${which}-day`),
    month: text(query, `${which}-month`),
    year: text(query, `${which}-year`),
  })
  const values: FormValues = {
    person: text(query, 'person'),
    recordType: text(query, 'recordType'),
    recordId: text(query, 'recordId'),
    actor: text(query, 'actor'),
    actorKind: text(query, 'actorKind'),
    from: date('from'),
    to: date('to'),
  }
  const errors: FieldError[] = []
  const criteria: Criteria = {}
  criteria.person = personOf(values.person, errors)
  criteria.record = recordOf(values.recordType, values.recordId, errors)
  if (values.actor.length > 200) errors.push({ name: 'actor', message: 'Actor must be 200 characters or fewer' })
  else if (values.actor !== '') criteria.actorLabel = values.actor
  if (values.actorKind !== '') {
    if ((ACTOR_KINDS as readonly string[]).includes(values.actorKind))
      criteria.actorKind = values.actorKind as ActorKind
    else errors.push({ name: 'actorKind', message: 'Select a kind of actor from the list' })
  }
  for (const which of ['from', 'to'] as const) {
    const parsed = dateError(which, values[which])
    if (typeof parsed === 'string') errors.push({ name: which, message: parsed })
    else if (parsed) criteria[which] = parsed
  }
  if (criteria.from && criteria.to && dayNumber(criteria.to) < dayNumber(criteria.from)) {
    errors.push({ name: 'to', message: 'Date to must be the same as or after date from' })
  }
  for (const key of Object.keys(criteria) as (keyof Criteria)[]) if (criteria[key] === undefined) delete criteria[key]
  return { values, criteria, errors }
}

/** Which criteria a search used, by kind only: what the audit event of the search itself records. */
export function criteriaKinds(criteria: Criteria): string[] {
  const kinds: string[] = []
  if (criteria.person) kinds.push('residentId' in criteria.person ? 'person_number' : 'person_name')
  if (criteria.record) kinds.push('record')
  if (criteria.actorLabel) kinds.push('actor')
  if (criteria.actorKind) kinds.push('actor_kind')
  if (criteria.from) kinds.push('from')
  if (criteria.to) kinds.push('to')
  return kinds
}

/** The instant a day begins in the time zone (the council's), right across the clock changes. */
export function startOfDay(date: LocalDate, timeZone: string): string {
  return new Date(instantAt(Date.UTC(date.year, date.month - 1, date.day), timeZone)).toISOString()
}

export function nextDay(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1))
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }
}
