// What a new password must be (NIST SP 800-63B and OWASP ASVS 2.1): at least 12 characters, at
// most 128 (scrypt would take anything, but nobody types more), and not one of the passwords
// attackers try first. No rules about character classes: length and rarity are what count.
import { dictionary } from '@zxcvbn-ts/language-common'

const MIN_LENGTH = 12
const MAX_LENGTH = 128

/** About 30,000 passwords seen most often in breaches, lower-cased, shipped with the app. */
const COMMON = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()))

/** Why a proposed password is refused, in words for the error summary, or undefined when it is acceptable. */
export function passwordProblem(password: string, personal: readonly string[] = []): string | undefined {
  const length = [...password.normalize('NFKC')].length
  if (length === 0) return 'Enter a password'
  if (length < MIN_LENGTH) return `Password must be ${MIN_LENGTH} characters or more`
  if (length > MAX_LENGTH) return `Password must be ${MAX_LENGTH} characters or fewer`
  const lower = password.toLowerCase()
  if (COMMON.has(lower) || COMMON.has(lower.replace(/[\d!?.]+$/, '')))
    return 'Password is too common: choose one that people would not guess, like three random words'
  if (/^(.)\1+$/.test(password)) return 'Password must not be one character repeated'
  const words = personal.map((p) => p.trim().toLowerCase()).filter((p) => p.length >= 4)
  if (words.some((word) => lower.includes(word))) return 'Password must not contain your name or email address'
  return undefined
}
