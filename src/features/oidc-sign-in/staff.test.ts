// Staff single sign-on against a real OpenID Connect provider (oidc-provider on 127.0.0.1): the
// browser goes to the provider, signs in at its login and consent pages, and comes back to
// Frontdoor, which decides who they are and which roles they hold.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { ENGINES } from '../../../test/support/databases.ts'
import { createTestCouncil, testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient } from '../../../test/support/client.ts'
import { addStaff } from '../../../test/support/accounts.ts'
import { ProviderBrowser, startTestProvider, visitProvider } from './test-provider.ts'
import type { ProviderVisit, TestProvider } from './test-provider.ts'

const ROLE_MAP = 'Frontdoor-Advisors=advisor,Frontdoor-Leads=team_leader,Frontdoor-DPO=dpo'

/** Who the app thinks is signed in: what a page behind the guard would see. */
async function whoami(app: FastifyInstance): Promise<void> {
  app.get('/whoami', { config: { permission: 'public' } }, async (request) => ({
    principal: request.principal && {
      kind: request.principal.kind,
      id: request.principal.id,
      roles: [...request.principal.roles].sort(),
    },
    viaOidc: request.session?.data.viaOidc ?? null,
  }))
}

type WhoAmI = { principal: { kind: string; id: number; roles: string[] } | null; viaOidc: boolean | null }

async function signedInAs(client: TestClient): Promise<WhoAmI> {
  return (await client.get('/whoami', { accept: 'application/json' })).json<WhoAmI>()
}

let nextPerson = 0
function person(provider: TestProvider, claims: Parameters<TestProvider['people']['set']>[1]): string {
  const sub = `person-${++nextPerson}`
  provider.people.set(sub, claims)
  return sub
}

/** The whole round trip: Frontdoor's start link, the provider's pages, back to Frontdoor's callback. */
async function signIn(
  client: TestClient,
  visit: ProviderVisit,
  start = '/staff/sign-in/oidc',
): Promise<LightMyRequestResponse> {
  const started = await client.get(start)
  assert.equal(started.statusCode, 303)
  const back = await visitProvider(new ProviderBrowser(), String(started.headers.location), visit)
  assert.equal(back.origin, 'http://localhost')
  return client.get(back.pathname + back.search)
}

async function auditActions(
  t: TestApp,
  staffId: number | null,
): Promise<{ action: string; detail: Record<string, unknown> }[]> {
  let query = t.database.db
    .selectFrom('audit_event')
    .select(['action', 'detail'])
    .where('subject_type', '=', 'staff_user')
    .orderBy('id')
  query = staffId === null ? query.where('subject_id', 'is', null) : query.where('subject_id', '=', String(staffId))
  const rows = await query.execute()
  return rows.map((row) => ({ action: row.action, detail: JSON.parse(row.detail ?? '{}') as Record<string, unknown> }))
}

