// Every kind of error the API gives, as a client sees it: RFC 9457 problem+json naming the
// fields at fault, and nothing internal (stack, SQL, personal data) in any answer.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { ENGINES } from './support/databases.ts'
import { testApp } from './support/app.ts'
import type { TestApp } from './support/app.ts'
import { serviceInput } from '../src/features/catalogue/test-fixtures.ts'
import { addPartner, addTeam } from './support/fixtures.ts'

const PROBLEM_JSON = 'application/problem+json; charset=utf-8'
const BODY_LIMIT = 4096
const SECRET_MESSAGE = `insert into "resident" ("given_name", "email") values ('Ada', 'ada.lovelace@example.org')`

type Problem = {
  type: string
  title: string
  status: number
  detail?: string
  instance?: string
  errors?: { name: string; message: string }[]
}

function problem(response: LightMyRequestResponse, status: number): Problem {
  assert.equal(response.statusCode, status, response.body)
  assert.equal(response.headers['content-type'], PROBLEM_JSON)
  const body = response.json<Problem>()
  assert.equal(body.status, status)
  assert.match(body.type, new RegExp(`/problems/${status}$`))
  assert.ok(body.title.length > 0)
  return body
}

const fieldNames = (body: Problem) => (body.errors ?? []).map((e) => e.name)

