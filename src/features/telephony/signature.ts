// Checking a signed request from the telephony platform: HMAC-SHA256 over "timestamp.body" with
// the council's shared secret, hex in X-Frontdoor-Signature as "sha256=…", the Unix time in
// seconds in X-Frontdoor-Timestamp. A request older or newer than five minutes is stale.
import { createHmac, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_HEADER = 'x-frontdoor-signature'
export const TIMESTAMP_HEADER = 'x-frontdoor-timestamp'
export const TOLERANCE_SECONDS = 5 * 60

export type SignatureCheck =
  { ok: true; signature: string } | { ok: false; reason: 'unsigned' | 'malformed' | 'stale' | 'wrong' }

export function signatureFor(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

export function checkSignature(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  nowMs: number,
): SignatureCheck {
  const { signature, timestamp } = headers
  if (signature === undefined || timestamp === undefined) return { ok: false, reason: 'unsigned' }
  if (!/^\d{1,12}$/.test(timestamp) || !/^sha256=[0-9a-f]{64}$/.test(signature))
    return { ok: false, reason: 'malformed' }
  const expected = Buffer.from(signatureFor(secret, timestamp, body))
  if (!timingSafeEqual(expected, Buffer.from(signature))) return { ok: false, reason: 'wrong' }
  // Checked after the signature, so a stale answer is only ever given to someone holding the secret.
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return { ok: false, reason: 'stale' }
  return { ok: true, signature }
}
