import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { createTestCouncil, testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { createApiToken } from '../../platform/auth/tokens.ts'

for (const engine of ENGINES) {
  describe(`teams API (${engine})`, () => {
    let t: TestApp
    let otherHeaders: { authorization: string }

    before(async () => {
      t = await testApp(engine)
      const otherCouncil = await createTestCouncil(t.database, 'other', 'Other Council')
      otherHeaders = { authorization: `Bearer ${(await createApiToken(t.database, otherCouncil, 'admin', 'x')).token}` }
    })
    after(() => t.close())

    const send = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object, headers = t.as('admin')) =>
      t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) })

    it('adds a team, audited, which then reads back and lists, and can deliver a service', async () => {
      const created = await send('POST', '/teams', { name: '  Street scene ' })
      assert.equal(created.statusCode, 201)
      const team = created.json()
      assert.equal(team.name, 'Street scene')
      assert.deepEqual((await send('GET', `/teams/${team.id}`, undefined, t.as('caseworker'))).json(), team)
      assert.deepEqual((await send('GET', '/teams')).json().items, [team])
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select(['actor_kind', 'subject_id'])
        .where('action', '=', 'team.create')
        .executeTakeFirstOrThrow()
      assert.deepEqual({ ...audit }, { actor_kind: 'token', subject_id: String(team.id) })
      const service = await send('POST', '/services', {
        name: 'Report a dead animal',
        open311_code: 'dead-animal',
        team_id: team.id,
        target_hours: 8,
        offline_route: 'Phone 01632 960 000',
      })
      assert.equal(service.statusCode, 201)
    })

    it('renames a team, and refuses a name another team has, in any letter case', async () => {
      const team = (await send('POST', '/teams', { name: 'Waste' })).json()
      const renamed = await send('PATCH', `/teams/${team.id}`, { name: 'Waste and recycling' })
      assert.equal(renamed.statusCode, 200)
      assert.equal(renamed.json().name, 'Waste and recycling')
      const taken = await send('POST', '/teams', { name: 'STREET SCENE' })
      assert.equal(taken.statusCode, 409)
      assert.equal(taken.headers['content-type'], 'application/problem+json; charset=utf-8')
      assert.equal((await send('PATCH', `/teams/${team.id}`, { name: 'street scene' })).statusCode, 409)
      assert.equal((await send('GET', `/teams/${team.id}`)).json().name, 'Waste and recycling')
    })

    it('refuses a blank name, and non-admins, and keeps councils apart', async () => {
      const blank = await send('POST', '/teams', { name: '   ' })
      assert.equal(blank.statusCode, 400)
      assert.deepEqual(
        blank.json().errors.map((e: { name: string }) => e.name),
        ['body.name'],
      )
      assert.equal((await send('POST', '/teams', { name: 'By a manager' }, t.as('manager'))).statusCode, 403)
      assert.equal(
        (await t.app.inject({ method: 'POST', url: '/api/v1/teams', payload: { name: 'x' } })).statusCode,
        401,
      )
      const [team] = (await send('GET', '/teams')).json().items
      assert.equal((await send('GET', `/teams/${team.id}`, undefined, otherHeaders)).statusCode, 404)
      assert.equal((await send('PATCH', `/teams/${team.id}`, { name: 'Taken over' }, otherHeaders)).statusCode, 404)
      assert.deepEqual((await send('GET', '/teams', undefined, otherHeaders)).json().items, [])
      assert.equal((await send('POST', '/teams', { name: team.name }, otherHeaders)).statusCode, 201)
    })
  })
}
