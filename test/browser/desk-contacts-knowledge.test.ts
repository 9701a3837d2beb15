// Logging a contact and the knowledge base in a browser: a team leader writes an article (and
// sees the error summary first), an advisor finds its help from the contact form without
// JavaScript, and logs a contact by keyboard alone, landing back where they were with a banner.
// A telephony screen-pop opens the form with the call chosen, and the contact is linked to it.
// Every state of every page passes axe.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { errorSummary, expectAccessible, heading, startHarness, tabTo } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { signIn } from '../support/signed-in.ts'
import { addStaff } from '../support/accounts.ts'
import { addResident } from '../support/fixtures.ts'

const nextYear = String(new Date().getUTCFullYear() + 1)

describe('log a contact and the knowledge base in a browser', () => {
  let h: Harness
  let leaderId: number
  let advisorId: number
  let residentId: number
  let bins: number

  before(async () => {
    h = await startHarness()
    leaderId = (await addStaff(h.database, h.councilId, ['team_leader'])).id
    advisorId = (await addStaff(h.database, h.councilId, ['advisor'])).id
    residentId = await addResident(h.database, h.councilId)
    bins = (
      await h.database.db
        .selectFrom('service')
        .select('id')
        .where('name', '=', 'Report a missed bin collection')
        .executeTakeFirstOrThrow()
    ).id
  })
  after(() => h?.close())

  it('lets a team leader write an article, after an accessible error summary', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: leaderId })
    await page.goto('/staff/knowledge')
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Write an article' }).click()
    assert.equal(await heading(page), 'Write an article')
    await expectAccessible(page)
    await page.getByLabel('Article').fill('## Missed bins\n\nReport it if the crew **missed** the street.')
    await page.getByRole('button', { name: 'Save the article' }).click()
    assert.deepEqual(await errorSummary(page), ['Enter a title', 'Enter the date by which the article must be checked'])
    assert.match(await page.getByLabel('Article').inputValue(), /crew \*\*missed\*\*/, 'what was typed is kept')
    await expectAccessible(page)
    await page.getByLabel('Title').fill('Missed bin collections')
    await page.getByLabel('Service', { exact: true }).selectOption({ label: 'Report a missed bin collection' })
    const review = page.getByRole('group', { name: 'Check it is still right by' })
    await review.getByLabel('Day').fill('1')
    await review.getByLabel('Month').fill('4')
    await review.getByLabel('Year').fill(nextYear)
    await page.getByRole('button', { name: 'Save the article' }).click()
    await page.waitForURL(/\/staff\/knowledge\/missed-bin-collections$/)
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /Article published/)
    assert.equal(await page.locator('.fd-article strong').textContent(), 'missed')
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Change the article' }).click()
    await expectAccessible(page)
    await context.close()
  })

  it('shows the chosen service’s help on the contact form without JavaScript', async () => {
    const { page, context } = await h.newPage({ javaScriptEnabled: false })
    await signIn(h, context, { kind: 'staff', id: advisorId })
    await page.goto('/staff/contacts/new')
    await page.getByLabel('Notes (optional)').fill('Bin not emptied')
    await page.getByLabel('Service', { exact: true }).selectOption(String(bins))
    await page.getByRole('button', { name: 'Show help' }).click()
    await page.locator('#help').waitFor()
    assert.match((await page.locator('#help').textContent()) ?? '', /Missed bin collections/)
    assert.equal(await page.getByLabel('Notes (optional)').inputValue(), 'Bin not emptied')
    await page.getByRole('button', { name: 'Save the contact' }).click()
    assert.deepEqual(await errorSummary(page), ['Select the outcome of the contact'])
    assert.equal(await page.getByLabel('Notes (optional)').inputValue(), 'Bin not emptied')
    await context.close()
  })

  it('logs a contact by keyboard alone and goes back to where the advisor was with a banner', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    await page.goto(`/staff/contacts/new?resident=${residentId}&returnTo=%2Fstaff%2Fknowledge`)
    await expectAccessible(page)
    await tabTo(page, '#service', 80)
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await tabTo(page, '#outcome', 80)
    await page.keyboard.press('Space')
    await tabTo(page, '#notes', 80)
    await page.keyboard.type('Told them the new bin day')
    await tabTo(page, 'button:has-text("Save the contact")', 80)
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/staff\/knowledge$/)
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /Contact logged/)
    await expectAccessible(page)
    const contact = await h.database.db
      .selectFrom('contact')
      .select(['resident_id', 'outcome', 'channel', 'notes', 'service_id', 'staff_user_id'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    assert.equal(contact.resident_id, residentId)
    assert.equal(contact.outcome, 'resolved_first_contact')
    assert.equal(contact.channel, 'phone')
    assert.equal(contact.notes, 'Told them the new bin day')
    assert.notEqual(contact.service_id, null)
    assert.equal(contact.staff_user_id, advisorId)
    await context.close()
  })

  it('saves the contact, not "Show help", when Enter is pressed in a text box', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    await page.goto(`/staff/contacts/new?resident=${residentId}&returnTo=%2Fstaff%2Fknowledge`)
    await page.locator('#outcome').check()
    await page.locator('#handleMinutes').fill('4')
    await page.locator('#handleMinutes').press('Enter')
    await page.waitForURL(/\/staff\/knowledge$/)
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /Contact logged/)
    const contact = await h.database.db
      .selectFrom('contact')
      .select(['handle_seconds'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    assert.equal(contact.handle_seconds, 240)
    await context.close()
  })

  it('opens from a screen-pop with the answered call chosen, links it, and warns about a call not theirs', async () => {
    const taker = (await addStaff(h.database, h.councilId, ['advisor'])).id
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()
    await h.database.db
      .insertInto('call')
      .values(
        ['screen-pop-1', 'screen-pop-2'].map((externalId, i) => ({
          council_id: h.councilId,
          external_id: externalId,
          queue: 'main',
          offered_at: minutesAgo(3 + i),
          answered_at: minutesAgo(2 + i),
          abandoned: 0 as const,
          agent_staff_id: i === 0 ? taker : advisorId,
        })),
      )
      .execute()
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: taker })
    await page.goto('/staff/contacts/new?call=screen-pop-2')
    assert.match((await page.locator('.govuk-warning-text').textContent()) ?? '', /will not be linked/)
    await expectAccessible(page)
    await page.goto('/staff/contacts/new?call=screen-pop-1')
    const calls = page.getByRole('group', { name: 'Which call is this contact about?' })
    assert.equal(await calls.getByRole('radio').count(), 2, 'their call, and not one of these')
    assert.equal(await calls.getByRole('radio', { checked: true }).getAttribute('value'), 'screen-pop-1')
    await expectAccessible(page)
    await page.getByLabel('Email').check()
    await page.locator('#outcome').check()
    await page.getByRole('button', { name: 'Save the contact' }).click()
    assert.deepEqual(await errorSummary(page), [
      'A contact about a call you answered must be by phone: select Phone, or that it is not one of these calls',
    ])
    await expectAccessible(page)
    await page.getByLabel('Phone').check()
    await page.getByRole('button', { name: 'Save the contact' }).click()
    await page.locator('.govuk-notification-banner').waitFor()
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /linked to the call/)
    const call = await h.database.db
      .selectFrom('call')
      .innerJoin('contact', 'contact.id', 'call.contact_id')
      .select(['contact.staff_user_id', 'contact.channel'])
      .where('call.external_id', '=', 'screen-pop-1')
      .executeTakeFirstOrThrow()
    assert.deepEqual({ ...call }, { staff_user_id: taker, channel: 'phone' })
    await context.close()
  })

  it('shows an accessible error summary on the contact form that links to the field', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    await page.goto('/staff/contacts/new')
    await page.getByLabel('Minutes', { exact: true }).fill('many')
    await page.getByRole('button', { name: 'Save the contact' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    assert.match(await page.title(), /^Error: /)
    assert.equal(await page.getByLabel('Minutes', { exact: true }).inputValue(), 'many')
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Select the outcome of the contact' }).click()
    assert.equal(await page.locator('#outcome:focus').count(), 1)
    await context.close()
  })
})