for (const engine of ENGINES) {
  describe(`API errors (${engine})`, () => {
    let t: TestApp
    let teamId: number
    let partnerId: number

    before(async () => {
      t = await testApp(engine, {
        env: { BODY_LIMIT_BYTES: String(BODY_LIMIT) },
        extraRoutes: async (app) => {
          app.get('/api/v1/test-failure', { config: { permission: 'public' } }, async () => {
            throw new Error(SECRET_MESSAGE)
          })
          app.get('/test-failure', { config: { permission: 'public' } }, async () => {
            throw new Error(SECRET_MESSAGE)
          })
        },
      })
      teamId = await addTeam(t.database, t.councilId, 'Street scene')
      partnerId = await addPartner(t.database, t.councilId, 'County Council')
    })
    after(() => t.close())

    const postService = (payload: unknown, headers: Record<string, string> = t.as('admin')) =>
      t.app.inject({ method: 'POST', url: '/api/v1/services', headers, payload: payload as object })

    describe('400 Bad request', () => {
      it('names a contact channel outside the closed set', async () => {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/contacts',
          headers: t.as('advisor'),
          payload: { channel: 'fax', outcome: 'resolved_first_contact' },
        })
        const body = problem(response, 400)
        assert.deepEqual(fieldNames(body), ['body.channel'])
      })

      it('names a field with a value outside its schema', async () => {
        const body = problem(await postService(serviceInput(teamId, { open311_code: 'Not Kebab Case' })), 400)
        assert.deepEqual(fieldNames(body), ['body.open311_code'])
      })

      it('names an unknown field', async () => {
        const body = problem(await postService({ ...serviceInput(teamId), colour: 'red' }), 400)
        assert.deepEqual(fieldNames(body), ['body.colour'])
        assert.match(body.errors![0]!.message, /not a recognised field/)
      })

      it('names every missing field at once', async () => {
        const body = problem(await postService({ name: 'Only a name' }), 400)
        assert.ok(fieldNames(body).includes('body.open311_code'))
        assert.ok(fieldNames(body).includes('body.offline_route'))
      })

      it('names a bad path parameter and a bad query parameter', async () => {
        assert.deepEqual(
          fieldNames(
            problem(await t.app.inject({ method: 'GET', url: '/api/v1/services/abc', headers: t.as('advisor') }), 400),
          ),
          ['params.id'],
        )
        assert.deepEqual(
          fieldNames(
            problem(
              await t.app.inject({ method: 'GET', url: '/api/v1/services?limit=9999', headers: t.as('advisor') }),
              400,
            ),
          ),
          ['querystring.limit'],
        )
      })

      it('refuses a body that is not JSON at all', async () => {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/services',
          headers: { ...t.as('admin'), 'content-type': 'application/json' },
          payload: '{"name": ',
        })
        assert.match(problem(response, 400).detail ?? '', /not valid JSON/)
      })

      it('refuses a cursor the API never gave out', async () => {
        const body = problem(
          await t.app.inject({ method: 'GET', url: '/api/v1/services?cursor=nonsense', headers: t.as('advisor') }),
          400,
        )
        assert.deepEqual(fieldNames(body), ['querystring.cursor'])
      })
    })

    it('401 without a token, with a WWW-Authenticate challenge', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/services' })
      problem(response, 401)
      assert.match(String(response.headers['www-authenticate']), /^Bearer/)
    })

    it('403 for a role without the permission', async () => {
      const body = problem(
        await postService(serviceInput(teamId, { open311_code: 'resident-tries' }), t.as('resident')),
        403,
      )
      assert.match(body.detail ?? '', /catalogue:write/)
    })

    it('404 for an address with nothing there', async () => {
      const body = problem(
        await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: t.as('admin') }),
        404,
      )
      assert.equal(body.instance, '/api/v1/nothing-here')
    })

    it('404 for a record that does not exist', async () => {
      problem(await t.app.inject({ method: 'GET', url: '/api/v1/services/999999', headers: t.as('advisor') }), 404)
      problem(await t.app.inject({ method: 'GET', url: '/api/v1/contacts/999999', headers: t.as('advisor') }), 404)
    })

    it('405 with an Allow header for a method the address does not take', async () => {
      const health = await t.app.inject({ method: 'DELETE', url: '/health' })
      problem(health, 405)
      assert.equal(health.headers.allow, 'GET')
      const contacts = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/contacts',
        headers: t.as('advisor'),
        payload: {},
      })
      problem(contacts, 405)
      assert.equal(contacts.headers.allow, 'POST')
      const services = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/services',
        headers: t.as('admin'),
        payload: {},
      })
      problem(services, 405)
      assert.equal(services.headers.allow, 'GET, POST')
      const one = await t.app.inject({ method: 'DELETE', url: '/api/v1/services/1', headers: t.as('admin') })
      problem(one, 405)
      assert.equal(one.headers.allow, 'GET, PATCH')
    })

    it('409 for a change that conflicts with what is there', async () => {
      assert.equal((await postService(serviceInput(teamId, { open311_code: 'conflicting' }))).statusCode, 201)
      const body = problem(
        await postService(serviceInput(teamId, { open311_code: 'conflicting', name: 'Another name' })),
        409,
      )
      assert.ok((body.detail ?? '').length > 0)
    })

    it('413 for a body over the configured limit', async () => {
      const response = await postService({
        ...serviceInput(teamId, { open311_code: 'too-big' }),
        description: 'x'.repeat(BODY_LIMIT + 1),
      })
      problem(response, 413)
    })

    it('415 for a body that is not JSON', async () => {
      for (const [type, payload] of [
        ['text/plain', 'name=Report fly-tipping'],
        ['application/x-www-form-urlencoded', 'name=Report+fly-tipping'],
        ['application/xml', '<service/>'],
      ]) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/services',
          headers: { ...t.as('admin'), 'content-type': type! },
          payload,
        })
        problem(response, 415)
      }
    })

    it('checks who is asking before what they sent', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/services',
        headers: { 'content-type': 'text/plain' },
        payload: 'hello',
      })
      problem(response, 401)
    })

    it('422 naming the fields of a well-formed request that breaks a rule', async () => {
      const body = problem(
        await postService(serviceInput(teamId, { open311_code: 'both', partner_org_id: partnerId })),
        422,
      )
      assert.deepEqual(fieldNames(body), ['body.team_id', 'body.partner_org_id'])
      const contact = await t.app.inject({
        method: 'POST',
        url: '/api/v1/contacts',
        headers: t.as('advisor'),
        payload: { channel: 'phone', outcome: 'resolved_first_contact', resident_id: 999_999 },
      })
      assert.deepEqual(fieldNames(problem(contact, 422)), ['body.resident_id'])
    })

    it('500 that reveals nothing of what failed', async () => {
      const body = problem(await t.app.inject({ method: 'GET', url: '/api/v1/test-failure' }), 500)
      const text = JSON.stringify(body)
      for (const secret of ['insert into', 'resident', 'ada.lovelace', 'Ada', 'Error:', 'at ', '.ts'])
        assert.ok(!text.includes(secret), `the answer contains "${secret}"`)
    })

    it('500 error page for people that reveals nothing either', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/test-failure', headers: { accept: 'text/html' } })
      assert.equal(response.statusCode, 500)
      assert.match(String(response.headers['content-type']), /^text\/html/)
      assert.match(response.body, /Sorry, there is a problem with the service/)
      for (const secret of ['insert into', 'ada.lovelace', '.ts:'])
        assert.ok(!response.body.includes(secret), `the page contains "${secret}"`)
    })

    it('404 page for people, in the council’s layout', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/no-such-page', headers: { accept: 'text/html' } })
      assert.equal(response.statusCode, 404)
      assert.match(response.body, /Page not found/)
      assert.match(response.body, /Test District Council/)
    })

    it('a page opened at an address only a form sends to says so in words, not in HTTP', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: '/account/forgot-password/sent-nowhere',
        headers: { accept: 'text/html' },
      })
      const formOnly = await t.app.inject({ method: 'GET', url: '/account/sign-out', headers: { accept: 'text/html' } })
      assert.equal(response.statusCode, 404, 'an address nothing answers is still not found')
      assert.equal(formOnly.statusCode, 405)
      assert.equal(formOnly.headers.allow, 'POST')
      assert.match(formOnly.body, /<h1[^>]*>This page cannot be opened on its own</)
      assert.match(formOnly.body, /Go back to the form and send it again, or start from the home page\./)
      assert.doesNotMatch(formOnly.body, /use POST|GET is not allowed/)
    })
  })
}
