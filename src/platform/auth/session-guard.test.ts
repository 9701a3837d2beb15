// Pages behind the guard: who is sent to sign in, who is refused, and how sessions end.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient, csrfTokenIn } from '../../../test/support/client.ts'
import { addAccount, addStaff, sessionCookie } from '../../../test/support/accounts.ts'
import { IDLE_MINUTES, endSessionsOf } from './sessions.ts'

async function pages(app: FastifyInstance): Promise<void> {
  app.get('/staff/probe', { config: { permission: 'residents:read' } }, async (_request, reply) =>
    reply
      .type('text/html')
      .send(`<form method="post"><input type="hidden" name="_csrf" value="${String(reply.locals?.csrfToken)}"></form>`),
  )
  app.post('/staff/probe', { config: { permission: 'residents:read' } }, async () => ({ changed: true }))
}

for (const engine of ENGINES) {
  describe(`pages behind the guard (${engine})`, () => {
    let t: TestApp
    before(async () => {
      t = await testApp(engine, { extraRoutes: pages })
    })
    after(() => t.close())

    test('a person who is not signed in is sent to sign in, and brought back afterwards', async () => {
      const response = await new TestClient(t.app).get('/staff/probe?tab=open')
      assert.equal(response.statusCode, 303)
      assert.equal(response.headers.location, '/staff/sign-in?returnTo=%2Fstaff%2Fprobe%3Ftab%3Dopen')
    })

    test('signed-in staff with the right role see the page; a resident is refused it', async () => {
      const staff = await addStaff(t.database, t.councilId, ['advisor'])
      const ok = await t.app.inject({
        url: '/staff/probe',
        headers: {
          accept: 'text/html',
          cookie: await sessionCookie(t.database, t.councilId, { kind: 'staff', id: staff.id }),
        },
      })
      assert.equal(ok.statusCode, 200)
      assert.equal(ok.headers['cache-control'], 'no-store', 'no cache keeps a signed-in page')
      const account = await addAccount(t.database, t.councilId, null)
      const refused = await t.app.inject({
        url: '/staff/probe',
        headers: {
          accept: 'text/html',
          cookie: await sessionCookie(t.database, t.councilId, { kind: 'resident', id: account.id }),
        },
      })
      assert.equal(refused.statusCode, 403)
      assert.match(refused.body, /You do not have permission to see this page/)
    })

    test('a form posted without its CSRF token, or with another session’s, is refused', async () => {
      const staff = await addStaff(t.database, t.councilId, ['advisor'])
      const client = new TestClient(t.app)
      client.cookies.set(
        ...((await sessionCookie(t.database, t.councilId, { kind: 'staff', id: staff.id })).split('=') as [
          string,
          string,
        ]),
      )
      const page = await client.get('/staff/probe')
      const missing = await client.post('/staff/probe', {})
      assert.equal(missing.statusCode, 403)
      assert.match(missing.body, /This form has expired or did not come from this site/)
      const other = new TestClient(t.app)
      other.cookies.set(
        ...((await sessionCookie(t.database, t.councilId, { kind: 'staff', id: staff.id })).split('=') as [
          string,
          string,
        ]),
      )
      const otherToken = csrfTokenIn((await other.get('/staff/probe')).body)
      assert.equal((await client.post('/staff/probe', { _csrf: otherToken })).statusCode, 403)
      const accepted = await client.post('/staff/probe', { _csrf: csrfTokenIn(page.body) })
      assert.equal(accepted.statusCode, 200)
    })

    test('a session idle past its limit, or ended everywhere, no longer opens pages', async () => {
      const staff = await addStaff(t.database, t.councilId, ['advisor'])
      const cookie = await sessionCookie(t.database, t.councilId, { kind: 'staff', id: staff.id })
      const idle = new Date(Date.now() - (IDLE_MINUTES.staff + 1) * 60_000).toISOString()
      await t.database.db
        .updateTable('session')
        .set({ last_seen_at: idle })
        .where('subject_id', '=', staff.id)
        .execute()
      assert.equal((await t.app.inject({ url: '/staff/probe', headers: { cookie } })).statusCode, 303)

      const fresh = await sessionCookie(t.database, t.councilId, { kind: 'staff', id: staff.id })
      assert.equal((await t.app.inject({ url: '/staff/probe', headers: { cookie: fresh } })).statusCode, 200)
      await endSessionsOf(t.database.db, 'staff', staff.id)
      assert.equal((await t.app.inject({ url: '/staff/probe', headers: { cookie: fresh } })).statusCode, 303)
    })

    test('a disabled member of staff is signed out at once', async () => {
      const staff = await addStaff(t.database, t.councilId, ['advisor'])
      const cookie = await sessionCookie(t.database, t.councilId, { kind: 'staff', id: staff.id })
      await t.database.db.updateTable('staff_user').set({ active: 0 }).where('id', '=', staff.id).execute()
      assert.equal((await t.app.inject({ url: '/staff/probe', headers: { cookie } })).statusCode, 303)
    })

    test('a bearer token opens no page: it would stand for a member of staff with the token’s id', async () => {
      const response = await t.app.inject({ url: '/staff/probe', headers: { accept: 'text/html', ...t.as('admin') } })
      assert.equal(response.statusCode, 303)
      assert.match(String(response.headers.location), /^\/staff\/sign-in/)
    })

    test('a session cookie does not authorise API writes', async () => {
      const staff = await addStaff(t.database, t.councilId, ['advisor'])
      const cookie = await sessionCookie(t.database, t.councilId, { kind: 'staff', id: staff.id })
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/residents',
        headers: { cookie },
        payload: { given_name: 'A', family_name: 'B' },
      })
      assert.equal(response.statusCode, 401)
    })
  })
}

