// The administration pages in a browser: every page and every error summary passes axe, the error
// summary's links move focus to the box at fault, a team is added without JavaScript, and a team is
// added and renamed by keyboard alone.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { errorSummary, expectAccessible, heading, startHarness, tabTo } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { signIn } from '../support/signed-in.ts'
import { addStaff } from '../support/accounts.ts'

describe('administration in a browser', () => {
  let h: Harness
  let adminId: number

  before(async () => {
    h = await startHarness()
    adminId = (await addStaff(h.database, h.councilId, ['admin'])).id
  })
  after(() => h?.close())

  async function adminPage(javaScriptEnabled = true) {
    const { page, context } = await h.newPage({ javaScriptEnabled })
    await signIn(h, context, { kind: 'staff', id: adminId })
    page.setDefaultTimeout(10_000)
    return { page, context }
  }

  it('shows the index, teams and services pages accessibly', async () => {
    const { page, context } = await adminPage()
    await page.goto('/staff/admin')
    assert.equal(await heading(page), 'Administration')
    assert.equal(await page.locator('.moj-primary-navigation [aria-current="page"]').textContent(), 'Administration')
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Teams' }).first().click()
    assert.equal(await heading(page), 'Teams')
    await expectAccessible(page)
    await page.goto('/staff/admin')
    await page.getByRole('link', { name: 'Services' }).click()
    assert.equal(await heading(page), 'Services')
    await expectAccessible(page)
    await page.locator('tbody a').first().click()
    assert.match((await page.locator('.govuk-summary-list').textContent()) ?? '', /Open311 code/)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Change the service' }).click()
    assert.equal(await heading(page), 'Change the service')
    await expectAccessible(page)
    await context.close()
  })

  it('shows an accessible error summary on the service form, keeping what was typed', async () => {
    const { page, context } = await adminPage()
    await page.goto('/staff/admin/services/new')
    await expectAccessible(page)
    await page.getByLabel('Name', { exact: true }).fill('Graffiti removal')
    await page.getByLabel('Open311 code').fill('Graffiti!')
    await page.getByLabel('Target, in working hours').fill('a week')
    await page.getByRole('button', { name: 'Add the service' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    assert.match(await page.title(), /^Error: /)
    assert.deepEqual(await errorSummary(page), [
      'The Open311 code must be lower case letters and digits joined by hyphens, like missed-bin',
      'Select the team or partner organisation that delivers it',
      'Enter the target as a whole number of working hours, from 1 to 100000',
      'Enter how a resident can use the service without going online',
    ])
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Graffiti removal')
    assert.equal(await page.getByLabel('Target, in working hours').inputValue(), 'a week')
    await expectAccessible(page)
    await page
      .locator('.govuk-error-summary')
      .getByRole('link', { name: /^Select the team/ })
      .click()
    assert.equal(await page.locator('#deliveredBy:focus').count(), 1, 'the link moves focus to the select')
    await context.close()
  })

  it('shows an accessible error summary for a taken team name, keeping what was typed', async () => {
    const { page, context } = await adminPage()
    await page.goto('/staff/admin/teams/new')
    await expectAccessible(page)
    await page.getByLabel('Add a team').fill('CUSTOMER SERVICES')
    await page.getByRole('button', { name: 'Add the team' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    assert.deepEqual(await errorSummary(page), ['There is already a team named Customer services'])
    assert.equal(await page.getByLabel('Add a team').inputValue(), 'CUSTOMER SERVICES')
    await expectAccessible(page)
    await context.close()
  })

  // axe runs in the page's JavaScript, so this test checks behaviour only.
  it('adds a team without JavaScript', async () => {
    const { page, context } = await adminPage(false)
    await page.goto('/staff/admin/teams/new')
    await page.getByLabel('Add a team').fill('Environmental health')
    await page.getByRole('button', { name: 'Add the team' }).click()
    await page.waitForURL(/\/staff\/admin\/teams$/)
    assert.match(
      (await page.locator('.govuk-notification-banner').textContent()) ?? '',
      /Team Environmental health added/,
    )
    await context.close()
  })

  it('renames a team by keyboard alone', async () => {
    const { page, context } = await adminPage()
    await page.goto('/staff/admin')
    await tabTo(page, 'a[href="/staff/admin/teams"]:not(.moj-primary-navigation__link)', 80)
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/staff\/admin\/teams$/)
    await tabTo(page, 'a[href="/staff/admin/teams/new"]', 80)
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/teams\/new$/)
    await tabTo(page, '#name', 80)
    await page.keyboard.type('Licensing')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/staff\/admin\/teams$/)
    const rename = page.getByRole('link', { name: 'Rename Licensing' })
    const href = (await rename.getAttribute('href')) ?? ''
    await tabTo(page, `a[href="${href}"]`, 80)
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/edit$/)
    await tabTo(page, '#name', 80)
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('Licensing and permits')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/staff\/admin\/teams$/)
    assert.match(
      (await page.locator('.govuk-notification-banner').textContent()) ?? '',
      /Team renamed to Licensing and permits/,
    )
    await expectAccessible(page)
    await context.close()
  })
})
