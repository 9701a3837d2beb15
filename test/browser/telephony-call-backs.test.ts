// Call backs in a browser: a resident is told to call now while the phones are quiet, is offered
// a call back once the wait passes the council's threshold, sees an error summary that keeps what
// they typed, and asks for one; an advisor claims it and records a try by keyboard alone. Every
// state of both pages passes axe.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, expectAccessible, heading, startHarness, tabTo } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { signIn } from '../support/signed-in.ts'
import { addStaff } from '../support/accounts.ts'
import { createResident } from '../../src/features/residents/service.ts'
import { addRequestedCallBacks } from '../../src/features/telephony/callbacks.ts'
import { setLineSettings } from '../support/telephony.ts'
import { addTeam } from '../support/fixtures.ts'
import { createService } from '../../src/features/catalogue/service.ts'

describe('call backs in a browser', () => {
  let h: Harness
  let advisorId: number

  before(async () => {
    h = await startHarness()
    advisorId = (await addStaff(h.database, h.councilId, ['advisor'])).id
    await setLineSettings(h.database.db, h.councilId)
  })
  after(() => h?.close())

  it('says call now while the wait is under the threshold, and offers a call back once it passes', async () => {
    const { page, context } = await h.newPage()
    await page.goto('/contact/call-back')
    assert.equal(await heading(page), 'Call us now')
    assert.equal(await page.getByRole('button', { name: 'Ask for a call back' }).count(), 0)
    assert.deepEqual(await frame(page), ENGLISH_FRAME)
    await expectAccessible(page)
    // A caller has waited 7 minutes in the council's call-back queue: past the 5-minute threshold.
    const settings = await h.database.db
      .selectFrom('council')
      .select('settings')
      .where('id', '=', h.councilId)
      .executeTakeFirstOrThrow()
    const queue = (JSON.parse(settings.settings) as { callBackQueue?: string }).callBackQueue ?? 'main'
    await h.database.db
      .insertInto('call_in_queue')
      .values({
        council_id: h.councilId,
        external_id: 'waiting-1',
        queue,
        offered_at: new Date(Date.now() - 7 * 60_000).toISOString(),
      })
      .execute()
    await page.goto('/contact/call-back')
    assert.equal(await heading(page), 'Ask us to call you back')
    assert.match((await page.locator('main').textContent()) ?? '', /wait about 7 minutes/)
    await expectAccessible(page)

    await page.getByLabel('Your name').fill('Grace Hopper')
    await page.getByLabel('Telephone number').fill('call me')
    await page.getByRole('button', { name: 'Ask for a call back' }).click()
    assert.deepEqual(await errorSummary(page), [
      'Enter a telephone number, like 01632 960 001 or 07700 900 982',
      'Select when we should call you',
      'Enter what you would like to talk about',
    ])
    assert.equal(await page.getByLabel('Your name').inputValue(), 'Grace Hopper', 'what was typed is kept')
    assert.equal(await page.getByLabel('Telephone number').inputValue(), 'call me')
    await expectAccessible(page)

    await page.getByLabel('Telephone number').fill('01632 960 123')
    await page.getByRole('group', { name: 'When should we call you?' }).getByRole('radio').first().check()
    await page.getByLabel('What would you like to talk about?').fill('My council tax bill')
    await page.getByRole('button', { name: 'Ask for a call back' }).click()
    assert.equal(await heading(page), 'We will call you back')
    assert.match(page.url(), /\/contact\/call-back\/requested$/, 'the confirmation is a page of its own')
    await expectAccessible(page)
    await page.reload()
    assert.equal(await heading(page), 'We will call you back', 'a refresh shows it again and asks for nothing')
    await context.close()
  })

  it('lets an advisor claim the call back and record a try by keyboard alone', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    await page.goto('/staff/call-backs')
    assert.equal(await heading(page), 'Call backs')
    await expectAccessible(page)
    await tabTo(page, 'button[aria-label="Claim the call back to Grace Hopper"]', 80)
    await page.keyboard.press('Enter')
    await page.locator('.govuk-notification-banner').waitFor()
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /Call back claimed/)
    assert.equal(await page.locator('main .govuk-notification-banner').count(), 1, 'where the skip link lands')
    assert.equal(await page.getByRole('button', { name: 'Release the call back to Grace Hopper' }).count(), 1)
    await expectAccessible(page)
    // On a phone the table scrolls inside its own labelled region; the page itself does not.
    await page.setViewportSize({ width: 375, height: 800 })
    assert.ok(Number(await page.evaluate('document.documentElement.scrollWidth')) <= 375, 'the page fits 375px')
    await expectAccessible(page)
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.getByRole('link', { name: 'Find the resident for Grace Hopper' }).click()
    assert.equal(await heading(page), 'Find the resident')
    assert.match((await page.locator('main').textContent()) ?? '', /No resident has 01632 960123 recorded/)
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Back to call backs' }).click()
    const tries = page.getByRole('group', { name: 'What happened on the call to Grace Hopper?' })
    await tabTo(page, 'input[name="outcome"]', 80)
    // Arrow keys move through a radio group; No answer is the second choice.
    await page.keyboard.press('ArrowDown')
    assert.equal(await tries.getByRole('radio', { name: 'No answer' }).isChecked(), true)
    await tabTo(page, 'button:has-text("Record the try")', 80)
    await page.keyboard.press('Enter')
    await page.locator('.govuk-notification-banner').waitFor()
    assert.match(
      (await page.locator('.govuk-notification-banner').textContent()) ?? '',
      /Try recorded: the call back is back on the list/,
    )
    assert.match((await page.locator('table').textContent()) ?? '', /Grace Hopper/)
    await expectAccessible(page)
    const callBack = await h.database.db
      .selectFrom('callback')
      .select(['attempts', 'status', 'staff_user_id'])
      .where('name', '=', 'Grace Hopper')
      .executeTakeFirstOrThrow()
    assert.deepEqual({ ...callBack }, { attempts: 1, status: 'requested', staff_user_id: null })
    await context.close()
  })

  it('asks for a call back in Welsh, its error and confirmation passing axe too', async () => {
    await h.database.db
      .insertInto('call_in_queue')
      .values({
        council_id: h.councilId,
        external_id: 'waiting-welsh',
        queue: 'main',
        offered_at: new Date(Date.now() - 9 * 60_000).toISOString(),
      })
      .execute()
    const { page, context } = await h.newPage()
    await page.goto('/contact/call-back?lang=cy')
    assert.equal(await heading(page), "Gofynnwch i ni eich ffonio'n ôl")
    assert.deepEqual(await frame(page), WELSH_FRAME)
    await expectAccessible(page)
    await page.getByLabel('Eich enw').fill('Gwenllian')
    await page.getByRole('button', { name: 'Gofyn am alwad yn ôl' }).click()
    assert.deepEqual(await errorSummary(page), [
      'Rhowch rif ffôn',
      'Dewiswch pryd y dylem eich ffonio',
      'Rhowch yr hyn yr hoffech chi siarad amdano',
    ])
    await expectAccessible(page)
    await page.getByLabel('Rhif ffôn').fill('01632 960 456')
    await page.getByRole('group', { name: 'Pryd ddylem ni eich ffonio?' }).getByRole('radio').first().check()
    await page.getByLabel('Am beth yr hoffech chi siarad?').fill('Treth y cyngor')
    await page.getByRole('button', { name: 'Gofyn am alwad yn ôl' }).click()
    assert.equal(await heading(page), "Byddwn yn eich ffonio'n ôl")
    assert.match((await page.locator('main').textContent()) ?? '', /Byddwn yn eich ffonio ddydd /)
    await expectAccessible(page)
    await context.close()
  })

  it('links a call back to the resident from a sorted list, back to that order with the row in her name', async () => {
    const system = { kind: 'system' as const, id: null, label: 'test', councilId: h.councilId }
    await createResident(h.database, system, h.councilId, {
      given_name: 'Aisha',
      family_name: 'Ali',
      date_of_birth: '1940-08-09',
      phones: ['01632 960 888'],
    })
    const start = Date.now() + 3_600_000
    await addRequestedCallBacks(h.database.db, [
      {
        councilId: h.councilId,
        residentId: null,
        name: 'Phone caller',
        phone: '01632 960888',
        window: { start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString() },
        reason: 'Housing',
        createdAt: new Date().toISOString(),
      },
    ])
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    await page.goto('/staff/call-backs?sort=attempts&order=desc')
    await page.getByRole('button', { name: 'Claim the call back to Phone caller' }).click()
    await page.getByRole('link', { name: 'Find the resident for Phone caller' }).click()
    assert.match((await page.locator('main').textContent()) ?? '', /Born 9 August 1940/)
    await expectAccessible(page)
    await page.getByRole('radio', { name: 'Aisha Ali' }).check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.locator('.govuk-notification-banner').waitFor()
    assert.match(page.url(), /\/staff\/call-backs\?sort=attempts&order=desc$/)
    assert.equal(await page.getByRole('link', { name: 'Resident’s record for Aisha Ali' }).count(), 1)
    assert.equal(await page.getByRole('group', { name: 'What happened on the call to Aisha Ali?' }).count(), 1)
    assert.match((await page.locator('table').textContent()) ?? '', /Asked as Phone caller/)
    await expectAccessible(page)
    await context.close()
  })

  it('raises the case an answered call back turned up on the desk’s case form, passing axe', async () => {
    const system = { kind: 'system' as const, id: null, label: 'test', councilId: h.councilId }
    const bea = await createResident(h.database, system, h.councilId, { given_name: 'Bea', family_name: 'Case' })
    // One question is enough: the form's own questions are the desk's tests' to cover.
    await createService(h.database, system, h.councilId, {
      name: 'Report a blocked drain',
      open311_code: 'blocked-drain',
      team_id: await addTeam(h.database, h.councilId, 'Highways'),
      target_hours: 24,
      offline_route: 'Phone 01632 960 000',
      form: [
        { name: 'state', label: 'How bad is it?', type: 'radios', required: true, options: ['Slow', 'Overflowing'] },
      ],
    })
    const start = Date.now() + 3 * 3_600_000
    await addRequestedCallBacks(h.database.db, [
      {
        councilId: h.councilId,
        residentId: bea.id,
        name: 'Bea Case',
        phone: '01632 960444',
        window: { start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString() },
        reason: 'The drain outside is blocked',
        createdAt: new Date().toISOString(),
      },
    ])
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    await page.goto('/staff/call-backs')
    await page.getByRole('button', { name: 'Claim the call back to Bea Case' }).click()
    const row = page.getByRole('row').filter({ hasText: 'The drain outside is blocked' })
    await row.getByRole('radio', { name: 'Answered' }).check()
    await row.getByRole('radio', { name: 'Case raised' }).check()
    await row.getByRole('button', { name: 'Record the try' }).click()
    assert.equal(await heading(page), 'Which service is the report about?')
    await expectAccessible(page)
    await page.getByRole('radio', { name: 'Report a blocked drain' }).check()
    await page.getByRole('button', { name: 'Continue' }).click()
    assert.match((await page.locator('.govuk-inset-text').textContent()) ?? '', /your call back to Bea Case/)
    assert.equal(await page.getByRole('group', { name: 'How did the report come in?' }).count(), 0)
    await expectAccessible(page)
    await page.getByRole('radio', { name: 'Overflowing' }).check()
    await page.getByRole('button', { name: 'Continue' }).click()
    assert.match((await page.locator('.govuk-panel').textContent()) ?? '', /Case raised/)
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Back to call backs' }).click()
    assert.equal(await heading(page), 'Call backs')
    assert.equal(await page.getByText('The drain outside is blocked').count(), 0, 'the call back is done')
    const history = await h.database.db
      .selectFrom('contact')
      .select(['direction', 'outcome'])
      .where('resident_id', '=', bea.id)
      .where('case_id', 'is not', null)
      .execute()
    assert.deepEqual(
      history.map((c) => ({ ...c })),
      [{ direction: 'outbound', outcome: 'case_raised' }],
    )
    await context.close()
  })

  it('tells an advisor too late for a call back who has it, passing axe', async () => {
    const priya = await addStaff(h.database, h.councilId, ['advisor'], { name: 'Priya Claimer' })
    const start = Date.now() + 2 * 3_600_000
    const [id] = await addRequestedCallBacks(h.database.db, [
      {
        councilId: h.councilId,
        residentId: null,
        name: 'Late Claim',
        phone: '01632 960999',
        window: { start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString() },
        reason: 'Bins',
        createdAt: new Date().toISOString(),
      },
    ])
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'staff', id: advisorId })
    await page.goto('/staff/call-backs')
    // Priya claims it while this advisor's list is open.
    await h.database.db
      .updateTable('callback')
      .set({ status: 'booked', staff_user_id: priya.id, claimed_at: new Date().toISOString() })
      .where('id', '=', id!)
      .execute()
    await page.getByRole('button', { name: 'Claim the call back to Late Claim' }).click()
    await page.locator('.moj-alert').waitFor()
    assert.match((await page.locator('.moj-alert').textContent()) ?? '', /Priya Claimer has claimed that call back/)
    assert.equal(await page.locator('.govuk-notification-banner--success').count(), 0)
    const row = page.getByRole('row').filter({ hasText: 'Late Claim' })
    assert.match((await row.textContent()) ?? '', /Claimed by Priya Claimer/)
    await expectAccessible(page)
    await page.goto(`/staff/call-backs/${id}/resident`)
    assert.equal(await heading(page), 'Priya Claimer has claimed that call back')
    await expectAccessible(page)
    await context.close()
  })

  it('says when the closed lines open, in a whole sentence, passing axe', async () => {
    // Open only on the day after tomorrow: closed now, whatever the time.
    const today = new Date(new Date().toLocaleString('en-US', { timeZone: 'Europe/London' })).getDay() || 7
    const closed = JSON.stringify({
      useBankHolidays: false,
      workingHours: { days: [((today + 1) % 7) + 1], opens: '09:00', closes: '17:00', timeZone: 'Europe/London' },
    })
    await h.database.db.updateTable('council').set({ settings: closed }).where('id', '=', h.councilId).execute()
    const { page, context } = await h.newPage()
    await page.goto('/contact/call-back')
    assert.equal(await heading(page), 'Our phone lines are closed')
    assert.match(
      (await page.locator('.govuk-inset-text').textContent()) ?? '',
      /You can call us on 01632 960000 when they open\./,
    )
    await expectAccessible(page)
    await context.close()
  })

  // Last: it spends this address's allowance of call-back requests, which the tests above need.
  it('refuses a Welsh reader who asks too often in Welsh, frame and all, passing axe', async () => {
    const { page, context } = await h.newPage()
    await page.goto('/contact/call-back?lang=cy')
    let status = 0
    for (let i = 0; i <= 10 && status !== 429; i++) {
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Gofyn am alwad yn ôl' }).click(),
      ])
      status = response.status()
      await page.waitForLoadState('load')
    }
    assert.equal(status, 429)
    assert.equal(await heading(page), 'Gormod o geisiadau')
    assert.deepEqual(await frame(page), WELSH_FRAME)
    await expectAccessible(page)
    await context.close()
  })
})

