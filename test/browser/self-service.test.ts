// A resident's own requests in a real browser: an anonymous report end to end, a request in Welsh,
// the whole journey with JavaScript off, tracking by reference, the keyboard alone, reflow at 320
// CSS pixels, and an account made, confirmed by its emailed link, used to request, and told by
// email when staff change the request. Axe checks every page and every error state the journey meets.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, expectAccessible, heading, startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { systemActor } from '../support/fixtures.ts'
import { createService, listActiveServices, updateService } from '../../src/features/catalogue/service.ts'
import { addPropertyBatch } from '../../src/features/addresses/service.ts'
import { DISCOUNT, REPORT, STREET } from '../../src/features/self-service/test-fixtures.ts'
import { PASSWORD } from '../../src/features/account/test-fixtures.ts'
import { deliverQueuedMessages } from '../../src/platform/notify/deliver.ts'
import { sendersFor } from '../../src/platform/notify/channels.ts'
import { addStaff } from '../support/accounts.ts'
import { signIn } from '../support/signed-in.ts'
import { mailTo, smtpServer } from '../support/smtp.ts'
import type { TestSmtpServer } from '../support/smtp.ts'

type Check = (page: Page) => Promise<void>
const noCheck: Check = async () => undefined

async function continueOn(page: Page, button = 'Continue'): Promise<void> {
  // The click waits for the navigation it starts; the load state for the page it brings.
  await page.getByRole('button', { name: button }).click()
  await page.waitForLoadState()
}

/** The anonymous report from the start page to the confirmation; `check` runs on every page and error state. */
async function reportMissedBin(page: Page, check: Check): Promise<string> {
  await page.goto('/')
  await check(page)
  await page.getByLabel('Search for a service').fill('bin not emtied')
  await continueOn(page, 'Search')
  assert.equal(await heading(page), 'Search results')
  await check(page)
  await page.getByRole('link', { name: 'Report a missed bin collection' }).click()
  assert.equal(await heading(page), 'Report a missed bin collection')
  assert.match((await page.locator('main').textContent()) ?? '', /Someone can do it for you/)
  await check(page)
  await continueOn(page, 'Start now')

  assert.equal(await heading(page), 'Which bin was missed?')
  await continueOn(page)
  assert.deepEqual(await errorSummary(page), ['Select an option from the list'])
  await check(page)
  await page.getByLabel('Recycling').check()
  await continueOn(page)

  assert.equal(await heading(page), 'Where is the bin?')
  await page.getByLabel('Find the address by postcode').fill('ab12cd')
  await continueOn(page, 'Find address')
  await check(page)
  await continueOn(page)
  assert.deepEqual(await errorSummary(page), ['Enter the address'])
  await check(page)
  await page.getByLabel('2 Mill Lane, Ashby, AB1 2CD').check()
  await continueOn(page)

  assert.equal(await heading(page), 'Was the bin out by 7am?')
  await page.getByLabel('Yes').check()
  await continueOn(page)

  assert.equal(await heading(page), 'Your details')
  await check(page)
  await continueOn(page)
  assert.equal(await heading(page), 'Check your answers before sending your request')
  const answers = (await page.locator('main').textContent()) ?? ''
  assert.match(answers, /2 Mill Lane, Ashby, AB1 2CD/)
  assert.match(answers, /reported anonymously/)
  await check(page)
  await continueOn(page, 'Accept and send')
  assert.equal(await heading(page), 'Request sent')
  await check(page)
  const reference = /FD-\d{4}-\d{6}/.exec((await page.locator('.govuk-panel').textContent()) ?? '')?.[0]
  assert.ok(reference, 'the panel shows the reference')
  return reference
}

