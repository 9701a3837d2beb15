// A random one-time token for each form a page shows. The service that makes the form's change keeps
// the token with it (a unique column), so the same form sent twice — a double click, a page
// resubmitted after going back — makes its change once and the second send answers as the first did.
import { randomBytes } from 'node:crypto'

export function newFormToken(): string {
  return randomBytes(18).toString('base64url')
}

/** The posted form's one-time token; anything else is treated as a form without one. */
export function formTokenOf(body: unknown): string | undefined {
  const token = (body as Record<string, unknown> | undefined)?.formToken
  return typeof token === 'string' && /^[A-Za-z0-9_-]{24}$/.test(token) ? token : undefined
}
