// Signing in with email and password: the first steps of a staff sign-in, what a wrong or
// unknown account is told, lockout, returnTo, a forced new password, and a new session each step.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient } from '../../../test/support/client.ts'
import { renderEmail } from '../../platform/notify/templates.ts'
import { addStaff, sessionCookie, TEST_PASSWORD } from '../../../test/support/accounts.ts'
import { newTotpSecret } from './totp.ts'
import { WRONG_EMAIL_OR_PASSWORD } from './service.ts'
import {
  SESSION_COOKIE,
  codeFor,
  errorsOn,
  sessionToken,
  setupKeyIn,
  signInWithCode,
  submitPassword,
} from './test-sign-in.ts'

for (const engine of ENGINES) {
  describe(`staff sign-in with a password (${engine})`, () => {
    let t: TestApp
    before(async () => {
      t = await testApp(engine, { env: { RATE_LIMITS: 'false' } })
    })
    after(() => t.close())

    const auditActions = async (staffId: number) =>
      (
        await t.database.db
          .selectFrom('audit_event')
          .select('action')
          .where('subject_type', '=', 'staff_user')
          .where('subject_id', '=', String(staffId))
          .orderBy('id')
          .execute()
      ).map((e) => e.action)

    it('shows a sign-in form with email and password fields a password manager understands', async () => {
      const page = await new TestClient(t.app).get('/staff/sign-in')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /<h1 class="govuk-heading-l">Sign in<\/h1>/)
      assert.match(page.body, /name="email"[^>]*autocomplete="email"|autocomplete="email"[^>]*name="email"/)
      assert.match(page.body, /autocomplete="current-password"/)
    })

    it('gives the same answer to a wrong password, an unknown email and a disabled account', async () => {
      const staff = await addStaff(t.database, t.councilId, ['advisor'])
      const disabled = await addStaff(t.database, t.councilId, ['advisor'])
      await t.database.db.updateTable('staff_user').set({ active: 0 }).where('id', '=', disabled.id).execute()
      const answers = [
        await submitPassword(new TestClient(t.app), staff.email, 'not the password at all'),
        await submitPassword(new TestClient(t.app), 'nobody@staff.test', TEST_PASSWORD),
        await submitPassword(new TestClient(t.app), disabled.email, TEST_PASSWORD),
      ]
      for (const answer of answers) {
        assert.equal(answer.statusCode, 400)
        assert.deepEqual(errorsOn(answer.body), [WRONG_EMAIL_OR_PASSWORD])
        assert.match(answer.body, /<title>Error: Sign in/)
      }
      // Apart from the email typed back into the form, the three pages are the same.
      const scrub = (html: string) => html.replace(/value="[^"]*"/g, '')
      assert.equal(scrub(answers[1]!.body), scrub(answers[0]!.body))
      assert.equal(scrub(answers[2]!.body), scrub(answers[0]!.body))
      assert.ok(
        answers.every((a) => !a.body.includes('not the password at all')),
        'a password is never shown back',
      )
    })

    it('asks for a missing email or password', async () => {
      const answer = await new TestClient(t.app).submit('/staff/sign-in', { email: ' ', password: '' })
      assert.equal(answer.statusCode, 400)
      assert.deepEqual(errorsOn(answer.body), ['Enter your email address', 'Enter your password'])
    })

    it('signs in an enrolled member of staff with password and code, ignoring the case of the email', async () => {
      const secret = newTotpSecret()
      const staff = await addStaff(t.database, t.councilId, ['caseworker'], { totpSecret: secret, name: 'Robin Field' })
      const client = new TestClient(t.app)
      const done = await signInWithCode(client, { ...staff, email: staff.email.toUpperCase() }, secret)
      assert.equal(done.statusCode, 303)
      assert.equal(done.headers.location, '/staff')
      const home = await client.get('/staff')
      assert.equal(home.statusCode, 200)
      assert.match(home.body, /You are signed in as Robin Field/)
      assert.match(home.body, /Caseworker/)
      const row = await t.database.db
        .selectFrom('staff_user')
        .select(['last_sign_in_at', 'failed_sign_ins'])
        .where('id', '=', staff.id)
        .executeTakeFirstOrThrow()
      assert.ok(row.last_sign_in_at)
      assert.equal(row.failed_sign_ins, 0)
      assert.deepEqual(await auditActions(staff.id), ['sign_in'])
    })

    it('locks the account at the fifth wrong password, emails its owner, and refuses even the right password while locked', async () => {
      const staff = await addStaff(t.database, t.councilId, ['advisor'], { totpSecret: newTotpSecret() })
      const started = Date.now()
      for (let i = 0; i < 5; i++) {
        const answer = await submitPassword(new TestClient(t.app), staff.email, `wrong guess ${i}`)
        assert.deepEqual(errorsOn(answer.body), [WRONG_EMAIL_OR_PASSWORD], `attempt ${i + 1}`)
      }
      assert.ok(Date.now() - started >= 2_900, 'the third to fifth attempts were held back')
      const row = await t.database.db
        .selectFrom('staff_user')
        .select(['locked_until', 'failed_sign_ins'])
        .where('id', '=', staff.id)
        .executeTakeFirstOrThrow()
      assert.ok(row.locked_until && new Date(row.locked_until).getTime() > Date.now() + 14 * 60_000)
      const emails = await t.database.db
        .selectFrom('notification')
        .select(['template', 'recipient', 'status', 'personalisation'])
        .where('recipient', '=', staff.email)
        .execute()
      assert.deepEqual(
        emails.map((e) => [e.template, e.status]),
        [['staff-account-locked', 'queued']],
      )
      assert.equal(JSON.parse(emails[0]!.personalisation).minutes, '15')
      const written = renderEmail(
        emails[0]!.template,
        JSON.parse(emails[0]!.personalisation) as Record<string, string>,
      ).body
      assert.match(written, /wait 15 minutes and sign in again:\nhttp:\/\/[^\n]+\/staff\/sign-in\n/)
      assert.match(written, /ask your system administrator/)
      assert.doesNotMatch(written, /reset your password|forgot-password/, 'staff have no self-service reset')
      assert.ok((await auditActions(staff.id)).includes('account_locked'))

      const locked = await submitPassword(new TestClient(t.app), staff.email, TEST_PASSWORD)
      assert.equal(locked.statusCode, 400)
      assert.deepEqual(errorsOn(locked.body), [WRONG_EMAIL_OR_PASSWORD])
      const unknown = await submitPassword(new TestClient(t.app), 'nobody-else@staff.test', TEST_PASSWORD)
      assert.equal(unknown.body.replace(/value="[^"]*"/g, ''), locked.body.replace(/value="[^"]*"/g, ''))

      // Once the lock has passed, the right password works again.
      await t.database.db
        .updateTable('staff_user')
        .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', staff.id)
        .execute()
      const after = await submitPassword(new TestClient(t.app), staff.email, TEST_PASSWORD)
      assert.equal(after.headers.location, '/staff/sign-in/code')
    })

    it('holds back guesses at an email with no account just as at one with an account', async () => {
      const started = Date.now()
      for (let i = 0; i < 5; i++) await submitPassword(new TestClient(t.app), 'no-such-person@staff.test', `guess ${i}`)
      assert.ok(Date.now() - started >= 2_900, 'the third to fifth attempts were held back')
      const sixth = Date.now()
      await submitPassword(new TestClient(t.app), 'no-such-person@staff.test', 'guess 6')
      assert.ok(Date.now() - sixth < 1_400, 'as a locked account is not held back further')
    })

    it('keeps a returnTo through every step, and ignores one that leaves the site', async () => {
      const secret = newTotpSecret()
      const staff = await addStaff(t.database, t.councilId, ['advisor'], { totpSecret: secret })
      const form = await new TestClient(t.app).get('/staff/sign-in?returnTo=%2Fstaff%3Ftab%3Dopen')
      assert.match(form.body, /name="returnTo" value="\/staff\?tab=open"/)
      const kept = await signInWithCode(new TestClient(t.app), staff, secret, 0, '/staff?tab=open')
      assert.equal(kept.headers.location, '/staff?tab=open')
      for (const offsite of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
        const another = await addStaff(t.database, t.councilId, ['advisor'], { totpSecret: secret })
        const answer = await signInWithCode(new TestClient(t.app), another, secret, 0, offsite)
        assert.equal(answer.headers.location, '/staff', offsite)
      }
    })

    it('gives a new session at every step: the token before a step no longer works after it', async () => {
      const staff = await addStaff(t.database, t.councilId, ['advisor'], { mustChangePassword: true, name: 'Jo Marsh' })
      const client = new TestClient(t.app)
      const tokens: string[] = []
      const step = async (answer: { headers: Record<string, unknown> }, next: string) => {
        assert.equal(answer.headers.location, next)
        const token = sessionToken(client)
        assert.ok(token && !tokens.includes(token), `a new session token on the way to ${next}`)
        tokens.push(token)
      }
      await step(await submitPassword(client, staff.email, staff.password), '/staff/sign-in/new-password')
      await step(
        await client.submit('/staff/sign-in/new-password', {
          password: 'lantern orchard ribbon',
          confirm: 'lantern orchard ribbon',
        }),
        '/staff/sign-in/set-up-code',
      )
      const secret = setupKeyIn((await client.get('/staff/sign-in/set-up-code')).body)
      await step(
        await client.submit('/staff/sign-in/set-up-code', { code: await codeFor(secret) }),
        '/staff/sign-in/recovery-codes',
      )
      await step(await client.submit('/staff/sign-in/recovery-codes', {}), '/staff')
      for (const old of tokens.slice(0, -1)) {
        const stale = await t.app.inject({
          url: '/staff',
          headers: { cookie: `${SESSION_COOKIE}=${old}`, accept: 'text/html' },
        })
        assert.equal(stale.statusCode, 303)
        assert.match(String(stale.headers.location), /^\/staff\/sign-in\?returnTo=/)
      }
      assert.equal((await client.get('/staff')).statusCode, 200)
    })

    it('never carries on a session the browser brought to sign-in (fixation)', async () => {
      const secret = newTotpSecret()
      const staff = await addStaff(t.database, t.councilId, ['advisor'], { totpSecret: secret })
      const other = await addStaff(t.database, t.councilId, ['admin'])
      // A half-finished sign-in planted in the victim's browser by someone with an account of their own.
      const planted = (
        await sessionCookie(t.database, t.councilId, { kind: 'staff', id: other.id }, { stage: 'second_factor' })
      ).split('=')[1]!
      const client = new TestClient(t.app)
      client.cookies.set(SESSION_COOKIE, planted)
      await client.get('/staff/sign-in')
      await signInWithCode(client, staff, secret)
      assert.notEqual(sessionToken(client), planted)
      const reused = await t.app.inject({
        url: '/staff',
        headers: { cookie: `${SESSION_COOKIE}=${planted}`, accept: 'text/html' },
      })
      assert.equal(reused.statusCode, 303, 'the planted session was ended')
      assert.match((await client.get('/staff')).body, /You are signed in as/)
    })

    it('makes someone with a temporary password choose their own: refusing short, common, personal and mismatched ones', async () => {
      const staff = await addStaff(t.database, t.councilId, ['advisor'], {
        mustChangePassword: true,
        name: 'Morgan Whitfield',
        email: 'morgan.whitfield@staff.test',
      })
      const client = new TestClient(t.app)
      assert.equal(
        (await submitPassword(client, staff.email, staff.password)).headers.location,
        '/staff/sign-in/new-password',
      )
      const page = await client.get('/staff/sign-in/new-password')
      assert.equal((page.body.match(/autocomplete="new-password"/g) ?? []).length, 2)
      // The guard sends a person part way through to the step they have reached.
      const staffPage = await client.get('/staff')
      assert.equal(staffPage.headers.location, '/staff/sign-in/new-password')

      const refusals: [string, string, string][] = [
        ['short', 'short', 'Password must be 12 characters or more'],
        [
          'password1234',
          'password1234',
          'Password is too common: choose one that people would not guess, like three random words',
        ],
        ['whitfield garden path', 'whitfield garden path', 'Password must not contain your name or email address'],
        ['lantern orchard ribbon', 'lantern orchard ribbons', 'Enter the same password in both boxes'],
        [TEST_PASSWORD, TEST_PASSWORD, 'Choose a new password, not the one you were given'],
      ]
      for (const [password, confirm, message] of refusals) {
        const answer = await client.submit('/staff/sign-in/new-password', { password, confirm })
        assert.equal(answer.statusCode, 400, password)
        assert.deepEqual(errorsOn(answer.body), [message])
      }
      const accepted = await client.submit('/staff/sign-in/new-password', {
        password: 'lantern orchard ribbon',
        confirm: 'lantern orchard ribbon',
      })
      assert.equal(accepted.headers.location, '/staff/sign-in/set-up-code')
      const row = await t.database.db
        .selectFrom('staff_user')
        .select('must_change_password')
        .where('id', '=', staff.id)
        .executeTakeFirstOrThrow()
      assert.equal(row.must_change_password, 0)
      assert.ok((await auditActions(staff.id)).includes('password_changed'))
      // The temporary password is gone; the new one is what works now.
      assert.equal((await submitPassword(new TestClient(t.app), staff.email, TEST_PASSWORD)).statusCode, 400)
      assert.equal(
        (await submitPassword(new TestClient(t.app), staff.email, 'lantern orchard ribbon')).headers.location,
        '/staff/sign-in/set-up-code',
      )
    })

    it('sends someone with no sign-in under way from a step page to sign in, and one at another step to theirs', async () => {
      for (const page of [
        '/staff/sign-in/new-password',
        '/staff/sign-in/set-up-code',
        '/staff/sign-in/recovery-codes',
        '/staff/sign-in/code',
        '/staff/sign-in/recovery-code',
      ]) {
        const answer = await new TestClient(t.app).get(page)
        assert.equal(answer.headers.location, '/staff/sign-in', page)
      }
      const staff = await addStaff(t.database, t.councilId, ['advisor'], { totpSecret: newTotpSecret() })
      const client = new TestClient(t.app)
      await submitPassword(client, staff.email, staff.password)
      assert.equal((await client.get('/staff/sign-in/set-up-code')).headers.location, '/staff/sign-in/code')
      assert.equal((await client.get('/staff/sign-in/new-password')).headers.location, '/staff/sign-in/code')
    })

    it('lets someone cancel part way, which ends that sign-in', async () => {
      const staff = await addStaff(t.database, t.councilId, ['advisor'], { totpSecret: newTotpSecret() })
      const client = new TestClient(t.app)
      await submitPassword(client, staff.email, staff.password)
      const token = sessionToken(client)!
      const cancelled = await client.submit('/staff/sign-in/code', {}, '/staff/sign-in/cancel')
      assert.equal(cancelled.headers.location, '/staff/sign-in')
      assert.equal(sessionToken(client), undefined)
      const reused = await t.app.inject({
        url: '/staff/sign-in/code',
        headers: { cookie: `${SESSION_COOKIE}=${token}` },
      })
      assert.equal(reused.headers.location, '/staff/sign-in')
    })
  })
}

describe('staff sign-in rate limit', () => {
  let t: TestApp
  before(async () => {
    t = await testApp('sqlite')
  })
  after(() => t.close())

  it('refuses an eleventh attempt in a minute from one address', async () => {
    const client = new TestClient(t.app)
    const statuses: number[] = []
    for (let i = 0; i < 11; i++)
      statuses.push((await client.submit('/staff/sign-in', { email: '', password: '' })).statusCode)
    assert.deepEqual(statuses, [...Array(10).fill(400), 429])
  })
})
