// /staff/messages and /staff/letters in a browser: a failed message sent again by keyboard, a
// day's letters marked printed without JavaScript, the refusal of a second press as an error
// summary, and axe on every state.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { errorSummary, expectAccessible, startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { signIn } from '../support/signed-in.ts'
import { addStaff } from '../support/accounts.ts'
import { queueMessage } from '../../src/platform/notify/outbox.ts'
import { deliverQueuedMessages } from '../../src/platform/notify/deliver.ts'
import { letterSender } from '../../src/platform/notify/letters.ts'
import type { Sender } from '../../src/platform/notify/senders.ts'
import { createCase } from '../../src/features/cases/service.ts'
import { addResident } from '../support/fixtures.ts'

const refusing: Sender = {
  description: 'refusing',
  send: () => Promise.reject(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })),
  close: async () => {},
}

describe('messages and letters in a browser', () => {
  let h: Harness
  let advisorId: number

  const queue = (channel: 'email' | 'letter', to: string) =>
    queueMessage(h.database.db, {
      councilId: h.councilId,
      residentId: null,
      caseId: null,
      channel,
      template: 'case-status-changed',
      to,
      personalisation: { councilName: 'Harness', reference: 'FD-2026-000009', serviceName: 'Bins', status: 'resolved' },
    })

  before(async () => {
    h = await startHarness()
    advisorId = (await addStaff(h.database, h.councilId, ['advisor'])).id
    await queue('email', 'a@example.org')
    await queue('email', 'b@example.org')
    await queue('letter', 'A Person\n1 Road\nTE1 1ST')
    await deliverQueuedMessages(
      h.database,
      { email: refusing, letter: letterSender(h.database) },
      { from: 'x@example.org', maxAttempts: 1 },
    )
  })
  after(() => h?.close())

  it('lists failed messages and sends one again by keyboard; a message already sent again is refused', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    assert.equal((await page.goto('/staff/messages'))?.status(), 200)
    await expectAccessible(page)
    const buttons = page.locator('#failed').getByRole('button', { name: /^Send again/ })
    assert.equal(await buttons.count(), 2)
    await buttons.first().focus()
    await page.keyboard.press('Enter')
    await page.locator('.govuk-notification-banner').waitFor()
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /will be sent again/)
    assert.equal(
      await page
        .locator('#failed')
        .getByRole('button', { name: /^Send again/ })
        .count(),
      1,
    )
    await expectAccessible(page)

    // Someone else sends the last one again first: this page's button is now out of date.
    const second = await h.newPage()
    await signIn(h, second.context, { kind: 'staff', id: advisorId })
    await second.page.goto('/staff/messages')
    await second.page
      .locator('#failed')
      .getByRole('button', { name: /^Send again/ })
      .click()
    await second.page.locator('.govuk-notification-banner').waitFor()
    await second.context.close()

    await page
      .locator('#failed')
      .getByRole('button', { name: /^Send again/ })
      .click()
    assert.deepEqual(await errorSummary(page), [
      'That message is not failed any more: it may have been sent again already',
    ])
    await expectAccessible(page)
    await context.close()
  })

  it('shows a case’s failed message on the case page, accessibly', async () => {
    const residentId = await addResident(h.database, h.councilId)
    const actor = { kind: 'system' as const, id: null, label: 'test', councilId: h.councilId }
    const raised = await createCase(h.database, actor, h.councilId, {
      service_code: 'missed-bin',
      resident_id: residentId,
      channel: 'phone',
      created_by: 'staff',
    })
    const id = await queue('email', 'c@example.org')
    await h.database.db.updateTable('notification').set({ case_id: raised.id }).where('id', '=', id).execute()
    await deliverQueuedMessages(h.database, { email: refusing }, { from: 'x@example.org', maxAttempts: 1 })
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    assert.equal((await page.goto(`/staff/cases/${raised.reference}`))?.status(), 200)
    const table = page.locator('table', { has: page.getByText('Messages to the resident') })
    assert.match((await table.textContent()) ?? '', /Status change\s+Email\s+Failed/)
    await expectAccessible(page)
    await context.close()
  })

  it('lists the day’s letters and marks them printed without JavaScript; a second press is refused', async () => {
    const { page, context } = await h.newPage({ javaScriptEnabled: false })
    await signIn(h, context, { kind: 'staff', id: advisorId })
    assert.equal((await page.goto('/staff/letters'))?.status(), 200)
    const row = page.locator('#batches tbody tr').first()
    assert.match((await row.textContent()) ?? '', /1\s+To print/)
    assert.equal(await row.getByRole('link', { name: /Download letters \(PDF\)/ }).count(), 1)
    const other = await h.newPage({ javaScriptEnabled: false })
    await signIn(h, other.context, { kind: 'staff', id: advisorId })
    await other.page.goto('/staff/letters')
    await row.getByRole('button', { name: /^Mark printed/ }).click()
    await page.waitForURL(/\/staff\/letters$/)
    assert.match((await page.locator('#batches tbody tr').first().textContent()) ?? '', /Printed/)
    await other.page
      .locator('#batches tbody tr')
      .first()
      .getByRole('button', { name: /^Mark printed/ })
      .click()
    assert.deepEqual(await errorSummary(other.page), ['That batch was marked printed already'])
    await other.context.close()
    await context.close()
  })

  it('passes axe with JavaScript, before and after a refusal', async () => {
    // A letter after the day's batch was printed goes in the next day's batch.
    await queue('letter', 'B Person\n2 Road\nTE1 2ST')
    await deliverQueuedMessages(h.database, { letter: letterSender(h.database) }, { from: 'x@example.org' })
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    await page.goto('/staff/letters')
    await expectAccessible(page)
    const other = await h.newPage()
    await signIn(h, other.context, { kind: 'staff', id: advisorId })
    await other.page.goto('/staff/letters')
    await other.page.getByRole('button', { name: /^Mark printed/ }).click()
    await other.page.locator('.govuk-notification-banner').waitFor()
    await other.context.close()
    await page.getByRole('button', { name: /^Mark printed/ }).click()
    assert.deepEqual(await errorSummary(page), ['That batch was marked printed already'])
    await expectAccessible(page)
    await context.close()
  })
})
