// The edges of the app: oversized bodies, paths that try to climb out of the static folders, and
// one council's token reaching for another council's records.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../support/databases.ts'
import { createTestCouncil, testApp } from '../support/app.ts'
import type { TestApp } from '../support/app.ts'
import { createApiToken } from '../../src/platform/auth/tokens.ts'
import { raiseCase } from '../../src/features/cases/test-fixtures.ts'
import { addService, addTeam } from '../support/fixtures.ts'

describe('oversized bodies', () => {
  let t: TestApp
  before(async () => {
    t = await testApp('sqlite', { env: { BODY_LIMIT_BYTES: '4096' } })
  })
  after(() => t.close())

  it('refuses an API body over the limit with 413 and stores nothing', async () => {
    const before = await t.database.db
      .selectFrom('resident')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/residents',
      headers: t.as('advisor'),
      payload: { given_name: 'A'.repeat(5000), family_name: 'B' },
    })
    assert.equal(response.statusCode, 413)
    assert.equal(response.json<{ status: number }>().status, 413)
    const after = await t.database.db
      .selectFrom('resident')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    assert.equal(Number(after.n), Number(before.n))
  })

  it('refuses a form post over the limit with a 413 page', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/account/sign-in',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=' + 'a'.repeat(5000),
    })
    assert.equal(response.statusCode, 413)
    assert.match(String(response.headers['content-type']), /text\/html/)
  })
})

describe('static files', () => {
  let t: TestApp
  before(async () => {
    t = await testApp('sqlite')
  })
  after(() => t.close())

  const attempts = [
    '/assets/../package.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/frontdoor/..%2f..%2f..%2f..%2fpackage.json',
    '/assets/frontdoor/%2e%2e%2f%2e%2e%2fviews.ts',
    '/assets/govuk/..%252f..%252fpackage.json',
    '/assets/frontdoor/..\\..\\views.ts',
    '/assets/moj/../../../../etc/passwd',
    '/assets/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json',
  ]

  it('never serves a file from outside the asset folders', async () => {
    for (const url of attempts) {
      const response = await t.app.inject({ url })
      assert.ok([400, 403, 404].includes(response.statusCode), `${url} → ${response.statusCode}`)
      assert.doesNotMatch(response.body, /"name": "frontdoor"|root:x:0:0|addTemplateDirectory/, url)
    }
  })

  it('still serves the real assets', async () => {
    assert.equal((await t.app.inject({ url: '/assets/frontdoor/frontdoor.css' })).statusCode, 200)
  })
})

for (const engine of ENGINES) {
  describe(`one council cannot read another's records (${engine})`, () => {
    let t: TestApp
    let otherToken: string
    let residentId: number
    let caseId: number
    let caseReference: string

    before(async () => {
      t = await testApp(engine)
      const other = await createTestCouncil(t.database, 'other-council', 'Other District Council')
      otherToken = (await createApiToken(t.database, other, 'admin', 'other admin')).token
      const resident = await t.app.inject({
        method: 'POST',
        url: '/api/v1/residents',
        headers: t.as('advisor'),
        payload: { given_name: 'Cora', family_name: 'Home' },
      })
      residentId = resident.json<{ id: number }>().id
      const service = await addService(t.database, t.councilId, await addTeam(t.database, t.councilId, 'Waste'))
      const created = await raiseCase(t, service.id, residentId)
      caseId = created.id
      caseReference = created.reference
    })
    after(() => t.close())

    it('answers 404 for the other council’s resident, case and history, and lists none of them', async () => {
      const headers = { authorization: `Bearer ${otherToken}` }
      for (const url of [
        `/api/v1/residents/${residentId}`,
        `/api/v1/residents/${residentId}/history`,
        `/api/v1/cases/${caseId}`,
        `/api/v1/cases/by-reference/${caseReference}`,
      ]) {
        const response = await t.app.inject({ url, headers })
        assert.equal(response.statusCode, 404, `${url} → ${response.statusCode}`)
      }
      const residents = await t.app.inject({ url: '/api/v1/residents?q=cora', headers })
      assert.deepEqual(residents.json<{ items: unknown[] }>().items, [])
      const cases = await t.app.inject({ url: '/api/v1/cases', headers })
      assert.deepEqual(cases.json<{ items: unknown[] }>().items, [])
    })

    it('cannot change the other council’s records', async () => {
      const headers = { authorization: `Bearer ${otherToken}` }
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/residents/${residentId}`,
        headers,
        payload: { family_name: 'Changed' },
      })
      assert.equal(patch.statusCode, 404)
      const note = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseId}/notes`,
        headers,
        payload: { body: 'not mine', visibility: 'internal' },
      })
      assert.equal(note.statusCode, 404)
      const mine = await t.app.inject({ url: `/api/v1/residents/${residentId}`, headers: t.as('advisor') })
      assert.equal(mine.json<{ family_name: string }>().family_name, 'Home')
    })
  })
}
