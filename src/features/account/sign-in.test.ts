// Signing in to an e-account and out again, on both engines: the same answer for an unknown
// address, a wrong password and a locked account; the lock after five wrong passwords with an
// email to the owner; a new session at every sign-in; only local places to return to; and what
// a resident whose email is not confirmed can (not) see.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient, csrfTokenIn } from '../../../test/support/client.ts'
import { TEST_PASSWORD, addAccount, addStaff, sessionCookie } from '../../../test/support/accounts.ts'
import { LOCK_AFTER } from '../../platform/auth/lockout.ts'
import { emailsTo, signIn, textOf } from './test-fixtures.ts'

let unique = 0
const address = (name: string) => `${name}.${++unique}@example.org`
const SESSION = 'frontdoor-session'

/** What the sign-in page says about a refusal, with the address typed back taken out. */
function refusal(html: string): string {
  return (
    (/<div class="govuk-error-summary[\s\S]*?<\/div>\s*<\/div>/.exec(html)?.[0] ?? '') +
    (/<p id="email-error"[\s\S]*?<\/p>/.exec(html)?.[0] ?? '')
  )
}

for (const engine of ENGINES) {
  describe(`signing in to an e-account (${engine})`, () => {
    let t: TestApp
    before(async () => {
      t = await testApp(engine, { env: { RATE_LIMITS: 'false' } })
    })
    after(() => t.close())

    const residentNamed = async (givenName: string, email: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/residents',
        headers: t.as('advisor'),
        payload: { given_name: givenName, family_name: 'Record', emails: [email] },
      })
      return (response.json() as { id: number }).id
    }

    test('the right password signs in under a new session and returns to the page the person came from', async () => {
      const account = await addAccount(t.database, t.councilId, null, { email: address('cecily') })
      const client = new TestClient(t.app)
      const sent = await client.get('/account/change-email')
      assert.equal(sent.statusCode, 303)
      assert.equal(sent.headers.location, '/account/sign-in?returnTo=%2Faccount%2Fchange-email')
      const page = await client.follow(sent)
      assert.match(page.body, /name="returnTo" value="\/account\/change-email"/)
      const response = await client.post('/account/sign-in', {
        _csrf: csrfTokenIn(page.body),
        email: account.email,
        password: TEST_PASSWORD,
        returnTo: '/account/change-email',
      })
      assert.equal(response.statusCode, 303)
      assert.equal(response.headers.location, '/account/change-email')
      assert.equal((await client.follow(response)).statusCode, 200)
      const row = await t.database.db
        .selectFrom('e_account')
        .select(['last_sign_in_at'])
        .where('id', '=', account.id)
        .executeTakeFirstOrThrow()
      assert.ok(row.last_sign_in_at)
    })

    test('a place to return to on another site is ignored', async () => {
      const account = await addAccount(t.database, t.councilId, null, { email: address('gwendolen') })
      for (const returnTo of ['https://evil.example/', '//evil.example/account', '/\\evil.example']) {
        const response = await signIn(new TestClient(t.app), account.email, TEST_PASSWORD, returnTo)
        assert.equal(response.statusCode, 303)
        assert.equal(response.headers.location, '/account', returnTo)
      }
    })

    test('a session planted in the browser before sign-in is ended and replaced (fixation)', async () => {
      // Someone plants a session of their own account in the victim's browser, then the victim signs in.
      const planter = await addAccount(t.database, t.councilId, null, { email: address('planter') })
      const victim = await addAccount(t.database, t.councilId, null, { email: address('algy') })
      const planted = (await sessionCookie(t.database, t.councilId, { kind: 'resident', id: planter.id })).split(
        '=',
      )[1]!
      const client = new TestClient(t.app)
      client.cookies.set(SESSION, planted)
      const page = await client.get('/account')
      const signedIn = await client.post('/account/sign-in', {
        _csrf: csrfTokenIn(page.body),
        email: victim.email,
        password: TEST_PASSWORD,
      })
      assert.equal(signedIn.statusCode, 303)
      const fresh = client.cookies.get(SESSION)
      assert.ok(fresh && fresh !== planted, 'a new session token')
      const old = await t.app.inject({
        url: '/account',
        headers: { accept: 'text/html', cookie: `${SESSION}=${planted}` },
      })
      assert.equal(old.statusCode, 303, 'the planted token opens nothing any more')
      assert.match(
        textOf((await client.get('/account')).body),
        new RegExp(victim.email.replace(/\./g, '\\.')),
        'the browser is the victim’s own session',
      )
      const sessions = await t.database.db
        .selectFrom('session')
        .select('subject_id')
        .where('subject_kind', '=', 'resident')
        .where('subject_id', 'in', [planter.id, victim.id])
        .execute()
      assert.deepEqual(
        sessions.map((row) => row.subject_id),
        [victim.id],
      )
    })

    test('an unknown address, a wrong password and a missing one get the same message', async () => {
      const account = await addAccount(t.database, t.councilId, null, { email: address('jack') })
      const unknown = await signIn(new TestClient(t.app), address('nobody'), TEST_PASSWORD)
      const wrong = await signIn(new TestClient(t.app), account.email, 'not the password at all')
      assert.equal(unknown.statusCode, 400)
      assert.equal(wrong.statusCode, 400)
      assert.equal(refusal(unknown.body), refusal(wrong.body))
      assert.match(textOf(refusal(wrong.body)), /Enter the email address and password for your account/)
      const empty = await new TestClient(t.app).submit('/account/sign-in', { email: '', password: '' })
      assert.equal(empty.statusCode, 400)
      assert.match(textOf(empty.body), /Enter your email address.*Enter your password/)
    })

    test(`after ${LOCK_AFTER} wrong passwords the account is locked: even the right one is refused, alike, and the owner is emailed once`, async () => {
      const account = await addAccount(t.database, t.councilId, null, { email: address('lady.b') })
      const client = new TestClient(t.app)
      const answers: string[] = []
      for (let i = 0; i < LOCK_AFTER; i++)
        answers.push(refusal((await signIn(client, account.email, `wrong guess number ${i}`)).body))
      const row = await t.database.db
        .selectFrom('e_account')
        .select(['locked_until', 'failed_sign_ins'])
        .where('id', '=', account.id)
        .executeTakeFirstOrThrow()
      assert.ok(
        row.locked_until && new Date(row.locked_until).getTime() > Date.now() + 14 * 60_000,
        'locked for 15 minutes',
      )
      const right = await signIn(client, account.email, TEST_PASSWORD)
      assert.equal(right.statusCode, 400)
      assert.equal(refusal(right.body), answers[0], 'a locked account looks like a wrong password')
      assert.equal(client.cookies.has(SESSION), false)
      const locked = await emailsTo(t.database, account.email, 'account-locked')
      assert.equal(locked.length, 1)
      assert.equal(locked[0]!.personalisation.minutes, '15')
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select('action')
        .where('subject_type', '=', 'e_account')
        .where('subject_id', '=', String(account.id))
        .orderBy('id')
        .execute()
      assert.deepEqual(
        audit.map((a) => a.action),
        [...Array<string>(LOCK_AFTER).fill('sign_in_failed'), 'account_locked', 'sign_in_failed'],
      )

      // When the lock runs out, the right password works again.
      await t.database.db
        .updateTable('e_account')
        .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', account.id)
        .execute()
      assert.equal((await signIn(client, account.email, TEST_PASSWORD)).statusCode, 303)
    })

    test('wrong guesses sent side by side are each counted', async () => {
      const account = await addAccount(t.database, t.councilId, null, { email: address('miss.p') })
      await Promise.all(
        Array.from({ length: LOCK_AFTER }, (_, i) =>
          signIn(new TestClient(t.app), account.email, `parallel guess ${i}`),
        ),
      )
      const row = await t.database.db
        .selectFrom('e_account')
        .select(['locked_until'])
        .where('id', '=', account.id)
        .executeTakeFirstOrThrow()
      assert.ok(row.locked_until, 'five guesses at once lock the account as five in a row would')
    })

    test('guesses at an unknown address slow down as they would at a real account', async () => {
      const nobody = address('no.such.person')
      let fourth = 0
      for (let i = 0; i < 4; i++) {
        const started = performance.now()
        const response = await signIn(new TestClient(t.app), nobody, `guess ${i} for nobody`)
        assert.equal(response.statusCode, 400)
        fourth = performance.now() - started
      }
      // The fourth wrong password at a real account is held back a whole second; so is this one.
      assert.ok(fourth >= 1000, `the fourth guess was answered after ${Math.round(fourth)} ms`)
    })

    test('signing out ends this session; signing out everywhere ends them all', async () => {
      const account = await addAccount(t.database, t.councilId, null, { email: address('merriman') })
      const here = new TestClient(t.app)
      const there = new TestClient(t.app)
      await signIn(here, account.email, TEST_PASSWORD)
      await signIn(there, account.email, TEST_PASSWORD)
      const home = await here.get('/account')
      assert.match(home.body, /action="\/account\/sign-out"/, 'the header offers to sign out')
      const out = await here.post('/account/sign-out', { _csrf: csrfTokenIn(home.body) })
      assert.equal(out.headers.location, '/account/signed-out')
      assert.match(textOf((await here.follow(out)).body), /You have signed out/)
      assert.equal((await here.get('/account')).statusCode, 303)
      assert.equal((await there.get('/account')).statusCode, 200, 'the other device is still signed in')

      await signIn(here, account.email, TEST_PASSWORD)
      const everywhere = await here.submit('/account', {}, '/account/sign-out-everywhere')
      assert.equal(everywhere.headers.location, '/account/signed-out?everywhere=1')
      assert.match(textOf((await here.follow(everywhere)).body), /signed out on every device/)
      assert.equal((await here.get('/account')).statusCode, 303)
      assert.equal((await there.get('/account')).statusCode, 303)
      const actions = await t.database.db
        .selectFrom('audit_event')
        .select('action')
        .where('subject_id', '=', String(account.id))
        .where('action', 'like', 'sign_out%')
        .execute()
      assert.deepEqual(actions.map((a) => a.action).sort(), ['sign_out', 'sign_out_everywhere'])
    })

    test('a signed-in resident going to the sign-in page is sent on to their account', async () => {
      const account = await addAccount(t.database, t.councilId, null, { email: address('lane') })
      const client = new TestClient(t.app)
      await signIn(client, account.email, TEST_PASSWORD)
      const again = await client.get('/account/sign-in')
      assert.equal(again.statusCode, 303)
      assert.equal(again.headers.location, '/account')
    })

    test('account pages are for residents: staff are refused them', async () => {
      const staff = await addStaff(t.database, t.councilId, ['advisor'])
      const response = await t.app.inject({
        url: '/account',
        headers: {
          accept: 'text/html',
          cookie: await sessionCookie(t.database, t.councilId, { kind: 'staff', id: staff.id }),
        },
      })
      assert.equal(response.statusCode, 403)
    })

    test('an account whose email is not confirmed never reaches the resident record, even if one is set on it', async () => {
      const email = address('zebedee')
      const residentId = await residentNamed('Zebedee', email)
      const account = await addAccount(t.database, t.councilId, residentId, { email, verified: false })
      const cookie = await sessionCookie(t.database, t.councilId, { kind: 'resident', id: account.id })
      const home = await t.app.inject({ url: '/account', headers: { accept: 'text/html', cookie } })
      assert.equal(home.statusCode, 200)
      assert.match(textOf(home.body), /Council record Not joined yet/)
      assert.doesNotMatch(home.body, /Zebedee/)
      const cases = await t.app.inject({ url: `/api/v1/residents/${residentId}`, headers: { cookie } })
      assert.equal(cases.statusCode, 403, 'the record itself stays closed')
    })

    test('a council with an identity provider for residents offers it on the sign-in page', async () => {
      assert.doesNotMatch((await new TestClient(t.app).get('/account/sign-in')).body, /\/account\/sign-in\/oidc/)
    })
  })
}

