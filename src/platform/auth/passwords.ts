// Password hashing with scrypt at OWASP's recommended cost (N=2^17, r=8, p=1) and a per-password
// salt. The parameters travel inside the stored hash so they can be raised later without a reset.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import type { ScryptOptions } from 'node:crypto'

const COST = { N: 2 ** 17, r: 8, p: 1 }
const KEY_LENGTH = 64
const MAX_MEMORY = 256 * 1024 * 1024

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  const maxmem = 256 * (options.N ?? COST.N) * (options.r ?? COST.r) + 1024 * 1024
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, COST)
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/**
 * The cost parameters a stored hash may ask for. Anything else is a damaged or forged hash: it
 * would otherwise make scrypt throw, or allocate as much memory as the hash demands.
 */
function storedCost(n: string, r: string, p: string): ScryptOptions | undefined {
  const cost = { N: Number(n), r: Number(r), p: Number(p) }
  const powerOfTwo = Number.isInteger(cost.N) && cost.N >= 2 ** 14 && cost.N <= 2 ** 20 && (cost.N & (cost.N - 1)) === 0
  const small = (value: number, max: number) => Number.isInteger(value) && value >= 1 && value <= max
  // scrypt needs 128 * N * r bytes: allow up to twice today's cost (256 MiB), no more.
  return powerOfTwo && small(cost.r, 32) && small(cost.p, 16) && 128 * cost.N * cost.r <= MAX_MEMORY ? cost : undefined
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key, extra] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key || extra !== undefined) return false
  const cost = storedCost(n, r, p)
  const expected = Buffer.from(key, 'base64url')
  if (!cost || expected.length !== KEY_LENGTH) return false
  const actual = await derive(password, Buffer.from(salt, 'base64url'), cost)
  return timingSafeEqual(actual, expected)
}

/** A readable one-time password for new accounts: four groups of letters and digits. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const bytes = randomBytes(16)
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length])
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-')
}
