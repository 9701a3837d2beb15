// Browser and accessibility tests: the real app listening on loopback over a temporary SQLite
// database with a test council and a few services, driven by Debian's Chromium through
// playwright-core, and checked with axe against WCAG 2.2 AA.
import { existsSync } from 'node:fs'
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { chromium } from 'playwright-core'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import { testDatabase } from './databases.ts'
import type { TestDatabase } from './databases.ts'
import { createTestCouncil } from './app.ts'
import { createService } from '../../src/features/catalogue/service.ts'
import type { ServiceInput } from '../../src/features/catalogue/service.ts'
import { addTeam, systemActor } from './fixtures.ts'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const COUNCIL_NAME = 'Harness Borough Council'
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

export const HARNESS_SERVICES: Omit<ServiceInput, 'team_id'>[] = [
  {
    name: 'Report a missed bin collection',
    open311_code: 'missed-bin',
    open311_group: 'Bins and recycling',
    lgsl_code: 524,
    target_hours: 16,
    offline_route: 'Phone 01632 960 000',
  },
  {
    name: 'Order a new recycling box',
    open311_code: 'recycling-box',
    open311_group: 'Bins and recycling',
    lgsl_code: 525,
    target_hours: 40,
    offline_route: 'Phone 01632 960 000',
  },
  {
    name: 'Apply for a council tax discount',
    open311_code: 'council-tax-discount',
    open311_group: 'Council tax',
    lgsl_code: 853,
    target_hours: 80,
    offline_route: 'Visit the council offices',
  },
  {
    name: 'Book a bulky waste collection',
    open311_code: 'bulky-waste',
    open311_group: 'Bins and recycling',
    lgsl_code: 1159,
    target_hours: 40,
    online_available: false,
    offline_route: 'Phone 01632 960 000',
  },
]

export type Harness = {
  baseUrl: string
  browser: Browser
  database: TestDatabase
  councilId: number
  /** A page in a fresh browser context (axe needs one): no cookies or state shared between tests. */
  newPage(options?: BrowserContextOptions): Promise<{ page: Page; context: BrowserContext }>
  close(): Promise<void>
}

// Chromium takes the last --disable-features it is given, so the features Playwright turns off
// for testing (its chromiumSwitches, as of playwright-core 1.5x) are named again beside ours.
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
]
// Every browser context opens a window, and Chromium preloads the window's address-bar popup,
// itself a web page (chrome://omnibox-popup.top-chrome) in a renderer of its own: about 1.2 s of a
// core per context, more than the pages a test visits. A headless test has no address bar.
const OMNIBOX_POPUP_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup']

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OMNIBOX_POPUP_FEATURES].join(',')}`,
]

/** Debian's Chromium, headless: one per test file, a fresh context per test. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. The browser and accessibility tests need Debian's chromium: ` +
        'run `apt-get update && apt-get install -y chromium` (`.ci/run` does this in CI), or set CHROMIUM_PATH.',
    )
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}

async function seedCouncil(database: TestDatabase): Promise<number> {
  const councilId = await createTestCouncil(database, 'harness', COUNCIL_NAME)
  const teamId = await addTeam(database, councilId, 'Customer services')
  for (const service of HARNESS_SERVICES)
    await createService(database, systemActor(councilId), councilId, { ...service, team_id: teamId })
  return councilId
}

async function listen(database: TestDatabase): Promise<{ app: FastifyInstance; baseUrl: string }> {
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32) })
  const app = await buildApp({ config, database })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  return { app, baseUrl: `http://127.0.0.1:${port}` }
}

/** One app and one browser for a test file: start it in `before`, close it in `after`. */
export async function startHarness(): Promise<Harness> {
  const browser = await launchChromium()
  const database = await testDatabase('sqlite')
  try {
    const councilId = await seedCouncil(database)
    const { app, baseUrl } = await listen(database)
    return {
      baseUrl,
      browser,
      database,
      councilId,
      newPage: async (options) => {
        const context = await browser.newContext({ baseURL: baseUrl, ...options })
        return { page: await context.newPage(), context }
      },
      close: async () => {
        await browser.close()
        await app.close()
        await database.close()
      },
    }
  } catch (error) {
    await browser.close()
    await database.close()
    throw error
  }
}

/** Fails with every WCAG 2.2 AA violation axe finds on the page, each with the elements at fault. */
export async function expectAccessible(page: Page): Promise<void> {
  // axe's default runs each frame apart and finishes in a new blank page: a renderer started and
  // axe injected twice per check, more than half of every browser test's time. Our pages have no
  // frames, so axe runs once in the page itself.
  const results = await new AxeBuilder({ page })
    .options({ runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] })
    .setLegacyMode()
    .analyze()
  const violations = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'unknown'}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}\n    ${v.helpUrl}`,
  )
  assert.equal(
    violations.length,
    0,
    `${page.url()} has ${violations.length} accessibility violation(s):\n  ${violations.join('\n  ')}`,
  )
}

/** The page's heading as a person reads it: its one h1, or the large label a one-question page uses instead. */
export async function heading(page: Page): Promise<string> {
  // A page still arriving has neither yet: wait for one rather than read a blank document.
  await page.locator('h1, label.govuk-label--l').first().waitFor()
  const h1 = page.locator('h1')
  const shown = (await h1.count()) > 0 ? h1 : page.locator('label.govuk-label--l')
  return ((await shown.textContent()) ?? '').trim()
}

/** The messages in the page's error summary, in order. */
export async function errorSummary(page: Page): Promise<string[]> {
  // A form just sent may still be on its way back: give its error summary a moment to arrive.
  await page
    .locator('.govuk-error-summary')
    .first()
    .waitFor({ timeout: 5_000 })
    .catch(() => undefined)
  return (await page.locator('.govuk-error-summary__list a').allTextContents()).map((text) => text.trim())
}

/** Presses Tab until the element is focused, as a keyboard user moves through the page; fails after `limit` presses. */
export async function tabTo(page: Page, selector: string, limit: number): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if ((await page.locator(`${selector}:focus`).count()) > 0) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${selector}`)
}
