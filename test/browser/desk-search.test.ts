// The desk's search and single view in a browser: an advisor finds a resident by part of the
// surname and the postcode, tells two Margaret Smiths apart, opens the single view, filters and
// pages its timeline; nothing found leads to "Add a resident" filled in. Every state passes axe,
// and the phone-call journey works by keyboard alone.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, expectAccessible, heading, startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { signIn } from '../support/signed-in.ts'
import { addStaff } from '../support/accounts.ts'
import { systemActor } from '../support/fixtures.ts'
import { addVulnerabilityFlag, createResident } from '../../src/features/residents/service.ts'
import { logContact } from '../../src/features/contacts/service.ts'

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString()

/** Presses Tab until the focused element (`el` in the test) matches, as someone without a mouse would. */
async function tabTo(page: Page, test: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(`(() => { const el = document.activeElement; return ${test} })()`)) return
  }
  assert.fail('the element was never reached with the Tab key')
}

describe('finding a resident and their single view in a browser', () => {
  let h: Harness
  let advisorId: number
  let margaret: number

  before(async () => {
    h = await startHarness()
    advisorId = (await addStaff(h.database, h.councilId, ['advisor'])).id
    const actor = systemActor(h.councilId)
    const add = (input: Parameters<typeof createResident>[3]) => createResident(h.database, actor, h.councilId, input)
    margaret = (
      await add({
        given_name: 'Margaret',
        family_name: 'Smith',
        date_of_birth: '1950-03-27',
        addresses: [{ address_line_1: '1 High Street', postcode: 'EX1 1AA' }],
        digital_status: 'cannot_use',
      })
    ).id
    await add({
      given_name: 'Margaret',
      family_name: 'Smith',
      addresses: [{ address_line_1: '9 Low Road', postcode: 'EX2 2BB' }],
    })
    await addVulnerabilityFlag(h.database, actor, h.councilId, margaret, { reason: 'Hard of hearing' })
    for (let day = 30; day >= 1; day--)
      await logContact(h.database, actor, h.councilId, {
        channel: day % 3 === 0 ? 'face_to_face' : 'phone',
        resident_id: margaret,
        outcome: 'resolved_first_contact',
        started_at: daysAgo(day),
      })
  })
  after(() => h?.close())

  it('finds her by partial surname and postcode, tells the two apart, filters and pages her timeline', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    await page.goto('/staff/search')
    await expectAccessible(page)
    await page.getByLabel('Name, postcode, phone, email, UPRN or case reference').fill('smi')
    await page.locator('main').getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/q=smi/)
    const results = page.locator('.fd-result')
    assert.equal(await results.count(), 2)
    const text = (await results.allTextContents()).join('\n')
    assert.match(text, /1 High Street, EX1 1AA/)
    assert.match(text, /9 Low Road, EX2 2BB/)
    assert.match(text, /27 March 1950/)
    await expectAccessible(page)

    await page.getByLabel('Name, postcode, phone, email, UPRN or case reference').fill('smi ex1 1aa')
    await page.locator('main').getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/q=smi\+ex1\+1aa/)
    assert.equal(await results.count(), 1)
    await results.getByRole('link', { name: 'Margaret Smith' }).click()
    await page.waitForURL(`**/staff/residents/${margaret}`)
    assert.equal(await heading(page), 'Margaret Smith')
    assert.match((await page.locator('.fd-flags').textContent()) ?? '', /Hard of hearing/)
    await expectAccessible(page)

    await page.getByRole('group', { name: 'Channel' }).getByLabel('Face-to-face').check()
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.waitForURL(/channel=face_to_face/)
    const titles = page.locator('.moj-timeline__title')
    assert.equal(await titles.count(), 10)
    assert.ok((await titles.allTextContents()).every((t) => t.trim().startsWith('Face-to-face contact')))
    await expectAccessible(page)

    await page.getByRole('link', { name: 'Clear filters' }).click()
    await page.waitForURL((url) => !url.search.includes('channel='))
    assert.equal(await titles.count(), 20)
    // Newest first: the flag added when her record was made (today), then her thirty contacts.
    assert.match((await titles.first().textContent()) ?? '', /Vulnerability flag added/)
    await page.getByRole('link', { name: 'Older' }).click()
    await page.waitForURL(/cursor=/)
    assert.equal(await titles.count(), 11)
    await expectAccessible(page)

    await page.goto(`/staff/residents/${margaret}?from-day=31&from-month=2&from-year=2026`)
    assert.deepEqual(await errorSummary(page), ['Date from must be a real date'])
    assert.equal(await page.getByRole('group', { name: 'Date from' }).getByLabel('Day').inputValue(), '31')
    await expectAccessible(page)
    await context.close()
  })

  it('offers "Add a resident" filled in when nobody is found, keeps what was typed on an error, then shows the new record', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    await page.goto('/staff/search?q=Dafydd%20Rees')
    assert.match((await page.locator('main').textContent()) ?? '', /No resident or case found/)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Add a resident' }).click()
    await page.waitForURL(/\/staff\/residents\/new\?/)
    assert.equal(await page.getByLabel('First name').inputValue(), 'Dafydd')
    assert.equal(await page.getByLabel('Last name').inputValue(), 'Rees')
    await expectAccessible(page)
    await page.getByLabel('Postcode').fill('not a postcode')
    await page.getByRole('button', { name: 'Add resident' }).click()
    assert.deepEqual(await errorSummary(page), [
      'Enter the first line of the address, or leave the address empty',
      'Enter a real postcode, like SW1A 1AA',
    ])
    assert.equal(await page.getByLabel('Last name').inputValue(), 'Rees', 'what was typed is kept')
    await expectAccessible(page)
    await page.getByLabel('Address line 1').fill('2 Bridge Street')
    await page.getByLabel('Postcode').fill('ex4 4dd')
    await page.getByRole('button', { name: 'Add resident' }).click()
    await page.waitForURL(/\/staff\/residents\/\d+$/)
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /Dafydd Rees has been added/)
    assert.equal(await heading(page), 'Dafydd Rees')
    await expectAccessible(page)
    await context.close()
  })

  it('takes the journey by keyboard alone: search box, result, timeline filter', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    await page.goto('/staff')
    await tabTo(page, "el.id === 'staff-search'")
    await page.keyboard.type('smith ex1')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/staff\/search\?q=smith\+ex1/)
    await tabTo(page, "el.tagName === 'A' && el.textContent.trim() === 'Margaret Smith'")
    await page.keyboard.press('Enter')
    await page.waitForURL(`**/staff/residents/${margaret}`)
    await tabTo(page, "el.id === 'channel'")
    await page.keyboard.press('Space')
    await tabTo(page, "el.textContent.trim() === 'Apply filters'")
    await page.keyboard.press('Enter')
    await page.waitForURL(/channel=phone/)
    const titles = await page.locator('.moj-timeline__title').allTextContents()
    assert.ok(titles.length > 0 && titles.every((t) => t.trim().startsWith('Phone contact')))
    await context.close()
  })
})
