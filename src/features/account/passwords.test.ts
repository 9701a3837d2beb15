// Forgotten and changed passwords, and changing the email address, on both engines.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient, csrfTokenIn } from '../../../test/support/client.ts'
import { TEST_PASSWORD, addAccount } from '../../../test/support/accounts.ts'
import { LOCK_AFTER } from '../../platform/auth/lockout.ts'
import { NEW_PASSWORD, accountRow, emailsTo, linkIn, signIn, textOf } from './test-fixtures.ts'

let unique = 0
const address = (name: string) => `${name}.${++unique}@example.org`
const SESSION = 'frontdoor-session'

for (const engine of ENGINES) {
  describe(`passwords and email addresses (${engine})`, () => {
    let t: TestApp
    before(async () => {
      t = await testApp(engine, { env: { RATE_LIMITS: 'false' } })
    })
    after(() => t.close())

    const signedIn = async (email: string, password = TEST_PASSWORD) => {
      const client = new TestClient(t.app)
      assert.equal((await signIn(client, email, password)).statusCode, 303)
      return client
    }

    test('asking for a reset says the same whether or not there is an account, and only an account is emailed', async () => {
      const account = await addAccount(t.database, t.councilId, null, { email: address('cecily') })
      const nobody = address('nobody')
      const known = await new TestClient(t.app).submit('/account/forgot-password', { email: account.email })
      const unknown = await new TestClient(t.app).submit('/account/forgot-password', { email: nobody })
      assert.equal(known.statusCode, 200)
      assert.equal(textOf(known.body), textOf(unknown.body))
      assert.match(textOf(known.body), /If there is an account for that email address, we have sent it a link/)
      assert.equal((await emailsTo(t.database, account.email, 'reset-password')).length, 1)
      assert.equal((await emailsTo(t.database, nobody)).length, 0)
      const bad = await new TestClient(t.app).submit('/account/forgot-password', { email: 'not an address' })
      assert.equal(bad.statusCode, 400)
      assert.match(textOf(bad.body), /Enter an email address in the correct format/)
    })

    test('a reset ends every session, lifts a lock, tells the owner, and its link works once', async () => {
      const account = await addAccount(t.database, t.councilId, null, { email: address('gwendolen') })
      const elsewhere = await signedIn(account.email)
      for (let i = 0; i < LOCK_AFTER; i++) await signIn(new TestClient(t.app), account.email, `wrong ${i} wrong wrong`)
      assert.ok((await accountRow(t.database, account.email))?.locked_until)

      const client = new TestClient(t.app)
      await client.submit('/account/forgot-password', { email: account.email })
      const link = await linkIn(t.database, account.email, 'reset-password')
      const form = await client.get(link)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /autocomplete="new-password"/)

      const weak = await client.submit(link, { password: 'password1234', confirm: 'password1234' })
      assert.equal(weak.statusCode, 400)
      assert.match(textOf(weak.body), /Password is too common/)
      const mismatch = await client.submit(link, { password: NEW_PASSWORD, confirm: NEW_PASSWORD + '!' })
      assert.equal(mismatch.statusCode, 400)
      assert.match(textOf(mismatch.body), /Enter the same password in both boxes/)

      const done = await client.submit(link, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })
      assert.equal(done.statusCode, 303)
      assert.match(
        textOf((await client.follow(done)).body),
        /Your password has been changed\. Sign in with your new password/,
      )
      assert.equal((await elsewhere.get('/account')).statusCode, 303, 'the other device is signed out')
      const row = await accountRow(t.database, account.email)
      assert.equal(row?.locked_until, null)
      assert.equal(row?.failed_sign_ins, 0)
      assert.equal((await emailsTo(t.database, account.email, 'password-changed')).length, 1)
      assert.equal((await signIn(new TestClient(t.app), account.email, NEW_PASSWORD)).statusCode, 303)

      const reused = await client.get(link)
      assert.equal(reused.statusCode, 410)
      assert.match(textOf(reused.body), /already been used.*Ask for a new link to reset your password/)
    })

    test('asking again retires the earlier link; an expired link is refused', async () => {
      const account = await addAccount(t.database, t.councilId, null, { email: address('jack') })
      const client = new TestClient(t.app)
      await client.submit('/account/forgot-password', { email: account.email })
      const first = await linkIn(t.database, account.email, 'reset-password')
      await client.submit('/account/forgot-password', { email: account.email })
      const second = await linkIn(t.database, account.email, 'reset-password')
      assert.notEqual(first, second)
      assert.equal((await client.get(first)).statusCode, 410)
      assert.equal((await client.get(second)).statusCode, 200)
      await t.database.db
        .updateTable('one_time_link')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('e_account_id', '=', account.id)
        .execute()
      const expired = await client.get(second)
      assert.equal(expired.statusCode, 410)
      assert.match(textOf(expired.body), /This link cannot be used .*1 hour/)
      // A form opened before the hour ran out, submitted after it.
      const csrf = csrfTokenIn((await client.get('/account/forgot-password')).body)
      const posted = await client.post(second, { _csrf: csrf, password: NEW_PASSWORD, confirm: NEW_PASSWORD })
      assert.equal(posted.statusCode, 410)
      assert.equal(
        (await signIn(new TestClient(t.app), account.email, NEW_PASSWORD)).statusCode,
        400,
        'the password is unchanged',
      )
    })

    test('changing the password needs the current one, keeps this device signed in under a new session, and signs out the others', async () => {
      const account = await addAccount(t.database, t.councilId, null, { email: address('algernon') })
      const here = await signedIn(account.email)
      const there = await signedIn(account.email)
      const before = here.cookies.get(SESSION)

      const wrong = await here.submit('/account/change-password', {
        current: 'not my password',
        password: NEW_PASSWORD,
        confirm: NEW_PASSWORD,
      })
      assert.equal(wrong.statusCode, 400)
      assert.match(textOf(wrong.body), /Your current password is not right/)
      const weak = await here.submit('/account/change-password', {
        current: TEST_PASSWORD,
        password: 'short',
        confirm: 'short',
      })
      assert.equal(weak.statusCode, 400)
      assert.match(textOf(weak.body), /Password must be 12 characters or more/)

      const changed = await here.submit('/account/change-password', {
        current: TEST_PASSWORD,
        password: NEW_PASSWORD,
        confirm: NEW_PASSWORD,
      })
      assert.equal(changed.statusCode, 303)
      assert.notEqual(here.cookies.get(SESSION), before, 'the session is renewed')
      assert.equal((await here.get('/account')).statusCode, 200)
      assert.equal((await there.get('/account')).statusCode, 303)
      const old = await t.app.inject({
        url: '/account',
        headers: { accept: 'text/html', cookie: `${SESSION}=${before}` },
      })
      assert.equal(old.statusCode, 303, 'the old token is dead')
      assert.equal((await emailsTo(t.database, account.email, 'password-changed')).length, 1)
    })

    test('guessing the current password on the change pages locks the account and signs it out', async () => {
      const account = await addAccount(t.database, t.councilId, null, { email: address('merriman') })
      const client = await signedIn(account.email)
      let last = await client.submit('/account/change-password', {
        current: 'guess 0 guess',
        password: NEW_PASSWORD,
        confirm: NEW_PASSWORD,
      })
      for (let i = 1; i < LOCK_AFTER; i++)
        last = await client.submit('/account/change-password', {
          current: `guess ${i} guess`,
          password: NEW_PASSWORD,
          confirm: NEW_PASSWORD,
        })
      assert.equal(last.statusCode, 303)
      assert.equal(last.headers.location, '/account/sign-in?done=locked')
      assert.match(textOf((await client.follow(last)).body), /Your account is locked for 15 minutes/)
      assert.equal((await client.get('/account')).statusCode, 303)
      assert.equal((await emailsTo(t.database, account.email, 'account-locked')).length, 1)
    })

    test('changing the email sends a link to the new address; nothing changes until it is opened', async () => {
      const account = await addAccount(t.database, t.councilId, null, { email: address('lane') })
      const client = await signedIn(account.email)
      const newEmail = address('lane.new')
      const wrong = await client.submit('/account/change-email', { email: newEmail, current: 'not it at all' })
      assert.equal(wrong.statusCode, 400)
      assert.match(textOf(wrong.body), /Your current password is not right/)
      const same = await client.submit('/account/change-email', { email: account.email, current: TEST_PASSWORD })
      assert.equal(same.statusCode, 400)
      assert.match(textOf(same.body), /This is already the email address for your account/)
      assert.equal((await emailsTo(t.database, newEmail)).length, 0)

      const asked = await client.submit('/account/change-email', {
        email: newEmail.toUpperCase(),
        current: TEST_PASSWORD,
      })
      assert.equal(asked.statusCode, 200)
      assert.equal((await accountRow(t.database, account.email))?.id, account.id, 'still the old address')
      assert.equal(
        (await signIn(new TestClient(t.app), newEmail, TEST_PASSWORD)).statusCode,
        400,
        'the new address does not sign in yet',
      )

      // The link works from any browser: it is the new address that is being proven.
      const confirmed = await new TestClient(t.app).submit(await linkIn(t.database, newEmail, 'verify-email'), {})
      assert.equal(confirmed.statusCode, 200)
      assert.match(textOf(confirmed.body), /Email address changed/)
      assert.equal((await accountRow(t.database, newEmail))?.id, account.id)
      assert.equal((await emailsTo(t.database, account.email, 'email-changed')).length, 1, 'the old address is told')
      assert.equal((await signIn(new TestClient(t.app), account.email, TEST_PASSWORD)).statusCode, 400)
      assert.equal((await signIn(new TestClient(t.app), newEmail, TEST_PASSWORD)).statusCode, 303)
    })

    test('changing to an address that has an account: the same answer, and that address is told instead', async () => {
      const account = await addAccount(t.database, t.councilId, null, { email: address('chasuble') })
      const other = await addAccount(t.database, t.councilId, null, { email: address('prism') })
      const client = await signedIn(account.email)
      const asked = await client.submit('/account/change-email', { email: other.email, current: TEST_PASSWORD })
      assert.equal(asked.statusCode, 200)
      assert.match(textOf(asked.body), /We have sent a link to/)
      assert.deepEqual(
        (await emailsTo(t.database, other.email)).map((e) => e.template),
        ['account-exists'],
      )
      assert.equal((await accountRow(t.database, account.email))?.id, account.id)
    })

    test('a change of email whose address was taken meanwhile is refused when its link is opened', async () => {
      const account = await addAccount(t.database, t.councilId, null, { email: address('bunbury') })
      const client = await signedIn(account.email)
      const wanted = address('bunbury.new')
      await client.submit('/account/change-email', { email: wanted, current: TEST_PASSWORD })
      await addAccount(t.database, t.councilId, null, { email: wanted })
      const opened = await client.submit(await linkIn(t.database, wanted, 'verify-email'), {})
      assert.equal(opened.statusCode, 409)
      assert.match(textOf(opened.body), /Another account has started using this email address/)
      assert.equal((await accountRow(t.database, account.email))?.id, account.id)
    })
  })
}
