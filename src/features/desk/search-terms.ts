// What an advisor typed in the one search box, read the way they meant it: a case reference, a
// postcode, an email, a phone number, a UPRN, or a name. The reading decides what the audit trail
// may keep of it and where each part lands on "Add a resident" when nobody is found.
import { normaliseCaseReference } from '../cases/service.ts'

export type LookedFor = 'case reference' | 'postcode' | 'email' | 'phone' | 'uprn' | 'name'

const POSTCODE = /^[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\s*[0-9][A-Za-z]{2}$/
const EMAIL = /^[^\s@]+@[^\s@]+$/
const PHONE = /^(\+|0)[\d\s()-]{6,}$/
/** A UPRN is up to twelve digits and never starts with 0, which is how a phone number starts. */
const UPRN = /^[1-9]\d{0,11}$/

export function lookedFor(q: string): LookedFor {
  const text = q.trim()
  if (normaliseCaseReference(text) !== undefined) return 'case reference'
  if (POSTCODE.test(text)) return 'postcode'
  if (EMAIL.test(text)) return 'email'
  if (PHONE.test(text)) return 'phone'
  if (UPRN.test(text)) return 'uprn'
  return 'name'
}

/** "Add a resident" filled in with what was typed: a name split into given and family names, anything else in its own box. */
export function addResidentPrefill(q: string): Record<string, string> {
  const text = q.trim().replace(/\s+/g, ' ')
  const kind = lookedFor(text)
  if (kind === 'postcode') return { postcode: text.toUpperCase() }
  if (kind === 'email') return { email: text }
  if (kind === 'phone') return { phone: text }
  if (kind === 'uprn') return { uprn: text }
  if (kind === 'case reference' || text === '') return {}
  const words = text.split(' ')
  const family = words.length === 1 ? words[0]! : words.at(-1)!
  return words.length === 1
    ? { family_name: family }
    : { given_name: words.slice(0, -1).join(' '), family_name: family }
}