describe('sign-in with an identity provider configured', () => {
  let t: TestApp
  before(async () => {
    t = await testApp('sqlite', {
      env: {
        RESIDENT_OIDC_ISSUER: 'https://oidc.example.gov.uk',
        RESIDENT_OIDC_CLIENT_ID: 'frontdoor',
        RESIDENT_OIDC_CLIENT_SECRET: 'secret',
        RESIDENT_OIDC_LABEL: 'GOV.UK One Login',
      },
    })
  })
  after(() => t.close())

  test('the page links to it, carrying the place to return to', async () => {
    const page = await new TestClient(t.app).get('/account/sign-in?returnTo=%2Faccount%2Fchange-email')
    assert.match(textOf(page.body), /Sign in with GOV\.UK One Login/)
    assert.match(page.body, /href="\/account\/sign-in\/oidc\?returnTo=%2Faccount%2Fchange-email"/)
  })
})

describe('signing in is rate limited', () => {
  let t: TestApp
  before(async () => {
    t = await testApp('sqlite')
  })
  after(() => t.close())

  test('the eleventh try in a minute from one address is refused before any password is checked', async () => {
    const client = new TestClient(t.app)
    const page = await client.get('/account/sign-in')
    const statuses: number[] = []
    for (let i = 0; i < 11; i++)
      statuses.push(
        (await client.post('/account/sign-in', { _csrf: csrfTokenIn(page.body), email: '', password: '' })).statusCode,
      )
    assert.deepEqual(statuses, [...Array<number>(10).fill(400), 429])
  })

  test('each form counts apart: tries used up signing in leave asking for a reset open', async () => {
    const client = new TestClient(t.app)
    const reset = await client.submit('/account/forgot-password', { email: 'someone@example.org' })
    assert.equal(reset.statusCode, 200)
    const keys = await t.database.db.selectFrom('rate_limit_bucket').select('key').execute()
    assert.ok(
      keys.some((row) => row.key.startsWith('POST /account/forgot-password|')),
      keys.map((row) => row.key.split('|')[0]).join(', '),
    )
  })
})
