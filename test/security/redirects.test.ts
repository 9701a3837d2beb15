// Open redirects: after signing in, a person is sent to the page they asked for only when it is
// on this site; every way of naming another site lands them on their home page instead.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../support/databases.ts'
import { testApp } from '../support/app.ts'
import type { TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { addAccount, addStaff } from '../support/accounts.ts'
import { newTotpSecret } from '../../src/features/staff-sign-in/totp.ts'
import { signInWithCode } from '../../src/features/staff-sign-in/test-sign-in.ts'
import { csrfTokenIn } from '../support/client.ts'

const OFF_SITE = [
  'https://evil.example/phish',
  '//evil.example/phish',
  '/\\evil.example',
  '/a/..//evil.example',
  'javascript:alert(1)',
  ' //evil.example',
]

function assertLocal(location: unknown, where: string): void {
  assert.equal(typeof location, 'string', where)
  const value = String(location)
  assert.ok(value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\'), `${where} → ${value}`)
  assert.equal(new URL(value, 'https://council.example').host, 'council.example', `${where} → ${value}`)
}

/**
 * Signs a resident in as a browser would from a link carrying `returnTo`: the form's own hidden
 * field is posted back, and then, to test the server's own check, the raw value as well.
 */
async function residentSignIn(
  client: TestClient,
  account: { email: string; password: string },
  target: string,
  tamper: boolean,
) {
  const page = await client.get(`/account/sign-in?returnTo=${encodeURIComponent(target)}`)
  const hidden = /name="returnTo" value="([^"]*)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&')
  const returnTo = tamper ? target : (hidden ?? '')
  return client.post('/account/sign-in', {
    _csrf: csrfTokenIn(page.body),
    email: account.email,
    password: account.password,
    returnTo,
  })
}

for (const engine of ENGINES) {
  describe(`open redirects after sign-in (${engine})`, () => {
    let t: TestApp
    before(async () => {
      t = await testApp(engine, { env: { RATE_LIMITS: 'false' } })
    })
    after(() => t.close())

    it('a resident is sent home instead of off the site', async () => {
      for (const target of OFF_SITE) {
        for (const tamper of [false, true]) {
          const account = await addAccount(t.database, t.councilId, null)
          const response = await residentSignIn(new TestClient(t.app), account, target, tamper)
          assert.equal(response.statusCode, 303)
          assertLocal(response.headers.location, target)
          assert.equal(response.headers.location, '/account', target)
        }
      }
    })

    it('staff are sent to the staff home instead of off the site', async () => {
      for (const target of OFF_SITE) {
        const secret = newTotpSecret()
        const staff = await addStaff(t.database, t.councilId, ['advisor'], { totpSecret: secret })
        const response = await signInWithCode(new TestClient(t.app), staff, secret, 0, target)
        assert.equal(response.statusCode, 303)
        assertLocal(response.headers.location, target)
        assert.equal(response.headers.location, '/staff', target)
      }
    })

    it('a local page asked for is where a person lands', async () => {
      const account = await addAccount(t.database, t.councilId, null)
      const response = await residentSignIn(new TestClient(t.app), account, '/account/requests', false)
      assert.equal(response.headers.location, '/account/requests')
    })
  })
}
