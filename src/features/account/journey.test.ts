// A resident's whole journey through their e-account, on both engines, through the pages as a
// browser would use them: create an account, confirm the email from the link in the queued
// message, find it joined to the record the council already held, sign in, change the password,
// change the email, and reset a forgotten password.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient } from '../../../test/support/client.ts'
import {
  NEW_PASSWORD,
  PASSWORD,
  accountRow,
  createAccountForm,
  emailsTo,
  linkIn,
  signIn,
  textOf,
} from './test-fixtures.ts'

for (const engine of ENGINES) {
  describe(`a resident's e-account from start to finish (${engine})`, () => {
    let t: TestApp
    before(async () => {
      t = await testApp(engine, { env: { RATE_LIMITS: 'false' } })
    })
    after(() => t.close())

    test('create, confirm, joined to their record, sign in, change password, change email, reset password', async () => {
      // The council already knows Ada from a phone call, by this email address.
      const known = await t.app.inject({
        method: 'POST',
        url: '/api/v1/residents',
        headers: t.as('advisor'),
        payload: { given_name: 'Ada', family_name: 'Lovelace', emails: ['Ada.Lovelace@example.org'] },
      })
      assert.equal(known.statusCode, 201)
      const residentId = (known.json() as { id: number }).id
      const email = 'ada.lovelace@example.org'
      const browser = new TestClient(t.app)

      const created = await browser.submit(
        '/account/create',
        createAccountForm({ givenName: 'Ada', familyName: 'Lovelace', email: 'Ada.Lovelace@example.org' }),
      )
      assert.equal(created.statusCode, 200)
      assert.match(textOf(created.body), /Check your email We have sent an email to ada\.lovelace@example\.org/)
      const unconfirmed = await accountRow(t.database, email)
      assert.ok(unconfirmed)
      assert.equal(unconfirmed.verified_at, null)
      assert.equal(unconfirmed.resident_id, null, 'nothing is joined before the address is confirmed')

      // Opening the link shows a button; only pressing it confirms (mail scanners open links too).
      const link = await linkIn(t.database, email, 'verify-email')
      const opened = await browser.get(link)
      assert.equal(opened.statusCode, 200)
      assert.match(textOf(opened.body), /Confirm your email address/)
      assert.equal((await accountRow(t.database, email))?.verified_at, null)
      const confirmed = await browser.submit(link, {})
      assert.equal(confirmed.statusCode, 200)
      assert.match(textOf(confirmed.body), /Email address confirmed .*joined to the record we already hold for you/)
      const verified = await accountRow(t.database, email)
      assert.ok(verified?.verified_at)
      assert.equal(verified.resident_id, residentId)

      const signedIn = await signIn(browser, 'Ada.Lovelace@example.org')
      assert.equal(signedIn.statusCode, 303)
      assert.equal(signedIn.headers.location, '/account')
      const home = textOf((await browser.get('/account')).body)
      assert.match(home, /Your account/)
      assert.match(home, /Name Ada Lovelace/)
      assert.match(home, /Email address ada\.lovelace@example\.org/)
      assert.match(home, /Council record Joined to your account/)

      const changed = await browser.submit('/account/change-password', {
        current: PASSWORD,
        password: NEW_PASSWORD,
        confirm: NEW_PASSWORD,
      })
      assert.equal(changed.statusCode, 303)
      assert.match(textOf((await browser.follow(changed)).body), /Your password has been changed/)
      assert.equal((await emailsTo(t.database, email, 'password-changed')).length, 1)

      const newEmail = 'ada@analytical.example'
      const asked = await browser.submit('/account/change-email', { email: newEmail, current: NEW_PASSWORD })
      assert.equal(asked.statusCode, 200)
      assert.match(textOf(asked.body), /We have sent a link to ada@analytical\.example/)
      assert.equal((await accountRow(t.database, email))?.id, verified.id, 'the address has not changed yet')
      assert.match(textOf((await browser.get('/account')).body), /We have sent a link to ada@analytical\.example/)
      const moved = await browser.submit(await linkIn(t.database, newEmail, 'verify-email'), {})
      assert.equal(moved.statusCode, 200)
      assert.match(textOf(moved.body), /Email address changed/)
      assert.equal((await accountRow(t.database, newEmail))?.id, verified.id)
      assert.equal((await emailsTo(t.database, email, 'email-changed')).length, 1, 'the old address is told')

      const out = await browser.post('/account/sign-out', {
        _csrf: (await browser.get('/account').then((r) => /name="_csrf" value="([^"]+)"/.exec(r.body)?.[1])) ?? '',
      })
      assert.equal(out.statusCode, 303)
      assert.equal((await browser.get('/account')).statusCode, 303, 'signed out')

      const forgot = await browser.submit('/account/forgot-password', { email: newEmail })
      assert.equal(forgot.statusCode, 200)
      const resetLink = await linkIn(t.database, newEmail, 'reset-password')
      const reset = await browser.submit(resetLink, { password: PASSWORD + ' again', confirm: PASSWORD + ' again' })
      assert.equal(reset.statusCode, 303)
      assert.equal(reset.headers.location, '/account/sign-in?done=password-reset')
      assert.equal((await signIn(browser, newEmail, NEW_PASSWORD)).statusCode, 400, 'the old password no longer works')
      assert.equal((await signIn(browser, newEmail, PASSWORD + ' again')).statusCode, 303)
      assert.equal((await browser.get('/account')).statusCode, 200)

      const actions = await t.database.db
        .selectFrom('audit_event')
        .select(['action', 'detail'])
        .where('subject_type', '=', 'e_account')
        .where('subject_id', '=', String(verified.id))
        .orderBy('id')
        .execute()
      assert.deepEqual(
        [...new Set(actions.map((a) => a.action))],
        [
          'account_created',
          'email_verified',
          'account_linked',
          'sign_in',
          'password_changed',
          'email_change_requested',
          'email_changed',
          'sign_out',
          'password_reset_requested',
          'sign_in_failed',
        ],
      )
      const details = actions.map((a) => a.detail ?? '').join(' ')
      assert.doesNotMatch(details, /@|ada|lovelace/i, 'no personal data in the audit detail')
    })
  })
}

describe('what the e-account pages write to the log', () => {
  const lines: string[] = []
  let t: TestApp
  before(async () => {
    t = await testApp('sqlite', {
      env: { RATE_LIMITS: 'false' },
      logStream: { write: (line) => void lines.push(line) },
    })
  })
  after(() => t.close())

  test('neither the tokens in links nor addresses, names or passwords reach it', async () => {
    const email = 'perpetua.quill@example.org'
    const browser = new TestClient(t.app)
    await browser.submit('/account/create', createAccountForm({ givenName: 'Perpetua', familyName: 'Quill', email }))
    const verify = await linkIn(t.database, email, 'verify-email')
    await browser.submit(verify, {})
    await signIn(browser, email)
    await browser.submit('/account/forgot-password', { email })
    const reset = await linkIn(t.database, email, 'reset-password')
    await browser.submit(reset, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })
    const log = lines.join('')
    assert.match(log, /\/account\/verify\/:token/, 'the requests were logged, by route')
    for (const secret of [
      verify.split('/').at(-1)!,
      reset.split('/').at(-1)!,
      email,
      'Perpetua',
      PASSWORD,
      NEW_PASSWORD,
    ]) {
      assert.ok(!log.includes(secret), `the log does not contain ${secret.slice(0, 4)}…`)
    }
  })
})
