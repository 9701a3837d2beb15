// Reading one cell of an import file. Each reader returns the stored value or a Problem whose
// message names the column and what is wrong, never the value: cells hold personal data.
import { languageTag, normalisePostcode } from '../residents/service.ts'

export type Problem = { problem: string }

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'problem' in value
}

const problem = (column: string, text: string): Problem => ({ problem: `${column} ${text}` })

/** Trimmed text, or null when empty. */
export function optionalText(column: string, raw: string, maxLength = 1000): string | null | Problem {
  const value = raw.trim()
  if (value === '') return null
  if (value.length > maxLength) return problem(column, `is longer than ${maxLength} characters`)
  return value
}

export function requiredText(column: string, raw: string, maxLength = 1000): string | Problem {
  const value = optionalText(column, raw, maxLength)
  return value === null ? problem(column, 'is required') : value
}

/** One of a closed set, in any letter case. */
export function optionalChoice<T extends string>(
  column: string,
  raw: string,
  choices: readonly T[],
): T | null | Problem {
  const value = raw.trim().toLowerCase()
  if (value === '') return null
  return (choices as readonly string[]).includes(value)
    ? (value as T)
    : problem(column, `must be one of ${choices.join(', ')}`)
}

export function requiredChoice<T extends string>(column: string, raw: string, choices: readonly T[]): T | Problem {
  const value = optionalChoice(column, raw, choices)
  return value === null ? problem(column, 'is required') : value
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
// Seconds and fractions optional; the offset is not: a time without one is ambiguous by an hour
// for half the year in the UK.
const TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i

export function optionalDate(column: string, raw: string): string | null | Problem {
  const value = raw.trim()
  if (value === '') return null
  const match = DATE.exec(value)
  if (!match) return problem(column, 'must be a date written YYYY-MM-DD')
  if (!isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) return problem(column, 'is not a real date')
  return value
}

/** The earliest date of birth taken as real: anything before it is a typing slip. */
export const EARLIEST_BIRTH_DATE = '1890-01-01'

export function dateOfBirth(column: string, raw: string, today: string): string | null | Problem {
  const value = optionalDate(column, raw)
  if (value === null || isProblem(value)) return value
  if (value >= today) return problem(column, 'must be in the past')
  if (value < EARLIEST_BIRTH_DATE) return problem(column, `must be on or after ${EARLIEST_BIRTH_DATE}`)
  return value
}

function offsetMinutes(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0
  const digits = offset.slice(1).replace(':', '')
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')
  return offset.startsWith('-') ? -minutes : minutes
}

/** An ISO 8601 time with its offset, stored as the UTC ISO string every time column holds. */
export function optionalTime(column: string, raw: string): string | null | Problem {
  const value = raw.trim()
  if (value === '') return null
  const match = TIME.exec(value)
  if (!match) {
    const withoutOffset = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?$/i.test(value)
    return problem(
      column,
      withoutOffset
        ? 'has no time zone offset: add Z or +01:00'
        : 'must be an ISO 8601 time with an offset, like 2024-05-01T09:30:00+01:00',
    )
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? '0')) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const fraction = Number(`0.${match[7] ?? '0'}`)
  const offset = offsetMinutes(match[8] as string)
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59 || Math.abs(offset) > 18 * 60)
    return problem(column, 'is not a real time')
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) + Math.floor(fraction * 1000) - offset * 60_000
  return new Date(utc).toISOString()
}

export function requiredTime(column: string, raw: string): string | Problem {
  const value = optionalTime(column, raw)
  return value === null ? problem(column, 'is required') : value
}

const EMAIL = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:.]+$/

export function optionalEmail(column: string, raw: string): string | null | Problem {
  const value = raw.trim()
  if (value === '') return null
  if (value.length > 254 || !EMAIL.test(value) || value.includes('..'))
    return problem(column, 'is not a valid email address')
  return value.toLowerCase()
}

export function optionalPhone(column: string, raw: string): string | null | Problem {
  const value = raw.trim()
  if (value === '') return null
  const digits = value.replace(/\D/g, '')
  if (!/^\+?[\d\s()\-.]+$/.test(value) || digits.length < 7 || digits.length > 15)
    return problem(column, 'is not a valid phone number')
  return value
}

const POSTCODE = /^(GIR 0AA|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2})$/

/** A UK postcode, stored in its usual form: upper case, one space before the last three. */
export function optionalPostcode(column: string, raw: string): string | null | Problem {
  const value = raw.trim()
  if (value === '') return null
  const normalised = normalisePostcode(value)
  return POSTCODE.test(normalised) ? normalised : problem(column, 'is not a valid UK postcode')
}

export function optionalUprn(column: string, raw: string): string | null | Problem {
  const value = raw.trim()
  if (value === '') return null
  return /^\d{1,12}$/.test(value) ? value : problem(column, 'must be 1 to 12 digits')
}

const TRUE = ['true', 'yes', '1']
const FALSE = ['false', 'no', '0']

/** true/false, yes/no or 1/0 as the database's 0/1; null when empty. */
export function optionalFlag(column: string, raw: string): 0 | 1 | null | Problem {
  const value = raw.trim().toLowerCase()
  if (value === '') return null
  if (TRUE.includes(value)) return 1
  if (FALSE.includes(value)) return 0
  return problem(column, 'must be true or false (or yes/no, 1/0)')
}

export function optionalWholeNumber(column: string, raw: string, max = 2_147_483_647): number | null | Problem {
  const value = raw.trim()
  if (value === '') return null
  if (!/^\d+$/.test(value) || Number(value) > max) return problem(column, 'must be a whole number of 0 or more')
  return Number(value)
}

/** A language as a BCP 47 tag (`en`, `cy`, `pt-BR`) or a common language's English name (`Polish`), stored as the tag. */
export function optionalLanguage(column: string, raw: string): string | null | Problem {
  if (raw.trim() === '') return null
  return (
    languageTag(raw) ??
    problem(
      column,
      'must be a language code such as en, cy or pl, or the English name of a common language such as Polish',
    )
  )
}