describe('staff single sign-on', () => {
  let provider: TestProvider
  before(async () => {
    provider = await startTestProvider()
  })
  after(() => provider.close())

  for (const engine of ENGINES) {
    describe(`through the council's provider (${engine})`, () => {
      let t: TestApp
      before(async () => {
        t = await testApp(engine, {
          extraRoutes: whoami,
          env: { RATE_LIMITS: 'false', ...provider.env('STAFF', { STAFF_OIDC_ROLES: ROLE_MAP }) },
        })
      })
      after(() => t.close())

      test('a member of staff signs in, matched by their verified email, with the roles their groups map to', async () => {
        const staff = await addStaff(t.database, t.councilId, ['admin'])
        const sub = person(provider, {
          email: staff.email.toUpperCase(),
          email_verified: true,
          roles: ['Frontdoor-Advisors', 'Frontdoor-DPO', 'Finance'],
        })
        const client = new TestClient(t.app)
        const done = await signIn(client, { as: sub }, '/staff/sign-in/oidc?returnTo=%2Fstaff%2Fcases%3Fteam%3D2')
        assert.equal(done.statusCode, 303)
        assert.equal(done.headers.location, '/staff/cases?team=2')
        assert.deepEqual(await signedInAs(client), {
          principal: { kind: 'staff', id: staff.id, roles: ['advisor', 'dpo'] },
          viaOidc: true,
        })

        const row = await t.database.db
          .selectFrom('staff_user')
          .select('oidc_subject')
          .where('id', '=', staff.id)
          .executeTakeFirstOrThrow()
        assert.equal(row.oidc_subject, sub)
        const [signedIn] = await auditActions(t, staff.id)
        assert.equal(signedIn?.action, 'sign_in')
        assert.deepEqual(signedIn?.detail, {
          method: 'oidc',
          roles: ['advisor', 'dpo'],
          linked: true,
          rolesBefore: ['admin'],
        })
      })

      test('roles changed at the provider change the roles in Frontdoor at the next sign-in, in a new session', async () => {
        const staff = await addStaff(t.database, t.councilId, ['advisor'])
        const sub = person(provider, { email: staff.email, email_verified: true, roles: ['Frontdoor-Advisors'] })
        const first = new TestClient(t.app)
        await signIn(first, { as: sub })
        assert.deepEqual((await signedInAs(first)).principal?.roles, ['advisor'])
        const firstSession = first.cookies.get('frontdoor-session')

        provider.people.set(sub, { email: staff.email, email_verified: true, roles: ['Frontdoor-Leads'] })
        await signIn(first, { as: sub })
        assert.notEqual(first.cookies.get('frontdoor-session'), firstSession)
        const stale = new TestClient(t.app)
        stale.cookies.set('frontdoor-session', firstSession!)
        assert.equal((await signedInAs(stale)).principal, null, 'the session before is ended, not left open')
        assert.deepEqual((await signedInAs(first)).principal?.roles, ['team_leader'])
        // The person is now matched by the provider's subject: changing their email there changes nothing.
        provider.people.set(sub, {
          email: 'someone-else@example.test',
          email_verified: true,
          roles: ['Frontdoor-Leads', 'Frontdoor-DPO'],
        })
        const again = new TestClient(t.app)
        await signIn(again, { as: sub })
        assert.deepEqual(await signedInAs(again), {
          principal: { kind: 'staff', id: staff.id, roles: ['dpo', 'team_leader'] },
          viaOidc: true,
        })
      })

      test('the staff home of someone who came in through the provider names it, with no recovery codes, and signs them out of Frontdoor only', async () => {
        const staff = await addStaff(t.database, t.councilId, ['advisor'])
        const sub = person(provider, { email: staff.email, email_verified: true, roles: ['Frontdoor-Advisors'] })
        const client = new TestClient(t.app)
        await signIn(client, { as: sub })
        const home = await client.get('/staff')
        assert.equal(home.statusCode, 200)
        const text = home.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
        assert.match(text, /Signed in with Test Council Account/)
        assert.match(text, /Your password and second factor are managed there, not here/)
        assert.match(text, /This does not sign you out of Test Council Account itself/)
        assert.doesNotMatch(text, /Recovery codes/)
        assert.doesNotMatch(text, /password and a code/)
        const out = await client.submit('/staff', {}, '/staff/sign-out-everywhere')
        assert.equal(
          out.headers.location,
          '/staff/sign-in?signedOut=everywhere',
          'signing out everywhere asks for nothing more',
        )
      })

      test('Entra ID, which sends no email_verified, vouches for the email with its xms_edov claim', async () => {
        const staff = await addStaff(t.database, t.councilId, ['advisor'])
        const sub = person(provider, { email: staff.email, xms_edov: true, roles: ['Frontdoor-Advisors'] })
        const client = new TestClient(t.app)
        assert.equal((await signIn(client, { as: sub })).statusCode, 303)
        assert.equal((await signedInAs(client)).principal?.id, staff.id)
      })

      test('the staff sign-in page offers the provider, keeping where the person was going', async () => {
        const page = await new TestClient(t.app).get('/staff/sign-in?returnTo=%2Fstaff%2Fcases')
        assert.match(page.body, /Sign in with Test Council Account/)
        assert.match(page.body, /href="\/staff\/sign-in\/oidc\?returnTo=%2Fstaff%2Fcases"/)
      })

      test('someone the provider knows but Frontdoor does not is refused, and no account is made for them', async () => {
        const sub = person(provider, {
          email: 'stranger@example.test',
          email_verified: true,
          roles: ['Frontdoor-Advisors'],
        })
        const client = new TestClient(t.app)
        const refused = await signIn(client, { as: sub })
        assert.equal(refused.statusCode, 403)
        assert.match(refused.body, /You do not have a Frontdoor account/)
        assert.match(refused.body, /href="\/staff\/sign-in"/)
        assert.equal(client.cookies.has('frontdoor-session'), false)
        assert.equal((await signedInAs(client)).principal, null)
        const made = await t.database.db
          .selectFrom('staff_user')
          .select('id')
          .where('email', '=', 'stranger@example.test')
          .execute()
        assert.deepEqual(made, [])
        const failures = await auditActions(t, null)
        assert.deepEqual(failures.at(-1), { action: 'sign_in_failed', detail: { method: 'oidc', reason: 'unknown' } })
      })

      test('a disabled member of staff is refused', async () => {
        const staff = await addStaff(t.database, t.councilId, ['advisor'])
        await t.database.db.updateTable('staff_user').set({ active: 0 }).where('id', '=', staff.id).execute()
        const sub = person(provider, { email: staff.email, email_verified: true, roles: ['Frontdoor-Advisors'] })
        const client = new TestClient(t.app)
        const refused = await signIn(client, { as: sub })
        assert.equal(refused.statusCode, 403)
        assert.match(refused.body, /Your Frontdoor account has been disabled/)
        assert.equal((await signedInAs(client)).principal, null)
        assert.deepEqual((await auditActions(t, staff.id)).at(-1), {
          action: 'sign_in_failed',
          detail: { method: 'oidc', reason: 'disabled' },
        })
      })

      test('an email the provider has not verified is not matched to a member of staff', async () => {
        const staff = await addStaff(t.database, t.councilId, ['advisor'])
        const sub = person(provider, { email: staff.email, email_verified: false, roles: ['Frontdoor-Advisors'] })
        const client = new TestClient(t.app)
        const refused = await signIn(client, { as: sub })
        assert.equal(refused.statusCode, 403)
        assert.match(refused.body, /has not confirmed your email address/)
        assert.equal((await signedInAs(client)).principal, null)
        const row = await t.database.db
          .selectFrom('staff_user')
          .select('oidc_subject')
          .where('id', '=', staff.id)
          .executeTakeFirstOrThrow()
        assert.equal(row.oidc_subject, null)
      })

      test('a member of staff whose groups give no Frontdoor role is refused, and keeps the roles they had', async () => {
        const staff = await addStaff(t.database, t.councilId, ['caseworker'])
        const sub = person(provider, { email: staff.email, email_verified: true, roles: ['Finance'] })
        const client = new TestClient(t.app)
        const refused = await signIn(client, { as: sub })
        assert.equal(refused.statusCode, 403)
        assert.match(refused.body, /does not give you a Frontdoor role/)
        assert.equal((await signedInAs(client)).principal, null)
        const roles = await t.database.db
          .selectFrom('staff_role')
          .select('role')
          .where('staff_user_id', '=', staff.id)
          .execute()
        assert.deepEqual(
          roles.map((row) => row.role),
          ['caseworker'],
        )
      })

      test('a provider that says it used a password alone is refused; one that names a second factor is not', async () => {
        const staff = await addStaff(t.database, t.councilId, ['advisor'])
        const sub = person(provider, {
          email: staff.email,
          email_verified: true,
          roles: ['Frontdoor-Advisors'],
          amr: ['pwd'],
        })
        const client = new TestClient(t.app)
        const refused = await signIn(client, { as: sub })
        assert.equal(refused.statusCode, 403)
        assert.match(refused.body, /Sign in again with a second factor/)
        assert.equal((await signedInAs(client)).principal, null)

        provider.people.set(sub, {
          email: staff.email,
          email_verified: true,
          roles: ['Frontdoor-Advisors'],
          amr: ['pwd', 'mfa'],
        })
        assert.equal((await signIn(client, { as: sub })).statusCode, 303)
        assert.equal((await signedInAs(client)).principal?.id, staff.id)
      })

      test('a returnTo off this site is ignored: the person lands on the staff home page', async () => {
        const staff = await addStaff(t.database, t.councilId, ['advisor'])
        const sub = person(provider, { email: staff.email, email_verified: true, roles: ['Frontdoor-Advisors'] })
        for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
          const done = await signIn(
            new TestClient(t.app),
            { as: sub },
            `/staff/sign-in/oidc?returnTo=${encodeURIComponent(returnTo)}`,
          )
          assert.equal(done.headers.location, '/staff')
        }
      })

      test('a callback whose state was changed is refused', async () => {
        const staff = await addStaff(t.database, t.councilId, ['advisor'])
        const sub = person(provider, { email: staff.email, email_verified: true, roles: ['Frontdoor-Advisors'] })
        const client = new TestClient(t.app)
        const started = await client.get('/staff/sign-in/oidc')
        const back = await visitProvider(new ProviderBrowser(), String(started.headers.location), { as: sub })
        back.searchParams.set('state', 'forged-' + back.searchParams.get('state'))
        const refused = await client.get(back.pathname + back.search)
        assert.equal(refused.statusCode, 400)
        assert.match(refused.body, /We could not check your sign-in/)
        assert.equal((await signedInAs(client)).principal, null)
      })

      test('a pending sign-in cookie that was tampered with, or belongs to another browser, is refused', async () => {
        const staff = await addStaff(t.database, t.councilId, ['advisor'])
        const sub = person(provider, { email: staff.email, email_verified: true, roles: ['Frontdoor-Advisors'] })
        const client = new TestClient(t.app)
        const started = await client.get('/staff/sign-in/oidc')
        const back = await visitProvider(new ProviderBrowser(), String(started.headers.location), { as: sub })
        const cookie = client.cookies.get('frontdoor-oidc') ?? ''
        const [value = '', signature = ''] = cookie.split('.')
        const data = JSON.parse(Buffer.from(value, 'base64url').toString()) as { returnTo: string }
        const changed = Buffer.from(JSON.stringify({ ...data, returnTo: '/staff/admin' })).toString('base64url')
        client.cookies.set('frontdoor-oidc', `${changed}.${signature}`)
        const refused = await client.get(back.pathname + back.search)
        assert.equal(refused.statusCode, 400)
        assert.match(refused.body, /Your sign-in has expired/)

        // A callback reached without the cookie (in another browser, say) gets the same answer.
        const elsewhere = await new TestClient(t.app).get(back.pathname + back.search)
        assert.equal(elsewhere.statusCode, 400)
        assert.match(elsewhere.body, /Your sign-in has expired/)
      })

      test('cancelling at the provider (access_denied) is shown as a clear page with the way back', async () => {
        const client = new TestClient(t.app)
        const refused = await signIn(client, { cancel: true })
        assert.equal(refused.statusCode, 403)
        assert.match(refused.body, /<h1 class="govuk-heading-l">You have not been signed in<\/h1>/)
        assert.match(refused.body, /Signing in with Test Council Account was cancelled/)
        assert.match(refused.body, /href="\/staff\/sign-in"/)
        assert.doesNotMatch(refused.body, /at .*\.ts:\d+/)
        assert.deepEqual((await auditActions(t, null)).at(-1), {
          action: 'sign_in_failed',
          detail: { method: 'oidc', reason: 'cancelled', providerError: 'access_denied' },
        })
      })

      test('the pending sign-in works once: the same callback again, with or without the old cookie, signs nobody in', async () => {
        const staff = await addStaff(t.database, t.councilId, ['advisor'])
        const sub = person(provider, { email: staff.email, email_verified: true, roles: ['Frontdoor-Advisors'] })
        const client = new TestClient(t.app)
        const started = await client.get('/staff/sign-in/oidc')
        const pendingCookie = client.cookies.get('frontdoor-oidc') ?? ''
        const back = await visitProvider(new ProviderBrowser(), String(started.headers.location), { as: sub })
        const callback = back.pathname + back.search
        assert.equal((await client.get(callback)).statusCode, 303)
        assert.equal(client.cookies.has('frontdoor-oidc'), false)

        const replay = await client.get(callback)
        assert.equal(replay.statusCode, 400)
        assert.match(replay.body, /Your sign-in has expired/)

        const thief = new TestClient(t.app)
        thief.cookies.set('frontdoor-oidc', pendingCookie)
        const stolen = await thief.get(callback)
        assert.equal(stolen.statusCode, 400)
        assert.match(stolen.body, /We could not check your sign-in/)
        assert.equal(thief.cookies.has('frontdoor-session'), false)
      })

      test('a sign-in begun at one council cannot be finished at another council on the same deployment', async () => {
        await createTestCouncil(t.database, 'other-council', 'Other District Council')
        await t.database.db
          .updateTable('council')
          .set({ hostnames: JSON.stringify(['other.test']) })
          .where('slug', '=', 'other-council')
          .execute()
        const staff = await addStaff(t.database, t.councilId, ['advisor'])
        const sub = person(provider, { email: staff.email, email_verified: true, roles: ['Frontdoor-Advisors'] })
        const here = new TestClient(t.app)
        const started = await here.get('/staff/sign-in/oidc')
        const back = await visitProvider(new ProviderBrowser(), String(started.headers.location), { as: sub })
        const there = new TestClient(t.app, 'other.test')
        there.cookies.set('frontdoor-oidc', here.cookies.get('frontdoor-oidc') ?? '')
        const refused = await there.get(back.pathname + back.search)
        assert.equal(refused.statusCode, 400)
        assert.match(refused.body, /Your sign-in has expired/)
        assert.equal(there.cookies.has('frontdoor-session'), false)
      })
    })
  }

  test('a provider that is down gives a clear page, and is asked again once it is back', async () => {
    const down = await startTestProvider()
    const t = await testApp('sqlite', {
      env: { RATE_LIMITS: 'false', ...down.env('STAFF', { STAFF_OIDC_ROLES: ROLE_MAP }) },
    })
    try {
      down.down = true
      const client = new TestClient(t.app)
      const unavailable = await client.get('/staff/sign-in/oidc')
      assert.equal(unavailable.statusCode, 503)
      assert.match(unavailable.body, /Test Council Account is not available at the moment/)
      assert.match(unavailable.body, /href="\/staff\/sign-in"/)
      down.down = false
      const started = await client.get('/staff/sign-in/oidc')
      assert.equal(started.statusCode, 303)
      assert.ok(String(started.headers.location).startsWith(down.issuer + '/'))
    } finally {
      await t.close()
      await down.close()
    }
  })

  test('the logs of sign-ins, refused or not, hold no email, subject, code or state', async () => {
    const lines: string[] = []
    const t = await testApp('sqlite', {
      logStream: { write: (line) => void lines.push(line) },
      env: { RATE_LIMITS: 'false', ...provider.env('STAFF', { STAFF_OIDC_ROLES: ROLE_MAP }) },
    })
    try {
      const staff = await addStaff(t.database, t.councilId, ['advisor'])
      const known = person(provider, { email: staff.email, email_verified: true, roles: ['Frontdoor-Advisors'] })
      const stranger = person(provider, {
        email: 'stranger-in-logs@example.test',
        email_verified: true,
        roles: ['Frontdoor-Advisors'],
      })
      const secrets: string[] = [staff.email, known, stranger, 'stranger-in-logs@example.test']
      for (const [sub, forge] of [
        [known, true],
        [known, false],
        [stranger, false],
      ] as const) {
        const client = new TestClient(t.app)
        const started = await client.get('/staff/sign-in/oidc')
        const back = await visitProvider(new ProviderBrowser(), String(started.headers.location), { as: sub })
        secrets.push(back.searchParams.get('code') ?? '', back.searchParams.get('state') ?? '')
        if (forge) back.searchParams.set('state', 'forged')
        await client.get(back.pathname + back.search)
      }
      const logs = lines.join('')
      assert.ok(logs.includes('/staff/sign-in/oidc/callback'), 'the callbacks were logged')
      assert.ok(logs.includes('single sign-on did not complete'), 'the forged state was logged')
      for (const secret of secrets) assert.ok(secret && !logs.includes(secret), `the logs do not hold ${secret}`)
    } finally {
      await t.close()
    }
  })

  test('without a configured provider there are no single sign-on pages', async () => {
    const t = await testApp('sqlite')
    try {
      assert.equal(
        (await t.app.inject({ url: '/staff/sign-in/oidc', headers: { accept: 'text/html' } })).statusCode,
        404,
      )
      assert.equal(
        (await t.app.inject({ url: '/staff/sign-in/oidc/callback', headers: { accept: 'text/html' } })).statusCode,
        404,
      )
    } finally {
      await t.close()
    }
  })

  test('starting sign-in is rate limited per address', async () => {
    const t = await testApp('sqlite', { env: provider.env('STAFF', { STAFF_OIDC_ROLES: ROLE_MAP }) })
    try {
      const codes: number[] = []
      for (let i = 0; i < 21; i++)
        codes.push((await t.app.inject({ url: '/staff/sign-in/oidc', headers: { accept: 'text/html' } })).statusCode)
      assert.deepEqual(codes.slice(0, 20), Array(20).fill(303))
      assert.equal(codes[20], 429)
    } finally {
      await t.close()
    }
  })
})
