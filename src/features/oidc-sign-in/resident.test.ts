// Residents signing in through a provider like GOV.UK One Login — a real oidc-provider that, as
// One Login does, gives the email address only from its UserInfo endpoint.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient } from '../../../test/support/client.ts'
import { addAccount, sessionCookie } from '../../../test/support/accounts.ts'
import { createResident } from '../residents/service.ts'
import { ProviderBrowser, startTestProvider, visitProvider } from './test-provider.ts'
import type { ProviderPerson, ProviderVisit, TestProvider } from './test-provider.ts'

async function whoami(app: FastifyInstance): Promise<void> {
  app.get('/account/whoami', { config: { permission: 'public' } }, async (request) => ({
    principal: request.principal && {
      kind: request.principal.kind,
      id: request.principal.id,
      residentId: request.principal.residentId ?? null,
    },
    viaOidc: request.session?.data.viaOidc ?? null,
  }))
}

type WhoAmI = { principal: { kind: string; id: number; residentId: number | null } | null; viaOidc: boolean | null }

async function signedInAs(client: TestClient): Promise<WhoAmI> {
  return (await client.get('/account/whoami', { accept: 'application/json' })).json<WhoAmI>()
}

let nextPerson = 0
function person(provider: TestProvider, claims: ProviderPerson): string {
  const sub = `resident-${++nextPerson}`
  provider.people.set(sub, claims)
  return sub
}

function newEmail(): string {
  return `resident-${Math.random().toString(36).slice(2, 10)}@example.test`
}

async function signIn(
  client: TestClient,
  visit: ProviderVisit,
  start = '/account/sign-in/oidc',
): Promise<LightMyRequestResponse> {
  const started = await client.get(start)
  assert.equal(started.statusCode, 303)
  const back = await visitProvider(new ProviderBrowser(), String(started.headers.location), visit)
  return client.get(back.pathname + back.search)
}

async function residentWithEmail(t: TestApp, email: string): Promise<number> {
  const actor = { kind: 'system' as const, id: null, label: 'test', councilId: t.councilId }
  return (
    await createResident(t.database, actor, t.councilId, { given_name: 'Ada', family_name: 'Okafor', emails: [email] })
  ).id
}

async function accountsWithEmail(t: TestApp, email: string) {
  return t.database.db
    .selectFrom('e_account')
    .select(['id', 'oidc_subject', 'verified_at', 'resident_id', 'password_hash'])
    .where('email', '=', email)
    .execute()
}

