// /staff/messages and /staff/letters in a browser: a failed message sent again by keyboard, a
// day's letters marked printed without JavaScript, the refusal of a second press as an error
// summary, a resident who chose letters finding their request's letters in the print batch, and
// axe on every state.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { errorSummary, expectAccessible, startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { signIn } from '../support/signed-in.ts'
import { queueMessage } from '../../src/platform/notify/outbox.ts'
import { deliverQueuedMessages } from '../../src/platform/notify/deliver.ts'
import { letterSender } from '../../src/platform/notify/letters.ts'
import type { Sender } from '../../src/platform/notify/senders.ts'
import { createCase } from '../../src/features/cases/service.ts'
import { addResident, systemActor } from '../support/fixtures.ts'
import { addAccount, addStaff } from '../support/accounts.ts'
import { updateResident } from '../../src/features/residents/service.ts'
import { sendersFor } from '../../src/platform/notify/channels.ts'
import { pdfPages } from '../support/pdf-text.ts'
import { smtpServer } from '../support/smtp.ts'

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

  it('a resident who chose letters requests online and gets letters in the print batch, not emails', async () => {
    const residentId = await addResident(h.database, h.councilId)
    await updateResident(h.database, systemActor(h.councilId), h.councilId, residentId, {
      emails: ['prism@example.org'],
      addresses: [{ address_line_1: '3 Half Moon Street', town: 'Harness', postcode: 'AB1 3EF' }],
    })
    const account = await addAccount(h.database, h.councilId, residentId)
    const resident = await h.newPage()
    const { page } = resident
    await signIn(h, resident.context, { kind: 'resident', id: account.id })
    await page.goto('/account/contact')
    await page.getByLabel('Letter', { exact: true }).check()
    await page.getByRole('button', { name: 'Save how we contact you' }).click()
    await page.waitForURL(/\/account\/details\?done=contact$/)
    await expectAccessible(page)
    await page.goto('/services/order-a-new-recycling-box')
    await page.getByRole('button', { name: 'Start now' }).click()
    await page.waitForLoadState()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Accept and send' }).click()
    await page.waitForLoadState()
    const reference = /FD-\d{4}-\d{6}/.exec((await page.locator('.govuk-panel').textContent()) ?? '')?.[0]
    assert.ok(reference, 'the panel shows the reference')
    await resident.context.close()

    const caseworker = await addStaff(h.database, h.councilId, ['advisor', 'caseworker'])
    const staff = await h.newPage()
    await signIn(h, staff.context, { kind: 'staff', id: caseworker.id })
    await staff.page.goto(`/staff/cases/${reference}`)
    await staff.page.getByRole('radio', { name: 'Resolved' }).check()
    await staff.page.getByLabel('How was it resolved?').fill('A new box was left at the door')
    await staff.page.getByRole('button', { name: 'Change status' }).click()
    await staff.page.getByText('The case’s status has been changed').waitFor()

    // The outbox as `frontdoor serve` sends it: email by SMTP, letters into the print batch.
    const smtp = await smtpServer()
    try {
      const senders = sendersFor({ smtpUrl: smtp.url, notify: undefined, dataDir: '/nonexistent' }, h.database)
      await deliverQueuedMessages(h.database, senders, { from: 'x@example.org', publicUrl: h.baseUrl })
      assert.deepEqual(smtp.received, [], 'no email, though the record has an address')
    } finally {
      await smtp.close()
    }

    await staff.page.goto('/staff/letters')
    await expectAccessible(staff.page)
    const row = staff.page.locator('#batches tbody tr', { hasText: 'To print' })
    assert.match((await row.textContent()) ?? '', /2\s+To print/, 'the confirmation and the status change')
    const href = await row.getByRole('link', { name: /Download letters \(PDF\)/ }).getAttribute('href')
    assert.ok(href)
    const pdf = await staff.context.request.get(href)
    assert.equal(pdf.headers()['content-type'], 'application/pdf')
    const letters = pdfPages(await pdf.body())
    assert.equal(letters.length, 2)
    for (const letter of letters) {
      assert.match(letter, /3 Half Moon Street/)
      assert.match(letter, new RegExp(reference))
    }
    assert.ok(letters.some((letter) => /is now resolved/.test(letter) && /A new box was left at the door/.test(letter)))
    assert.ok(letters.some((letter) => /We have your request about Order a new recycling box/.test(letter)))
    await staff.context.close()
  })
})
