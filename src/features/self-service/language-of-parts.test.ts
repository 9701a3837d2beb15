// WCAG 3.1.2 Language of Parts on the resident pages, on both engines: a council's own words with no
// Welsh yet are shown in English on a Welsh page, and each such part is marked lang="en" (escaped as
// before) so a screen reader reads it in English; words shown in Welsh, and every English page, carry
// no mark.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient, csrfTokenIn } from '../../../test/support/client.ts'
import type { FormFields } from '../../../test/support/client.ts'
import { addTeam, systemActor } from '../../../test/support/fixtures.ts'
import { createService } from '../catalogue/service.ts'
import type { Service, ServiceInput } from '../catalogue/service.ts'
import { addSelfServiceCatalogue } from './test-fixtures.ts'

/** A service whose words locales/cy.json has no Welsh for (bar one option), some of them needing escaping. */
const ENGLISH_ONLY: Omit<ServiceInput, 'team_id'> = {
  name: 'Report a pothole',
  open311_code: 'pothole',
  open311_group: 'Roads & pavements',
  description: 'Holes in the road & <pavements> deeper than "4cm"',
  target_hours: 40,
  offline_route: 'Phone 01632 960111 or visit the depot',
  anonymous_allowed: true,
  form: [
    {
      name: 'size',
      label: 'How big is the hole?',
      hint: 'Roughly <measured> & guessed',
      type: 'radios',
      required: true,
      options: ['Small', 'Large'],
    },
    {
      name: 'road',
      label: 'Which kind of road?',
      type: 'select',
      required: true,
      options: ['Main road', 'Side street'],
    },
    {
      name: 'near',
      label: 'What is it near?',
      type: 'checkboxes',
      required: false,
      // "Recycling" has Welsh (it is an option of the test catalogue's bin report): it is shown unmarked.
      options: ['Near a school', 'Recycling'],
    },
  ],
}

/** The page's own content: the header's language links mark "English" as English, rightly, on every page. */
function mainOf(response: LightMyRequestResponse): string {
  return /<main[\s\S]*<\/main>/.exec(response.body)?.[0] ?? ''
}

function location(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 303, response.body.slice(0, 500))
  return String(response.headers.location)
}

