// Single sign-on in a real browser: Chromium follows the sign-in link from a sign-in page
// to a real OpenID Connect provider (oidc-provider), signs in at its pages and is sent back to
// Frontdoor — a GET link, as the CSP lets forms post only to this site — and a sign-in cancelled
// at the provider ends on an accessible page with the way back.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import { testDatabase } from '../support/databases.ts'
import type { TestDatabase } from '../support/databases.ts'
import { createTestCouncil } from '../support/app.ts'
import { addStaff } from '../support/accounts.ts'
import { startTestProvider } from '../../src/features/oidc-sign-in/test-provider.ts'
import { createResident } from '../../src/features/residents/service.ts'
import type { TestProvider } from '../../src/features/oidc-sign-in/test-provider.ts'
import { expectAccessible, heading, launchChromium } from '../support/browser.ts'

/** The app's address must be known before it starts: the provider registers its callback under it. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('single sign-on in a browser', () => {
  let provider: TestProvider
  let database: TestDatabase
  let app: FastifyInstance
  let browser: Browser
  let baseUrl: string
  let councilId: number

  before(async () => {
    const port = await freePort()
    baseUrl = `http://127.0.0.1:${port}`
    provider = await startTestProvider({ appOrigin: baseUrl })
    database = await testDatabase('sqlite')
    councilId = await createTestCouncil(database, 'harness', 'Harness Borough Council')
    const env = {
      NODE_ENV: 'test',
      SESSION_SECRET: 'x'.repeat(32),
      ...provider.env('STAFF', { STAFF_OIDC_ROLES: 'Frontdoor-Advisors=advisor' }),
      ...provider.env('RESIDENT'),
    }
    app = await buildApp({ config: loadConfig(env), database })
    await app.listen({ host: '127.0.0.1', port })
    browser = await launchChromium()
  })
  after(async () => {
    await browser?.close()
    await app?.close()
    await database?.close()
    await provider?.close()
  })

  async function newPage(): Promise<{ page: Page; context: BrowserContext }> {
    const context = await browser.newContext({ baseURL: baseUrl })
    // The provider's development pages import a web font; the test machine has no internet.
    await context.route('https://fonts.googleapis.com/**', (route) => route.abort())
    return { page: await context.newPage(), context }
  }

  it('a member of staff signs in with the council account and lands on the staff home with their role', async () => {
    const staff = await addStaff(database, councilId, ['caseworker'], { name: 'Priya Shah' })
    provider.people.set('priya', { email: staff.email, email_verified: true, roles: ['Frontdoor-Advisors'] })
    const { page, context } = await newPage()
    await page.goto('/staff/sign-in')
    await page.getByRole('button', { name: 'Sign in with Test Council Account' }).click()
    await page.waitForURL(`${provider.issuer}/**`)
    await page.fill('input[name="login"]', 'priya')
    await page.fill('input[name="password"]', 'anything')
    await page.click('button[type="submit"]')
    await page.click('button[type="submit"]')
    await page.waitForURL(`${baseUrl}/staff`)
    assert.equal(await heading(page), 'Staff home')
    assert.match((await page.locator('main').textContent()) ?? '', /Customer service advisor/)
    assert.doesNotMatch((await page.locator('main').textContent()) ?? '', /Caseworker/)
    // Their sign-in is the provider's: no recovery codes of ours to count.
    assert.match((await page.locator('main').textContent()) ?? '', /Signed in with\s*Test Council Account/)
    assert.doesNotMatch((await page.locator('main').textContent()) ?? '', /Recovery codes/)
    await expectAccessible(page)
    await context.close()
  })

  it('a resident signs in with the provider from the account sign-in page and their account is joined to their record', async () => {
    const actor = { kind: 'system' as const, id: null, label: 'test', councilId }
    await createResident(database, actor, councilId, {
      given_name: 'Tomasz',
      family_name: 'Nowak',
      emails: ['tomasz@example.test'],
    })
    provider.people.set('tomasz', { email: 'tomasz@example.test', email_verified: true })
    const { page, context } = await newPage()
    await page.goto('/account/sign-in')
    await page.getByRole('button', { name: 'Sign in with Test One Login' }).click()
    await page.waitForURL(`${provider.issuer}/**`)
    await page.fill('input[name="login"]', 'tomasz')
    await page.fill('input[name="password"]', 'anything')
    await page.click('button[type="submit"]')
    await page.click('button[type="submit"]')
    await page.waitForURL(`${baseUrl}/account`)
    assert.equal(await heading(page), 'Your account')
    const main = (await page.locator('main').textContent()) ?? ''
    assert.match(main, /tomasz@example\.test/)
    assert.match(main, /Joined to your account/)
    // No password here to change: the provider looks after it and the email address.
    assert.match(main, /Signed in with\s*Test One Login/)
    assert.equal(await page.getByRole('link', { name: /Change/ }).count(), 0)
    await expectAccessible(page)
    await page.goto('/account/change-password')
    assert.equal(await heading(page), 'You cannot change your password here')
    await expectAccessible(page)
    await context.close()
  })

  it('cancelling at the provider ends on an accessible page that leads back to sign in', async () => {
    const { page, context } = await newPage()
    await page.goto('/staff/sign-in/oidc')
    await page.waitForURL(`${provider.issuer}/**`)
    await page.getByRole('link', { name: '[ Cancel ]' }).click()
    await page.waitForURL(`${baseUrl}/staff/sign-in/oidc/callback**`)
    assert.equal(await heading(page), 'You have not been signed in')
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Go back to sign in' }).click()
    await page.waitForURL(`${baseUrl}/staff/sign-in`)
    assert.equal(await heading(page), 'Sign in')
    await context.close()
  })
})