describe('resident self-service in a browser', () => {
  let h: Harness

  before(async () => {
    h = await startHarness()
    const actor = systemActor(h.councilId)
    const existing = await listActiveServices(h.database, h.councilId)
    const missedBin = existing.find((service) => service.open311_code === 'missed-bin')!
    await updateService(h.database, actor, h.councilId, missedBin.id, {
      form: REPORT.form,
      anonymous_allowed: true,
      keywords: REPORT.keywords,
    })
    await createService(h.database, actor, h.councilId, { ...DISCOUNT, team_id: missedBin.team_id })
    await h.database.db.transaction().execute((trx) => addPropertyBatch(trx, h.councilId, STREET))
  })
  after(() => h?.close())

  it('takes an anonymous report end to end, every page and error accessible', async () => {
    const { page, context } = await h.newPage()
    await reportMissedBin(page, expectAccessible)
    await page.getByRole('link', { name: 'What did you think of this service?' }).click()
    await continueOn(page, 'Send feedback')
    assert.deepEqual(await errorSummary(page), ['Select how you feel about the service you received'])
    await expectAccessible(page)
    await page.getByLabel('Satisfied', { exact: true }).check()
    await continueOn(page, 'Send feedback')
    assert.equal(await heading(page), 'Thank you for your feedback')
    await expectAccessible(page)
    await page.goto('/services')
    assert.equal(await heading(page), 'All services from A to Z')
    await expectAccessible(page)
    await page.goto('/services/book-a-bulky-waste-collection')
    assert.match((await page.locator('main').textContent()) ?? '', /You cannot do this online/)
    assert.equal(await page.getByRole('button', { name: 'Start now' }).count(), 0)
    await expectAccessible(page)
    await context.close()
  })

  it('takes a request in Welsh from the start page to the confirmation, error message included', async () => {
    const { page, context } = await h.newPage()
    await page.goto('/?lang=cy')
    assert.equal(await page.locator('html').getAttribute('lang'), 'cy')
    await page.getByRole('link', { name: 'Gwneud cais am ostyngiad person sengl yn y dreth gyngor' }).click()
    await expectAccessible(page)
    await continueOn(page, 'Dechrau nawr')
    assert.equal(await heading(page), 'Pryd wnaethoch chi ddechrau byw ar eich pen eich hun?')
    await page.getByLabel('Diwrnod').fill('31')
    await page.getByLabel('Mis').fill('2')
    await page.getByLabel('Blwyddyn').fill('2025')
    await continueOn(page, 'Parhau')
    assert.deepEqual(await errorSummary(page), ['Rhowch ddyddiad go iawn, fel 2026-03-27'])
    assert.equal(await page.getByLabel('Diwrnod').inputValue(), '31', 'what was typed is kept')
    await expectAccessible(page)
    await page.getByLabel('Diwrnod').fill('28')
    await continueOn(page, 'Parhau')
    assert.equal(await heading(page), 'Eich manylion')
    await continueOn(page, 'Parhau')
    assert.deepEqual(await errorSummary(page), [
      'Rhowch eich enw cyntaf',
      'Rhowch eich cyfenw',
      'Rhowch gyfeiriad e-bost neu rif ffôn er mwyn i ni allu cysylltu â chi',
    ])
    await expectAccessible(page)
    await page.getByLabel('Enw cyntaf').fill('Megan')
    await page.getByLabel('Cyfenw').fill('Jones')
    await page.getByLabel('Rhif ffôn yn y DU (dewisol)').fill('07700 900123')
    await continueOn(page, 'Parhau')
    assert.equal(await heading(page), 'Gwiriwch eich atebion cyn anfon eich cais')
    assert.match((await page.locator('main').textContent()) ?? '', /28 Chwefror 2025/)
    await expectAccessible(page)
    await continueOn(page, 'Derbyn ac anfon')
    assert.equal(await heading(page), "Cais wedi'i anfon")
    assert.match((await page.locator('main').textContent()) ?? '', /Ein nod yw gorffen o fewn 10 diwrnod gwaith/)
    await expectAccessible(page)
    await context.close()
  })

  it('works from start to confirmation with JavaScript turned off', async () => {
    const { page, context } = await h.newPage({ javaScriptEnabled: false })
    const reference = await reportMissedBin(page, async (shown) => {
      assert.equal(await shown.locator('body.js-enabled').count(), 0)
    })
    assert.match(reference, /^FD-/)
    await context.close()
  })

  it('tracks a request by its reference and the postcode given with it, and refuses a wrong one alike', async () => {
    const { page, context } = await h.newPage()
    const reference = await reportMissedBin(page, noCheck)
    await page.goto('/track')
    await expectAccessible(page)
    await page.getByLabel('Reference').fill(reference)
    await page.getByLabel('Email address, phone number or postcode').fill('AB1 9ZZ')
    await continueOn(page, 'Check progress')
    assert.deepEqual(await errorSummary(page), [
      'We could not find a request with that reference and detail. Check both and try again.',
    ])
    await expectAccessible(page)
    await page.getByLabel('Email address, phone number or postcode').fill('AB1 2CD')
    await continueOn(page, 'Check progress')
    assert.equal(await heading(page), 'Report a missed bin collection')
    const main = (await page.locator('main').textContent()) ?? ''
    assert.match(main, /Received/)
    assert.match(main, /We received your request/)
    await expectAccessible(page)
    await context.close()
  })

  it('says a request left too long has ended, accessibly, and shows none of its answers', async () => {
    const { page, context } = await h.newPage()
    await page.goto('/services/report-a-missed-bin-collection')
    await continueOn(page, 'Start now')
    await page.getByLabel('Recycling').check()
    await continueOn(page)
    const token = new URL(page.url()).pathname.split('/')[2]!
    await h.database.db
      .updateTable('request_draft')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('token', '=', token)
      .execute()
    const gone = await page.goto(`/requests/${token}/questions/1`)
    assert.equal(gone?.status(), 404)
    assert.equal(await heading(page), 'This request has ended')
    assert.doesNotMatch((await page.locator('main').textContent()) ?? '', /Recycling/)
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Find a service' }).click()
    assert.equal(new URL(page.url()).pathname, '/')
    await context.close()
  })

  it('can be done with the keyboard alone', async () => {
    const { page, context } = await h.newPage()
    await page.goto('/services/apply-for-a-council-tax-single-person-discount')
    const tabTo = async (name: string) => {
      for (let presses = 0; presses < 60; presses++) {
        await page.keyboard.press('Tab')
        // A string, not a function: the test code is compiled without the browser's types.
        const focused = await page.evaluate(`(() => {
          const el = document.activeElement
          const label = el && el.id ? document.querySelector('label[for="' + el.id + '"]') : null
          return ((label ? label.textContent : el ? el.textContent : '') || '').trim()
        })()`)
        if (focused === name) return
      }
      assert.fail(`could not reach "${name}" with the Tab key`)
    }
    // Every Enter here sends a form that leads to the next page.
    const enter = async () => {
      const before = page.url()
      await Promise.all([page.waitForURL((url) => url.href !== before), page.keyboard.press('Enter')])
      await page.waitForLoadState()
    }
    await tabTo('Start now')
    await enter()
    await tabTo('Day')
    await page.keyboard.type('3')
    await page.keyboard.press('Tab')
    await page.keyboard.type('4')
    await page.keyboard.press('Tab')
    await page.keyboard.type('2025')
    await enter()
    assert.equal(await heading(page), 'Your details')
    await tabTo('First name')
    await page.keyboard.type('Kim')
    await page.keyboard.press('Tab')
    await page.keyboard.type('Lee')
    await page.keyboard.press('Tab')
    await page.keyboard.type('kim@example.com')
    await enter()
    assert.equal(await heading(page), 'Check your answers before sending your request')
    await tabTo('Accept and send')
    await enter()
    assert.equal(await heading(page), 'Request sent')
    await context.close()
  })

  it('reflows at 320 CSS pixels without scrolling sideways', async () => {
    const { page, context } = await h.newPage({ viewport: { width: 320, height: 640 } })
    const widths: Record<string, number> = {}
    await reportMissedBin(page, async (shown) => {
      widths[new URL(shown.url()).pathname] = Number(await shown.evaluate('document.documentElement.scrollWidth'))
    })
    for (const [path, width] of Object.entries(widths)) assert.ok(width <= 320, `${path} is ${width}px wide`)
    await context.close()
  })

  // Last, as it adds a service the pages above do not expect. WCAG 3.1.2: a council's words with no
  // Welsh are shown in English on the Welsh pages, each marked lang="en"; axe checks the marks are valid.
  it('marks English-only council words lang="en" on the Welsh pages, and the Welsh ones not', async () => {
    const existing = await listActiveServices(h.database, h.councilId)
    await createService(h.database, systemActor(h.councilId), h.councilId, {
      name: 'Report a pothole',
      open311_code: 'pothole',
      open311_group: 'Roads',
      description: 'Holes in the road deeper than 4cm',
      target_hours: 40,
      offline_route: 'Phone 01632 960111 or visit the depot',
      anonymous_allowed: true,
      form: [
        { name: 'size', label: 'How big is the hole?', type: 'radios', required: true, options: ['Small', 'Large'] },
      ],
      team_id: existing[0]!.team_id,
    })
    const english = async (page: Page) => page.locator('main [lang="en"]').allTextContents()
    const { page, context } = await h.newPage()
    await page.goto('/?lang=cy')
    assert.deepEqual(await english(page), ['Roads', 'Report a pothole'])
    assert.ok((await page.locator('main').textContent())?.includes('Treth gyngor'), 'a group with Welsh is in Welsh')
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Report a pothole' }).click()
    assert.deepEqual(await english(page), [
      'Roads',
      'Report a pothole',
      'Holes in the road deeper than 4cm',
      'Phone 01632 960111 or visit the depot',
    ])
    await expectAccessible(page)
    await continueOn(page, 'Dechrau nawr')
    assert.equal(await heading(page), 'How big is the hole?')
    assert.deepEqual(await english(page), ['Report a pothole', 'How big is the hole?', 'Small', 'Large'])
    await expectAccessible(page)
    // The start's address reached by a GET (history, a bookmark) is the service's page, still in Welsh.
    await page.goto('/services/report-a-missed-bin-collection/start')
    assert.equal(new URL(page.url()).pathname, '/services/report-a-missed-bin-collection')
    assert.equal(await heading(page), 'Rhoi gwybod am fin na chafodd ei gasglu')
    assert.deepEqual(await english(page), [])
    await expectAccessible(page)
    await context.close()
  })

  it('registers, confirms by the emailed link, requests, sees it in the account and hears by email when staff resolve it', async () => {
    const smtp = await smtpServer()
    try {
      await accountRequestJourney(h, smtp)
    } finally {
      await smtp.close()
    }
  })
})

