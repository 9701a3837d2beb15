// Who sees what, across the API and the pages: one resident asking for another's case by id or by
// reference is told it does not exist, and a session from one council opens nothing at another.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../support/databases.ts'
import { createTestCouncil, testApp } from '../support/app.ts'
import type { TestApp } from '../support/app.ts'
import { addAccount, addStaff, sessionCookie } from '../support/accounts.ts'
import { raiseCase } from '../../src/features/cases/test-fixtures.ts'
import { addResident, addService, addTeam } from '../support/fixtures.ts'

type Made = { id: number; reference: string }

for (const engine of ENGINES) {
  describe(`one resident cannot reach another's case (${engine})`, () => {
    let t: TestApp
    let mine: Made
    let theirs: Made
    let cookie: string

    before(async () => {
      t = await testApp(engine)
      const service = await addService(t.database, t.councilId, await addTeam(t.database, t.councilId, 'Waste'))
      const raise = (residentId: number): Promise<Made> => raiseCase(t, service.id, residentId)
      const me = await addResident(t.database, t.councilId)
      mine = await raise(me)
      theirs = await raise(await addResident(t.database, t.councilId))
      cookie = await sessionCookie(t.database, t.councilId, {
        kind: 'resident',
        id: (await addAccount(t.database, t.councilId, me)).id,
      })
    })
    after(() => t.close())

    it('refuses it through the API by id and by reference, exactly as if it did not exist', async () => {
      const get = (url: string) => t.app.inject({ url: `/api/v1${url}`, headers: { cookie } })
      assert.equal((await get(`/cases/${mine.id}`)).statusCode, 200)
      const byId = await get(`/cases/${theirs.id}`)
      const byReference = await get(`/cases/by-reference/${theirs.reference}`)
      const missing = await get('/cases/999999')
      assert.deepEqual([byId.statusCode, byReference.statusCode], [404, 404])
      assert.equal(byId.json<{ detail: string }>().detail, missing.json<{ detail: string }>().detail)
      const list = await get('/cases')
      assert.deepEqual(
        list.json<{ items: Made[] }>().items.map((c) => c.reference),
        [mine.reference],
      )
    })

    it('refuses it on the resident’s pages', async () => {
      const page = (reference: string) =>
        t.app.inject({ url: `/account/requests/${reference}`, headers: { accept: 'text/html', cookie } })
      assert.equal((await page(mine.reference)).statusCode, 200)
      const refused = await page(theirs.reference)
      assert.equal(refused.statusCode, 404)
      assert.ok(!refused.body.includes(theirs.reference), 'the page does not echo the reference it refused')
      const listing = await t.app.inject({ url: '/account/requests', headers: { accept: 'text/html', cookie } })
      assert.ok(listing.body.includes(mine.reference) && !listing.body.includes(theirs.reference))
    })
  })

  describe(`a session belongs to one council (${engine})`, () => {
    let t: TestApp
    before(async () => {
      t = await testApp(engine)
    })
    after(() => t.close())

    it('a DPO signed in at another council is sent to sign in here, and reads nothing of this council through the API', async () => {
      const other = await createTestCouncil(t.database, 'elsewhere', 'Elsewhere Council')
      await t.database.db
        .updateTable('council')
        .set({ hostnames: JSON.stringify(['elsewhere.example']) })
        .where('id', '=', other)
        .execute()
      const dpo = await addStaff(t.database, other, ['dpo', 'admin'])
      const cookie = await sessionCookie(t.database, other, { kind: 'staff', id: dpo.id })
      const there = await t.app.inject({
        url: '/staff/audit',
        headers: { host: 'elsewhere.example', accept: 'text/html', cookie },
      })
      assert.equal(there.statusCode, 200, 'the session works at its own council')
      const here = await t.app.inject({
        url: '/staff/audit',
        headers: { host: 'localhost', accept: 'text/html', cookie },
      })
      assert.equal(here.statusCode, 303)
      assert.match(String(here.headers.location), /^\/staff\/sign-in/)

      const resident = await addResident(t.database, t.councilId)
      const api = await t.app.inject({ url: `/api/v1/residents/${resident}`, headers: { cookie } })
      assert.equal(api.statusCode, 404)
    })
  })
}
