// Recovery codes: ten single-use codes shown once at enrolment, for a lost or broken phone. Each
// has 80 random bits, so a plain SHA-256 is enough to store it: unlike a password there is nothing
// to guess from, and hashing stays cheap enough to check a code against every unused one.
import { createHash, randomBytes } from 'node:crypto'

export const RECOVERY_CODE_COUNT = 10
/** Crockford's base32: no i, l, o or u, so nothing reads as another character. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'

function newCode(): string {
  // 32 symbols divide 256 evenly, so every symbol is equally likely.
  const chars = Array.from(randomBytes(16), (b) => ALPHABET[b % ALPHABET.length])
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-')
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, newCode)
}

/** What was typed, as the code it stands for: case, spaces and dashes ignored, look-alikes read as Crockford does. */
export function normaliseRecoveryCode(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined
  const code = raw.toLowerCase().replace(/[\s-]/g, '').replace(/[o]/g, '0').replace(/[il]/g, '1')
  return /^[0-9a-hjkmnp-tv-z]{16}$/.test(code) ? code : undefined
}

export function hashRecoveryCode(normalised: string): string {
  return createHash('sha256').update(normalised).digest('hex')
}
