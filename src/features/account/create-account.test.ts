// Creating an account and confirming its email, on both engines: what is refused, what an
// address that already has an account gets, when (and to which record) an account is joined,
// and links that are used, expired or made up.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient } from '../../../test/support/client.ts'
import { addAccount } from '../../../test/support/accounts.ts'
import {
  PASSWORD,
  accountRow,
  createAccountForm,
  createAndConfirm,
  emailsTo,
  linkIn,
  signIn,
  textOf,
} from './test-fixtures.ts'

let unique = 0
const address = (name: string) => `${name}.${++unique}@example.org`

for (const engine of ENGINES) {
  describe(`creating an account and confirming its email (${engine})`, () => {
    let t: TestApp
    before(async () => {
      t = await testApp(engine, { env: { RATE_LIMITS: 'false' } })
    })
    after(() => t.close())

    const addResident = async (givenName: string, emails: string[]) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/residents',
        headers: t.as('advisor'),
        payload: { given_name: givenName, family_name: 'Resident', emails },
      })
      assert.equal(response.statusCode, 201)
      return (response.json() as { id: number }).id
    }
    const accounts = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('e_account')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const notifications = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('notification')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )

    test('the form has fields a browser can fill in for the person, and no account is needed to see it', async () => {
      const page = await new TestClient(t.app).get('/account/create')
      assert.equal(page.statusCode, 200)
      for (const [name, autocomplete] of [
        ['given_name', 'given-name'],
        ['family_name', 'family-name'],
        ['email', 'email'],
        ['password', 'new-password'],
        ['confirm', 'new-password'],
      ] as const) {
        assert.match(page.body, new RegExp(`name="${name}"[^>]*autocomplete="${autocomplete}"`), name)
      }
    })

    const refusals: [string, Record<string, string>, string, RegExp][] = [
      [
        'a common password',
        { password: 'password1234', confirm: 'password1234' },
        'password',
        /Password is too common/,
      ],
      [
        'a short password',
        { password: 'short pass', confirm: 'short pass' },
        'password',
        /Password must be 12 characters or more/,
      ],
      [
        'a password made of their name',
        { password: 'gwendolyn-the-great', confirm: 'gwendolyn-the-great' },
        'password',
        /must not contain your name or email address/,
      ],
      [
        'a confirmation that does not match',
        { confirm: PASSWORD + 'x' },
        'confirm',
        /Enter the same password in both boxes/,
      ],
      ['no confirmation', { confirm: '' }, 'confirm', /Enter your password again/],
      [
        'an email address without a domain',
        { email: 'gwendolyn@' },
        'email',
        /Enter an email address in the correct format, like name@example\.com/,
      ],
      ['no first name', { given_name: '  ' }, 'given_name', /Enter your first name/],
      ['no last name', { family_name: '' }, 'family_name', /Enter your last name/],
    ]
    for (const [what, change, fieldName, message] of refusals) {
      test(`${what} is refused with the form shown again, and nothing is created or sent`, async () => {
        const [before, queued] = [await accounts(), await notifications()]
        const email = address('gwendolyn')
        const response = await new TestClient(t.app).submit('/account/create', {
          ...createAccountForm({ givenName: 'Gwendolyn', familyName: 'Fairfax', email }),
          ...change,
        })
        assert.equal(response.statusCode, 400)
        assert.match(response.body, /<title>Error: Create an account/)
        assert.match(response.body, /govuk-error-summary/)
        assert.match(response.body, new RegExp(`href="#${fieldName}"`), 'the summary links to the field')
        assert.match(textOf(response.body), message)
        assert.match(response.body, new RegExp(`id="${fieldName}-error"`), 'the message is also beside the field')
        assert.doesNotMatch(response.body, new RegExp(PASSWORD), 'a password is never put back in the form')
        assert.equal(await accounts(), before)
        assert.equal(await notifications(), queued)
      })
    }

    test('an address that already has an account: the same page, an email to its owner, no second account', async () => {
      const existing = await addAccount(t.database, t.councilId, null, { email: address('cecily') })
      const fresh = address('algernon')
      const client = new TestClient(t.app)
      const forExisting = await client.submit(
        '/account/create',
        createAccountForm({ givenName: 'Someone', familyName: 'Else', email: existing.email.toUpperCase() }),
      )
      const forFresh = await client.submit(
        '/account/create',
        createAccountForm({ givenName: 'Algernon', familyName: 'Moncrieff', email: fresh }),
      )
      assert.equal(forExisting.statusCode, forFresh.statusCode)
      const strip = (html: string, email: string) => textOf(html).replace(email, 'ADDRESS')
      assert.equal(strip(forExisting.body, existing.email), strip(forFresh.body, fresh), 'the two pages read the same')
      assert.deepEqual(
        (await emailsTo(t.database, existing.email)).map((e) => e.template),
        ['account-exists'],
      )
      assert.match(
        (await emailsTo(t.database, existing.email))[0]!.personalisation.signInUrl ?? '',
        /\/account\/sign-in$/,
      )
      assert.deepEqual(
        (await emailsTo(t.database, fresh)).map((e) => e.template),
        ['verify-email'],
      )
      const owner = await accountRow(t.database, existing.email)
      assert.equal(owner?.given_name, null, 'the existing account is not changed')
    })

    test('a new account is not joined to anything, and cannot be signed in to, until its address is confirmed', async () => {
      const email = address('lady.bracknell')
      const residentId = await addResident('Augusta', [email])
      const client = new TestClient(t.app)
      await client.submit(
        '/account/create',
        createAccountForm({ givenName: 'Augusta', familyName: 'Bracknell', email }),
      )
      assert.equal((await accountRow(t.database, email))?.resident_id, null)
      const attempt = await signIn(client, email)
      assert.equal(attempt.statusCode, 200)
      assert.match(textOf(attempt.body), /Confirm your email address first/)
      assert.equal(client.cookies.has('frontdoor-session'), false, 'no session is started')
      assert.equal((await client.get('/account')).statusCode, 303)
      await client.submit(await linkIn(t.database, email, 'verify-email'), {})
      assert.equal((await accountRow(t.database, email))?.resident_id, residentId)
    })

    test('with no record holding the address, a new resident record is made from the name given', async () => {
      const email = address('miss.prism')
      await createAndConfirm(new TestClient(t.app), t.database, { givenName: 'Laetitia', familyName: 'Prism', email })
      const account = await accountRow(t.database, email)
      assert.ok(account?.resident_id)
      const resident = await t.app.inject({ url: `/api/v1/residents/${account.resident_id}`, headers: t.as('advisor') })
      const body = resident.json() as { given_name: string; family_name: string; emails: string[] }
      assert.deepEqual([body.given_name, body.family_name, body.emails], ['Laetitia', 'Prism', [email]])
      const found = await t.app.inject({
        url: `/api/v1/residents?q=${encodeURIComponent('Laetitia Prism')}`,
        headers: t.as('advisor'),
      })
      assert.ok(
        (found.json() as { items: { id: number }[] }).items.some((r) => r.id === account.resident_id),
        'the new record can be searched for',
      )
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select(['action', 'detail'])
        .where('action', '=', 'account_linked')
        .where('subject_id', '=', String(account.id))
        .executeTakeFirstOrThrow()
      assert.deepEqual(JSON.parse(audit.detail ?? '{}'), { residentId: account.resident_id, record: 'new' })
    })

    test('an address two residents share, or one already spoken for by another confirmed account, gets a record of its own', async () => {
      const shared = address('shared.household')
      const first = await addResident('Jack', [shared])
      const second = await addResident('John', [shared])
      await createAndConfirm(new TestClient(t.app), t.database, {
        givenName: 'Jack',
        familyName: 'Worthing',
        email: shared,
      })
      const sharedAccount = await accountRow(t.database, shared)
      assert.ok(sharedAccount?.resident_id)
      assert.ok(![first, second].includes(sharedAccount.resident_id), 'neither of the two is guessed')

      const spoken = address('chasuble')
      const residentId = await addResident('Frederick', [spoken, address('chasuble.work')])
      // An older confirmed account already speaks for that record (under another address).
      await addAccount(t.database, t.councilId, residentId, { email: address('chasuble.old') })
      await createAndConfirm(new TestClient(t.app), t.database, {
        givenName: 'Frederick',
        familyName: 'Chasuble',
        email: spoken,
      })
      const account = await accountRow(t.database, spoken)
      assert.ok(account?.resident_id)
      assert.notEqual(account.resident_id, residentId)
    })

    test('a link works once; a used link says so', async () => {
      const email = address('merriman')
      const client = new TestClient(t.app)
      await client.submit('/account/create', createAccountForm({ givenName: 'Merriman', familyName: 'Butler', email }))
      const link = await linkIn(t.database, email, 'verify-email')
      const page = await client.get(link)
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!
      assert.equal((await client.post(link, { _csrf: csrf })).statusCode, 200)
      // The same page's button pressed again (a second tab, a double click).
      const again = await client.post(link, { _csrf: csrf })
      assert.equal(again.statusCode, 410)
      assert.match(textOf(again.body), /This link has already been used/)
      assert.equal((await client.get(link)).statusCode, 410)
    })

    test('an expired link is refused with a way to get a new one, which replaces it', async () => {
      const email = address('lane')
      const client = new TestClient(t.app)
      await client.submit('/account/create', createAccountForm({ givenName: 'Lane', familyName: 'Manservant', email }))
      const link = await linkIn(t.database, email, 'verify-email')
      await t.database.db
        .updateTable('one_time_link')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('email', '=', email)
        .execute()
      const opened = await client.get(link)
      assert.equal(opened.statusCode, 410)
      assert.match(textOf(opened.body), /This link has expired/)
      const pressed = await client.submit(link, {})
      assert.equal(pressed.statusCode, 410, 'pressing the button on an old page does not confirm either')
      assert.equal((await accountRow(t.database, email))?.verified_at, null)

      const proof = /name="proof" value="([^"]+)"/.exec(opened.body)?.[1]
      assert.ok(proof, 'the page offers to send a new link')
      const resent = await client.post('/account/verify/send-again', {
        _csrf: /name="_csrf" value="([^"]+)"/.exec(opened.body)![1]!,
        proof,
      })
      assert.equal(resent.statusCode, 200)
      assert.match(textOf(resent.body), /We have sent you a new link/)
      const fresh = await linkIn(t.database, email, 'verify-email')
      assert.notEqual(fresh, link)
      assert.equal((await client.submit(fresh, {})).statusCode, 200)
      assert.ok((await accountRow(t.database, email))?.verified_at)
    })

    test('an unconfirmed account that signs in is offered the link again; older links stop working', async () => {
      const email = address('dr.chasuble')
      const client = new TestClient(t.app)
      await client.submit('/account/create', createAccountForm({ givenName: 'Canon', familyName: 'Chasuble', email }))
      const first = await linkIn(t.database, email, 'verify-email')
      const page = await signIn(client, email)
      const proof = /name="proof" value="([^"]+)"/.exec(page.body)?.[1]
      assert.ok(proof)
      const resent = await client.post('/account/verify/send-again', {
        _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!,
        proof,
      })
      assert.equal(resent.statusCode, 200)
      assert.equal((await emailsTo(t.database, email, 'verify-email')).length, 2)
      assert.equal((await client.get(first)).statusCode, 410, 'the first link is retired')
      assert.equal((await client.submit(await linkIn(t.database, email, 'verify-email'), {})).statusCode, 200)

      const forged = await client.submit('/account/create', {}, '/account/verify/send-again')
      assert.equal(forged.statusCode, 400, 'no proof, no email')
      const tampered = await client.post('/account/verify/send-again', {
        _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!,
        proof: proof.replace(/^\d+/, '1'),
      })
      assert.equal(tampered.statusCode, 400)
    })

    test('a made-up link is not found', async () => {
      const client = new TestClient(t.app)
      for (const token of ['A'.repeat(43), 'not-a-token', '..%2F..%2Fetc']) {
        const response = await client.get(`/account/verify/${token}`)
        assert.equal(response.statusCode, 404)
        assert.match(textOf(response.body), /This link cannot be used/)
      }
    })
  })
}

describe('creating accounts is rate limited', () => {
  let t: TestApp
  before(async () => {
    t = await testApp('sqlite')
  })
  after(() => t.close())

  test('the sixth account from one address in ten minutes is refused', async () => {
    const client = new TestClient(t.app)
    const statuses: number[] = []
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await client.submit(
            '/account/create',
            createAccountForm({ givenName: 'R', familyName: 'L', email: `limit${i}@example.org`, password: 'x' }),
          )
        ).statusCode,
      )
    assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429])
  })
})
