// The two secrets telephony keeps per council, both from keys derived from SESSION_SECRET so a copy
// of the database alone yields neither: the key that hashes callers' numbers (a number has too
// few digits for a plain hash to hide it) and the key that seals the platform's shared secret.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

const SCHEME = 'gcm1'

function derivedKey(sessionSecret: string, purpose: string, councilId: number): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'frontdoor', `${purpose}:${councilId}`, 32))
}

/**
 * A UK number in one form however it was written: +44 20…, 0044 20…, +44 (0)20…, (020) … all
 * become 020…. A UK number written nationally starts with 0, so leading 44 is the country code.
 */
export function normalisedNumber(raw: string): string {
  const digits = raw.replace(/\D/g, '')
  const international = /^(00)?44/.exec(digits)
  return international ? `0${digits.slice(international[0].length).replace(/^0/, '')}` : digits
}

/** The keyed hash stored in place of a caller's number: the same caller always gives the same hash. */
export function callerNumberHash(sessionSecret: string, councilId: number, raw: string): string {
  return createHmac('sha256', derivedKey(sessionSecret, 'caller-number', councilId))
    .update(normalisedNumber(raw))
    .digest('base64url')
}

/** A new shared secret for the telephony platform: 256 random bits. */
export function newSharedSecret(): string {
  return `fdtel_${randomBytes(32).toString('base64url')}`
}

/** Sealed with AES-256-GCM and bound to the council: a sealed secret copied to another council does not open. */
export function sealSecret(sessionSecret: string, councilId: number, secret: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', derivedKey(sessionSecret, 'telephony-secret', councilId), iv)
  cipher.setAAD(Buffer.from(String(councilId)))
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return [
    SCHEME,
    iv.toString('base64url'),
    sealed.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('$')
}

/** The shared secret, or null when it cannot be opened (SESSION_SECRET changed, or the row was tampered with). */
export function openSecret(sessionSecret: string, councilId: number, sealed: string): string | null {
  const [scheme, iv, body, tag] = sealed.split('$')
  if (scheme !== SCHEME || !iv || !body || !tag) return null
  try {
    const key = derivedKey(sessionSecret, 'telephony-secret', councilId)
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
    decipher.setAAD(Buffer.from(String(councilId)))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}
