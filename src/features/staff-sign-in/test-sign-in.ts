// Steps of a staff sign-in for the HTTP tests, driven through the real pages with a cookie-keeping
// client, and authenticator codes worked out from the secret as the person's phone would.
import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { generate } from 'otplib'
import type { TestClient } from '../../../test/support/client.ts'
import { sessionCookieName } from '../../platform/auth/session-cookie.ts'

export const SESSION_COOKIE = sessionCookieName({ secure: false })

/** The code an authenticator app shows `steps` periods of 30 seconds from now. */
export function codeFor(secret: string, steps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 })
}

export function sessionToken(client: TestClient): string | undefined {
  return client.cookies.get(SESSION_COOKIE)
}

export async function submitPassword(
  client: TestClient,
  email: string,
  password: string,
  returnTo?: string,
): Promise<LightMyRequestResponse> {
  const page = returnTo === undefined ? '/staff/sign-in' : `/staff/sign-in?returnTo=${encodeURIComponent(returnTo)}`
  return client.submit(page, { email, password, ...(returnTo === undefined ? {} : { returnTo }) }, '/staff/sign-in')
}

/** The text of the error summary's list on a page, in order. */
export function errorsOn(html: string): string[] {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? ''
  return [...summary.matchAll(/<a href="#[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]!.trim())
}

/** Password then code for someone already enrolled; ends on the answer to the code. */
export async function signInWithCode(
  client: TestClient,
  staff: { email: string; password: string },
  secret: string,
  steps = 0,
  returnTo?: string,
): Promise<LightMyRequestResponse> {
  const password = await submitPassword(client, staff.email, staff.password, returnTo)
  assert.equal(password.headers.location, '/staff/sign-in/code')
  return client.submit('/staff/sign-in/code', { code: await codeFor(secret, steps) })
}

/** The setup key shown for typing by hand, as the app would store it. */
export function setupKeyIn(html: string): string {
  const key = /id="setup-key">([^<]+)</.exec(html)?.[1]
  if (!key) throw new Error('the page shows no setup key')
  return key.replace(/\s/g, '')
}

export function recoveryCodesIn(html: string): string[] {
  return [...html.matchAll(/<li><code>([^<]+)<\/code><\/li>/g)].map((m) => m[1]!)
}

/** A first sign-in through every page: password, enrolment, recovery codes. Returns what the person's phone and notes would hold. */
export async function enrolThroughPages(
  client: TestClient,
  staff: { email: string; password: string },
): Promise<{ secret: string; recoveryCodes: string[] }> {
  assert.equal(
    (await submitPassword(client, staff.email, staff.password)).headers.location,
    '/staff/sign-in/set-up-code',
  )
  const secret = setupKeyIn((await client.get('/staff/sign-in/set-up-code')).body)
  assert.equal(
    (await client.submit('/staff/sign-in/set-up-code', { code: await codeFor(secret) })).headers.location,
    '/staff/sign-in/recovery-codes',
  )
  const recoveryCodes = recoveryCodesIn((await client.get('/staff/sign-in/recovery-codes')).body)
  assert.equal((await client.submit('/staff/sign-in/recovery-codes', {})).headers.location, '/staff')
  return { secret, recoveryCodes }
}
