// A short-lived, signed note that this browser has just shown the right password for an account
// whose email is not yet confirmed (or holds that account's expired link). It lets the page offer
// "send the link again" without signing the person in; all it can do is send that account's own
// address another link.
import { createHmac, timingSafeEqual } from 'node:crypto'

const VALID_MINUTES = 30

function signature(secret: string, body: string): string {
  return createHmac('sha256', secret)
    .update('account-resend:' + body)
    .digest('base64url')
}

export function resendProof(secret: string, accountId: number, now = new Date()): string {
  const body = `${accountId}.${now.getTime() + VALID_MINUTES * 60_000}`
  return `${body}.${signature(secret, body)}`
}

/** The account a proof was made for, or undefined when it is forged, damaged or too old. */
export function accountOfProof(secret: string, proof: string, now = new Date()): number | undefined {
  const match = /^(\d{1,15})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(proof)
  if (!match) return undefined
  const [, id, expires, given] = match as unknown as [string, string, string, string]
  const expected = Buffer.from(signature(secret, `${id}.${expires}`))
  if (!timingSafeEqual(expected, Buffer.from(given))) return undefined
  return Number(expires) > now.getTime() ? Number(id) : undefined
}
