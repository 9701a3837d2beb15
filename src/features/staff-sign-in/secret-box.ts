// TOTP secrets are sealed with AES-256-GCM before they are stored, under a key derived from the
// session secret: a copy of the database alone (a backup, a dump) does not give anyone the codes.
// Each sealed value is bound to its staff member, so it cannot be moved to another row and work.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

const SCHEME = 'gcm1'
const IV_BYTES = 12

export type SecretBox = {
  seal(plain: string, owner: string): string
  /** The plain secret, or undefined when it cannot be opened (another key, a damaged value). */
  open(stored: string, owner: string): string | undefined
}

export function secretBox(sessionSecret: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', sessionSecret, 'frontdoor', 'totp-secret', 32))
  return {
    seal(plain, owner) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      cipher.setAAD(Buffer.from(owner))
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return [
        SCHEME,
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        sealed.toString('base64url'),
      ].join('$')
    },
    open(stored, owner) {
      const [scheme, iv, tag, sealed, extra] = stored.split('$')
      // A secret an operator wrote in plain base32 is read as it is; the next enrolment seals it.
      if (scheme !== SCHEME) return /^[A-Z2-7]+=*$/.test(stored) ? stored : undefined
      if (!iv || !tag || !sealed || extra !== undefined) return undefined
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
        decipher.setAAD(Buffer.from(owner))
        decipher.setAuthTag(Buffer.from(tag, 'base64url'))
        return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8')
      } catch {
        return undefined
      }
    },
  }
}