for (const engine of ENGINES) {
  describe(`English parts of Welsh pages (${engine})`, () => {
    let subject: TestApp
    let services: { report: Service; discount: Service; offline: Service }
    let pothole: Service

    before(async () => {
      subject = await testApp(engine)
      const teamId = await addTeam(subject.database, subject.councilId)
      const actor = systemActor(subject.councilId)
      services = await addSelfServiceCatalogue(subject.database, actor, subject.councilId, teamId)
      pothole = await createService(subject.database, actor, subject.councilId, { ...ENGLISH_ONLY, team_id: teamId })
    })
    after(() => subject.close())

    /** The check page of a pothole report, every question answered, in the client's language. */
    async function potholeCheck(client: TestClient): Promise<LightMyRequestResponse[]> {
      const servicePage = await client.get(`/services/${pothole.slug}`)
      let url = location(await client.post(`/services/${pothole.slug}/start`, { _csrf: csrfTokenIn(servicePage.body) }))
      const pages: LightMyRequestResponse[] = []
      for (const fields of [
        { 'answers.size': 'Small' },
        { 'answers.road': 'Main road' },
        { 'answers.near': ['Near a school', 'Recycling'] },
        {},
      ] as FormFields[]) {
        const page = await client.get(url)
        pages.push(page)
        url = location(await client.post(url, { _csrf: csrfTokenIn(page.body), ...fields }))
      }
      pages.push(await client.get(url))
      return pages
    }

    it('marks English-only group headings and service names lang="en" on the Welsh start page, and no Welsh ones', async () => {
      const main = mainOf(await new TestClient(subject.app).get('/?lang=cy'))
      assert.match(main, /<h3 class="govuk-heading-m"><span lang="en">Roads &amp; pavements<\/span><\/h3>/)
      assert.match(main, /<h3 class="govuk-heading-m"><span lang="en">Births, deaths and marriages<\/span><\/h3>/)
      assert.match(main, new RegExp(`href="/services/${pothole.slug}"><span lang="en">Report a pothole</span></a>`))
      assert.match(main, /<h3 class="govuk-heading-m">Biniau ac ailgylchu<\/h3>/)
      assert.match(
        main,
        new RegExp(`href="/services/${services.report.slug}">Rhoi gwybod am fin na chafodd ei gasglu</a>`),
      )
      assert.doesNotMatch(main, /lang="en">(Bins and recycling|Report a missed bin collection)/)
    })

    it('marks an English-only name, description and offline route on the Welsh service page, escaped, with the title left plain', async () => {
      const page = await new TestClient(subject.app).get(`/services/${pothole.slug}?lang=cy`)
      const main = mainOf(page)
      assert.match(main, /<span class="govuk-caption-l"><span lang="en">Roads &amp; pavements<\/span><\/span>/)
      assert.match(main, /<h1 class="govuk-heading-l"><span lang="en">Report a pothole<\/span><\/h1>/)
      assert.match(
        main,
        /<p class="govuk-body-l"><span lang="en">Holes in the road &amp; &lt;pavements&gt; deeper than &quot;4cm&quot;<\/span><\/p>/,
      )
      assert.match(main, /<p class="govuk-body"><span lang="en">Phone 01632 960111 or visit the depot<\/span><\/p>/)
      // A <title> cannot mark a part: with no Welsh, the English name stands in it unmarked.
      assert.match(page.body, /<title>Report a pothole/)
    })

    it('leaves a service with Welsh unmarked on its Welsh page', async () => {
      const main = mainOf(await new TestClient(subject.app).get(`/services/${services.report.slug}?lang=cy`))
      assert.match(main, /<h1 class="govuk-heading-l">Rhoi gwybod am fin na chafodd ei gasglu<\/h1>/)
      assert.match(main, /Ffoniwch 01632 960000/)
      assert.doesNotMatch(main, /lang="en"/)
    })

    it('marks an English-only question, its hint and its options on the Welsh form and check page', async () => {
      const client = new TestClient(subject.app)
      await client.get('/?lang=cy')
      const [size, road, near, , check] = (await potholeCheck(client)).map(mainOf) as string[]
      assert.match(size!, /<span lang="en">How big is the hole\?<\/span>/)
      assert.match(
        size!,
        /<div id="answers-size-hint" class="govuk-hint">\s*<span lang="en">Roughly &lt;measured&gt; &amp; guessed<\/span>/,
      )
      assert.match(
        size!,
        /<label class="govuk-label govuk-radios__label" for="answers-size">\s*<span lang="en">Small<\/span>/,
      )
      assert.match(
        road!,
        /<label class="govuk-label govuk-label--l" for="answers-road">\s*<span lang="en">Which kind of road\?<\/span>/,
      )
      assert.match(road!, /<option value="Main road"\s+lang="en">Main road<\/option>/)
      // The first option, "Choose an option", is Frontdoor's own and Welsh.
      assert.match(road!, /<option value="" selected>Dewiswch opsiwn<\/option>/)
      assert.match(near!, /<span lang="en">Near a school<\/span>/)
      assert.match(near!, /for="answers-near-2">\s*Ailgylchu\s*<\/label>/)
      assert.match(check!, /<dt class="govuk-summary-list__key">\s*<span lang="en">How big is the hole\?<\/span>/)
      assert.match(check!, /<dd class="govuk-summary-list__value">\s*<span lang="en">Near a school<\/span>, Ailgylchu/)
      assert.match(
        check!,
        /Newid<span class="govuk-visually-hidden"> <span lang="en">which kind of road\?<\/span><\/span>/,
      )
      assert.match(check!, /<span class="govuk-caption-l"><span lang="en">Report a pothole<\/span><\/span>/)
    })

    it('adds no lang="en" marks to English pages', async () => {
      const client = new TestClient(subject.app)
      const pages = [
        await client.get('/'),
        await client.get(`/services/${pothole.slug}`),
        await client.get('/services'),
        await client.get('/search?q=pothole'),
        ...(await potholeCheck(client)),
      ]
      for (const page of pages) {
        assert.match(page.body, /<html lang="en"/)
        assert.doesNotMatch(mainOf(page), /lang="en"/)
      }
      assert.match(mainOf(pages[1]!), /<h1 class="govuk-heading-l">Report a pothole<\/h1>/)
    })

    it('marks English-only names on the Welsh A to Z, search results and privacy notice too', async () => {
      const client = new TestClient(subject.app)
      await client.get('/?lang=cy')
      const named = /<span lang="en">Report a pothole<\/span>/
      assert.match(mainOf(await client.get('/services')), named)
      assert.match(mainOf(await client.get('/search?q=pothole')), named)
      assert.match(mainOf(await client.get(`/privacy/${pothole.open311_code}`)), named)
      assert.match(
        mainOf(await client.get(`/privacy/${pothole.open311_code}`)),
        /<li><span lang="en">What is it near\?<\/span><\/li>/,
      )
    })
  })
}