type Frame = {
  lang: string | null
  skipLink: string[]
  regions: string[]
  navigation: string[]
  headings: string[]
  footerLinks: string[]
}

/** The layout around the page as assistive technology meets it: the language, the skip link, the landmarks' names, the footer. */
async function frame(page: Page): Promise<Frame> {
  const names = (selector: string) =>
    page.locator(selector).evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label') ?? ''))
  const texts = async (selector: string) => (await page.locator(selector).allTextContents()).map((t) => t.trim())
  return {
    lang: await page.getAttribute('html', 'lang'),
    skipLink: await texts('.govuk-skip-link'),
    regions: await names('section[aria-label]'),
    navigation: await names('nav[aria-label]'),
    headings: await texts('footer h2'),
    footerLinks: await texts('footer a'),
  }
}

const ENGLISH_FRAME: Frame = {
  lang: 'en',
  skipLink: ['Skip to main content'],
  regions: ['Service information'],
  navigation: ['Choose a language'],
  headings: ['Support links'],
  footerLinks: ['Accessibility statement', 'Privacy', 'Cookies', 'Open data', 'API documentation'],
}

const WELSH_FRAME: Frame = {
  lang: 'cy',
  skipLink: ["Neidio i'r prif gynnwys"],
  regions: ['Gwybodaeth gwasanaeth'],
  navigation: ['Dewiswch iaith'],
  headings: ['Dolenni cymorth'],
  footerLinks: ['Datganiad hygyrchedd', 'Preifatrwydd', 'Cwcis', 'Data agored', 'Dogfennaeth API'],
}
