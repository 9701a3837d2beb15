// /staff/audit in a browser: the data protection officer searches by person and by dates, sees
// the error summary for a date that is not real, and every state of the page passes axe.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { expectAccessible, startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { signIn } from '../support/signed-in.ts'
import { addStaff } from '../support/accounts.ts'
import { recordAudit } from '../../src/platform/audit/audit.ts'
import { addResident } from '../support/fixtures.ts'

describe('audit trail search in a browser', () => {
  let h: Harness
  let dpoId: number
  let residentId: number

  before(async () => {
    h = await startHarness()
    dpoId = (await addStaff(h.database, h.councilId, ['dpo'])).id
    residentId = await addResident(h.database, h.councilId)
    const advisor = { kind: 'staff' as const, id: 5, label: 'staff:5', councilId: h.councilId }
    await recordAudit(h.database, advisor, { action: 'resident.read', subjectType: 'resident', subjectId: residentId })
    await recordAudit(h.database, advisor, {
      action: 'resident.update',
      subjectType: 'resident',
      subjectId: residentId,
      detail: { fields: ['emails', 'phones'] },
    })
  })
  after(() => h?.close())

  it('finds the events about a person and is accessible before and after searching', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: dpoId })
    assert.equal((await page.goto('/staff/audit'))?.status(), 200)
    await expectAccessible(page)
    await page.getByLabel('Person').fill(String(residentId))
    await page.locator('main').getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/\/staff\/audit\?/)
    const actions = await page.locator('tbody .govuk-table__row td:nth-child(3)').allTextContents()
    assert.deepEqual(
      actions.map((a) => a.trim()),
      ['resident.update', 'resident.read'],
    )
    assert.match((await page.locator('tbody').textContent()) ?? '', /fields: emails, phones/)
    assert.equal(await page.getByLabel('Person').inputValue(), String(residentId), 'the form keeps the search')
    await expectAccessible(page)
    await context.close()
  })

  it('shows an accessible error summary for a date that is not real, linked to the field', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: dpoId })
    await page.goto('/staff/audit')
    const from = page.getByRole('group', { name: 'Date from' })
    await from.getByLabel('Day').fill('31')
    await from.getByLabel('Month').fill('2')
    await from.getByLabel('Year').fill('2026')
    await page.locator('main').getByRole('button', { name: 'Search' }).click()
    const summary = page.locator('.govuk-error-summary')
    await summary.waitFor()
    assert.match((await summary.textContent()) ?? '', /Date from must be a real date/)
    assert.match(await page.title(), /^Error: /)
    await summary.getByRole('link', { name: 'Date from must be a real date' }).click()
    assert.equal(await page.locator('#from-day:focus').count(), 1, 'the link moves focus to the day box')
    await expectAccessible(page)
    await context.close()
  })

  it('works without JavaScript', async () => {
    const { page, context } = await h.newPage({ javaScriptEnabled: false })
    await signIn(h, context, { kind: 'staff', id: dpoId })
    await page.goto('/staff/audit')
    await page.getByLabel('Actor', { exact: true }).fill('staff:5')
    await page.locator('main').getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/actor=staff%3A5/)
    assert.equal(await page.locator('tbody .govuk-table__row').count(), 2)
    await context.close()
  })
})