/** The outbox as `frontdoor serve` sends it (SMTP here, as SMTP_URL configures it), links to this app. */
async function deliver(h: Harness, smtp: TestSmtpServer): Promise<void> {
  const senders = sendersFor({ smtpUrl: smtp.url, notify: undefined, dataDir: '/nonexistent' }, h.database)
  const report = await deliverQueuedMessages(h.database, senders, {
    from: 'Harness Borough Council <no-reply@example.gov.uk>',
    publicUrl: h.baseUrl,
  })
  assert.equal(report.failed + report.retrying, 0, 'every message was accepted by the SMTP server')
}

async function accountRequestJourney(h: Harness, smtp: TestSmtpServer): Promise<void> {
  const email = 'algernon@example.org'
  const { page, context } = await h.newPage()
  await page.goto('/account/create')
  await page.fill('#given_name', 'Algernon')
  await page.fill('#family_name', 'Moncrieff')
  await page.fill('#email', email)
  await page.fill('#password', PASSWORD)
  await page.fill('#confirm', PASSWORD)
  await continueOn(page, 'Create account')
  assert.equal(await heading(page), 'Check your email')
  await expectAccessible(page)

  await deliver(h, smtp)
  const [welcome] = mailTo(smtp, email)
  assert.ok(welcome, 'the confirmation email reached the SMTP server')
  const link = /https?:\/\/\S+\/account\/verify\/[\w-]+/.exec(welcome.text ?? '')?.[0]
  assert.ok(link, 'the email carries the confirmation link')
  await page.goto(new URL(link).pathname)
  assert.equal(await heading(page), 'Confirm your email address')
  await expectAccessible(page)
  await continueOn(page, 'Confirm email address')
  assert.match((await page.locator('.govuk-panel__title').textContent()) ?? '', /Email address confirmed/)
  await expectAccessible(page)

  await page.goto('/account/sign-in')
  await page.fill('#email', email)
  await page.fill('#password', PASSWORD)
  await continueOn(page, 'Sign in')
  await expectAccessible(page)
  await page.goto('/services/report-a-missed-bin-collection')
  await expectAccessible(page)
  await continueOn(page, 'Start now')
  await page.getByLabel('Recycling').check()
  await continueOn(page)
  await page.getByLabel('Find the address by postcode').fill('AB1 2CD')
  await continueOn(page, 'Find address')
  await expectAccessible(page)
  await page.getByLabel('2 Mill Lane, Ashby, AB1 2CD').check()
  await continueOn(page)
  await page.getByLabel('Yes').check()
  await continueOn(page)
  // Signed in, nobody is asked who they are: the account says.
  assert.equal(await heading(page), 'Check your answers before sending your request')
  await expectAccessible(page)
  await continueOn(page, 'Accept and send')
  const reference = /FD-\d{4}-\d{6}/.exec((await page.locator('.govuk-panel').textContent()) ?? '')?.[0]
  assert.ok(reference, 'the panel shows the reference')

  await page.goto('/account/requests')
  assert.equal(await heading(page), 'Your requests')
  const row = (await page.locator('tbody .govuk-table__row', { hasText: reference }).textContent()) ?? ''
  assert.match(row, /Report a missed bin collection/)
  assert.match(row, /Received/)
  await expectAccessible(page)

  await deliver(h, smtp)
  const received = mailTo(smtp, email).find((mail) => mail.subject === `We have your request ${reference}`)
  assert.ok(received, 'the request’s confirmation came by email')

  const staff = await h.newPage()
  const caseworker = await addStaff(h.database, h.councilId, ['caseworker'])
  await signIn(h, staff.context, { kind: 'staff', id: caseworker.id })
  await staff.page.goto(`/staff/cases/${reference}`)
  await staff.page.getByRole('radio', { name: 'Resolved' }).check()
  await staff.page.getByLabel('How was it resolved?').fill('The crew came back and emptied the recycling bin')
  await staff.page.getByRole('button', { name: 'Change status' }).click()
  await staff.page.getByText('The case’s status has been changed').waitFor()
  await expectAccessible(staff.page)
  await staff.context.close()

  await deliver(h, smtp)
  const update = mailTo(smtp, email).find((mail) => mail.subject === `Your request ${reference} has been updated`)
  assert.ok(update, 'the status change came by email')
  const text = update.text ?? ''
  assert.match(text, new RegExp(`Your request ${reference} about Report a missed bin collection is now resolved`))
  assert.match(text, /What we did: The crew came back and emptied the recycling bin/)
  assert.match(text, new RegExp(`${h.baseUrl}/track`))
  assert.doesNotMatch(text, /Mill Lane|AB1 2CD|Recycling\b/, 'no address and no answers in the email')

  await page.goto(`/account/requests/${reference}`)
  assert.match((await page.locator('main').textContent()) ?? '', /Resolved/)
  await expectAccessible(page)
  await context.close()
}
