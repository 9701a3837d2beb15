// Raising a case at the desk in a browser: an advisor raises an assisted case for a caller and
// reads out its reference; a neighbour's report of the same problem joins the open case; the
// service's questions show GOV.UK errors with what was typed kept; every page passes axe, and the
// raising works without JavaScript.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { expectAccessible, startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import type { Page } from 'playwright-core'
import { signIn } from '../support/signed-in.ts'
import { addStaff } from '../support/accounts.ts'
import { addResident, addTeam, systemActor } from '../support/fixtures.ts'
import { createService } from '../../src/features/catalogue/service.ts'
import { nowIso } from '../../src/platform/db/database.ts'

describe('raising a case at the desk in a browser', () => {
  let h: Harness
  let advisorId: number
  let caller: number
  let neighbour: number

  async function addHome(residentId: number) {
    await h.database.db
      .insertInto('resident_address')
      .values({
        council_id: h.councilId,
        resident_id: residentId,
        address_line_1: '4 Mill Lane',
        address_line_2: null,
        town: 'Harness',
        postcode: 'AB1 2CD',
        uprn: '100023336957',
        is_primary: 1,
        created_at: nowIso(),
      })
      .execute()
  }

  before(async () => {
    h = await startHarness()
    advisorId = (await addStaff(h.database, h.councilId, ['advisor'])).id
    caller = await addResident(h.database, h.councilId)
    neighbour = await addResident(h.database, h.councilId)
    await addHome(caller)
    await addHome(neighbour)
    await createService(h.database, systemActor(h.councilId), h.councilId, {
      name: 'Report a broken street light',
      open311_code: 'street-light',
      team_id: await addTeam(h.database, h.councilId, 'Street lighting'),
      target_hours: 40,
      offline_route: 'Phone 01632 960 000',
      form: [
        {
          name: 'fault',
          label: 'What is wrong with it?',
          type: 'radios',
          required: true,
          options: ['Out', 'Flashing'],
        },
        { name: 'seen_on', label: 'When was it first noticed?', type: 'date', required: true },
        { name: 'column', label: 'Number on the post', type: 'text', required: false },
      ],
    })
  })
  after(() => h?.close())

  async function chooseStreetLight(page: Page, residentId: number) {
    assert.equal((await page.goto(`/staff/residents/${residentId}/cases/new`))?.status(), 200)
    await page.getByLabel('Report a broken street light').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'Report a broken street light' }).waitFor()
  }

  async function fillReport(page: Page) {
    await page.getByLabel('Phone', { exact: true }).check()
    await page.getByLabel('Out').check()
    const date = page.getByRole('group', { name: 'When was it first noticed?' })
    await date.getByLabel('Day').fill('2')
    await date.getByLabel('Month').fill('3')
    await date.getByLabel('Year').fill('2026')
  }

  it('raises an assisted case and shows the reference to read out, accessible at every step and on errors', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    await page.goto(`/staff/residents/${caller}/cases/new`)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    assert.match(await page.title(), /^Error: /)
    await expectAccessible(page)
    await page.getByLabel('Report a broken street light').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await expectAccessible(page)
    await page.getByLabel('Number on the post').fill('SL 7')
    await page.getByRole('button', { name: 'Continue' }).click()
    const summary = page.locator('.govuk-error-summary')
    await summary.waitFor()
    assert.match((await summary.textContent()) ?? '', /Select how the report came in/)
    assert.match((await summary.textContent()) ?? '', /Enter a date/)
    assert.equal(await page.getByLabel('Number on the post').inputValue(), 'SL 7', 'what was typed is kept')
    await summary.getByRole('link', { name: 'Enter a date' }).click()
    assert.equal(await page.locator('#answers-seen_on-day:focus').count(), 1, 'the link moves focus to the day box')
    await expectAccessible(page)
    await fillReport(page)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.locator('.govuk-panel').waitFor()
    const reference = (await page.locator('.govuk-panel strong').textContent())?.trim() ?? ''
    assert.match(reference, /^FD-\d{4}-\d{6}$/)
    assert.match((await page.locator('.govuk-panel__title').textContent()) ?? '', /Case raised/)
    await expectAccessible(page)
    const row = await h.database.db
      .selectFrom('case')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow()
    assert.deepEqual([row.resident_id, row.channel, row.created_by], [caller, 'phone', 'staff'])
    // The resident's record with the case on it fits a phone: the cases table scrolls in its own box.
    await page.setViewportSize({ width: 375, height: 800 })
    await page.goto(`/staff/residents/${caller}`)
    await page.getByRole('region', { name: 'The resident’s cases, open ones first' }).waitFor()
    assert.ok(Number(await page.evaluate('document.documentElement.scrollWidth')) <= 375, 'the page fits 375px')
    await expectAccessible(page)
    await context.close()
  })

  it('joins a neighbour’s report of the same problem to the open case', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    const open = await h.database.db
      .selectFrom('case')
      .select('reference')
      .where('resident_id', '=', caller)
      .executeTakeFirstOrThrow()
    await chooseStreetLight(page, neighbour)
    await fillReport(page)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'Is this already reported?' }).waitFor()
    await page.getByRole('button', { name: 'Save the report' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    assert.match(await page.title(), /^Error: /)
    await expectAccessible(page)
    await page.getByLabel(`Join the report to ${open.reference}`).check()
    await page.getByRole('button', { name: 'Save the report' }).click()
    await page.locator('.govuk-panel').waitFor()
    assert.match((await page.locator('.govuk-panel__title').textContent()) ?? '', /Report joined to an open case/)
    assert.equal((await page.locator('.govuk-panel strong').textContent())?.trim(), open.reference)
    await expectAccessible(page)
    await context.close()
  })

  it('raises a case without JavaScript', async () => {
    const { page, context } = await h.newPage({ javaScriptEnabled: false })
    await signIn(h, context, { kind: 'staff', id: advisorId })
    const other = await addResident(h.database, h.councilId)
    await chooseStreetLight(page, other)
    await fillReport(page)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL(/\/confirmation$/)
    assert.match((await page.locator('.govuk-panel').textContent()) ?? '', /Case raised\s+Reference\s*FD-\d{4}-\d{6}/)
    await context.close()
  })
})
