import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { COUNCIL_NAME, expectAccessible, heading, startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'

describe('open data page in a browser', () => {
  let h: Harness

  before(async () => {
    h = await startHarness()
  })
  after(() => h?.close())

  it('lists each dataset, without signing in, with its formats, schema, licence and last refresh', async () => {
    const { page, context } = await h.newPage()
    const response = await page.goto('/open-data')
    assert.equal(response?.status(), 200)
    assert.equal(await heading(page), 'Open data')
    assert.match(await page.title(), new RegExp(`Open data – ${COUNCIL_NAME}`))
    assert.deepEqual(await page.locator('main h2').allTextContents(), [
      'Protecting privacy',
      'Service requests',
      'Service catalogue',
      'Monthly contact figures',
    ])
    for (const name of ['requests', 'services', 'contact-figures']) {
      for (const file of [`${name}.csv`, `${name}.json`, `${name}.schema.json`])
        assert.equal(await page.locator(`a[href="/open-data/${file}"]`).count(), 1, file)
    }
    const licence = page.getByRole('link', { name: 'Open Government Licence v3.0' })
    assert.match(
      (await licence.getAttribute('href')) ?? '',
      /nationalarchives\.gov\.uk\/doc\/open-government-licence\/version\/3/,
    )
    // The harness council has services but no cases yet: the catalogue has a date, the requests none.
    const refreshed = await page.locator('.govuk-summary-list__row', { hasText: 'Last refreshed' }).allTextContents()
    assert.equal(refreshed.length, 3)
    assert.match(refreshed[0]!, /No data yet/)
    assert.match(refreshed[1]!, /\d{1,2} \w+ \d{4}/)
    await context.close()
  })

  it('is found from the footer of every page', async () => {
    const { page, context } = await h.newPage()
    await page.goto('/')
    await page.locator('.govuk-footer').getByRole('link', { name: 'Open data' }).click()
    await page.waitForURL(/\/open-data$/)
    assert.equal(await heading(page), 'Open data')
    await context.close()
  })

  it('has no accessibility violations', async () => {
    const { page, context } = await h.newPage()
    await page.goto('/open-data')
    await expectAccessible(page)
    await context.close()
  })

  it('works with JavaScript turned off, and by keyboard alone to the data package', async () => {
    const { page, context } = await h.newPage({ javaScriptEnabled: false })
    await page.goto('/open-data')
    assert.equal(await page.locator('body.js-enabled').count(), 0)
    let focused = ''
    for (let i = 0; i < 30 && focused !== '/open-data/datapackage.json'; i++) {
      await page.keyboard.press('Tab')
      focused = (await page.locator(':focus').getAttribute('href')) ?? ''
    }
    assert.equal(focused, '/open-data/datapackage.json')
    const [reply] = await Promise.all([page.waitForResponse(/datapackage\.json$/), page.keyboard.press('Enter')])
    assert.equal(reply.status(), 200)
    const descriptor = (await reply.json()) as { licenses: { name: string }[]; resources: { name: string }[] }
    assert.equal(descriptor.licenses[0]!.name, 'OGL-UK-3.0')
    assert.deepEqual(
      descriptor.resources.map((resource) => resource.name),
      ['requests', 'services', 'contact-figures'],
    )
    await context.close()
  })

  it('serves the services as CSV a browser can fetch', async () => {
    const { page, context } = await h.newPage()
    const reply = await page.request.get('/open-data/services.csv')
    assert.equal(reply.status(), 200)
    assert.match(reply.headers()['content-type'] ?? '', /^text\/csv/)
    assert.match(await reply.text(), /^service_code,name,description,group,lgsl_code,online,/)
    await context.close()
  })

  it("lets another site's page read the published data in its visitors' browsers, and nothing else", async () => {
    // Another council's page, served from this machine on a port of its own: another origin.
    const elsewhere = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Another council</title>')
    })
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve))
    const { port } = elsewhere.address() as AddressInfo
    try {
      const { page, context } = await h.newPage()
      await page.goto(`http://127.0.0.1:${port}/`)
      const read = (path: string) =>
        page.evaluate(async (url) => {
          try {
            const response = await fetch(url)
            return { status: response.status, text: await response.text() }
          } catch (error) {
            return { refused: String(error) }
          }
        }, h.baseUrl + path)
      const services = await read('/open311/v2/services.json')
      assert.equal(services.status, 200)
      assert.ok(Array.isArray(JSON.parse(services.text ?? '')))
      const catalogue = await read('/open-data/services.csv')
      assert.match(catalogue.text ?? '', /^service_code,name,/)
      const descriptor = await read('/open-data/datapackage.json')
      assert.match(descriptor.text ?? '', /OGL-UK-3.0/)
      const unknown = await read('/open311/v2/services/no-such.json')
      assert.equal(unknown.status, 404)
      // Pages and the API are this site's own: the browser keeps their answers from other sites.
      assert.match((await read('/open-data')).refused ?? '', /TypeError/)
      assert.match((await read('/api/v1/residents')).refused ?? '', /TypeError/)
      await context.close()
    } finally {
      elsewhere.close()
    }
  })
})
