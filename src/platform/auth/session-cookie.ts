// The session and CSRF cookies. In production they carry the `__Host-` prefix, which browsers
// accept only with Secure, path / and no Domain: no other host or path can set or read them.
// Over plain http in development and tests the prefix would make browsers drop the cookie, so
// the same cookies go without it there (docs/decisions.md).
import type { CookieSerializeOptions } from '@fastify/cookie'

export type CookiePolicy = { secure: boolean }

export function sessionCookieName(policy: CookiePolicy): string {
  return policy.secure ? '__Host-frontdoor-session' : 'frontdoor-session'
}

export function csrfCookieName(policy: CookiePolicy): string {
  return policy.secure ? '__Host-frontdoor-csrf' : 'frontdoor-csrf'
}

export function oidcCookieName(policy: CookiePolicy): string {
  return policy.secure ? '__Host-frontdoor-oidc' : 'frontdoor-oidc'
}

export function cookieOptions(policy: CookiePolicy): CookieSerializeOptions {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: policy.secure }
}
