// An advisor's phone call from start to finish, across the desk's pages: find the caller from the
// search box in the header, open their record, log the call as resolved at first contact and see it
// at the top of their timeline; then, on a second call, raise a case on their behalf and read out its
// reference, which their record then lists among open cases. Every page passes axe.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { expectAccessible, heading, startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { signIn } from '../support/signed-in.ts'
import { addStaff } from '../support/accounts.ts'
import { systemActor } from '../support/fixtures.ts'
import { createResident } from '../../src/features/residents/service.ts'

describe('an advisor takes a phone call in a browser', () => {
  let h: Harness
  let advisorId: number
  let callerId: number

  before(async () => {
    h = await startHarness()
    advisorId = (await addStaff(h.database, h.councilId, ['advisor'])).id
    const add = (input: Parameters<typeof createResident>[3]) =>
      createResident(h.database, systemActor(h.councilId), h.councilId, input)
    callerId = (
      await add({
        given_name: 'Tessa',
        family_name: 'Woodhouse',
        addresses: [{ address_line_1: '12 Orchard Way', postcode: 'EX3 3CC' }],
      })
    ).id
    await add({
      given_name: 'Tom',
      family_name: 'Wood',
      addresses: [{ address_line_1: '3 Elm Row', postcode: 'EX4 4DD' }],
    })
  })
  after(() => h?.close())

  it('finds the caller, logs the call resolved at first contact and sees it at the top of their timeline', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    await page.goto('/staff')
    await page.getByRole('search').getByLabel('Find a resident or case').fill('woodh ex3')
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/\/staff\/search\?q=woodh/)
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Tessa Woodhouse' }).click()
    await page.waitForURL(`**/staff/residents/${callerId}`)
    assert.equal(await heading(page), 'Tessa Woodhouse')

    await page.locator('main').getByRole('button', { name: 'Log a contact' }).click()
    await page.waitForURL(/\/staff\/contacts\/new/)
    await expectAccessible(page)
    await page.getByLabel('Service', { exact: true }).selectOption({ label: 'Report a missed bin collection' })
    await page.getByRole('group', { name: 'Outcome' }).getByLabel('Resolved at first contact').check()
    await page.getByLabel('Notes (optional)').fill('Told her the new collection day')
    await page.getByRole('button', { name: 'Save the contact' }).click()

    await page.waitForURL(`**/staff/residents/${callerId}`)
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /Contact logged/)
    const newest = page.locator('.moj-timeline__item').first()
    assert.match((await newest.locator('.moj-timeline__title').textContent()) ?? '', /Phone contact/)
    assert.match((await newest.textContent()) ?? '', /Told her the new collection day/)
    await expectAccessible(page)
    await context.close()
  })

  it('links the call answered: choices told apart, outbound refused, the call shown on the timeline', async () => {
    const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString()
    const call = (external_id: string, offered: number, answered: number, ended?: number) => ({
      council_id: h.councilId,
      external_id,
      queue: 'main',
      offered_at: ago(offered),
      answered_at: ago(answered),
      ended_at: ended === undefined ? null : ago(ended),
      abandoned: 0 as const,
      agent_staff_id: advisorId,
      caller_number_hash: 'secret-hash',
    })
    await h.database.db
      .insertInto('call')
      .values([call('browser-a', 146, 130), call('browser-b', 200, 160, 100)])
      .execute()
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    await page.goto(`/staff/contacts/new?call=browser-a&resident=${callerId}`)
    const calls = page.getByRole('group', { name: 'Which call is this contact about?' })
    assert.ok(await calls.getByText('Waited 16 seconds. Still going on').isVisible())
    assert.ok(await calls.getByText('Waited 40 seconds. Ended after 1 minute').isVisible())
    await expectAccessible(page)

    await page.getByRole('group', { name: 'Who got in touch?' }).getByLabel('We contacted them').check()
    await page.getByRole('group', { name: 'Outcome' }).getByLabel('Signposted elsewhere').check()
    await page.getByRole('button', { name: 'Save the contact' }).click()
    const summary = page.locator('.govuk-error-summary')
    await summary.waitFor()
    assert.match((await summary.textContent()) ?? '', /is one they made to us/)
    assert.ok(await page.getByLabel('We contacted them').isChecked(), 'what was typed is kept')
    await expectAccessible(page)

    await page.getByRole('group', { name: 'Who got in touch?' }).getByLabel('They contacted us').check()
    await page.getByRole('button', { name: 'Save the contact' }).click()
    await page.waitForURL(`**/staff/residents/${callerId}`)
    // It started when the call was answered, so it sits below a contact logged since.
    const linked = page.locator('.moj-timeline__item', { hasText: 'Call from the main queue' })
    const title = (await linked.locator('.moj-timeline__title').textContent()) ?? ''
    assert.match(title, /signposted/)
    assert.match(
      title,
      /Call from the main queue offered at \d{2}:\d{2}, answered at \d{2}:\d{2} after 16 seconds, not yet ended/,
    )
    assert.doesNotMatch((await page.content()) ?? '', /secret-hash/)
    await expectAccessible(page)
    await context.close()
  })

  it('raises a case on the caller’s behalf, reads out its reference, and finds it among their open cases', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    await page.goto(`/staff/residents/${callerId}`)
    await page.locator('main').getByRole('button', { name: 'Raise a case' }).click()
    await page.getByLabel('Order a new recycling box').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'Order a new recycling box' }).waitFor()
    await expectAccessible(page)
    await page.getByLabel('Phone', { exact: true }).check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.locator('.govuk-panel').waitFor()
    const reference = (await page.locator('.govuk-panel strong').textContent())?.trim() ?? ''
    assert.match(reference, /^FD-\d{4}-\d{6}$/)
    await expectAccessible(page)

    await page.goto(`/staff/residents/${callerId}`)
    assert.match((await page.locator('main').textContent()) ?? '', new RegExp(reference))
    await page.getByRole('link', { name: reference }).first().click()
    await page.waitForURL(`**/staff/cases/${reference}`)
    await expectAccessible(page)
    await context.close()
  })
})
