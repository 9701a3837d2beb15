// The accessibility statement, cookies page and privacy notices, as a resident reads them.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { addPartner, addService, addTeam, systemActor } from '../../../test/support/fixtures.ts'
import { createService } from '../catalogue/service.ts'

for (const engine of ENGINES) {
  describe(`statements (${engine})`, () => {
    let subject: TestApp
    before(async () => {
      subject = await testApp(engine)
      const teamId = await addTeam(subject.database, subject.councilId)
      await addService(subject.database, subject.councilId, teamId)
      const partnerId = await addPartner(subject.database, subject.councilId, 'Shire County Council')
      await createService(subject.database, systemActor(subject.councilId), subject.councilId, {
        name: 'Report a pothole',
        open311_code: 'pothole',
        partner_org_id: partnerId,
        target_hours: 40,
        offline_route: 'Phone 01632 960 001',
        form: [{ name: 'where', label: 'Where is the pothole?', type: 'textarea', required: true }],
      })
    })
    after(() => subject.close())

    test('the accessibility statement names the council, the standard and how to complain', async () => {
      const page = await subject.app.inject({ url: '/accessibility' })
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Accessibility statement for Test District Council online services/)
      assert.match(page.body, /Web Content Accessibility Guidelines version 2.2 AA/)
      assert.match(page.body, /Equality Advisory and Support Service/)
      assert.match(page.body, /prepared on 3 December 2026/)
    })

    test('a service privacy notice lists what its own form asks, and who delivers it', async () => {
      const bins = await subject.app.inject({ url: '/privacy/missed-bin' })
      assert.equal(bins.statusCode, 200)
      assert.match(bins.body, /<li>Which bin was missed\?<\/li>/)
      assert.match(bins.body, /<li>Postcode<\/li>/)
      assert.match(bins.body, /Our own staff deliver this service/)
      assert.match(bins.body, /We keep a request for 6 years/)

      const potholes = await subject.app.inject({ url: '/privacy/pothole' })
      assert.match(potholes.body, /<li>Where is the pothole\?<\/li>/)
      assert.match(potholes.body, /delivered for us by Shire County Council/)
      assert.doesNotMatch(potholes.body, /Which bin was missed/)
    })

    test('the general privacy notice links every service notice; an unknown service is not found', async () => {
      const general = await subject.app.inject({ url: '/privacy' })
      assert.match(general.body, /href="\/privacy\/missed-bin"/)
      assert.match(general.body, /href="\/privacy\/pothole"/)
      const missing = await subject.app.inject({ url: '/privacy/no-such-service' })
      assert.equal(missing.statusCode, 404)
      assert.match(missing.body, /Page not found/)
    })

    test('every page links the statements from its footer, and the cookies page lists each cookie set', async () => {
      const home = await subject.app.inject({ url: '/' })
      for (const href of ['/accessibility', '/privacy', '/cookies'])
        assert.match(home.body, new RegExp(`href="${href}"`))
      const cookies = await subject.app.inject({ url: '/cookies' })
      for (const name of ['frontdoor-session', 'frontdoor-csrf', 'frontdoor-language', 'frontdoor-notice']) {
        assert.match(cookies.body, new RegExp(name))
      }
    })
  })
}
