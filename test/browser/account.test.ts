// Every e-account page in a real browser, in its ordinary state and its error states, each
// checked with axe against WCAG 2.2 AA. The pages are reached as a resident would reach them:
// typing into the forms and following the links from the emails queued for them.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, expectAccessible, heading, startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { NEW_PASSWORD, PASSWORD, linkIn } from '../../src/features/account/test-fixtures.ts'
import { addAccount } from '../support/accounts.ts'

/** Presses a form's submit button and waits for the page the server answers with. */
async function press(page: Page, form: string, text?: string): Promise<void> {
  const button = page.locator(`${form} button[type="submit"]`).filter(text ? { hasText: text } : {})
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), button.click()])
  await page.waitForLoadState('load')
}

async function fillCreate(
  page: Page,
  fields: { given: string; family: string; email: string; password: string; confirm: string },
): Promise<void> {
  await page.fill('#given_name', fields.given)
  await page.fill('#family_name', fields.family)
  await page.fill('#email', fields.email)
  await page.fill('#password', fields.password)
  await page.fill('#confirm', fields.confirm)
  await press(page, 'form[action="/account/create"]')
}

async function signInAs(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/account/sign-in')
  await page.fill('#email', email)
  await page.fill('#password', password)
  await press(page, 'form[action="/account/sign-in"]')
}

