import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { COUNCIL_NAME, HARNESS_SERVICES, expectAccessible, heading, startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'

describe('home page in a browser', () => {
  let h: Harness

  before(async () => {
    h = await startHarness()
  })
  after(() => h?.close())

  it('names the council and lists its services by group', async () => {
    const { page, context } = await h.newPage()
    const response = await page.goto('/')
    assert.equal(response?.status(), 200)
    assert.equal(await heading(page), COUNCIL_NAME)
    assert.match(await page.title(), new RegExp(COUNCIL_NAME))
    const main = (await page.locator('main').textContent()) ?? ''
    for (const service of HARNESS_SERVICES) assert.ok(main.includes(service.name), `${service.name} is listed`)
    assert.deepEqual(await page.locator('main h3').allTextContents(), ['Bins and recycling', 'Council tax'])
    await context.close()
  })

  it('loads its styles and scripts from this server without errors', async () => {
    const { page, context } = await h.newPage()
    const failures: string[] = []
    page.on('response', (r) => void (r.status() >= 400 && failures.push(`${r.status()} ${r.url()}`)))
    page.on('requestfailed', (r) => void failures.push(`failed ${r.url()}`))
    page.on('pageerror', (e) => void failures.push(`script error: ${e.message}`))
    page.on('request', (r) => void (!r.url().startsWith(h.baseUrl) && failures.push(`off-site ${r.url()}`)))
    await page.goto('/', { waitUntil: 'networkidle' })
    assert.deepEqual(failures, [])
    assert.equal(await page.locator('body.govuk-frontend-supported').count(), 1, 'GOV.UK Frontend ran')
    await context.close()
  })

  it('has no accessibility violations', async () => {
    const { page, context } = await h.newPage()
    await page.goto('/')
    await expectAccessible(page)
    await context.close()
  })

  it('shows an accessible page not found', async () => {
    const { page, context } = await h.newPage()
    const response = await page.goto('/no-such-page')
    assert.equal(response?.status(), 404)
    assert.equal(await heading(page), 'Page not found')
    await expectAccessible(page)
    await context.close()
  })

  it('works with JavaScript turned off', async () => {
    const { page, context } = await h.newPage({ javaScriptEnabled: false })
    await page.goto('/')
    // GOV.UK Frontend's inline script marks the body when scripts run; here it must not have.
    assert.equal(await page.locator('body.js-enabled').count(), 0)
    const main = (await page.locator('main').textContent()) ?? ''
    for (const service of HARNESS_SERVICES)
      assert.ok(main.includes(service.name), `${service.name} is listed without JavaScript`)
    await context.close()
  })
})
