// No personal data reaches a log: requests carrying names, emails, notes, search terms and
// tokens are logged by route path only, and careless log calls are redacted.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from './support/databases.ts'
import { testApp } from './support/app.ts'
import type { TestApp } from './support/app.ts'

const PERSONAL = {
  given_name: 'Perpetua',
  family_name: 'Quigglesworth',
  email: 'perpetua.q@example.org',
  phone: '07700 900123',
  postcode: 'ZZ9 9ZZ',
  notes: 'Rang about her late husband’s council tax account',
}
const SEARCH = 'Smithereens'
const RESIDENT = {
  given_name: PERSONAL.given_name,
  family_name: PERSONAL.family_name,
  emails: [PERSONAL.email],
  phones: [PERSONAL.phone],
  addresses: [{ address_line_1: '1 Quigglesworth Lane', postcode: PERSONAL.postcode }],
  accessibility_needs: PERSONAL.notes,
}

for (const engine of ENGINES) {
  describe(`logs (${engine})`, () => {
    let t: TestApp
    const lines: string[] = []
    const statuses: number[] = []
    const logs = () => lines.join('')

    before(async () => {
      t = await testApp(engine, {
        logStream: { write: (line) => void lines.push(line) },
        extraRoutes: async (app) => {
          // A feature that logs carelessly: the redaction must still catch it.
          app.post('/api/v1/test-careless', { config: { permission: 'public' } }, async (request) => {
            request.log.info({ body: request.body }, 'received')
            request.log.info({ resident: request.body }, 'resident')
            request.log.info({ change: { after: request.body } }, 'changed')
            request.log.info({ batch: [{ rows: [{ resident: request.body }] }] }, 'deeply nested')
            request.log.info(request.body as object, 'spread')
            return { ok: true }
          })
          app.get('/api/v1/test-failure', { config: { permission: 'public' } }, async () => {
            throw new Error(`no resident ${PERSONAL.given_name} ${PERSONAL.family_name} <${PERSONAL.email}>`)
          })
        },
      })
      const headers = t.as('advisor')
      const requests = [
        { method: 'GET', url: `/api/v1/services?q=${SEARCH}`, headers },
        {
          method: 'GET',
          url: `/api/v1/residents?q=${SEARCH}&postcode=${encodeURIComponent(PERSONAL.postcode)}`,
          headers,
        },
        { method: 'POST', url: '/api/v1/residents', headers, payload: RESIDENT },
        { method: 'POST', url: '/api/v1/residents', headers, payload: PERSONAL },
        {
          method: 'POST',
          url: '/api/v1/contacts',
          headers,
          payload: { channel: 'phone', outcome: 'resolved_first_contact', notes: PERSONAL.notes },
        },
        {
          method: 'POST',
          url: '/api/v1/contacts',
          headers,
          payload: { channel: 'phone', notes: PERSONAL.notes, email: PERSONAL.email },
        },
        {
          method: 'POST',
          url: '/api/v1/services',
          headers: t.as('admin'),
          payload: { name: PERSONAL.given_name, given_name: PERSONAL.given_name, email: PERSONAL.email },
        },
        { method: 'POST', url: '/api/v1/test-careless', payload: PERSONAL },
        { method: 'GET', url: '/api/v1/test-failure' },
        { method: 'GET', url: `/no-such-page?email=${PERSONAL.email}` },
      ] as const
      for (const request of requests) statuses.push((await t.app.inject(request)).statusCode)
    })
    after(() => t.close())

    it('made requests that reached their handlers, not only refusals', () => {
      assert.equal(statuses[0], 200, 'service search')
      assert.equal(statuses[1], 200, 'resident search')
      assert.equal(statuses[2], 201, 'resident created')
      assert.equal(statuses[4], 201, 'contact with notes logged')
      assert.equal(statuses[7], 200, 'careless route')
    })

    it('logs reading and changing that resident by route pattern only', async () => {
      const resident = await t.database.db.selectFrom('resident').select('id').executeTakeFirstOrThrow()
      const headers = t.as('advisor')
      const read = await t.app.inject({ method: 'GET', url: `/api/v1/residents/${resident.id}`, headers })
      assert.equal(read.statusCode, 200)
      const change = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/residents/${resident.id}`,
        headers,
        payload: { family_name: 'Quigglesworth-Smythe' },
      })
      assert.equal(change.statusCode, 200)
      assert.ok(!logs().includes('Smythe'))
      assert.ok(!logs().includes('Quigglesworth'))
    })

    it('logs each request by its route path', () => {
      assert.ok(lines.length > 0, 'the app must log')
      const paths = lines
        .map((line) => JSON.parse(line) as { req?: { path?: string } })
        .flatMap((entry) => (entry.req?.path ? [entry.req.path] : []))
      assert.ok(paths.includes('/api/v1/services'))
      assert.ok(paths.includes('/api/v1/test-careless'))
    })

    it('logs a path by its pattern, so a token or reference in it never reaches the log', async () => {
      const token = 'Zq7' + 'x'.repeat(40)
      await t.app.inject({ method: 'GET', url: `/api/v1/cases/by-reference/FD-2026-000777`, headers: t.as('advisor') })
      await t.app.inject({ method: 'GET', url: `/account/verify/${token}` })
      await t.app.inject({ method: 'GET', url: `/no-such-link/${token}` })
      assert.ok(!logs().includes('FD-2026-000777'))
      assert.ok(!logs().includes(token))
      const paths = lines
        .map((line) => JSON.parse(line) as { req?: { path?: string } })
        .flatMap((entry) => (entry.req?.path ? [entry.req.path] : []))
      assert.ok(paths.includes('/api/v1/cases/by-reference/:reference'))
      assert.ok(paths.includes('/no-such-link/:masked'))
    })

    it('writes one line per request, when it completes, with its status and time taken', () => {
      const entries = lines.map(
        (line) =>
          JSON.parse(line) as {
            msg?: string
            reqId?: string
            req?: { path?: string }
            res?: { statusCode?: number }
            responseTime?: number
          },
      )
      const completed = entries.filter((entry) => entry.msg === 'request completed')
      const requestIds = new Set(entries.flatMap((entry) => (entry.reqId ? [entry.reqId] : [])))
      assert.ok(completed.length >= statuses.length)
      assert.equal(
        completed.length,
        requestIds.size,
        'exactly one completion line for every request that logged anything',
      )
      assert.ok(!entries.some((entry) => entry.msg === 'incoming request'))
      const failure = completed.find((entry) => entry.req?.path === '/api/v1/test-failure')
      assert.equal(failure?.res?.statusCode, 500)
      assert.equal(typeof failure?.responseTime, 'number')
    })

    it('logs the failure of a request, without what it was about', () => {
      const failure = lines
        .map((line) => JSON.parse(line) as { msg?: string; err?: { type?: string } })
        .find((entry) => entry.msg === 'request failed')
      assert.equal(failure?.err?.type, 'Error')
    })

    it('never logs a name, contact detail, postcode, note or search term', () => {
      const text = logs()
      for (const value of [...Object.values(PERSONAL), SEARCH, encodeURIComponent(PERSONAL.email)])
        assert.ok(!text.includes(value), `the logs contain "${value}"`)
      assert.ok(!text.includes('Quiggles'), 'not even part of a name')
    })

    it('never logs a bearer token', () => {
      const text = logs()
      for (const token of Object.values(t.tokens)) assert.ok(!text.includes(token.slice(3)), 'the logs contain a token')
      assert.doesNotMatch(text, /Bearer/i)
    })

    it('marks what it redacted', () => {
      assert.match(logs(), /\[redacted\]/)
    })
  })
}
