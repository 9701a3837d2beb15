// A number an advisor can ring back: a UK number as GOV.UK asks for one (spaces, brackets, +44 or
// 0044 allowed), checked against Ofcom's UK numbering plan after normalising to the 0 form. The
// house's pattern (the catalogue's phone question) decides the shape; the plan decides the length.
import { UK_PHONE_PATTERN } from '../catalogue/service.ts'
import { normalisedNumber } from './keys.ts'

const SHAPE = new RegExp(UK_PHONE_PATTERN)

/**
 * How many digits a number has, from its first two after normalising (Ofcom's National Telephone
 * Numbering Plan). 01 area codes have 11 digits, except the few areas with 10-digit numbers (such
 * as 016977); 02, 03 and 07 always have 11; 08 has 11, except 0800's older 10-digit numbers. 00
 * is the international prefix, 04 and 06 are unused, and 09 is premium rate: not a number to ring
 * back on the council's bill.
 */
const LENGTHS: Record<string, readonly number[]> = {
  '01': [10, 11],
  '02': [11],
  '03': [11],
  '05': [11],
  '07': [11],
  '08': [10, 11],
}

export const PHONE_EXAMPLE = 'Enter a telephone number, like 01632 960 001 or 07700 900 982'

/** The number in its national form, digits only (07700900982), or undefined when it cannot be one. */
export function nationalNumber(typed: string): string | undefined {
  if (!SHAPE.test(typed)) return undefined
  const national = normalisedNumber(typed)
  const lengths = LENGTHS[national.slice(0, 2)]
  return lengths?.includes(national.length) ? national : undefined
}

/** What to tell a resident about the number they typed, in the GOV.UK style; undefined when it will do. */
export function phoneNumberProblem(typed: string): string | undefined {
  const trimmed = typed.trim()
  if (trimmed === '') return 'Enter a telephone number'
  if (/[^\d\s()+-]/.test(trimmed)) return PHONE_EXAMPLE
  if (trimmed.startsWith('+') && !/^\+\s*44/.test(trimmed))
    return 'Enter a UK telephone number: we cannot call numbers outside the UK'
  if (trimmed.replace(/\D/g, '').startsWith('09')) return 'Enter a telephone number that does not start with 09'
  return nationalNumber(trimmed) ? undefined : PHONE_EXAMPLE
}

/**
 * Area codes of six digits (Ofcom's "mixed" areas, such as 016977 Brampton): written apart from
 * the local number, as the phone book prints them, though most 01 codes have five.
 */
const SIX_DIGIT_AREAS = [
  '013873',
  '015242',
  '015394',
  '015395',
  '015396',
  '016973',
  '016974',
  '016977',
  '017683',
  '017684',
  '017687',
  '019467',
]

/** Where a national number breaks into the groups people read aloud: lengths of each group. */
function groupsOf(national: string): number[] {
  if (national.startsWith('02')) return [3, 4, 4]
  if (/^01(1\d|\d1)/.test(national)) return [4, 3, 4]
  if (SIX_DIGIT_AREAS.some((area) => national.startsWith(area))) return [6, national.length - 6]
  if (national.startsWith('01') || national.startsWith('07')) return [5, national.length - 5]
  if (national.startsWith('05')) return [3, 4, 4]
  return national.length === 10 ? [4, 6] : [4, 3, 4]
}

/**
 * A number as people read a UK number ("07700 900123", "020 7946 0000", "0161 496 0000"), however
 * it was typed; what cannot be a UK number comes back as it was, for the advisor to read as typed.
 */
export function readableNumber(typed: string): string {
  const national = nationalNumber(typed)
  if (!national) return typed
  let at = 0
  return groupsOf(national)
    .map((length) => national.slice(at, (at += length)))
    .join(' ')
}
