// The desk's last journeys in a browser: an advisor takes a phone call by keyboard alone (the
// header's search, the caller's record, the contact form, back to the timeline); the staff search
// finds knowledge articles beside residents; and forms sent twice without JavaScript (a double
// click) write once. Every page shown with JavaScript passes axe (axe needs it to run).
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { expectAccessible, heading, startHarness, tabTo } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { signIn } from '../support/signed-in.ts'
import { addStaff } from '../support/accounts.ts'
import { systemActor } from '../support/fixtures.ts'
import { createResident } from '../../src/features/residents/service.ts'
import { createCase } from '../../src/features/cases/service.ts'

describe('the advisor’s desk, finished, in a browser', () => {
  let h: Harness
  let advisorId: number
  let caseworkerId: number
  let callerId: number
  let bins: number

  before(async () => {
    h = await startHarness()
    advisorId = (await addStaff(h.database, h.councilId, ['advisor'])).id
    caseworkerId = (await addStaff(h.database, h.councilId, ['caseworker'])).id
    callerId = (
      await createResident(h.database, systemActor(h.councilId), h.councilId, {
        given_name: 'Gwenllian',
        family_name: 'Ashcombe',
        addresses: [{ address_line_1: '4 Quarry Lane', postcode: 'EX5 5EE' }],
      })
    ).id
    bins = (
      await h.database.db
        .selectFrom('service')
        .select('id')
        .where('name', '=', 'Report a missed bin collection')
        .executeTakeFirstOrThrow()
    ).id
    await h.database.db
      .insertInto('kb_article')
      .values({
        council_id: h.councilId,
        slug: 'missed-bin-collections',
        title: 'Missed bin collections',
        body: 'Report a bin the crew **missed** after 4pm on collection day.',
        audience: 'staff',
        service_id: bins,
        updated_at: new Date().toISOString(),
        review_on: null,
      })
      .execute()
  })
  after(() => h?.close())

  it('takes a phone call by keyboard alone: search, the caller’s record, a contact logged, top of the timeline', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    await page.goto('/staff')
    await tabTo(page, '#staff-search', 120)
    await page.keyboard.type('ashcombe')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/staff\/search\?q=ashcombe/)
    await expectAccessible(page)
    await tabTo(page, 'main a:has-text("Gwenllian Ashcombe")', 120)
    await page.keyboard.press('Enter')
    await page.waitForURL(`**/staff/residents/${callerId}`)
    assert.equal(await heading(page), 'Gwenllian Ashcombe')
    await tabTo(page, 'main :is(a, button):has-text("Log a contact")', 120)
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/staff\/contacts\/new/)
    await expectAccessible(page)
    await tabTo(page, '#outcome', 120)
    await page.keyboard.press('Space')
    await tabTo(page, '#notes', 120)
    await page.keyboard.type('Told her when the crew comes back')
    await tabTo(page, 'button:has-text("Save the contact")', 120)
    await page.keyboard.press('Enter')
    await page.waitForURL(`**/staff/residents/${callerId}`)
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /Contact logged/)
    assert.match(
      (await page.locator('.moj-timeline__item').first().textContent()) ?? '',
      /Told her when the crew comes back/,
    )
    await expectAccessible(page)
    await context.close()
  })

  it('finds knowledge articles from the staff search, in a section of their own', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    await page.goto('/staff/search?q=bin%20missed')
    assert.equal(await page.getByRole('heading', { name: 'Knowledge articles' }).count(), 1)
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Missed bin collections' }).click()
    await page.waitForURL('**/staff/knowledge/missed-bin-collections')
    assert.equal(await heading(page), 'Missed bin collections')
    await expectAccessible(page)
    await context.close()
  })

  it('writes a case note once when its form is sent twice without JavaScript, as a double click sends it', async () => {
    const raised = await createCase(h.database, systemActor(h.councilId), h.councilId, {
      service_id: bins,
      resident_id: callerId,
      channel: 'phone',
      created_by: 'staff',
    })
    const { page, context } = await h.newPage({ javaScriptEnabled: false })
    await signIn(h, context, { kind: 'staff', id: caseworkerId })
    const url = `/staff/cases/${raised.reference}`
    await page.goto(url)
    // What the browser sends for the note form, twice over, with the page's cookies.
    const form = page.locator(`form[action$="/notes"]`)
    const fields = {
      _csrf: await form.locator('[name="_csrf"]').inputValue(),
      formToken: await form.locator('[name="formToken"]').inputValue(),
      body: 'Crew booked for Thursday',
      visibility: 'internal',
    }
    for (const send of ['first', 'second']) {
      const answer = await context.request.post(`${h.baseUrl}${url}/notes`, { form: fields, maxRedirects: 0 })
      assert.equal(answer.status(), 303, `the ${send} send goes back to the case`)
    }
    await page.goto(url)
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /Your note has been added/)
    const notes = await page.locator('.moj-timeline__item', { hasText: 'Crew booked for Thursday' }).count()
    assert.equal(notes, 1, 'the second send wrote nothing')
    await context.close()
  })
})
