// The dashboard and the briefing note in a browser, for a manager: every state passes axe, the
// charts break no Content Security Policy rule, and the period is picked with the keyboard alone.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { expectAccessible, startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { signIn } from '../support/signed-in.ts'
import { addStaff } from '../support/accounts.ts'
import { writeCall, writeCase, writeContact } from '../../src/features/metrics/test-records.ts'

const JUNE = '/staff/dashboard?from=2025-06-01&to=2025-06-30'

/** The id of the element with focus (a string the page runs: the tests are compiled without the DOM's types). */
const focusedId = (page: Page): Promise<string | undefined> => page.evaluate('document.activeElement?.id')

/** Presses Tab until the element with this id has focus, as a keyboard user would. */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let presses = 0; presses < 60; presses += 1) {
    await page.keyboard.press('Tab')
    if ((await focusedId(page)) === id) return
  }
  assert.fail(`Tab never reached #${id}`)
}

describe('dashboard in a browser', () => {
  let h: Harness
  let managerId: number
  const refused: string[] = []

  before(async () => {
    h = await startHarness()
    managerId = (await addStaff(h.database, h.councilId, ['manager'])).id
    const db = h.database.db
    const service = await db
      .selectFrom('service')
      .select('id')
      .where('council_id', '=', h.councilId)
      .executeTakeFirstOrThrow()
    for (const [channel, day] of [
      ['web', '02'],
      ['web', '03'],
      ['phone', '04'],
    ] as const)
      await writeContact(db, h.councilId, {
        channel,
        direction: 'inbound',
        started_at: `2025-06-${day}T10:00:00.000Z`,
        outcome: 'resolved_first_contact',
        service_id: service.id,
      })
    await writeCase(db, h.councilId, {
      service_id: service.id,
      channel: 'web',
      created_by: 'resident',
      created_at: '2025-06-02T10:00:00.000Z',
      due_at: '2025-06-09T10:00:00.000Z',
      resolved_at: '2025-06-04T10:00:00.000Z',
    })
    await writeCall(db, h.councilId, {
      queue: 'main',
      offered_at: '2025-06-02T08:00:00.000Z',
      answered_at: '2025-06-02T08:00:40.000Z',
    })
  })
  after(() => h?.close())

  async function managerPage(options?: Parameters<Harness['newPage']>[0]) {
    const { page, context } = await h.newPage(options)
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) refused.push(message.text())
    })
    await signIn(h, context, { kind: 'staff', id: managerId })
    return { page, context }
  }

  it('shows the figures and charts accessibly, with nothing refused by the CSP', async () => {
    const { page, context } = await managerPage()
    assert.equal((await page.goto(JUNE))?.status(), 200)
    assert.equal(await page.locator('svg[role="img"]').count(), 10)
    assert.match(
      (await page.getByRole('img', { name: 'Phone calls by day of the week' }).getAttribute('aria-labelledby')) ?? '',
      /calls-by-day-title calls-by-day-desc/,
    )
    await expectAccessible(page)
    assert.deepEqual(refused, [])
    await context.close()
  })

  it('picks a period with the keyboard alone, by dates and by a preset', async () => {
    const { page, context } = await managerPage()
    await page.goto('/staff/dashboard')
    await tabTo(page, 'from')
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('2025-06-01')
    await page.keyboard.press('Tab')
    assert.equal(await focusedId(page), 'to')
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('2025-06-30')
    await page.keyboard.press('Enter')
    await page.waitForURL(/from=2025-06-01&to=2025-06-30/)
    assert.match((await page.locator('main').textContent()) ?? '', /Figures for 1 June 2025 to 30 June 2025/)
    const lastMonth = page.getByRole('link', { name: 'Last month' })
    await lastMonth.focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/staff\/dashboard\?from=\d{4}-\d{2}-01&to=/)
    assert.equal(await page.getByLabel('First day').inputValue(), new URL(page.url()).searchParams.get('from'))
    await context.close()
  })

  it('shows an accessible error summary for a date that is not real', async () => {
    const { page, context } = await managerPage()
    await page.goto('/staff/dashboard?from=2025-02-30&to=2025-03-31')
    const summary = page.locator('.govuk-error-summary')
    await summary.waitFor()
    await summary.getByRole('link', { name: 'The first day must be a real date, like 2025-04-01' }).click()
    assert.equal(await page.locator('#from:focus').count(), 1)
    await expectAccessible(page)
    await context.close()
  })

  it('gives an accessible briefing note that prints without the site around it', async () => {
    const { page, context } = await managerPage()
    assert.equal((await page.goto('/staff/dashboard/briefing?from=2025-06-01&to=2025-06-30'))?.status(), 200)
    assert.match((await page.locator('main').textContent()) ?? '', /Contacts made online/)
    await expectAccessible(page)
    await page.emulateMedia({ media: 'print' })
    assert.equal(await page.getByRole('navigation', { name: 'Staff pages' }).isVisible(), false)
    assert.equal(await page.getByRole('link', { name: 'Download as PDF' }).isVisible(), false)
    assert.equal(await page.locator('svg[role="img"]').first().isVisible(), true)
    assert.deepEqual(refused, [])
    await context.close()
  })

  it('fits a phone screen, wide tables and charts scrolling in named boxes a keyboard can reach', async () => {
    const { page, context } = await managerPage({ viewport: { width: 375, height: 800 } })
    for (const path of [JUNE, '/staff/dashboard/briefing?from=2025-06-01&to=2025-06-30']) {
      assert.equal((await page.goto(path))?.status(), 200)
      assert.equal(await page.evaluate('document.documentElement.scrollWidth'), 375, `${path} scrolls sideways`)
      const headlines = page.getByRole('region', { name: 'Headline figures for 1 June 2025 to 30 June 2025' })
      await headlines.focus()
      assert.equal(
        await headlines.evaluate(
          (box: { scrollWidth: number; clientWidth: number }) => box.scrollWidth > box.clientWidth,
        ),
        true,
      )
      assert.equal(await page.getByRole('region', { name: 'Chart: Phone calls by day of the week' }).count(), 1)
      await expectAccessible(page)
    }
    // A whole year is compared once: three columns, which fit the phone without scrolling. At 19px
    // the table was 347px in its 345px box, a scroll of a sliver that hid nothing.
    for (const path of [
      '/staff/dashboard?from=2025-01-01&to=2025-12-31',
      '/staff/dashboard/briefing?from=2025-01-01&to=2025-12-31',
    ]) {
      assert.equal((await page.goto(path))?.status(), 200)
      assert.equal(await page.locator('.fd-headlines thead th').count(), 3)
      const fit: { box: number; scroll: number; table: number } = await page.evaluate(`(() => {
        const box = document.querySelector('.fd-table-scroll:has(.fd-headlines)')
        return { box: box.clientWidth, scroll: box.scrollWidth, table: box.querySelector('table').getBoundingClientRect().width }
      })()`)
      assert.ok(fit.table <= fit.box, `${path}: the headline table is ${fit.table}px in a ${fit.box}px box`)
      assert.equal(fit.scroll, fit.box, `${path}: the headline table's box scrolls sideways`)
      assert.equal(await page.evaluate('document.documentElement.scrollWidth'), 375, `${path} scrolls sideways`)
    }
    await context.close()
  })

  it('prints each chart’s heading on the same page as its chart, on the dashboard and the briefing', async () => {
    const { page, context } = await managerPage()
    for (const path of [JUNE, '/staff/dashboard/briefing?from=2025-06-01&to=2025-06-30']) {
      await page.goto(path)
      await page.emulateMedia({ media: 'print' })
      // For each chart, the headings whose nearest box printed whole also holds the chart's picture.
      const stranded: string[] = await page.evaluate(`[...document.querySelectorAll('.fd-chart')].flatMap((chart) => {
        const heading = chart.querySelector('h2')
        let box = heading.parentElement
        while (box && getComputedStyle(box).breakInside !== 'avoid') box = box.parentElement
        return box && box.contains(chart.querySelector('svg[role="img"]')) ? [] : [heading.textContent]
      })`)
      assert.equal(await page.locator('.fd-chart').count(), 10)
      assert.deepEqual(stranded, [], `${path}: headings that could print apart from their charts`)
    }
    await context.close()
  })

  it('shows the briefing’s tables without anything to open, on screen and in print', async () => {
    const { page, context } = await managerPage()
    await page.goto('/staff/dashboard/briefing?from=2025-06-01&to=2025-06-30')
    assert.equal(await page.locator('details').count(), 0)
    await page.emulateMedia({ media: 'print' })
    const tables = page.locator('.fd-chart__table')
    assert.equal(await tables.count(), await page.locator('.fd-chart').count())
    for (const table of await tables.all()) assert.equal(await table.isVisible(), true)
    await context.close()
  })

  it('says a whole year’s comparison once in the briefing', async () => {
    const { page, context } = await managerPage()
    await page.goto('/staff/dashboard/briefing?from=2025-04-01&to=2026-03-31')
    const main = (await page.locator('main').textContent()) ?? ''
    assert.match(main, /Compared with the previous year\s+1 April 2024 to 31 March 2025\./)
    assert.doesNotMatch(main, /Compared with (the same period )?a year earlier/)
    assert.equal(await page.locator('.fd-headlines thead th').count(), 3)
    await expectAccessible(page)
    await context.close()
  })
})