describe('cookies and headers in production', () => {
  let t: TestApp
  before(async () => {
    t = await testApp('sqlite', { env: { NODE_ENV: 'production', PUBLIC_URL: 'https://contact.example.gov.uk' } })
  })
  after(() => t.close())

  test('cookies are __Host-, Secure, HttpOnly and SameSite=Lax; HSTS and a strict CSP are sent', async () => {
    const response = await t.app.inject({ url: '/', headers: { accept: 'text/html', host: 'localhost' } })
    assert.match(String(response.headers['strict-transport-security']), /max-age=\d+/)
    const csp = String(response.headers['content-security-policy'])
    assert.match(csp, /frame-ancestors 'none'/)
    assert.match(csp, /script-src 'self' 'sha256-[A-Za-z0-9+/=]+'(;|$)/)
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/)
    const csrf = response.cookies.find((cookie) => cookie.name === '__Host-frontdoor-csrf')
    assert.ok(csrf, 'the CSRF cookie carries the __Host- prefix')
    assert.deepEqual(
      [csrf.secure, csrf.httpOnly, csrf.sameSite, csrf.path, csrf.domain],
      [true, true, 'Lax', '/', undefined],
    )
  })

  test('API answers carry the headers that matter for JSON: nothing may load or frame them', async () => {
    const response = await t.app.inject({ url: '/api/v1/services', headers: t.as('advisor') })
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['content-security-policy'], "default-src 'none';frame-ancestors 'none'")
    assert.equal(response.headers['x-content-type-options'], 'nosniff')
    assert.equal(response.headers['x-frame-options'], 'DENY')
    assert.match(String(response.headers['strict-transport-security']), /max-age=\d+/)
  })

  test('Open311 answers, JSON or XML, carry the same: nothing may run in, load from or frame them', async () => {
    for (const url of ['/open311/v2/services.json', '/open311/v2/services.xml', '/open311/v2/no-such.json']) {
      const response = await t.app.inject({ url })
      assert.equal(response.headers['content-security-policy'], "default-src 'none';frame-ancestors 'none'", url)
      assert.equal(response.headers['x-content-type-options'], 'nosniff', url)
      assert.equal(response.headers['x-frame-options'], 'DENY', url)
      assert.equal(response.headers['referrer-policy'], 'no-referrer', url)
      assert.match(String(response.headers['strict-transport-security']), /max-age=\d+/, url)
    }
  })
})
