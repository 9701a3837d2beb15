// Guessing and flooding: five wrong passwords lock an account for 15 minutes and tell its owner,
// the right password does not get through the lock, and one address posting sign-ins too fast is
// turned away with 429 — for staff and residents alike.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../support/databases.ts'
import { testApp } from '../support/app.ts'
import type { TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { addAccount, addStaff } from '../support/accounts.ts'
import { LOCK_AFTER } from '../../src/platform/auth/lockout.ts'
import { newTotpSecret } from '../../src/features/staff-sign-in/totp.ts'
import { submitPassword } from '../../src/features/staff-sign-in/test-sign-in.ts'
import { signIn } from '../../src/features/account/test-fixtures.ts'

type Attempt = (
  client: TestClient,
  email: string,
  password: string,
) => Promise<{ statusCode: number; headers: Record<string, unknown> }>

const signInAs: Record<'staff' | 'resident', Attempt> = {
  staff: (client, email, password) => submitPassword(client, email, password),
  resident: (client, email, password) => signIn(client, email, password),
}

for (const engine of ENGINES) {
  describe(`lock-out after repeated failures (${engine})`, () => {
    let t: TestApp
    before(async () => {
      t = await testApp(engine, { env: { RATE_LIMITS: 'false' } })
    })
    after(() => t.close())

    for (const kind of ['staff', 'resident'] as const) {
      it(`locks a ${kind} account at the fifth wrong password, emails the owner, and refuses the right one`, async () => {
        const person =
          kind === 'staff'
            ? await addStaff(t.database, t.councilId, ['advisor'], { totpSecret: newTotpSecret() })
            : await addAccount(t.database, t.councilId, null)
        for (let attempt = 1; attempt <= LOCK_AFTER; attempt += 1) {
          const response = await signInAs[kind](new TestClient(t.app), person.email, `wrong guess number ${attempt}`)
          assert.equal(response.statusCode, 400, `attempt ${attempt}`)
        }
        const table = kind === 'staff' ? 'staff_user' : 'e_account'
        const row = await t.database.db
          .selectFrom(table)
          .select('locked_until')
          .where('id', '=', person.id)
          .executeTakeFirstOrThrow()
        assert.ok(
          row.locked_until && new Date(row.locked_until).getTime() > Date.now() + 14 * 60_000,
          'locked for 15 minutes',
        )
        const emails = await t.database.db
          .selectFrom('notification')
          .select('template')
          .where('recipient', '=', person.email)
          .execute()
        assert.deepEqual(
          emails.map((e) => e.template),
          [kind === 'staff' ? 'staff-account-locked' : 'account-locked'],
        )

        const right = await signInAs[kind](new TestClient(t.app), person.email, person.password)
        assert.equal(right.statusCode, 400, 'the right password does not open a locked account')
        assert.equal(
          right.headers['set-cookie']?.toString().includes('frontdoor-session=') ?? false,
          false,
          'no session is started',
        )
      })
    }
  })
}

describe('rate limits on signing in', () => {
  let t: TestApp
  before(async () => {
    t = await testApp('sqlite')
  })
  after(() => t.close())

  for (const [kind, path] of [
    ['staff', '/staff/sign-in'],
    ['resident', '/account/sign-in'],
  ] as const) {
    it(`turns away the eleventh ${kind} sign-in in a minute from one address`, async () => {
      const client = new TestClient(t.app)
      const statuses: number[] = []
      let last = ''
      for (let attempt = 0; attempt < 11; attempt += 1) {
        const response = await client.submit(path, {
          email: `nobody-${attempt}@example.test`,
          password: 'not a real password',
        })
        statuses.push(response.statusCode)
        last = response.body
      }
      assert.deepEqual(statuses.slice(0, 10), Array(10).fill(400))
      assert.equal(statuses[10], 429)
      assert.match(last, /Too many attempts: try again in \d+ (second|minute)/, 'the page says how long to wait')
    })
  }
})
