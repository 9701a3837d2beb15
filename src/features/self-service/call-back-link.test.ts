// The pages that give the council's number offer a call back while the phones are busy enough that
// the call-back page offers one, and only then, in English and in Welsh.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient } from '../../../test/support/client.ts'
import { addService, addTeam } from '../../../test/support/fixtures.ts'
import type { Service } from '../catalogue/service.ts'

const ENGLISH_LINK =
  /Our phone lines are busy at the moment\. <a class="govuk-link" href="\/contact\/call-back">Ask us to call you back<\/a>/
const WELSH_LINK =
  /Mae ein llinellau ffôn yn brysur ar hyn o bryd\. <a class="govuk-link" href="\/contact\/call-back">Gofynnwch i ni eich ffonio&#39;n ôl<\/a>/

for (const engine of ENGINES) {
  describe(`the call-back link on the service pages (${engine})`, () => {
    let t: TestApp
    let service: Service

    const waiting = async (minutes: number) => {
      await t.database.db.deleteFrom('call_in_queue').where('council_id', '=', t.councilId).execute()
      if (minutes > 0)
        await t.database.db
          .insertInto('call_in_queue')
          .values({
            council_id: t.councilId,
            external_id: `waiting-${minutes}`,
            queue: 'main',
            offered_at: new Date(Date.now() - minutes * 60_000).toISOString(),
          })
          .execute()
    }

    before(async () => {
      t = await testApp(engine)
      // Open every hour of every day, so the call-back page agrees whatever the time the test runs.
      await t.database.db
        .updateTable('council')
        .set({
          settings: JSON.stringify({
            useBankHolidays: false,
            workingHours: { days: [1, 2, 3, 4, 5, 6, 7], opens: '00:00', closes: '23:59', timeZone: 'Europe/London' },
          }),
        })
        .where('id', '=', t.councilId)
        .execute()
      service = await addService(t.database, t.councilId, await addTeam(t.database, t.councilId))
    })
    after(() => t?.close())

    it('offers a call back where the number is given while a caller has waited past the threshold', async () => {
      await waiting(10)
      for (const url of [`/services/${service.slug}`, '/']) {
        const english = await new TestClient(t.app).get(url)
        assert.equal(english.statusCode, 200)
        assert.match(english.body, /Phone us on 01632 960000\./)
        assert.match(english.body, ENGLISH_LINK, url)
        const welsh = await new TestClient(t.app).get(`${url}?lang=cy`)
        assert.match(welsh.body, /Ffoniwch ni ar 01632 960000\./)
        assert.match(welsh.body, WELSH_LINK, url)
        assert.doesNotMatch(welsh.body, /Ask us to call you back/)
      }
      const callBack = await new TestClient(t.app).get('/contact/call-back')
      assert.match(callBack.body, /Ask for a call back/, 'the page linked to offers the form')
    })

    it('offers none while the phones are quiet, in either language', async () => {
      await waiting(2)
      for (const url of [`/services/${service.slug}`, '/']) {
        const english = await new TestClient(t.app).get(url)
        assert.match(english.body, /Phone us on 01632 960000\./)
        assert.doesNotMatch(english.body, /contact\/call-back/, url)
        const welsh = await new TestClient(t.app).get(`${url}?lang=cy`)
        assert.match(welsh.body, /Ffoniwch ni ar 01632 960000\./)
        assert.doesNotMatch(welsh.body, /contact\/call-back/, url)
      }
    })
  })
}
