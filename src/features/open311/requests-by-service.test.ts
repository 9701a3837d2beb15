// requests.json with service_code: each service's cases are read on their own, newest first, and
// merged; the answer must be the same as one list of them all would be, and no longer than asked.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { answerOf, open311App } from '../../../test/open311/support.ts'
import type { Open311App } from '../../../test/open311/support.ts'
import { systemActor } from '../../../test/support/fixtures.ts'
import { createCase } from '../cases/service.ts'
import { listRequestRows } from './repo.ts'

type Row = Record<string, unknown>

for (const engine of ENGINES) {
  describe(`Open311 requests by service_code (${engine})`, () => {
    let t: Open311App
    const bulky: string[] = []

    before(async () => {
      t = await open311App(engine)
      const actor = systemActor(t.councilId)
      for (let i = 0; i < 2; i++) {
        const raised = await createCase(t.database, actor, t.councilId, {
          service_code: 'bulky',
          channel: 'phone',
          created_by: 'staff',
          answers: {},
          location: { address: 'Outside the library, High Street, SW1A 2BB', latitude: 51.5033, longitude: -0.1276 },
        })
        bulky.push(raised.reference)
      }
    })
    after(() => t.close())

    const ids = async (query: string) =>
      ((await answerOf(await t.get(`/open311/v2/requests.json${query}`), 'json')) as Row[]).map(
        (r) => r.service_request_id,
      )

    it('gives one service, or several merged newest first as the whole list orders them', async () => {
      const everything = await ids('')
      assert.equal(everything.length, 4)
      assert.deepEqual(await ids('?service_code=bulky'), [...bulky].reverse())
      assert.deepEqual(await ids('?service_code=pothole'), [t.streetCaseReference, t.homeCaseReference])
      assert.deepEqual(await ids('?service_code=pothole,bulky'), everything)
      assert.deepEqual(await ids('?service_code=pothole,no-such-service'), [t.streetCaseReference, t.homeCaseReference])
    })

    it('keeps to the limit across services, the newest kept', async () => {
      const rows = await listRequestRows(t.database.db, t.councilId, { serviceCodes: ['pothole', 'bulky'] }, 3)
      assert.deepEqual(
        rows.map((r) => r.reference),
        (await ids('')).slice(0, 3),
      )
    })
  })
}
