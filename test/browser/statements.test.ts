import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { COUNCIL_NAME, expectAccessible, heading, startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'

describe('accessibility statement, privacy notices and cookies in a browser', () => {
  let h: Harness

  before(async () => {
    h = await startHarness()
  })
  after(() => h?.close())

  for (const [path, title] of [
    ['/accessibility', `Accessibility statement for ${COUNCIL_NAME} online services`],
    ['/privacy', 'Privacy notice'],
    ['/privacy/missed-bin', 'Report a missed bin collection'],
    ['/cookies', 'Cookies'],
  ] as const) {
    it(`${path} reads well and has no accessibility violations`, async () => {
      const { page, context } = await h.newPage()
      const response = await page.goto(path)
      assert.equal(response?.status(), 200)
      assert.equal(await heading(page), title)
      await expectAccessible(page)
      await context.close()
    })
  }

  it('reaches the accessibility statement from the footer by keyboard', async () => {
    const { page, context } = await h.newPage()
    await page.goto('/')
    const link = page.locator('.govuk-footer a', { hasText: 'Accessibility statement' })
    await link.focus()
    await Promise.all([page.waitForURL(/\/accessibility$/), page.keyboard.press('Enter')])
    assert.match(await heading(page), /Accessibility statement/)
    await context.close()
  })
})
