// Every form that changes something refuses a post without its CSRF token, with a token made
// for another browser, or with a forged one — signed in or not — and changes nothing.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../support/databases.ts'
import { testApp } from '../support/app.ts'
import type { TestApp } from '../support/app.ts'
import { TestClient, csrfTokenIn } from '../support/client.ts'
import { addAccount, addStaff, signedInClient } from '../support/accounts.ts'
import { audienceOf } from '../../src/platform/auth/sign-in-paths.ts'
import { addPartner } from '../support/fixtures.ts'

const REFUSAL = /This form has expired or did not come from this site/

/** A browser whose cookie signs it in as the person a form is for. */
async function signedInFor(t: TestApp, url: string): Promise<TestClient> {
  if (url.startsWith('/partner/')) {
    const partnerOrgId = await addPartner(t.database, t.councilId, 'Age Concern')
    return signedInClient(t, {
      kind: 'staff',
      id: (await addStaff(t.database, t.councilId, ['partner'], { partnerOrgId })).id,
    })
  }
  if (audienceOf(url) === 'resident')
    return signedInClient(t, { kind: 'resident', id: (await addAccount(t.database, t.councilId, null)).id })
  return signedInClient(t, { kind: 'staff', id: (await addStaff(t.database, t.councilId, ['admin', 'dpo'])).id })
}

for (const engine of ENGINES) {
  describe(`CSRF on every form (${engine})`, () => {
    let t: TestApp
    before(async () => {
      t = await testApp(engine, { env: { RATE_LIMITS: 'false' } })
    })
    after(() => t.close())

    const formRoutes = () =>
      t.app.registeredRoutes
        .filter(
          (route) => route.method === 'POST' && !route.url.startsWith('/api/') && !route.url.startsWith('/open311/'),
        )
        .map((route) => route.url.replace(/:[^/]+/g, 'x'.repeat(43)))

    it('has forms to check', () => {
      const forms = formRoutes()
      for (const expected of [
        '/staff/sign-in',
        '/account/sign-in',
        '/account/create',
        '/staff/sign-out',
        '/account/sign-out',
      ])
        assert.ok(forms.includes(expected), expected)
    })

    it('refuses every form posted without a token, signed in or not', async () => {
      const wrong: string[] = []
      for (const url of formRoutes()) {
        for (const client of [new TestClient(t.app), await signedInFor(t, url)]) {
          await client.get('/')
          const response = await client.post(url, { email: 'someone@example.test', password: 'whatever it is' })
          // Signed out, a form behind sign-in is turned away by the guard before any token is read.
          const turnedAway = response.statusCode === 303 && client.cookies.size <= 1
          if (!(response.statusCode === 403 && REFUSAL.test(response.body)) && !turnedAway)
            wrong.push(`${url} → ${response.statusCode}`)
        }
      }
      assert.deepEqual(wrong, [])
    })

    it('refuses a token made for another browser, or a forged one', async () => {
      const victim = new TestClient(t.app)
      const attacker = new TestClient(t.app)
      await victim.get('/account/sign-in')
      const attackersToken = csrfTokenIn((await attacker.get('/account/sign-in')).body)
      for (const token of [attackersToken, 'forged-token', attackersToken.slice(0, -2) + 'zz']) {
        const response = await victim.post('/account/sign-in', {
          _csrf: token,
          email: 'someone@example.test',
          password: 'whatever it is',
        })
        assert.equal(response.statusCode, 403, token)
        assert.match(response.body, REFUSAL)
      }
    })

    it('changes nothing when it refuses: a signed-in resident’s sign-out without a token leaves them signed in', async () => {
      const client = await signedInFor(t, '/account')
      assert.equal((await client.get('/account')).statusCode, 200)
      assert.equal((await client.post('/account/sign-out', {})).statusCode, 403)
      assert.equal((await client.get('/account')).statusCode, 200)
    })
  })
}
