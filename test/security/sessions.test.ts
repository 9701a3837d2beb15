// Session fixation and the session cookie: a token planted in a browser before sign-in is never
// the one that signs the person in, every step of a staff sign-in gets a fresh token, and in
// production the cookie is __Host-, Secure, HttpOnly and SameSite=Lax.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../support/databases.ts'
import { testApp } from '../support/app.ts'
import type { TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { addAccount, addStaff } from '../support/accounts.ts'
import { newTotpSecret } from '../../src/features/staff-sign-in/totp.ts'
import { SESSION_COOKIE, codeFor, submitPassword } from '../../src/features/staff-sign-in/test-sign-in.ts'
import { signIn } from '../../src/features/account/test-fixtures.ts'

for (const engine of ENGINES) {
  describe(`session fixation (${engine})`, () => {
    let t: TestApp
    before(async () => {
      t = await testApp(engine, { env: { RATE_LIMITS: 'false' } })
    })
    after(() => t.close())

    it('a staff session planted by an attacker is replaced at every step and opens nothing', async () => {
      const attacker = await addStaff(t.database, t.councilId, ['advisor'], { totpSecret: newTotpSecret() })
      const attackerBrowser = new TestClient(t.app)
      await submitPassword(attackerBrowser, attacker.email, attacker.password)
      const planted = attackerBrowser.cookies.get(SESSION_COOKIE)
      assert.ok(planted, 'the attacker holds a half-finished session')

      const secret = newTotpSecret()
      const victim = await addStaff(t.database, t.councilId, ['dpo'], { totpSecret: secret })
      const browser = new TestClient(t.app)
      browser.cookies.set(SESSION_COOKIE, planted)
      await submitPassword(browser, victim.email, victim.password)
      const afterPassword = browser.cookies.get(SESSION_COOKIE)
      assert.notEqual(afterPassword, planted)
      const done = await browser.submit('/staff/sign-in/code', { code: await codeFor(secret) })
      assert.equal(done.statusCode, 303)
      const signedIn = browser.cookies.get(SESSION_COOKIE)
      assert.ok(signedIn && signedIn !== afterPassword && signedIn !== planted, 'a new token after the second factor')

      const withPlanted = await t.app.inject({
        url: '/staff/audit',
        headers: { accept: 'text/html', cookie: `${SESSION_COOKIE}=${planted}` },
      })
      assert.equal(withPlanted.statusCode, 303, 'the planted token opens nothing of the victim’s')
      const withHalfway = await t.app.inject({
        url: '/staff/audit',
        headers: { accept: 'text/html', cookie: `${SESSION_COOKIE}=${afterPassword}` },
      })
      assert.equal(withHalfway.statusCode, 303, 'the token from before the second factor is dead')
      assert.equal((await browser.get('/staff/audit')).statusCode, 200)
    })

    it('a resident signing in with a planted cookie gets a new session', async () => {
      const account = await addAccount(t.database, t.councilId, null)
      const browser = new TestClient(t.app)
      browser.cookies.set(SESSION_COOKIE, 'A'.repeat(43))
      const response = await signIn(browser, account.email, account.password)
      assert.equal(response.statusCode, 303)
      const token = browser.cookies.get(SESSION_COOKIE)
      assert.ok(token && token !== 'A'.repeat(43))
      assert.equal((await browser.get('/account')).statusCode, 200)
    })
  })
}

describe('the session cookie in production', () => {
  let t: TestApp
  before(async () => {
    t = await testApp('sqlite', {
      env: { NODE_ENV: 'production', PUBLIC_URL: 'https://contact.example.gov.uk', RATE_LIMITS: 'false' },
    })
  })
  after(() => t.close())

  it('is __Host-, Secure, HttpOnly, SameSite=Lax, for the whole site and this host only', async () => {
    const account = await addAccount(t.database, t.councilId, null)
    const browser = new TestClient(t.app)
    const page = await browser.get('/account/sign-in')
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? ''
    const response = await t.app.inject({
      method: 'POST',
      url: '/account/sign-in',
      headers: {
        host: 'localhost',
        'content-type': 'application/x-www-form-urlencoded',
        cookie: browser.cookieHeader(),
      },
      payload: new URLSearchParams({ _csrf: csrf, email: account.email, password: account.password }).toString(),
    })
    assert.equal(response.statusCode, 303)
    const session = response.cookies.find((cookie) => cookie.name === '__Host-frontdoor-session')
    assert.ok(session, 'the session cookie carries the __Host- prefix')
    assert.deepEqual(
      [session.secure, session.httpOnly, session.sameSite, session.path, session.domain],
      [true, true, 'Lax', '/', undefined],
    )
  })
})
