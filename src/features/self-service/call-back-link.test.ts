// The pages that give the council's number offer a call back while the call-back page takes one:
// the phones busy past the threshold, or the lines closed (a call back for when they open), and
// not while they are open and quiet, in English and in Welsh.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient } from '../../../test/support/client.ts'
import { addService, addTeam } from '../../../test/support/fixtures.ts'
import type { Service } from '../catalogue/service.ts'
import { ALWAYS_OPEN, callerWaiting, setLineSettings } from '../../../test/support/telephony.ts'

const ENGLISH_LINK =
  /Our phone lines are busy at the moment\. <a class="govuk-link" href="\/contact\/call-back">Ask us to call you back<\/a>/
const ENGLISH_CLOSED =
  /Our phone lines are closed\. <a class="govuk-link" href="\/contact\/call-back">Ask us to call you back<\/a>/
const WELSH_CLOSED =
  /Mae ein llinellau ffôn ar gau\. <a class="govuk-link" href="\/contact\/call-back">Gofynnwch i ni eich ffonio&#39;n ôl<\/a>/
const WELSH_LINK =
  /Mae ein llinellau ffôn yn brysur ar hyn o bryd\. <a class="govuk-link" href="\/contact\/call-back">Gofynnwch i ni eich ffonio&#39;n ôl<\/a>/

for (const engine of ENGINES) {
  describe(`the call-back link on the service pages (${engine})`, () => {
    let t: TestApp
    let service: Service

    const waiting = (minutes: number) => callerWaiting(t.database.db, t.councilId, minutes * 60)

    before(async () => {
      t = await testApp(engine)
      await setLineSettings(t.database.db, t.councilId)
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

    it('offers a call back while the lines are closed, however quiet, as the call-back page takes one then', async () => {
      // Open only on the day after tomorrow: closed now, whatever the time.
      const today = new Date(new Date().toLocaleString('en-US', { timeZone: 'Europe/London' })).getDay() || 7
      const openDay = ((today + 1) % 7) + 1
      await setLineSettings(t.database.db, t.councilId, {
        workingHours: { ...ALWAYS_OPEN.workingHours, days: [openDay], opens: '09:00', closes: '17:00' },
      })
      try {
        await waiting(0)
        for (const url of [`/services/${service.slug}`, '/']) {
          const english = await new TestClient(t.app).get(url)
          assert.match(english.body, ENGLISH_CLOSED, url)
          assert.doesNotMatch(english.body, /lines are busy/)
          const welsh = await new TestClient(t.app).get(`${url}?lang=cy`)
          assert.match(welsh.body, WELSH_CLOSED, url)
        }
        const callBack = await new TestClient(t.app).get('/contact/call-back')
        assert.match(callBack.body, /Ask for a call back/, 'the page linked to takes one')
      } finally {
        await setLineSettings(t.database.db, t.councilId)
      }
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
