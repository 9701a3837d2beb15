// The resident's own pages in a browser: every page and its error state passes axe, "how we contact
// you" is answered with the keyboard alone, and the pages read in Welsh.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { errorSummary, expectAccessible, heading, startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { signIn } from '../support/signed-in.ts'
import { addAccount } from '../support/accounts.ts'
import { addResident, systemActor } from '../support/fixtures.ts'
import { updateResident } from '../../src/features/residents/service.ts'

describe('a resident’s own details pages in a browser', () => {
  let h: Harness
  let accountId: number
  let residentId: number

  before(async () => {
    h = await startHarness()
    residentId = await addResident(h.database, h.councilId)
    // Letters need an address on the record to go to.
    await updateResident(h.database, systemActor(h.councilId), h.councilId, residentId, {
      addresses: [{ address_line_1: '1 High Street', town: 'Harness', postcode: 'AB1 2CD' }],
    })
    accountId = (await addAccount(h.database, h.councilId, residentId)).id
  })
  after(() => h?.close())

  it('shows every page and every error state accessibly', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'resident', id: accountId })
    for (const path of [
      '/account',
      '/account/details',
      '/account/download',
      '/account/download/my-data',
      '/account/close',
    ]) {
      assert.equal((await page.goto(path))?.status(), 200, path)
      await expectAccessible(page)
    }
    const refusals: [string, (field: string) => Promise<void>, string][] = [
      ['/account/details/name', () => page.fill('#given_name', ''), 'Enter your first name'],
      [
        '/account/details/phone',
        () => page.fill('#phone', '12ab'),
        'Enter a phone number, like 01632 960 001 or 07700 900 982',
      ],
      ['/account/details/address', () => page.fill('#postcode', 'nonsense'), 'Enter a full UK postcode, like AA1 1AA'],
      ['/account/contact', () => page.check('#channel-6'), 'Select whether we should write to you or phone you'],
      [
        '/account/accessibility',
        () => page.fill('#needs', 'x'.repeat(501)),
        'Accessibility needs must be 500 characters or fewer',
      ],
      ['/account/close', async () => undefined, 'Tick the box to confirm you want to close your account'],
    ]
    for (const [path, typeSomething, message] of refusals) {
      assert.equal((await page.goto(path))?.status(), 200, path)
      await expectAccessible(page)
      await typeSomething(path)
      await page.locator('main form .govuk-button').click()
      await page.waitForLoadState()
      assert.ok((await errorSummary(page)).includes(message), `${path}: ${(await errorSummary(page)).join(' / ')}`)
      await expectAccessible(page)
    }
    assert.equal((await page.goto('/account/language'))?.status(), 200)
    await expectAccessible(page)
    await context.close()
  })

  it('answers "how we contact you" with the keyboard alone', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'resident', id: accountId })
    await page.goto('/account/contact')
    await page.locator('#channel').focus()
    // The offline choice is the fifth radio (the divider takes an id number); arrows move within a group.
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown')
    assert.equal(await page.locator('#channel-6').isChecked(), true)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Space')
    assert.equal(await page.locator('#offline_channel').isChecked(), true)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/account\/details\?done=contact$/)
    assert.match(
      (await page.locator('main').textContent()) ?? '',
      /I do not use the internet: write to me or phone me \(Letter\)/,
    )
    const row = await h.database.db
      .selectFrom('resident')
      .select(['preferred_channel', 'digital_status'])
      .where('id', '=', residentId)
      .executeTakeFirstOrThrow()
    assert.deepEqual({ ...row }, { preferred_channel: 'letter', digital_status: 'offline_by_choice' })
    await context.close()
  })

  it('reads in Welsh once Welsh is chosen, accessibly', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'resident', id: accountId })
    await page.goto('/account/language')
    await page.getByLabel('Cymraeg').check()
    await page.locator('main form .govuk-button').click()
    await page.waitForURL(/done=language/)
    assert.equal(await page.locator('html').getAttribute('lang'), 'cy')
    assert.equal(await heading(page), 'Eich manylion')
    await expectAccessible(page)
    for (const [path, title] of [
      ['/account/contact', 'Sut rydym yn cysylltu â chi'],
      ['/account/close', 'Cau eich cyfrif'],
      ['/account/download', 'Lawrlwytho eich data'],
    ] as const) {
      await page.goto(path)
      assert.equal(await heading(page), title)
      await expectAccessible(page)
    }
    await page.goto('/account/close')
    await page.locator('main form .govuk-button').click()
    await page.waitForLoadState()
    assert.deepEqual(await errorSummary(page), ['Ticiwch y blwch i gadarnhau eich bod am gau eich cyfrif'])
    await context.close()
  })
})
