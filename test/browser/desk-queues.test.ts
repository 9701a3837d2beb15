// The caseworker's day in a browser: take a case from the team queue, resolve it with a public
// note the resident then sees in their account; an overdue case is tagged overdue; refusals show
// an error summary; every page and state passes axe; it all works without JavaScript.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { expectAccessible, errorSummary, startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { signIn } from '../support/signed-in.ts'
import type { Page } from 'playwright-core'
import { addAccount, addStaff } from '../support/accounts.ts'
import { addResident, systemActor } from '../support/fixtures.ts'
import { createCase } from '../../src/features/cases/service.ts'

/** The error summary's messages, once the page that carries it has loaded. */
async function shownErrors(page: Page): Promise<string[]> {
  await page.locator('.govuk-error-summary').waitFor()
  return errorSummary(page)
}

describe('the case page and the queues in a browser', () => {
  let h: Harness
  let caseworkerId: number
  let residentId: number
  let serviceId: number

  async function raise(): Promise<string> {
    const raised = await createCase(h.database, systemActor(h.councilId), h.councilId, {
      service_id: serviceId,
      resident_id: residentId,
      channel: 'phone',
      created_by: 'staff',
    })
    return raised.reference
  }

  before(async () => {
    h = await startHarness()
    const service = await h.database.db
      .selectFrom('service')
      .select(['id', 'team_id'])
      .where('open311_code', '=', 'missed-bin')
      .executeTakeFirstOrThrow()
    serviceId = service.id
    caseworkerId = (await addStaff(h.database, h.councilId, ['caseworker'], { name: 'Cara Worker' })).id
    await h.database.db
      .insertInto('staff_team')
      .values({ staff_user_id: caseworkerId, team_id: service.team_id!, council_id: h.councilId })
      .execute()
    residentId = await addResident(h.database, h.councilId)
  })
  after(() => h?.close())

  it('takes a case from the team queue and resolves it with a public note the resident sees', async () => {
    const reference = await raise()
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: caseworkerId })
    await page.goto('/staff/queues')
    await page.getByRole('link', { name: 'My team’s cases' }).click()
    await page.waitForURL(/view=team/)
    await expectAccessible(page)

    await page.getByRole('button', { name: 'Assign selected cases' }).click()
    assert.deepEqual(await shownErrors(page), [
      'Select the cases to assign',
      'Choose a person or a team to give the cases to',
    ])
    await expectAccessible(page)

    await page.getByLabel(`Select ${reference}`).check()
    await page.getByLabel('To a person').selectOption({ label: 'Cara Worker' })
    await page.getByRole('button', { name: 'Assign selected cases' }).click()
    await page.getByText('1 case assigned').waitFor()
    await page.getByRole('link', { name: 'My cases' }).click()
    await page.getByRole('link', { name: reference }).click()
    await page.waitForURL(new RegExp(`/staff/cases/${reference}`))
    await expectAccessible(page)

    await page.getByRole('radio', { name: 'Resolved' }).check()
    await page.getByRole('button', { name: 'Change status' }).click()
    assert.deepEqual(await shownErrors(page), ['Say how the case was resolved'])
    await expectAccessible(page)
    await page.getByLabel('How was it resolved?').fill('The crew came back and emptied the bin')
    await page.getByRole('button', { name: 'Change status' }).click()
    await page.getByText('The case’s status has been changed').waitFor()

    await page.getByLabel('Add a note').fill('Sorry we missed it: your bin has now been emptied')
    await page.getByLabel('The resident too (public)').check()
    await page.getByRole('button', { name: 'Add note' }).click()
    await page.getByText('Your note has been added').waitFor()
    const firstEntry = page.locator('.moj-timeline__item').first()
    assert.match(
      (await firstEntry.textContent()) ?? '',
      /Public note[\s\S]*Public: the resident sees this[\s\S]*bin has now been emptied/,
    )
    await expectAccessible(page)
    await context.close()

    const account = await addAccount(h.database, h.councilId, residentId)
    const online = await h.newPage()
    await signIn(h, online.context, { kind: 'resident', id: account.id })
    await online.page.goto(`/account/requests/${reference}`)
    assert.match((await online.page.textContent('main')) ?? '', /your bin has now been emptied/)
    await online.context.close()
  })

  it('tags an overdue case as overdue in the queue and on its page', async () => {
    const reference = await raise()
    await h.database.db
      .updateTable('case')
      .set({ due_at: new Date(Date.now() - 3 * 86_400_000).toISOString() })
      .where('reference', '=', reference)
      .execute()
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: caseworkerId })
    await page.goto('/staff/queues?view=team&overdue=yes')
    const row = page.locator('tbody tr', { hasText: reference })
    assert.match((await row.textContent()) ?? '', /Overdue/)
    await expectAccessible(page)
    await row.getByRole('link', { name: reference }).click()
    await page.waitForURL(new RegExp(`/staff/cases/${reference}`))
    assert.equal(await page.locator('.govuk-tag--red', { hasText: 'Overdue' }).count(), 1)
    await expectAccessible(page)
    await context.close()
  })

  it('works by keyboard and without JavaScript: filtering, sorting, resolving and reopening', async () => {
    const reference = await raise()
    const { page, context } = await h.newPage({ javaScriptEnabled: false })
    await signIn(h, context, { kind: 'staff', id: caseworkerId })
    await page.goto('/staff/queues?view=unassigned')
    await page.getByLabel('Channel').selectOption('phone')
    await page.getByRole('button', { name: 'Apply filters' }).press('Enter')
    await page.waitForURL(/channel=phone/)
    await page.getByRole('link', { name: 'Reference' }).press('Enter')
    await page.waitForURL(/sort=reference/)
    assert.equal((await page.locator('th[aria-sort="ascending"]').textContent())?.trim(), 'Reference')
    await page.goto(`/staff/cases/${reference}`)
    await page.getByRole('radio', { name: 'Resolved' }).check()
    await page.getByLabel('How was it resolved?').fill('Emptied')
    await page.getByRole('button', { name: 'Change status' }).press('Enter')
    await page.getByText('The case’s status has been changed').waitFor()
    await page.getByLabel('Why is it being reopened?').fill('The resident says it is not fixed')
    await page.getByRole('button', { name: 'Reopen case' }).press('Enter')
    await page.getByText('The case has been reopened').waitFor()
    await context.close()
  })

  it('shows an accessible error summary when a reopen has no reason, and a sorted, filtered queue', async () => {
    const reference = await raise()
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: caseworkerId })
    await page.goto(`/staff/cases/${reference}`)
    await page.getByRole('radio', { name: 'Resolved' }).check()
    await page.getByLabel('How was it resolved?').fill('Emptied')
    await page.getByRole('button', { name: 'Change status' }).click()
    await page.getByText('The case’s status has been changed').waitFor()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Reopen case' }).click()
    assert.deepEqual(await shownErrors(page), ['Say why the case is being reopened'])
    await expectAccessible(page)
    await page.goto('/staff/queues?view=unassigned&status=resolved&sort=reference&order=desc')
    assert.equal((await page.locator('th[aria-sort="descending"]').textContent())?.trim(), 'Reference')
    assert.equal(await page.locator('.moj-filter__tag').count(), 1, 'the chosen status shows as a tag')
    await expectAccessible(page)
    await context.close()
  })
})
