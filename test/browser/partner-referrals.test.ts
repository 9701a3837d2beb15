// The partner portal's referrals in a browser: a partner's list and one referral, accessible,
// and another organisation's referral as page not found.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { expectAccessible, heading, startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { signIn } from '../support/signed-in.ts'
import { addStaff } from '../support/accounts.ts'
import { addReferral } from '../../src/features/contacts/test-fixtures.ts'
import { addPartner, addResident } from '../support/fixtures.ts'

describe('partner referrals in a browser', () => {
  let h: Harness
  let partnerStaffId: number
  let ours: number
  let theirs: number

  before(async () => {
    h = await startHarness()
    const partner = await addPartner(h.database, h.councilId, 'Warm Homes Trust')
    const other = await addPartner(h.database, h.councilId, 'Food Bank')
    ours = await addReferral(
      h.database,
      h.councilId,
      partner,
      await addResident(h.database, h.councilId),
      '2026-01-10T10:00:00.000Z',
    )
    theirs = await addReferral(
      h.database,
      h.councilId,
      other,
      await addResident(h.database, h.councilId),
      '2026-01-11T10:00:00.000Z',
    )
    partnerStaffId = (await addStaff(h.database, h.councilId, ['partner'], { partnerOrgId: partner })).id
  })
  after(() => h?.close())

  it('lists the organisation’s referrals and opens one, accessibly', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: partnerStaffId })
    assert.equal((await page.goto('/partner/referrals'))?.status(), 200)
    assert.equal(await page.locator('tbody .govuk-table__row').count(), 1)
    await expectAccessible(page)
    // GOV.UK's visually hidden text brings its own spacing: the link reads "Alex Example , referral 1".
    await page.getByRole('link', { name: new RegExp(`^Alex Example ?, referral ${ours}$`) }).click()
    await page.waitForURL(new RegExp(`/partner/referrals/${ours}$`))
    const main = (await page.locator('main').textContent()) ?? ''
    assert.match(main, /Help with energy bills/)
    assert.match(main, /Warm Homes Trust/)
    await expectAccessible(page)
    await context.close()
  })

  it('shows another organisation’s referral as an accessible page not found', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: partnerStaffId })
    assert.equal((await page.goto(`/partner/referrals/${theirs}`))?.status(), 404)
    assert.equal(await heading(page), 'Page not found')
    await expectAccessible(page)
    await context.close()
  })
})
