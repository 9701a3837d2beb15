// The hidden token of the log-a-contact form: when the server opened the form, a one-time value
// that makes a second submit of the same form log nothing, and a signature so neither can be
// changed in the browser. The handle time is measured from it, so a token is only trusted as far
// as the server made it, and the time it gives is still held between none and a day.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { MAX_HANDLE_SECONDS } from '../contacts/service.ts'

export type OpenedForm = { openedAt: number; once: string }

function signature(secret: string, staffId: number, openedAt: number, once: string): string {
  return createHmac('sha256', `contact-form:${secret}`).update(`${staffId}.${openedAt}.${once}`).digest('base64url')
}

/** A token for a form opened now by this member of staff. */
export function openForm(secret: string, staffId: number, now = Date.now()): string {
  const once = randomBytes(16).toString('base64url')
  return `${now}.${once}.${signature(secret, staffId, now, once)}`
}

/** The form the token was made for, or undefined when it was not made by this server for this person. */
export function checkForm(secret: string, staffId: number, token: string): OpenedForm | undefined {
  const match = /^(\d{13})\.([\w-]{22})\.([\w-]{43})$/.exec(token)
  if (!match) return undefined
  const [, at, once, given] = match as unknown as [string, string, string, string]
  const expected = Buffer.from(signature(secret, staffId, Number(at), once))
  if (!timingSafeEqual(expected, Buffer.from(given))) return undefined
  return { openedAt: Number(at), once }
}

/** Seconds from opening the form to now, held between none and the longest contact there can be. */
export function secondsSince(openedAt: number, now = Date.now()): number {
  return Math.min(MAX_HANDLE_SECONDS, Math.max(0, Math.round((now - openedAt) / 1000)))
}