describe('e-account pages in a browser', () => {
  let h: Harness

  before(async () => {
    h = await startHarness()
  })
  after(() => h?.close())

  it('create an account: the form, its errors, and "check your email"', async () => {
    const { page, context } = await h.newPage()
    await page.goto('/account/create')
    assert.equal(await heading(page), 'Create an account')
    await expectAccessible(page)

    await fillCreate(page, {
      given: '',
      family: 'Fairfax',
      email: 'not-an-address',
      password: 'password1234',
      confirm: 'something else',
    })
    assert.deepEqual(await errorSummary(page), [
      'Enter your first name',
      'Enter an email address in the correct format, like name@example.com',
      'Password is too common: choose one that people would not guess, like three random words',
    ])
    assert.match(await page.title(), /^Error: Create an account/)
    await expectAccessible(page)

    await fillCreate(page, {
      given: 'Gwendolen',
      family: 'Fairfax',
      email: 'gwendolen@example.org',
      password: PASSWORD,
      confirm: PASSWORD,
    })
    assert.equal(await heading(page), 'Check your email')
    await expectAccessible(page)
    await context.close()
  })

  it('confirm the email: the button page, the confirmation, and a used, expired or unknown link', async () => {
    const { page, context } = await h.newPage()
    const link = await linkIn(h.database, 'gwendolen@example.org', 'verify-email')
    await page.goto(link)
    assert.equal(await heading(page), 'Confirm your email address')
    await expectAccessible(page)
    await press(page, 'form', 'Confirm email address')
    assert.match((await page.locator('.govuk-panel__title').textContent()) ?? '', /Email address confirmed/)
    await expectAccessible(page)

    const used = await page.goto(link)
    assert.equal(used?.status(), 410)
    assert.equal(await heading(page), 'This link cannot be used')
    await expectAccessible(page)

    const unknown = await page.goto('/account/verify/' + 'x'.repeat(43))
    assert.equal(unknown?.status(), 404)
    await expectAccessible(page)
    await context.close()
  })

  it('an expired link offers a new one, and "check your email" follows', async () => {
    const { page, context } = await h.newPage()
    await page.goto('/account/create')
    await fillCreate(page, {
      given: 'Cecily',
      family: 'Cardew',
      email: 'cecily@example.org',
      password: PASSWORD,
      confirm: PASSWORD,
    })
    const link = await linkIn(h.database, 'cecily@example.org', 'verify-email')
    await h.database.db
      .updateTable('one_time_link')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('email', '=', 'cecily@example.org')
      .execute()
    const expired = await page.goto(link)
    assert.equal(expired?.status(), 410)
    assert.equal(await heading(page), 'This link has expired')
    await expectAccessible(page)
    await press(page, 'form', 'Send me a new link')
    assert.equal(await heading(page), 'Check your email')
    await expectAccessible(page)
    await context.close()
  })

  it('sign in: the form, its refusal, the page for an unconfirmed email, and the identity-provider slot left empty', async () => {
    const { page, context } = await h.newPage()
    await page.goto('/account/sign-in')
    assert.equal(await heading(page), 'Sign in to your account')
    assert.equal(await page.locator('a[href^="/account/sign-in/oidc"]').count(), 0)
    await expectAccessible(page)

    await press(page, 'form[action="/account/sign-in"]')
    assert.deepEqual(await errorSummary(page), ['Enter your email address', 'Enter your password'])
    await expectAccessible(page)

    await signInAs(page, 'cecily@example.org', PASSWORD)
    assert.equal(await heading(page), 'Confirm your email address first')
    await expectAccessible(page)

    // A page left open too long: its note that the password was right has run out.
    await page
      .locator('input[name="proof"]')
      .evaluate((input: { value: string }) => void (input.value = '1.1.' + 'x'.repeat(43)))
    await press(page, 'form[action="/account/verify/send-again"]')
    assert.equal(await heading(page), 'We could not send a new link')
    await expectAccessible(page)
    await context.close()
  })

  it('the account home, changing the password and email (with their errors), and signing out', async () => {
    const { page, context } = await h.newPage()
    await signInAs(page, 'gwendolen@example.org', PASSWORD)
    assert.equal(new URL(page.url()).pathname, '/account')
    assert.equal(await heading(page), 'Your account')
    await expectAccessible(page)

    await page.click('a[href="/account/change-password"]')
    assert.equal(await heading(page), 'Change your password')
    await expectAccessible(page)
    await page.fill('#current', 'not my password')
    await page.fill('#password', NEW_PASSWORD)
    await page.fill('#confirm', NEW_PASSWORD)
    await press(page, 'form[action="/account/change-password"]')
    assert.deepEqual(await errorSummary(page), ['Your current password is not right'])
    await expectAccessible(page)
    await page.fill('#current', PASSWORD)
    await page.fill('#password', NEW_PASSWORD)
    await page.fill('#confirm', NEW_PASSWORD)
    await press(page, 'form[action="/account/change-password"]')
    assert.match(
      (await page.locator('.govuk-notification-banner').textContent()) ?? '',
      /Your password has been changed/,
    )
    await expectAccessible(page)

    await page.click('a[href="/account/change-email"]')
    assert.equal(await heading(page), 'Change your email address')
    await expectAccessible(page)
    await page.fill('#email', 'gwendolen@')
    await press(page, 'form[action="/account/change-email"]')
    assert.deepEqual(await errorSummary(page), ['Enter an email address in the correct format, like name@example.com'])
    await expectAccessible(page)
    await page.fill('#email', 'g.fairfax@example.org')
    await page.fill('#current', NEW_PASSWORD)
    await press(page, 'form[action="/account/change-email"]')
    assert.equal(await heading(page), 'Check your email')
    await expectAccessible(page)

    await page.goto('/account')
    assert.match((await page.locator('.govuk-inset-text').textContent()) ?? '', /g\.fairfax@example\.org/)
    await expectAccessible(page)
    await page.goto(await linkIn(h.database, 'g.fairfax@example.org', 'verify-email'))
    await press(page, 'form', 'Confirm email address')
    assert.match((await page.locator('.govuk-panel__title').textContent()) ?? '', /Email address changed/)
    await expectAccessible(page)

    await page.goto('/account')
    await press(page, 'form.fd-sign-out')
    assert.equal(await heading(page), 'You have signed out')
    await expectAccessible(page)

    await signInAs(page, 'g.fairfax@example.org', NEW_PASSWORD)
    await press(page, 'form[action="/account/sign-out-everywhere"]')
    assert.match((await page.locator('main').textContent()) ?? '', /signed out on every device/)
    await expectAccessible(page)
    await context.close()
  })

  it('a change of email to an address taken since it was asked for is refused on an accessible page', async () => {
    const account = await addAccount(h.database, h.councilId, null, { email: 'lane@example.org' })
    const { page, context } = await h.newPage()
    await signInAs(page, account.email, account.password)
    await page.goto('/account/change-email')
    await page.fill('#email', 'lane.new@example.org')
    await page.fill('#current', account.password)
    await press(page, 'form[action="/account/change-email"]')
    await addAccount(h.database, h.councilId, null, { email: 'lane.new@example.org' })
    await page.goto(await linkIn(h.database, 'lane.new@example.org', 'verify-email'))
    await press(page, 'form', 'Confirm email address')
    assert.equal(await heading(page), 'This email address is already in use')
    await expectAccessible(page)
    await context.close()
  })

  it('a forgotten password: asking, its error, the email sent page, the new password form and its errors, and a dead link', async () => {
    const account = await addAccount(h.database, h.councilId, null, { email: 'algernon@example.org' })
    const { page, context } = await h.newPage()
    await page.goto('/account/sign-in')
    await page.click('a:has-text("I have forgotten my password")')
    assert.equal(await heading(page), 'Reset your password')
    await expectAccessible(page)
    await press(page, 'form[action="/account/forgot-password"]')
    assert.deepEqual(await errorSummary(page), ['Enter your email address'])
    await expectAccessible(page)
    await page.fill('#email', account.email)
    await press(page, 'form[action="/account/forgot-password"]')
    assert.equal(await heading(page), 'Check your email')
    await expectAccessible(page)

    const link = await linkIn(h.database, account.email, 'reset-password')
    await page.goto(link)
    assert.equal(await heading(page), 'Choose a new password')
    await expectAccessible(page)
    await page.fill('#password', 'short')
    await page.fill('#confirm', 'short')
    await press(page, 'form', 'Save new password')
    assert.deepEqual(await errorSummary(page), ['Password must be 12 characters or more'])
    await expectAccessible(page)
    await page.fill('#password', NEW_PASSWORD)
    await page.fill('#confirm', NEW_PASSWORD)
    await press(page, 'form', 'Save new password')
    assert.match(
      (await page.locator('.govuk-notification-banner').textContent()) ?? '',
      /Your password has been changed/,
    )
    await expectAccessible(page)

    const unknown = await page.goto('/account/reset-password/' + 'y'.repeat(43))
    assert.equal(unknown?.status(), 404)
    await expectAccessible(page)
    const dead = await page.goto(link)
    assert.equal(dead?.status(), 410)
    assert.ok(await page.locator('a[href="/account/forgot-password"]').count())
    await expectAccessible(page)
    await context.close()
  })

  it('the account pages work with JavaScript turned off', async () => {
    const { page, context } = await h.newPage({ javaScriptEnabled: false })
    await signInAs(page, 'algernon@example.org', NEW_PASSWORD)
    assert.equal(await heading(page), 'Your account')
    await context.close()
  })
})
