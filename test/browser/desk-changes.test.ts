// The desk's change pages in a browser: changing details, the flags pages and the merge
// comparison, each page and each error summary passing axe, and saving by keyboard alone.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { errorSummary, expectAccessible, startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { signIn } from '../support/signed-in.ts'
import { addStaff } from '../support/accounts.ts'
import { addResident } from '../support/fixtures.ts'

describe('changing a resident at the desk in a browser', () => {
  let h: Harness
  let leaderId: number
  let residentId: number
  let duplicateId: number

  before(async () => {
    h = await startHarness()
    leaderId = (await addStaff(h.database, h.councilId, ['team_leader'])).id
    residentId = await addResident(h.database, h.councilId)
    duplicateId = await addResident(h.database, h.councilId)
  })
  after(() => h?.close())

  it('changes details with a reason, after an accessible error summary that keeps what was typed', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: leaderId })
    assert.equal((await page.goto(`/staff/residents/${residentId}/edit`))?.status(), 200)
    await expectAccessible(page)
    await page.getByLabel('Last name').fill('Exemplar')
    await page.getByRole('button', { name: 'Save changes' }).click()
    assert.deepEqual(await errorSummary(page), ['Enter the reason for the change'])
    assert.equal(await page.getByLabel('Last name').inputValue(), 'Exemplar')
    await expectAccessible(page)
    await page.getByLabel('Reason for the change').fill('Told us on the phone')
    await page.getByLabel('Reason for the change').press('Tab')
    await page.keyboard.press('Enter')
    await page.waitForURL(new RegExp(`/staff/residents/${residentId}\\?changed=details`))
    await context.close()
  })

  it('adds a flag and shows the flags, the change pages and their errors accessibly', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: leaderId })
    await page.goto(`/staff/residents/${residentId}/flags`)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Add the flag' }).click()
    assert.deepEqual(await errorSummary(page), ['Enter the reason for the flag'])
    await expectAccessible(page)
    await page.getByLabel('Why the resident is vulnerable').fill('Lives alone')
    await page.getByRole('button', { name: 'Add the flag' }).click()
    await page.waitForURL(/changed=flag_added/)
    await page.goto(`/staff/residents/${residentId}/flags`)
    await expectAccessible(page)
    for (const link of ['Change review date of flag 1', 'Remove flag 1']) {
      await page.goto(`/staff/residents/${residentId}/flags`)
      await page.getByRole('link', { name: link }).click()
      await expectAccessible(page)
      await page.getByRole('button', { name: /Change the review date|Remove the flag/ }).click()
      assert.deepEqual(await errorSummary(page), ['Enter the reason for the change'])
      await expectAccessible(page)
    }
    await context.close()
  })

  it('finds a duplicate, compares the two records and merges them', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: leaderId })
    await page.goto(`/staff/residents/${residentId}/merge`)
    await expectAccessible(page)
    await page.getByLabel('Find the duplicate').fill(String(residentId))
    await page.getByRole('button', { name: 'Find' }).click()
    assert.deepEqual(await errorSummary(page), ['A resident cannot be merged into itself'])
    await expectAccessible(page)
    await page.getByLabel('Find the duplicate').fill('alex')
    await page.getByRole('button', { name: 'Find' }).click()
    await page.getByRole('link', { name: `Compare with Alex Example, record ${duplicateId}` }).click()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Merge the records' }).click()
    assert.deepEqual(await errorSummary(page), ['Enter the reason for the merge'])
    await expectAccessible(page)
    await page.getByLabel('Reason for the merge').fill('Same person')
    await page.getByRole('button', { name: 'Merge the records' }).click()
    await page.waitForURL(new RegExp(`/staff/residents/${residentId}\\?changed=merged`))
    await context.close()
  })
})
