// The browser keeps an unfinished sign-in — state, nonce, PKCE verifier and where to go after —
// in a short-lived signed cookie until the provider sends it back. It is signed so it cannot be
// forged, dated so an old copy is refused even if replayed after it expired, and cleared at the
// callback whatever the outcome, so each one is good for one try.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { OidcAudience, PendingSignIn } from '../../platform/auth/oidc.ts'
import type { CookiePolicy } from '../../platform/auth/session-cookie.ts'
import { cookieOptions, oidcCookieName } from '../../platform/auth/session-cookie.ts'

const PENDING_MINUTES = 10

export type StoredSignIn = PendingSignIn & {
  audience: OidcAudience
  councilId: number
  returnTo: string
  startedAt: number
}

export function keepPending(reply: FastifyReply, policy: CookiePolicy, stored: StoredSignIn): void {
  const value = Buffer.from(JSON.stringify(stored)).toString('base64url')
  reply.setCookie(oidcCookieName(policy), value, {
    ...cookieOptions(policy),
    signed: true,
    maxAge: PENDING_MINUTES * 60,
  })
}

function parse(value: string): StoredSignIn | null {
  try {
    const data = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<StoredSignIn>
    const strings = [data.state, data.nonce, data.codeVerifier, data.returnTo].every((item) => typeof item === 'string')
    const numbers = typeof data.councilId === 'number' && typeof data.startedAt === 'number'
    if (!strings || !numbers || (data.audience !== 'staff' && data.audience !== 'resident')) return null
    return data as StoredSignIn
  } catch {
    return null
  }
}

/**
 * The pending sign-in of this audience and council, or null when missing, forged, stale, or begun
 * for the other audience or another council on a shared host; the cookie goes either way.
 */
export function takePending(
  request: FastifyRequest,
  reply: FastifyReply,
  policy: CookiePolicy,
  expected: { audience: OidcAudience; councilId: number },
  now = Date.now(),
): StoredSignIn | null {
  const name = oidcCookieName(policy)
  const raw = request.cookies[name]
  if (raw === undefined) return null
  reply.clearCookie(name, cookieOptions(policy))
  const unsigned = request.unsignCookie(raw)
  if (!unsigned.valid || unsigned.value === null) return null
  const stored = parse(unsigned.value)
  if (!stored || stored.audience !== expected.audience || stored.councilId !== expected.councilId) return null
  const age = now - stored.startedAt
  if (age < 0 || age > PENDING_MINUTES * 60_000) return null
  return stored
}
