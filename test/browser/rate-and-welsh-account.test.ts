// Rating a resolved request from the link in its message, and the e-account pages in Welsh, in a
// real browser with axe (WCAG 2.2 AA) on every page and error state. The rating is answered with
// the keyboard alone.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, expectAccessible, heading, startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { systemActor } from '../support/fixtures.ts'
import { changeCaseStatus, createCase } from '../../src/features/cases/service.ts'

async function press(page: Page, text: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.getByRole('button', { name: text }).click(),
  ])
  await page.waitForLoadState('load')
}

describe('rating a resolved request and the e-account in Welsh, in a browser', () => {
  let h: Harness
  let reference: string

  before(async () => {
    h = await startHarness()
    const actor = systemActor(h.councilId)
    const created = await createCase(h.database, actor, h.councilId, {
      service_code: 'missed-bin',
      channel: 'phone',
      created_by: 'staff',
      description: 'Bin missed',
    })
    await changeCaseStatus(h.database, actor, h.councilId, created.id, { status: 'resolved', resolution: 'Collected' })
    reference = created.reference
  })
  after(() => h?.close())

  it('asks how satisfied the resident was, refuses no answer, thanks them, and refuses a second answer kindly', async () => {
    const { page } = await h.newPage()
    await page.goto(`/rate?reference=${reference}`)
    assert.equal(await heading(page), 'Give feedback')
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Send feedback' }).focus()
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.keyboard.press('Enter')])
    await page.waitForLoadState('load')
    assert.deepEqual(await errorSummary(page), ['Select how you feel about the service you received'])
    await expectAccessible(page)
    // The keyboard alone: focus the answer and press Space, as a keyboard user tabbing to it would.
    await page.getByRole('radio', { name: 'Satisfied', exact: true }).focus()
    await page.keyboard.press('Space')
    await page.getByLabel('How could we improve this service? (optional)').fill('Quicker next time')
    await page.getByRole('button', { name: 'Send feedback' }).focus()
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.keyboard.press('Enter')])
    await page.waitForLoadState('load')
    assert.equal(await heading(page), 'Thank you for your feedback')
    assert.match(page.url(), /\/rate\/thank-you$/)
    await expectAccessible(page)

    const again = await page.goto(`/rate?reference=${reference}`)
    assert.equal(again?.status(), 409)
    assert.equal(await heading(page), 'You have already told us how satisfied you were')
    await expectAccessible(page)
    const unknown = await page.goto('/rate?reference=FD-2020-999999')
    assert.equal(unknown?.status(), 404)
    assert.equal(await heading(page), 'This link cannot be used to rate a request')
    await expectAccessible(page)
  })

  it('signs in and creates an account in Welsh, error messages included', async () => {
    const { page } = await h.newPage()
    await page.goto('/account/sign-in?lang=cy')
    assert.equal(await page.locator('html').getAttribute('lang'), 'cy')
    assert.equal(await heading(page), "Mewngofnodi i'ch cyfrif")
    await expectAccessible(page)
    await press(page, 'Mewngofnodi')
    assert.deepEqual(await errorSummary(page), ['Rhowch eich cyfeiriad e-bost', 'Rhowch eich cyfrinair'])
    assert.match(await page.title(), /^Gwall: /)
    await expectAccessible(page)

    await page.getByRole('link', { name: 'Creu cyfrif', exact: true }).first().click()
    await page.waitForLoadState('load')
    assert.equal(await heading(page), 'Creu cyfrif')
    await expectAccessible(page)
    await page.getByLabel('Enw cyntaf').fill('Megan')
    await page.getByLabel('Cyfenw').fill('Jones')
    await page.getByLabel('Cyfeiriad e-bost').fill('megan@example.com')
    await page.getByLabel('Creu cyfrinair').fill('short')
    await page.getByLabel('Cadarnhewch eich cyfrinair').fill('short')
    await press(page, 'Creu cyfrif')
    assert.deepEqual(await errorSummary(page), ["Rhaid i'r cyfrinair fod yn 12 nod neu fwy"])
    assert.equal(await page.getByLabel('Enw cyntaf').inputValue(), 'Megan', 'what was typed is kept')
    await expectAccessible(page)
    await page.getByLabel('Creu cyfrinair').fill('tri gair ar hap heddiw')
    await page.getByLabel('Cadarnhewch eich cyfrinair').fill('tri gair ar hap heddiw')
    await press(page, 'Creu cyfrif')
    assert.equal(await heading(page), 'Gwiriwch eich e-bost')
    await expectAccessible(page)
    const sent = await h.database.db
      .selectFrom('notification')
      .select('personalisation')
      .where('recipient', '=', 'megan@example.com')
      .where('template', '=', 'verify-email')
      .executeTakeFirstOrThrow()
    assert.equal((JSON.parse(sent.personalisation) as { language: string }).language, 'cy', 'the email is in Welsh')
  })
})
