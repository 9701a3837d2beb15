// The rest of administration in a browser: the service form editor, its preview with every kind of
// question, the staff list and a member, working hours and unit costs. Every page and an error
// state of each form passes axe; a question is added and moved by keyboard alone.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { errorSummary, expectAccessible, heading, startHarness, tabTo } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { signIn } from '../support/signed-in.ts'
import { addStaff } from '../support/accounts.ts'
import { addTeam, systemActor } from '../support/fixtures.ts'
import { createService, FIELD_TYPES } from '../../src/features/catalogue/service.ts'
import type { FormField } from '../../src/features/catalogue/service.ts'

/** One question of every kind the form definition has, so the preview shows each through the shared renderer. */
const EVERY_KIND: FormField[] = FIELD_TYPES.map((type) => ({
  name: `a_${type}`,
  label: `A ${type.replace('_', ' ')} question`,
  type,
  required: type !== 'textarea',
  ...(['select', 'radios', 'checkboxes'].includes(type) ? { options: ['First', 'Second'] } : {}),
}))

describe('service forms, staff, hours and costs in a browser', () => {
  let h: Harness
  let adminId: number
  let serviceId: number

  before(async () => {
    h = await startHarness()
    adminId = (await addStaff(h.database, h.councilId, ['admin'], { name: 'Ada Admin' })).id
    await addStaff(h.database, h.councilId, ['advisor'], { name: 'Avi Advisor' })
    const team = await addTeam(h.database, h.councilId, 'Highways')
    serviceId = (
      await createService(h.database, systemActor(h.councilId), h.councilId, {
        name: 'Report a pothole',
        open311_code: 'pothole',
        team_id: team,
        target_hours: 40,
        offline_route: 'Phone 01632 960 000',
        form: EVERY_KIND,
      })
    ).id
  })
  after(() => h?.close())

  async function adminPage() {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: adminId })
    page.setDefaultTimeout(10_000)
    return { page, context }
  }

  it('shows the form editor, a question, its removal and the preview of every kind of question accessibly', async () => {
    const { page, context } = await adminPage()
    await page.goto(`/staff/admin/services/${serviceId}`)
    await page.getByRole('link', { name: 'Change the questions' }).click()
    assert.equal(await heading(page), 'Questions on the form')
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Change A radios question' }).click()
    assert.equal(await heading(page), 'Change the question')
    await expectAccessible(page)
    await page.goto(`/staff/admin/services/${serviceId}/form/a_date/remove`)
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Keep it' }).click()
    await page.getByRole('link', { name: 'Preview the form' }).click()
    assert.equal(await heading(page), 'Report a pothole')
    assert.equal(await page.locator('input[name="answers.a_radios"]').count(), 2)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Check the answers' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    assert.ok((await errorSummary(page)).length >= 10)
    await expectAccessible(page)
    await context.close()
  })

  it('refuses a taken name and a choice with no options in an accessible error summary, keeping what was typed', async () => {
    const { page, context } = await adminPage()
    await page.goto(`/staff/admin/services/${serviceId}/form/new`)
    await expectAccessible(page)
    await page.getByLabel('Answer name').fill('a_text')
    await page.getByLabel('Question', { exact: true }).fill('Where is it?')
    await page.getByLabel('Kind of answer').selectOption('radios')
    await page.getByRole('button', { name: 'Add the question' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    assert.deepEqual(await errorSummary(page), [
      'Another question on this form is already named a_text',
      'Give at least one option for a radios question',
    ])
    assert.equal(await page.getByLabel('Question', { exact: true }).inputValue(), 'Where is it?')
    await expectAccessible(page)
    await page
      .locator('.govuk-error-summary')
      .getByRole('link', { name: /^Give at least one option/ })
      .click()
    assert.equal(await page.locator('#options:focus').count(), 1)
    await context.close()
  })

  it('adds a question and moves it up by keyboard alone', async () => {
    const { page, context } = await adminPage()
    const list = `/staff/admin/services/${serviceId}/form`
    await page.goto(list)
    await tabTo(page, `a[href="${list}/new"]`, 120)
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/form\/new$/)
    await tabTo(page, '#name', 120)
    await page.keyboard.type('how_deep')
    await page.keyboard.press('Tab')
    await page.keyboard.type('How deep is it?')
    await tabTo(page, '#type', 120)
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    assert.equal(await page.locator('#type').inputValue(), 'number')
    await tabTo(page, '#min', 120)
    await page.keyboard.type('1')
    await tabTo(page, 'button.govuk-button:not(.govuk-header__menu-button)', 120)
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/form$/)
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /Question how_deep added/)
    const rows = page.locator('tbody tr')
    assert.match((await rows.last().textContent()) ?? '', /How deep is it\?/)
    await tabTo(page, 'tbody tr:last-child button', 120)
    assert.match((await page.locator('button:focus').textContent()) ?? '', /Move up How deep is it\?/)
    await page.keyboard.press('Enter')
    // The list answers at the same address, so wait for its notice rather than the address.
    await page.locator('.govuk-notification-banner', { hasText: 'Question how_deep moved up' }).waitFor()
    assert.match((await rows.nth(-2).textContent()) ?? '', /How deep is it\?/)
    await expectAccessible(page)
    await context.close()
  })

  // axe runs in the page's JavaScript, so this test checks behaviour only.
  it('moves and removes a question without JavaScript', async () => {
    const { page, context } = await h.newPage({ javaScriptEnabled: false })
    await signIn(h, context, { kind: 'staff', id: adminId })
    page.setDefaultTimeout(10_000)
    await page.goto(`/staff/admin/services/${serviceId}/form`)
    await page.getByRole('button', { name: 'Move down A text question' }).click()
    await page.locator('.govuk-notification-banner', { hasText: 'Question a_text moved down' }).waitFor()
    const labels = async () => (await page.locator('tbody tr td:first-child').allTextContents()).map((t) => t.trim())
    assert.match((await labels())[1] ?? '', /^A text question/)
    await page.getByRole('link', { name: 'Remove A email question' }).click()
    await page.getByRole('button', { name: 'Remove the question' }).click()
    await page.waitForURL(/\/form$/)
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /Question a_email removed/)
    assert.ok((await labels()).every((label) => !label.startsWith('A email question')))
    await context.close()
  })

  it('shows the staff list, a member and the add form with its error summary accessibly', async () => {
    const { page, context } = await adminPage()
    await page.goto('/staff/admin')
    await page.getByRole('link', { name: 'Staff', exact: true }).click()
    assert.equal(await heading(page), 'Staff')
    await expectAccessible(page)
    await page.getByLabel('Role').selectOption('advisor')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.waitForURL(/role=advisor/)
    await page.getByRole('link', { name: 'Avi Advisor' }).click()
    assert.equal(await heading(page), 'Avi Advisor')
    await expectAccessible(page)
    await page.goto('/staff/admin/staff/new')
    await expectAccessible(page)
    await page.getByLabel('Full name').fill('Bea Caseworker')
    await page.getByLabel('Work email address').fill('bea at council')
    await page.getByRole('button', { name: 'Add the member of staff' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    assert.deepEqual(await errorSummary(page), [
      'Enter an email address in the correct format, like name@council.gov.uk',
      'Select at least one role',
    ])
    await expectAccessible(page)
    await page.getByLabel('Work email address').fill('bea@council.example')
    await page.getByLabel('Caseworker').check()
    await page.getByRole('button', { name: 'Add the member of staff' }).click()
    await page.locator('#one-time-password').waitFor()
    await expectAccessible(page)
    await context.close()
  })

  it('shows working hours and unit costs accessibly, with an error state of each', async () => {
    const { page, context } = await adminPage()
    await page.goto('/staff/admin/hours')
    assert.equal(await heading(page), 'Working hours and closure days')
    await expectAccessible(page)
    await page.getByLabel('Closing time').fill('08:00')
    await page.getByRole('button', { name: 'Save working hours' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    assert.deepEqual(await errorSummary(page), ['The closing time must be after the opening time'])
    await expectAccessible(page)
    await page.goto('/staff/admin/costs')
    await expectAccessible(page)
    await page.getByLabel('Phone', { exact: true }).fill('-1')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    assert.deepEqual(await errorSummary(page), ['The cost of a phone contact cannot be less than £0'])
    assert.equal(await page.getByLabel('Phone', { exact: true }).inputValue(), '-1')
    await expectAccessible(page)
    await context.close()
  })
})
