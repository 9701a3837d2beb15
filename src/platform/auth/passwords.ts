// Password hashing with scrypt at OWASP's recommended cost (N=2^17, r=8, p=1) and a per-password
// salt. The parameters travel inside the stored hash so they can be raised later without a reset.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import type { ScryptOptions } from 'node:crypto'

export const PRODUCTION_COST = { N: 2 ** 17, r: 8, p: 1 }
/** The lowest cost a stored hash may carry: only for processes run by `node --test`. */
export const TEST_COST = { N: 2 ** 14, r: 8, p: 1 }

/**
 * One hash at the production cost takes about half a second of a core, and the suite signs in
 * thousands of times: under Node's test runner (which marks its processes with NODE_TEST_CONTEXT)
 * passwords are hashed at the lowest cost this module accepts. Verification reads the cost from
 * the stored hash, so the same code checks both; a server never runs under the test runner.
 */
export function hashCost(env: NodeJS.ProcessEnv = process.env): ScryptOptions {
  return env.NODE_TEST_CONTEXT ? TEST_COST : PRODUCTION_COST
}

const COST = hashCost()
const KEY_LENGTH = 64
const MAX_MEMORY = 256 * 1024 * 1024

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  const maxmem = 256 * (options.N ?? PRODUCTION_COST.N) * (options.r ?? PRODUCTION_COST.r) + 1024 * 1024
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

export async function hashPassword(password: string, cost: ScryptOptions = COST): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, cost)
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$')
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