describe('resident single sign-on', () => {
  let provider: TestProvider
  before(async () => {
    provider = await startTestProvider({ emailIn: 'userinfo' })
  })
  after(() => provider.close())

  for (const engine of ENGINES) {
    describe(`through GOV.UK One Login or the like (${engine})`, () => {
      let t: TestApp
      before(async () => {
        const env = {
          RATE_LIMITS: 'false',
          ...provider.env('RESIDENT'),
          ...provider.env('STAFF', { STAFF_OIDC_ROLES: 'Frontdoor-Advisors=advisor' }),
        }
        t = await testApp(engine, { extraRoutes: whoami, env })
      })
      after(() => t.close())

      test('a first sign-in creates an e-account, verified and joined to the resident record with that email', async () => {
        const email = newEmail()
        const residentId = await residentWithEmail(t, email)
        const sub = person(provider, { email: email.toUpperCase(), email_verified: true })
        const client = new TestClient(t.app)
        const done = await signIn(client, { as: sub }, '/account/sign-in/oidc?returnTo=%2Faccount%2Fcases')
        assert.equal(done.statusCode, 303)
        assert.equal(done.headers.location, '/account/cases')

        const [account, ...others] = await accountsWithEmail(t, email)
        assert.equal(others.length, 0)
        assert.equal(account?.oidc_subject, sub)
        assert.equal(account?.password_hash, null)
        assert.ok(account?.verified_at)
        assert.equal(account?.resident_id, residentId)
        assert.deepEqual(await signedInAs(client), {
          principal: { kind: 'resident', id: account.id, residentId },
          viaOidc: true,
        })

        const events = await t.database.db
          .selectFrom('audit_event')
          .select(['action', 'detail'])
          .where('subject_type', '=', 'e_account')
          .where('subject_id', '=', String(account.id))
          .orderBy('id')
          .execute()
        assert.deepEqual(
          events.map((e) => [e.action, JSON.parse(e.detail ?? 'null') as unknown]),
          [
            ['account_created', { method: 'oidc' }],
            ['account_linked', { residentId, record: 'existing' }],
            ['sign_in', { method: 'oidc' }],
          ],
        )

        // The next time the provider's subject finds the same account: no second one is made.
        const again = new TestClient(t.app)
        await signIn(again, { as: sub })
        assert.equal((await signedInAs(again)).principal?.id, account.id)
        assert.equal((await accountsWithEmail(t, email)).length, 1)
      })

      test('an account made through the provider is not offered a password or email change, and is refused one, without a guess counted', async () => {
        const email = newEmail()
        const sub = person(provider, { email, email_verified: true })
        const client = new TestClient(t.app)
        await signIn(client, { as: sub })
        const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
        const home = await client.get('/account')
        assert.equal(home.statusCode, 200)
        assert.match(text(home.body), /Signed in with Test One Login/)
        assert.match(
          text(home.body),
          /Your password and email address are managed by Test One Login: change them there/,
        )
        assert.doesNotMatch(home.body, /href="\/account\/change-(password|email)"/)
        assert.doesNotMatch(text(home.body), /Hidden for your security/)

        for (const [path, change, fields] of [
          [
            '/account/change-password',
            'password',
            {
              current: 'anything at all here',
              password: 'violet harbour ferris wheel',
              confirm: 'violet harbour ferris wheel',
            },
          ],
          ['/account/change-email', 'email address', { email: newEmail(), current: 'anything at all here' }],
        ] as const) {
          const page = await client.get(path)
          assert.equal(page.statusCode, 403, path)
          assert.match(text(page.body), new RegExp(`You cannot change your ${change} here`))
          assert.match(
            text(page.body),
            /You sign in to your account with Test One Login, so your account has no password with us/,
          )
          assert.doesNotMatch(
            page.body,
            /autocomplete="current-password"/,
            'no password asked for that could never be right',
          )
          const posted = await client.submit('/account', fields, path)
          assert.equal(posted.statusCode, 403, `POST ${path}`)
          assert.match(text(posted.body), new RegExp(`You cannot change your ${change} here`))
        }
        const [account] = await t.database.db
          .selectFrom('e_account')
          .select(['email', 'password_hash', 'failed_sign_ins', 'locked_until'])
          .where('oidc_subject', '=', sub)
          .execute()
        assert.deepEqual({ ...account }, { email, password_hash: null, failed_sign_ins: 0, locked_until: null })
        assert.equal((await signedInAs(client)).principal?.id !== undefined, true, 'still signed in')
      })

      test('an account with a password is still offered both changes on its home page', async () => {
        const account = await addAccount(t.database, t.councilId, null)
        const client = new TestClient(t.app)
        client.cookies.set(
          'frontdoor-session',
          (await sessionCookie(t.database, t.councilId, { kind: 'resident', id: account.id })).split('=')[1]!,
        )
        const home = await client.get('/account')
        assert.match(home.body, /href="\/account\/change-password"/)
        assert.match(home.body, /href="\/account\/change-email"/)
        assert.doesNotMatch(home.body, /Signed in with/)
        assert.equal((await client.get('/account/change-password')).statusCode, 200)
      })

      test('someone new whose email the provider has not verified gets no account', async () => {
        const email = newEmail()
        const sub = person(provider, { email, email_verified: false })
        const client = new TestClient(t.app)
        const refused = await signIn(client, { as: sub })
        assert.equal(refused.statusCode, 403)
        assert.match(refused.body, /Test One Login has not confirmed your email address/)
        assert.match(refused.body, /href="\/account\/sign-in"/)
        assert.deepEqual(await accountsWithEmail(t, email), [])
        assert.equal((await signedInAs(client)).principal, null)
      })

      test('with no resident record for the email, one is made from the names the provider gives; with no names, none', async () => {
        const named = newEmail()
        const sub = person(provider, { email: named, email_verified: true, given_name: 'Grace', family_name: 'Mensah' })
        const client = new TestClient(t.app)
        await signIn(client, { as: sub })
        const [account] = await accountsWithEmail(t, named)
        assert.ok(account?.resident_id)
        const resident = await t.database.db
          .selectFrom('resident')
          .select(['given_name', 'family_name'])
          .where('id', '=', account.resident_id)
          .executeTakeFirstOrThrow()
        assert.deepEqual({ ...resident }, { given_name: 'Grace', family_name: 'Mensah' })
        assert.deepEqual((await signedInAs(client)).principal, {
          kind: 'resident',
          id: account.id,
          residentId: account.resident_id,
        })

        const unnamed = newEmail()
        const other = new TestClient(t.app)
        await signIn(other, { as: person(provider, { email: unnamed, email_verified: true }) })
        const [bare] = await accountsWithEmail(t, unnamed)
        assert.equal(bare?.resident_id, null)
        assert.ok(bare?.verified_at)
        assert.deepEqual((await signedInAs(other)).principal, { kind: 'resident', id: bare?.id, residentId: null })
      })

      test('an existing account with the same email is joined only when the provider has verified the email', async () => {
        const email = newEmail()
        const residentId = await residentWithEmail(t, email)
        const existing = await addAccount(t.database, t.councilId, residentId, { email })
        const sub = person(provider, { email, email_verified: false })
        const client = new TestClient(t.app)
        const refused = await signIn(client, { as: sub })
        assert.equal(refused.statusCode, 403)
        assert.match(refused.body, /An account already uses this email address/)
        assert.match(refused.body, /href="\/account\/sign-in"/)
        assert.equal((await signedInAs(client)).principal, null)
        assert.equal((await accountsWithEmail(t, email))[0]?.oidc_subject, null)

        provider.people.set(sub, { email, email_verified: true })
        assert.equal((await signIn(client, { as: sub })).statusCode, 303)
        const [account, ...others] = await accountsWithEmail(t, email)
        assert.equal(others.length, 0)
        assert.equal(account?.oidc_subject, sub)
        assert.ok(account?.password_hash, 'a verified account keeps its password')
        assert.deepEqual((await signedInAs(client)).principal, { kind: 'resident', id: existing.id, residentId })
      })

      test('an account never verified is taken over by the proven owner: its password and sessions end', async () => {
        const email = newEmail()
        const residentId = await residentWithEmail(t, email)
        const squatter = await addAccount(t.database, t.councilId, null, { email, verified: false })
        const squatterSession = await sessionCookie(t.database, t.councilId, { kind: 'resident', id: squatter.id })
        const sub = person(provider, { email, email_verified: true })
        const client = new TestClient(t.app)
        assert.equal((await signIn(client, { as: sub })).statusCode, 303)

        const [account] = await accountsWithEmail(t, email)
        assert.equal(account?.password_hash, null)
        assert.ok(account?.verified_at)
        assert.equal(account?.resident_id, residentId)
        const squatterNow = await t.app.inject({ url: '/account/whoami', headers: { cookie: squatterSession } })
        assert.equal(squatterNow.json<WhoAmI>().principal, null)
        assert.deepEqual((await signedInAs(client)).principal, { kind: 'resident', id: squatter.id, residentId })
      })

      test('a provider that shares no email address is refused with a clear page', async () => {
        const sub = person(provider, {})
        const client = new TestClient(t.app)
        const refused = await signIn(client, { as: sub })
        assert.equal(refused.statusCode, 403)
        assert.match(refused.body, /Test One Login did not share your email address/)
        assert.equal((await signedInAs(client)).principal, null)
      })

      test('cancelling at the provider leads back to the resident sign-in page', async () => {
        const client = new TestClient(t.app)
        const refused = await signIn(client, { cancel: true })
        assert.equal(refused.statusCode, 403)
        assert.match(refused.body, /You have not been signed in/)
        assert.match(refused.body, /href="\/account\/sign-in"/)
      })

      test('a resident reading in Welsh is refused in Welsh; a member of staff is refused in English', async () => {
        const client = new TestClient(t.app)
        await client.get('/?lang=cy')
        const refused = await signIn(client, { as: person(provider, {}) })
        assert.equal(refused.statusCode, 403)
        assert.match(refused.body, /<html lang="cy"/)
        assert.match(refused.body, /<h1 class="govuk-heading-l">Ni rannodd Test One Login eich cyfeiriad e-bost<\/h1>/)
        assert.match(refused.body, /<a class="govuk-link" href="\/account\/sign-in">Ewch yn ôl i fewngofnodi<\/a>/)
        assert.doesNotMatch(refused.body, /did not share your email address/)
        const staff = await signIn(client, { cancel: true }, '/staff/sign-in/oidc')
        assert.equal(staff.statusCode, 403)
        assert.match(staff.body, /You have not been signed in/)
        assert.match(staff.body, />Go back to sign in<\/a>/)
      })

      test('a sign-in started for staff cannot be finished as a resident', async () => {
        const sub = person(provider, { email: newEmail(), email_verified: true })
        const client = new TestClient(t.app)
        const started = await client.get('/staff/sign-in/oidc')
        const back = await visitProvider(new ProviderBrowser(), String(started.headers.location), { as: sub })
        assert.equal(back.pathname, '/staff/sign-in/oidc/callback')
        const refused = await client.get('/account/sign-in/oidc/callback' + back.search)
        assert.equal(refused.statusCode, 400)
        assert.match(refused.body, /Your sign-in has expired/)
        assert.equal((await signedInAs(client)).principal, null)
      })
    })
  }
})
