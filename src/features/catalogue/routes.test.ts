import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { createTestCouncil, testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { createApiToken } from '../../platform/auth/tokens.ts'
import { serviceInput } from './test-fixtures.ts'
import { addPartner, addTeam } from '../../../test/support/fixtures.ts'

for (const engine of ENGINES) {
  describe(`catalogue API (${engine})`, () => {
    let t: TestApp
    let teamId: number
    let partnerId: number
    let otherToken: string

    before(async () => {
      t = await testApp(engine)
      teamId = await addTeam(t.database, t.councilId, 'Street scene')
      partnerId = await addPartner(t.database, t.councilId, 'County Council')
      const otherCouncil = await createTestCouncil(t.database, 'other', 'Other Council')
      otherToken = (await createApiToken(t.database, otherCouncil, 'admin', 'other admin')).token
    })
    after(() => t.close())

    const post = (body: unknown, role: Parameters<TestApp['as']>[0] = 'admin') =>
      t.app.inject({ method: 'POST', url: '/api/v1/services', headers: t.as(role), payload: body as object })

    it('creates a service and returns it with its compiled form schema', async () => {
      const response = await post(serviceInput(teamId))
      assert.equal(response.statusCode, 201)
      const service = response.json()
      assert.equal(service.slug, 'report-fly-tipping')
      assert.equal(service.form_schema.type, 'object')
      assert.deepEqual(service.form_schema.required, ['what', 'how_much'])
      assert.deepEqual(service.form_schema.properties.how_much.enum, ['A bag', 'A car boot', 'A van load'])
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select(['actor_kind', 'council_id'])
        .where('action', '=', 'service.create')
        .executeTakeFirstOrThrow()
      assert.deepEqual({ ...audit }, { actor_kind: 'token', council_id: t.councilId })
    })

    it('reads a service by id, and lists services with filters', async () => {
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/services?q=rubbish', headers: t.as('advisor') })
      assert.equal(list.statusCode, 200)
      const [service] = list.json().items
      assert.equal(service.open311_code, 'fly-tipping')
      const read = await t.app.inject({
        method: 'GET',
        url: `/api/v1/services/${service.id}`,
        headers: t.as('resident'),
      })
      assert.equal(read.statusCode, 200)
      assert.deepEqual(read.json(), service)
      const none = await t.app.inject({
        method: 'GET',
        url: '/api/v1/services?online_available=false',
        headers: t.as('advisor'),
      })
      assert.deepEqual(none.json().items, [])
    })

    it('shows inactive services only when asked', async () => {
      await post(serviceInput(teamId, { name: 'Retired service', open311_code: 'retired', active: false }))
      const codes = async (query: string) =>
        (await t.app.inject({ method: 'GET', url: `/api/v1/services${query}`, headers: t.as('advisor') }))
          .json()
          .items.map((s: { open311_code: string }) => s.open311_code)
      assert.deepEqual(await codes(''), ['fly-tipping'])
      assert.deepEqual(await codes('?include_inactive=true'), ['fly-tipping', 'retired'])
    })

    it('refuses both a team and a partner, or neither, with 422 naming the fields', async () => {
      const both = await post(serviceInput(teamId, { open311_code: 'both', partner_org_id: partnerId }))
      assert.equal(both.statusCode, 422)
      assert.equal(both.headers['content-type'], 'application/problem+json; charset=utf-8')
      assert.deepEqual(
        both.json().errors.map((e: { name: string }) => e.name),
        ['body.team_id', 'body.partner_org_id'],
      )
      const neither = await post(serviceInput(teamId, { open311_code: 'neither', team_id: undefined }))
      assert.equal(neither.statusCode, 422)
    })

    it('refuses a duplicate Open311 code with 409', async () => {
      const response = await post(serviceInput(teamId, { name: 'Something else' }))
      assert.equal(response.statusCode, 409)
    })

    it('refuses schema breaks with 400 naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ ...serviceInput(teamId, { open311_code: 'x1' }), colour: 'red' }, 'body.colour'],
        [serviceInput(teamId, { open311_code: 'Not Kebab' }), 'body.open311_code'],
        [serviceInput(teamId, { open311_code: 'x2', offline_route: '   ' }), 'body.offline_route'],
        [serviceInput(teamId, { open311_code: 'x3', target_hours: 0 }), 'body.target_hours'],
        [serviceInput(teamId, { open311_code: 'x4', lgsl_code: 100_000 }), 'body.lgsl_code'],
        [{ ...serviceInput(teamId, { open311_code: 'x5' }), offline_route: undefined }, 'body.offline_route'],
      ]
      for (const [body, name] of cases) {
        const response = await post(body)
        assert.equal(response.statusCode, 400, name)
        assert.ok(
          response.json().errors.some((e: { name: string }) => e.name === name),
          `${name} in ${JSON.stringify(response.json().errors)}`,
        )
      }
    })

    it('refuses a form with mistakes with 422', async () => {
      const response = await post(
        serviceInput(teamId, {
          open311_code: 'bad-form',
          form: [{ name: 'pick', label: 'Pick one', type: 'radios', required: true }],
        }),
      )
      assert.equal(response.statusCode, 422)
      assert.deepEqual(response.json().errors, [
        { name: 'body.form.0.options', message: 'Give at least one option for a radios question' },
      ])
    })

    it('changes a service with PATCH and refuses an empty or unknown change', async () => {
      const [service] = (await t.app.inject({ method: 'GET', url: '/api/v1/services', headers: t.as('admin') })).json()
        .items
      const patch = (payload: object, headers = t.as('admin')) =>
        t.app.inject({ method: 'PATCH', url: `/api/v1/services/${service.id}`, headers, payload })
      const changed = await patch({ target_hours: 40, lgsl_code: null, open311_group: null })
      assert.equal(changed.statusCode, 200)
      assert.deepEqual(
        [changed.json().target_hours, changed.json().lgsl_code, changed.json().open311_group],
        [40, null, null],
      )
      assert.equal((await patch({})).statusCode, 400)
      assert.equal((await patch({ slug: 'mine' })).statusCode, 400)
      assert.equal((await patch({ team_id: null })).statusCode, 422, 'a service must keep a team or partner')
      assert.equal((await patch({ open311_code: 'retired' })).statusCode, 409)
    })

    it('lists teams for anyone who may read the catalogue', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/teams', headers: t.as('caseworker') })
      assert.equal(response.statusCode, 200)
      assert.deepEqual(response.json(), { items: [{ id: teamId, name: 'Street scene' }] })
    })

    it('refuses callers without a token or without the permission', async () => {
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/services' })).statusCode, 401)
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/teams' })).statusCode, 401)
      assert.equal((await post(serviceInput(teamId, { open311_code: 'by-advisor' }), 'advisor')).statusCode, 403)
      assert.equal((await post(serviceInput(teamId, { open311_code: 'by-resident' }), 'resident')).statusCode, 403)
      const [service] = (await t.app.inject({ method: 'GET', url: '/api/v1/services', headers: t.as('admin') })).json()
        .items
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/services/${service.id}`,
        headers: t.as('manager'),
        payload: { name: 'Changed' },
      })
      assert.equal(patch.statusCode, 403)
    })

    it('hides one council’s services from another', async () => {
      const [service] = (await t.app.inject({ method: 'GET', url: '/api/v1/services', headers: t.as('admin') })).json()
        .items
      const headers = { authorization: `Bearer ${otherToken}` }
      assert.equal(
        (await t.app.inject({ method: 'GET', url: `/api/v1/services/${service.id}`, headers })).statusCode,
        404,
      )
      assert.equal(
        (
          await t.app.inject({
            method: 'PATCH',
            url: `/api/v1/services/${service.id}`,
            headers,
            payload: { name: 'Taken over' },
          })
        ).statusCode,
        404,
      )
      assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/v1/services', headers })).json().items, [])
      assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/v1/teams', headers })).json().items, [])
      const team = await post(serviceInput(teamId, { open311_code: 'cross' }))
      assert.equal(team.statusCode, 201, 'the home council can use its own team')
      const crossTeam = await t.app.inject({
        method: 'POST',
        url: '/api/v1/services',
        headers,
        payload: serviceInput(teamId, { open311_code: 'cross' }),
      })
      assert.equal(crossTeam.statusCode, 422, 'another council cannot use this council’s team')
    })
  })
}
