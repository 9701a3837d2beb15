// A resident's own requests in a browser: the list, one request with its public timeline, the
// page for an account not yet linked, another resident's request as page not found, paging
// through a long list, and the list and a request read in Welsh, each accessible.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { expectAccessible, heading, startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { signIn } from '../support/signed-in.ts'
import { addAccount } from '../support/accounts.ts'
import { addCaseNote, changeCaseStatus, createCase } from '../../src/features/cases/service.ts'
import { findServiceByOpen311Code } from '../../src/features/catalogue/service.ts'
import { addResident, systemActor } from '../support/fixtures.ts'

const WELSH_MONTH = '(Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr)'

describe('a resident’s own requests in a browser', () => {
  let h: Harness
  let accountId: number
  let unlinkedId: number
  let mine: string
  let theirs: string
  let busyId: number

  before(async () => {
    h = await startHarness()
    const actor = systemActor(h.councilId)
    const service = await findServiceByOpen311Code(h.database, h.councilId, 'missed-bin')
    assert.ok(service)
    const raise = async (residentId: number) =>
      createCase(h.database, actor, h.councilId, {
        service_id: service.id,
        resident_id: residentId,
        channel: 'web',
        created_by: 'resident',
        description: 'Missed on Monday',
      })
    const residentId = await addResident(h.database, h.councilId)
    const made = await raise(residentId)
    mine = made.reference
    theirs = (await raise(await addResident(h.database, h.councilId))).reference
    await changeCaseStatus(h.database, actor, h.councilId, made.id, {
      status: 'in_progress',
      note: 'Internal: crew short-staffed',
    })
    await addCaseNote(h.database, actor, h.councilId, made.id, {
      body: 'A crew will call on Tuesday',
      visibility: 'public',
    })
    await addCaseNote(h.database, actor, h.councilId, made.id, {
      body: 'Internal: resident rang twice',
      visibility: 'internal',
    })
    accountId = (await addAccount(h.database, h.councilId, residentId)).id
    unlinkedId = (await addAccount(h.database, h.councilId, null)).id
    const busy = await addResident(h.database, h.councilId)
    for (let i = 0; i < 21; i++) await raise(busy)
    busyId = (await addAccount(h.database, h.councilId, busy)).id
  })
  after(() => h?.close())

  it('lists their requests and opens one with its public timeline, accessibly', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'resident', id: accountId })
    assert.equal((await page.goto('/account/requests'))?.status(), 200)
    assert.equal(await heading(page), 'Your requests')
    const rows = await page.locator('tbody .govuk-table__row').allTextContents()
    assert.equal(rows.length, 1)
    assert.match(rows[0]!, /Report a missed bin collection/)
    assert.match(rows[0]!, /In progress/)
    await expectAccessible(page)
    await page.getByRole('link', { name: mine }).click()
    await page.waitForURL(new RegExp(`/account/requests/${mine}$`))
    const main = (await page.locator('main').textContent()) ?? ''
    assert.match(main, /A crew will call on Tuesday/)
    assert.match(main, /Status changed to in progress/)
    assert.doesNotMatch(main, /Internal:/)
    await expectAccessible(page)
    await context.close()
  })

  it('reads the list and a request in Welsh to a resident who chose Cymraeg, accessibly', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'resident', id: accountId })
    assert.equal((await page.goto('/account/requests?lang=cy'))?.status(), 200)
    assert.equal(await page.locator('html').getAttribute('lang'), 'cy')
    assert.match(await page.title(), /^Eich ceisiadau – /)
    assert.equal(await heading(page), 'Eich ceisiadau')
    const rows = await page.locator('tbody .govuk-table__row').allTextContents()
    assert.equal(rows.length, 1)
    assert.match(rows[0]!, /Rhoi gwybod am fin na chafodd ei gasglu/)
    assert.match(rows[0]!, /Ar waith/)
    assert.match(rows[0]!, new RegExp(`\\d{1,2} ${WELSH_MONTH} 20\\d\\d`))
    await expectAccessible(page)
    await page.getByRole('link', { name: mine }).click()
    await page.waitForURL(new RegExp(`/account/requests/${mine}$`))
    assert.match(await page.title(), new RegExp(`^Cais ${mine} – `))
    const timeline = await page.locator('main ol h3').allTextContents()
    assert.deepEqual(timeline, ['Diweddariad gan y cyngor', 'Statws wedi newid i ar waith', 'Cawsom eich cais'])
    const times = await page.locator('main ol time').allTextContents()
    assert.equal(times.length, 3, 'a date and time for each thing that happened')
    for (const time of times)
      assert.match(
        time,
        new RegExp(`^\\d{1,2} ${WELSH_MONTH} 20\\d\\d am (\\d{1,2}(:\\d\\d)?[ap]m|12 hanner dydd|12 hanner nos)$`),
      )
    assert.match((await page.locator('.govuk-summary-list .govuk-tag').textContent()) ?? '', /Ar waith/)
    await expectAccessible(page)
    await context.close()
  })

  it('shows another resident’s request as an accessible page not found', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'resident', id: accountId })
    const response = await page.goto(`/account/requests/${theirs}`)
    assert.equal(response?.status(), 404)
    assert.equal(await heading(page), 'Page not found')
    await expectAccessible(page)
    await context.close()
  })

  it('pages through a long list with Older and Newest links, and a broken page link is an accessible page in plain words', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'resident', id: busyId })
    await page.goto('/account/requests')
    assert.equal(await page.locator('tbody .govuk-table__row').count(), 20)
    await page.getByRole('link', { name: /Older/ }).click()
    await page.waitForURL(/\/account\/requests\?cursor=/)
    assert.equal(await page.locator('tbody .govuk-table__row').count(), 1)
    assert.equal(await page.getByRole('link', { name: /Newest/ }).count(), 1)
    await expectAccessible(page)
    const broken = await page.goto('/account/requests?cursor=not-a-cursor')
    assert.equal(broken?.status(), 400)
    assert.equal(await heading(page), 'This page of your requests cannot be shown')
    await expectAccessible(page)
    await context.close()
  })

  it('explains to an account not yet linked why there is nothing to show', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'resident', id: unlinkedId })
    assert.equal((await page.goto('/account/requests'))?.status(), 200)
    assert.match((await page.locator('main').textContent()) ?? '', /not linked to our records/)
    await expectAccessible(page)
    await context.close()
  })
})
