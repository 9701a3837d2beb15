// The staff home and signing out: here, or on every device at once.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient } from '../../../test/support/client.ts'
import { addAccount, addStaff, sessionCookie } from '../../../test/support/accounts.ts'
import { newTotpSecret } from './totp.ts'
import { SESSION_COOKIE, sessionToken, signInWithCode } from './test-sign-in.ts'

for (const engine of ENGINES) {
  describe(`staff home and signing out (${engine})`, () => {
    let t: TestApp
    before(async () => {
      t = await testApp(engine, { env: { RATE_LIMITS: 'false' } })
    })
    after(() => t.close())

    const opensStaffHome = async (token: string) =>
      (await t.app.inject({ url: '/staff', headers: { cookie: `${SESSION_COOKIE}=${token}`, accept: 'text/html' } }))
        .statusCode === 200
    const signedInClient = async (roles: Parameters<typeof addStaff>[2], name = 'Casey Holt') => {
      const staff = await addStaff(t.database, t.councilId, roles, { name })
      const client = new TestClient(t.app)
      client.cookies.set(
        SESSION_COOKIE,
        (await sessionCookie(t.database, t.councilId, { kind: 'staff', id: staff.id })).split('=')[1]!,
      )
      return { staff, client }
    }

    it('names the person and their roles, with the audit trail linked only for roles that may read it', async () => {
      const dpo = await signedInClient(['dpo', 'manager'], 'Dana Price')
      const home = await dpo.client.get('/staff')
      assert.equal(home.statusCode, 200)
      assert.match(home.body, /You are signed in as Dana Price/)
      assert.match(home.body, /Data protection officer/)
      assert.match(home.body, /Manager/)
      assert.match(home.body, /href="\/staff\/audit"/)
      assert.match(home.body, /action="\/staff\/sign-out"/, 'the header offers signing out')
      const advisor = await signedInClient(['advisor'])
      const plain = await advisor.client.get('/staff')
      assert.doesNotMatch(plain.body, /href="\/staff\/audit"/)
      // Someone already signed in who opens the sign-in page goes where they were headed.
      assert.equal(
        (await advisor.client.get('/staff/sign-in?returnTo=%2Fstaff%3Fx%3D1')).headers.location,
        '/staff?x=1',
      )
    })

    it('tells someone who signed in with a password how many recovery codes they have, and that signing out everywhere means signing in again', async () => {
      const { client } = await signedInClient(['advisor'])
      const text = (await client.get('/staff')).body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
      assert.match(text, /Recovery codes left 0/)
      assert.match(text, /Every device, this one too, will have to sign in again/)
      assert.doesNotMatch(text, /Signed in with/)
    })

    it('sends someone not signed in to sign in and back, and refuses a resident', async () => {
      const anonymous = await new TestClient(t.app).get('/staff')
      assert.equal(anonymous.headers.location, '/staff/sign-in?returnTo=%2Fstaff')
      const account = await addAccount(t.database, t.councilId, null)
      const resident = await t.app.inject({
        url: '/staff',
        headers: {
          accept: 'text/html',
          cookie: await sessionCookie(t.database, t.councilId, { kind: 'resident', id: account.id }),
        },
      })
      assert.equal(resident.statusCode, 403)
    })

    it('signs out: the session ends, the cookie goes, and the sign-in page says so', async () => {
      const secret = newTotpSecret()
      const staff = await addStaff(t.database, t.councilId, ['advisor'], { totpSecret: secret })
      const client = new TestClient(t.app)
      await signInWithCode(client, staff, secret)
      const token = sessionToken(client)!
      const out = await client.submit('/staff', {}, '/staff/sign-out')
      assert.equal(out.statusCode, 303)
      assert.equal(out.headers.location, '/staff/sign-in?signedOut=1')
      assert.equal(sessionToken(client), undefined)
      assert.match((await client.follow(out)).body, /You have signed out/)
      assert.equal(await opensStaffHome(token), false)
      const actions = await t.database.db
        .selectFrom('audit_event')
        .select('action')
        .where('subject_id', '=', String(staff.id))
        .where('subject_type', '=', 'staff_user')
        .execute()
      assert.ok(actions.some((a) => a.action === 'sign_out'))
    })

    it('signs out everywhere: every session of the person ends, others’ do not', async () => {
      const first = await signedInClient(['caseworker'])
      const second = new TestClient(t.app)
      second.cookies.set(
        SESSION_COOKIE,
        (await sessionCookie(t.database, t.councilId, { kind: 'staff', id: first.staff.id })).split('=')[1]!,
      )
      const bystander = await signedInClient(['caseworker'])
      const secondToken = sessionToken(second)!
      const out = await first.client.submit('/staff', {}, '/staff/sign-out-everywhere')
      assert.equal(out.headers.location, '/staff/sign-in?signedOut=everywhere')
      assert.match((await first.client.follow(out)).body, /You have signed out on every device/)
      assert.equal(await opensStaffHome(secondToken), false)
      assert.equal(await opensStaffHome(sessionToken(bystander.client)!), true)
      const event = await t.database.db
        .selectFrom('audit_event')
        .select(['detail', 'actor_id'])
        .where('action', '=', 'sign_out_everywhere')
        .where('subject_id', '=', String(first.staff.id))
        .executeTakeFirstOrThrow()
      assert.deepEqual(JSON.parse(event.detail!), { sessions: 2 })
      assert.equal(event.actor_id, first.staff.id)
    })

    it('shows no one’s home to an API token with a staff role, and ends no one’s sessions for it', async () => {
      const { staff, client } = await signedInClient(['advisor'], 'Token Namesake')
      const token = t.as('admin')
      // Pages take no bearer tokens: the token is ignored and the caller sent to sign in.
      const home = await t.app.inject({ url: '/staff', headers: { ...token, accept: 'text/html' } })
      assert.equal(home.statusCode, 303)
      assert.doesNotMatch(home.body, /Token Namesake/)
      const anonymous = new TestClient(t.app)
      const form = await anonymous.get('/staff/sign-in')
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!
      const everywhere = await anonymous.post('/staff/sign-out-everywhere', { _csrf: csrf }, token)
      assert.equal(everywhere.statusCode, 303)
      assert.equal((await client.get('/staff')).statusCode, 200, `staff ${staff.id} is still signed in`)
    })

    it('refuses signing out without the form’s CSRF token', async () => {
      const { client } = await signedInClient(['advisor'])
      const refused = await client.post('/staff/sign-out', {})
      assert.equal(refused.statusCode, 403)
      assert.equal((await client.get('/staff')).statusCode, 200, 'still signed in')
    })
  })
}
