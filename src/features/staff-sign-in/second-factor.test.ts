// The second factor: enrolling an authenticator app at first sign-in, codes (never the same one
// twice), recovery codes (each once), and wrong codes counting towards the lockout.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient } from '../../../test/support/client.ts'
import { addStaff, TEST_PASSWORD } from '../../../test/support/accounts.ts'
import { newTotpSecret } from './totp.ts'
import { WRONG_EMAIL_OR_PASSWORD } from './service.ts'
import {
  codeFor,
  enrolThroughPages,
  errorsOn,
  recoveryCodesIn,
  sessionToken,
  setupKeyIn,
  signInWithCode,
  submitPassword,
} from './test-sign-in.ts'

for (const engine of ENGINES) {
  describe(`staff second factor (${engine})`, () => {
    let t: TestApp
    before(async () => {
      t = await testApp(engine, { env: { RATE_LIMITS: 'false' } })
    })
    after(() => t.close())

    const staffRow = (id: number) =>
      t.database.db.selectFrom('staff_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
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

    it('enrols an authenticator app at first sign-in with a QR code and a setup key, then shows ten recovery codes once', async () => {
      const staff = await addStaff(t.database, t.councilId, ['advisor'])
      const client = new TestClient(t.app)
      assert.equal(
        (await submitPassword(client, staff.email, staff.password)).headers.location,
        '/staff/sign-in/set-up-code',
      )
      const page = await client.get('/staff/sign-in/set-up-code')
      assert.match(page.body, /<svg role="img" aria-label="QR code to scan with your authenticator app"/)
      assert.match(page.body, /autocomplete="one-time-code"/)
      const secret = setupKeyIn(page.body)
      assert.match(secret, /^[A-Z2-7]{32}$/)
      assert.equal(
        setupKeyIn((await client.get('/staff/sign-in/set-up-code')).body),
        secret,
        'the same secret until it is proven',
      )

      const malformed = await client.submit('/staff/sign-in/set-up-code', { code: '12ab' })
      assert.equal(malformed.statusCode, 400)
      assert.deepEqual(errorsOn(malformed.body), ['Enter the 6-digit code from your authenticator app'])
      const wrong = await client.submit('/staff/sign-in/set-up-code', { code: await codeFor(newTotpSecret()) })
      assert.equal(wrong.statusCode, 400)
      assert.match(errorsOn(wrong.body)[0]!, /^The code is not correct/)
      assert.equal(
        (await staffRow(staff.id)).totp_secret,
        null,
        'nothing is stored until a code proves the app has the secret',
      )

      const proven = await client.submit('/staff/sign-in/set-up-code', { code: await codeFor(secret) })
      assert.equal(proven.headers.location, '/staff/sign-in/recovery-codes')
      const shown = await client.get('/staff/sign-in/recovery-codes')
      const codes = recoveryCodesIn(shown.body)
      assert.equal(codes.length, 10)
      assert.match(shown.body, /I have saved my recovery codes/)
      // Not signed in yet: staff pages still send the person back to their codes.
      assert.equal((await client.get('/staff')).headers.location, '/staff/sign-in/set-up-code')
      assert.equal((await client.get('/staff/sign-in/set-up-code')).headers.location, '/staff/sign-in/recovery-codes')

      const row = await staffRow(staff.id)
      assert.ok(
        row.totp_secret?.startsWith('gcm1$') && !row.totp_secret.includes(secret),
        'the secret is stored sealed',
      )
      const hashes = await t.database.db
        .selectFrom('staff_recovery_code')
        .select('code_hash')
        .where('staff_user_id', '=', staff.id)
        .execute()
      assert.equal(hashes.length, 10)
      assert.ok(
        hashes.every((h) => /^[0-9a-f]{64}$/.test(h.code_hash) && !codes.some((c) => h.code_hash.includes(c))),
        'only hashes are stored',
      )

      assert.equal((await client.submit('/staff/sign-in/recovery-codes', {})).headers.location, '/staff')
      assert.equal((await client.get('/staff')).statusCode, 200)
      assert.equal(
        (await client.get('/staff/sign-in/recovery-codes')).headers.location,
        '/staff',
        'the codes are never shown again',
      )
      const session = await t.database.db
        .selectFrom('session')
        .select('data')
        .where('subject_id', '=', staff.id)
        .where('subject_kind', '=', 'staff')
        .execute()
      assert.ok(
        session.every((s) => !s.data.includes(codes[0]!)),
        'the session no longer holds the codes',
      )
      assert.deepEqual(await auditActions(staff.id), ['second_factor_enrolled', 'sign_in'])
    })

    it('never lets a second enrolment replace the first: a sign-in left at enrolment must start again', async () => {
      const staff = await addStaff(t.database, t.councilId, ['advisor'])
      const stale = new TestClient(t.app)
      await submitPassword(stale, staff.email, staff.password)
      const staleSecret = setupKeyIn((await stale.get('/staff/sign-in/set-up-code')).body)
      const { secret } = await enrolThroughPages(new TestClient(t.app), staff)
      const late = await stale.submit('/staff/sign-in/set-up-code', { code: await codeFor(staleSecret) })
      assert.equal(late.headers.location, '/staff/sign-in')
      assert.equal(sessionToken(stale), undefined)
      assert.equal(
        (await signInWithCode(new TestClient(t.app), staff, secret, 1)).headers.location,
        '/staff',
        'the first app still works',
      )
    })

    it('refuses a wrong code, and a code used once already, counting both as failures', async () => {
      const staff = await addStaff(t.database, t.councilId, ['advisor'])
      const { secret } = await enrolThroughPages(new TestClient(t.app), staff)

      // The code that proved the enrolment cannot sign anyone in afterwards.
      const replayedEnrolment = await signInWithCode(new TestClient(t.app), staff, secret, 0)
      assert.equal(replayedEnrolment.statusCode, 400)
      assert.deepEqual(errorsOn(replayedEnrolment.body), [
        'The code is not correct or has already been used: enter the newest code your app shows',
      ])

      const client = new TestClient(t.app)
      await submitPassword(client, staff.email, staff.password)
      const wrong = await client.submit('/staff/sign-in/code', { code: await codeFor(newTotpSecret()) })
      assert.equal(wrong.statusCode, 400)
      assert.match(wrong.body, /<title>Error: Enter the code from your authenticator app/)
      const malformed = await client.submit('/staff/sign-in/code', { code: 'abc' })
      assert.deepEqual(errorsOn(malformed.body), ['Enter the 6-digit code from your authenticator app'])
      const code = await codeFor(secret, 1)
      assert.equal((await client.submit('/staff/sign-in/code', { code })).headers.location, '/staff')

      const again = new TestClient(t.app)
      await submitPassword(again, staff.email, staff.password)
      const replayed = await again.submit('/staff/sign-in/code', { code })
      assert.equal(replayed.statusCode, 400, 'the same code a second time')
      assert.equal(
        (await staffRow(staff.id)).failed_sign_ins,
        1,
        'wrong codes count; the malformed one does not, and signing in cleared the first two',
      )
    })

    it('locks the account at the fifth wrong code: the sign-in ends, the owner is emailed, and the password is refused until the lock passes', async () => {
      const secret = newTotpSecret()
      const staff = await addStaff(t.database, t.councilId, ['advisor'], { totpSecret: secret })
      const client = new TestClient(t.app)
      await submitPassword(client, staff.email, staff.password)
      const answers = []
      for (let i = 0; i < 5; i++) answers.push(await client.submit('/staff/sign-in/code', { code: String(100000 + i) }))
      assert.deepEqual(
        answers.map((a) => a.statusCode),
        [400, 400, 400, 400, 403],
      )
      assert.match(answers[4]!.body, /You cannot sign in at the moment/)
      assert.equal(sessionToken(client), undefined)
      assert.equal((await client.get('/staff/sign-in/code')).headers.location, '/staff/sign-in')
      const emails = await t.database.db
        .selectFrom('notification')
        .select('template')
        .where('recipient', '=', staff.email)
        .execute()
      assert.deepEqual(
        emails.map((e) => e.template),
        ['staff-account-locked'],
      )
      const locked = await submitPassword(new TestClient(t.app), staff.email, TEST_PASSWORD)
      assert.deepEqual(errorsOn(locked.body), [WRONG_EMAIL_OR_PASSWORD])
      assert.ok((await auditActions(staff.id)).includes('account_locked'))
    })

    it('signs in with a recovery code once, and says how many are left', async () => {
      const staff = await addStaff(t.database, t.councilId, ['advisor'])
      const { recoveryCodes } = await enrolThroughPages(new TestClient(t.app), staff)
      const code = recoveryCodes[3]!

      const client = new TestClient(t.app)
      await submitPassword(client, staff.email, staff.password, '/staff?from=recovery')
      const codePage = await client.get('/staff/sign-in/code')
      assert.match(codePage.body, /href="\/staff\/sign-in\/recovery-code"/)
      const malformed = await client.submit('/staff/sign-in/recovery-code', { code: 'not-a-code' })
      assert.equal(malformed.statusCode, 400)
      const used = await client.submit('/staff/sign-in/recovery-code', { code: code.toUpperCase().replace(/-/g, ' ') })
      assert.equal(used.statusCode, 303)
      assert.equal(used.headers.location, '/staff/sign-in/recovery-code-used?returnTo=%2Fstaff%3Ffrom%3Drecovery')
      const told = await client.follow(used)
      assert.match(told.body, /You have 9 recovery codes left/)
      assert.match(told.body, /href="\/staff\?from=recovery"/)
      assert.equal((await client.get('/staff')).statusCode, 200)

      const again = new TestClient(t.app)
      await submitPassword(again, staff.email, staff.password)
      const reused = await again.submit('/staff/sign-in/recovery-code', { code })
      assert.equal(reused.statusCode, 400)
      assert.deepEqual(errorsOn(reused.body), ['The recovery code is not correct or has already been used'])
      assert.equal((await again.submit('/staff/sign-in/recovery-code', { code: recoveryCodes[4]! })).statusCode, 303)
      assert.deepEqual((await auditActions(staff.id)).filter((a) => a === 'sign_in').length, 3)
    })

    it('sends a recovery-code page visitor without a finished sign-in back to sign in', async () => {
      const answer = await new TestClient(t.app).get('/staff/sign-in/recovery-code-used?returnTo=%2Fstaff')
      assert.equal(answer.headers.location, '/staff/sign-in')
    })

    it('stops a sign-in part way when the account is disabled meanwhile', async () => {
      const staff = await addStaff(t.database, t.councilId, ['advisor'], { totpSecret: newTotpSecret() })
      const client = new TestClient(t.app)
      await submitPassword(client, staff.email, staff.password)
      await t.database.db.updateTable('staff_user').set({ active: 0 }).where('id', '=', staff.id).execute()
      const answer = await client.get('/staff/sign-in/code')
      assert.equal(answer.headers.location, '/staff/sign-in')
      assert.equal(sessionToken(client), undefined)
    })
  })
}
