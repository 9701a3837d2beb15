// Staff sign-in in a real browser: every page of it, and its error states, checked with axe.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, expectAccessible, heading, startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { addStaff, TEST_PASSWORD } from '../support/accounts.ts'
import { nowIso } from '../../src/platform/db/database.ts'
import { newTotpSecret } from '../../src/features/staff-sign-in/totp.ts'
import { codeFor } from '../../src/features/staff-sign-in/test-sign-in.ts'
import {
  hashRecoveryCode,
  newRecoveryCodes,
  normaliseRecoveryCode,
} from '../../src/features/staff-sign-in/recovery-codes.ts'

/** Presses a button (or a link styled as one) and waits for the page it leads to. */
async function press(page: Page, name: string, role: 'button' | 'link' = 'button'): Promise<void> {
  await page.getByRole(role, { name, exact: true }).click()
  await page.waitForLoadState('load')
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await press(page, 'Sign in')
}

describe('staff sign-in in a browser', () => {
  let h: Harness

  before(async () => {
    h = await startHarness()
  })
  /** A page that gives up on a missing element after ten seconds instead of waiting for ever. */
  const newPage = async (options?: Parameters<Harness['newPage']>[0]) => {
    const opened = await h.newPage(options)
    opened.context.setDefaultTimeout(10_000)
    return opened
  }
  after(() => h?.close())

  it('takes a new member of staff from a one-time password to the staff home: every page accessible, errors too', async () => {
    const staff = await addStaff(h.database, h.councilId, ['advisor'], { mustChangePassword: true, name: 'Alex Rowe' })
    const { page, context } = await newPage()
    await page.goto('/staff')
    assert.match(page.url(), /\/staff\/sign-in\?returnTo=%2Fstaff$/)
    assert.equal(await heading(page), 'Sign in')
    await expectAccessible(page)

    await press(page, 'Sign in')
    assert.deepEqual(await errorSummary(page), ['Enter your email address', 'Enter your password'])
    await expectAccessible(page)

    await signIn(page, staff.email, 'not my password')
    assert.deepEqual(await errorSummary(page), ['Enter a correct email address and password'])
    await expectAccessible(page)

    await signIn(page, staff.email, staff.password)
    assert.match(page.url(), /\/staff\/sign-in\/new-password$/)
    assert.equal(await heading(page), 'Create a new password')
    await expectAccessible(page)

    await page.getByLabel('New password', { exact: true }).fill('lantern orchard ribbon')
    await page.getByLabel('Confirm new password').fill('lantern orchard ribbons')
    await press(page, 'Save password and continue')
    assert.deepEqual(await errorSummary(page), ['Enter the same password in both boxes'])
    await expectAccessible(page)

    await page.getByLabel('New password', { exact: true }).fill('lantern orchard ribbon')
    await page.getByLabel('Confirm new password').fill('lantern orchard ribbon')
    await press(page, 'Save password and continue')
    assert.match(page.url(), /\/staff\/sign-in\/set-up-code$/)
    assert.equal(await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).count(), 1)
    await expectAccessible(page)

    await page.getByText('I cannot scan the QR code').click()
    const secret = ((await page.locator('#setup-key').textContent()) ?? '').replace(/\s/g, '')
    await page.getByLabel('Code from your authenticator app').fill('000000')
    await press(page, 'Continue')
    assert.match((await errorSummary(page))[0] ?? '', /^The code is not correct/)
    await expectAccessible(page)

    await page.getByLabel('Code from your authenticator app').fill(await codeFor(secret))
    await press(page, 'Continue')
    assert.match(page.url(), /\/staff\/sign-in\/recovery-codes$/)
    assert.equal(await page.locator('#recovery-codes li').count(), 10)
    await expectAccessible(page)

    await press(page, 'I have saved my recovery codes')
    assert.match(page.url(), /\/staff$/)
    assert.equal(((await page.locator('#signed-in-as').textContent()) ?? '').trim(), 'You are signed in as Alex Rowe.')
    await expectAccessible(page)

    await press(page, 'Sign out')
    assert.match(page.url(), /\/staff\/sign-in\?signedOut=1$/)
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /You have signed out/)
    await expectAccessible(page)
    await context.close()
  })

  it('signs in with a code, or a recovery code: every page accessible, errors too', async () => {
    const secret = newTotpSecret()
    const staff = await addStaff(h.database, h.councilId, ['dpo'], { totpSecret: secret, name: 'Kim Osei' })
    const codes = newRecoveryCodes()
    await h.database.db
      .insertInto('staff_recovery_code')
      .values(
        codes.map((c) => ({
          council_id: h.councilId,
          staff_user_id: staff.id,
          code_hash: hashRecoveryCode(normaliseRecoveryCode(c)!),
          created_at: nowIso(),
          used_at: null,
        })),
      )
      .execute()
    const { page, context } = await newPage()
    await page.goto('/staff/sign-in')
    await signIn(page, staff.email, TEST_PASSWORD)
    assert.match(page.url(), /\/staff\/sign-in\/code$/)
    assert.equal(await heading(page), 'Enter the code from your authenticator app')
    await expectAccessible(page)

    await page.getByLabel('Enter the code from your authenticator app').fill('12')
    await press(page, 'Continue')
    assert.deepEqual(await errorSummary(page), ['Enter the 6-digit code from your authenticator app'])
    await expectAccessible(page)

    await press(page, 'Use a recovery code instead', 'link')
    assert.equal(await heading(page), 'Enter a recovery code')
    await expectAccessible(page)
    await page.getByLabel('Enter a recovery code').fill('0000-0000-0000-0000')
    await press(page, 'Continue')
    assert.deepEqual(await errorSummary(page), ['The recovery code is not correct or has already been used'])
    await expectAccessible(page)

    await page.getByLabel('Enter a recovery code').fill(codes[0]!)
    await press(page, 'Continue')
    assert.match(page.url(), /\/staff\/sign-in\/recovery-code-used\?returnTo=%2Fstaff$/)
    assert.equal(((await page.locator('#codes-left').textContent()) ?? '').trim(), 'You have 9 recovery codes left.')
    await expectAccessible(page)

    await press(page, 'Continue')
    assert.match(page.url(), /\/staff$/)
    assert.equal(await page.getByRole('link', { name: 'Search the audit trail' }).count(), 1)

    await press(page, 'Sign out everywhere')
    assert.match(page.url(), /\/staff\/sign-in\?signedOut=everywhere$/)
    await page.goto('/staff')
    assert.match(page.url(), /\/staff\/sign-in\?returnTo=/)
    await context.close()
  })

  // axe runs as a script in the page, so this one is checked for working, not for accessibility.
  it('works from start to finish with JavaScript turned off', async () => {
    const secret = newTotpSecret()
    const staff = await addStaff(h.database, h.councilId, ['advisor'], { totpSecret: secret })
    const { page, context } = await newPage({ javaScriptEnabled: false })
    await page.goto('/staff/sign-in?returnTo=%2Fstaff%3Fview%3Dmine')
    await signIn(page, staff.email, TEST_PASSWORD)
    await page.getByLabel('Enter the code from your authenticator app').fill(await codeFor(secret))
    await press(page, 'Continue')
    assert.match(page.url(), /\/staff\?view=mine$/)
    assert.match((await page.locator('#signed-in-as').textContent()) ?? '', /You are signed in as/)
    await press(page, 'Sign out')
    assert.match(page.url(), /\/staff\/sign-in\?signedOut=1$/)
    await context.close()
  })

  it('shows an accessible page when too many wrong codes lock the account', async () => {
    const staff = await addStaff(h.database, h.councilId, ['advisor'], { totpSecret: newTotpSecret() })
    const { page, context } = await newPage()
    await page.goto('/staff/sign-in')
    await signIn(page, staff.email, TEST_PASSWORD)
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('Enter the code from your authenticator app').fill(String(200000 + i))
      await press(page, 'Continue')
    }
    assert.equal(await heading(page), 'You cannot sign in at the moment')
    await expectAccessible(page)
    await context.close()
  })
})
