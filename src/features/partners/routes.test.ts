import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { createTestCouncil, testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { createApiToken } from '../../platform/auth/tokens.ts'

const ageConcern = {
  name: 'Ashby Age Concern',
  description: 'Help at home for older residents',
  email: 'help@ashby-age-concern.example',
  phone: '01632 960 123',
  website: 'https://ashby-age-concern.example',
  open_referral_id: '0f7d2c5e-3b6a-4c1d-9e8f-1a2b3c4d5e6f',
}

for (const engine of ENGINES) {
  describe(`partner organisations API (${engine})`, () => {
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

    it('adds an organisation, audited, which reads back, lists and can deliver a service', async () => {
      const created = await send('POST', '/partner-organisations', ageConcern)
      assert.equal(created.statusCode, 201)
      const org = created.json()
      assert.deepEqual({ ...org, id: 0, created_at: '' }, { ...ageConcern, id: 0, active: true, created_at: '' })
      assert.deepEqual((await send('GET', `/partner-organisations/${org.id}`, undefined, t.as('advisor'))).json(), org)
      assert.deepEqual((await send('GET', '/partner-organisations', undefined, t.as('partner'))).json().items, [org])
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select(['actor_kind', 'subject_type'])
        .where('action', '=', 'partner_org.create')
        .executeTakeFirstOrThrow()
      assert.deepEqual({ ...audit }, { actor_kind: 'token', subject_type: 'partner_org' })
      const service = await send('POST', '/services', {
        name: 'Help at home',
        open311_code: 'help-at-home',
        partner_org_id: org.id,
        target_hours: 40,
        offline_route: 'Phone Ashby Age Concern on 01632 960 123',
      })
      assert.equal(service.statusCode, 201)
    })

    it('changes some fields, and refuses a name another organisation has', async () => {
      const org = (await send('POST', '/partner-organisations', { name: 'Foodbank' })).json()
      assert.deepEqual(
        { ...org, id: 0, created_at: '' },
        {
          id: 0,
          name: 'Foodbank',
          description: null,
          email: null,
          phone: null,
          website: null,
          open_referral_id: null,
          active: true,
          created_at: '',
        },
      )
      const changed = await send('PATCH', `/partner-organisations/${org.id}`, { active: false, phone: '01632 960 555' })
      assert.equal(changed.statusCode, 200)
      assert.equal(changed.json().active, false)
      assert.equal(changed.json().phone, '01632 960 555')
      assert.equal(changed.json().name, 'Foodbank')
      assert.equal((await send('POST', '/partner-organisations', { name: ' ashby age concern' })).statusCode, 409)
      const rename = await send('PATCH', `/partner-organisations/${org.id}`, { name: 'Ashby Age Concern' })
      assert.equal(rename.statusCode, 409)
      assert.equal(rename.headers['content-type'], 'application/problem+json; charset=utf-8')
    })

    it('refuses bad fields by name, non-admins, and keeps councils apart', async () => {
      const bad = await send('POST', '/partner-organisations', { name: 'X', email: 'not an email', website: 'ftp://x' })
      assert.equal(bad.statusCode, 400)
      assert.deepEqual(
        [...new Set(bad.json().errors.map((e: { name: string }) => e.name))],
        ['body.email', 'body.website'],
      )
      assert.equal((await send('POST', '/partner-organisations', { name: 'Y' }, t.as('manager'))).statusCode, 403)
      const [org] = (await send('GET', '/partner-organisations')).json().items
      assert.equal((await send('GET', `/partner-organisations/${org.id}`, undefined, otherHeaders)).statusCode, 404)
      const takeOver = await send('PATCH', `/partner-organisations/${org.id}`, { name: 'Mine' }, otherHeaders)
      assert.equal(takeOver.statusCode, 404)
      assert.deepEqual((await send('GET', '/partner-organisations', undefined, otherHeaders)).json().items, [])
    })
  })
}
