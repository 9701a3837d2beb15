// The call-back pages as a resident and an advisor meet them, on both engines: tampered choices are
// refused with an error summary, never a crash.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient } from '../../../test/support/client.ts'
import { addStaff, signedInClient } from '../../../test/support/accounts.ts'
import { addRequestedCallBacks } from './callbacks.ts'
import { createResident } from '../residents/service.ts'
import { ALWAYS_OPEN, callerWaiting } from '../../../test/support/telephony.ts'

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1]?.trim()
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()
const ASKED = { name: 'Ada Lovelace', phone: '01632 960 001', window: 'afternoon', reason: 'Missed bin' }

for (const engine of ENGINES) {
  describe(`call-back pages (${engine})`, () => {
    let t: TestApp
    let advisorId: number

    const setSettings = (settings: object) =>
      t.database.db
        .updateTable('council')
        .set({ settings: JSON.stringify(settings) })
        .where('id', '=', t.councilId)
        .execute()
    const waiting = (external: string, seconds: number) =>
      callerWaiting(t.database.db, t.councilId, seconds, { externalId: external })

    before(async () => {
      // The limit on asking is tested on its own (telephony.test.ts); here one address asks many times.
      t = await testApp(engine, { env: { RATE_LIMITS: 'false' } })
      advisorId = (await addStaff(t.database, t.councilId, ['advisor'])).id
      await setSettings(ALWAYS_OPEN)
      // A caller has waited 10 minutes: past the 5-minute threshold, so the page offers a call back.
      await t.database.db
        .insertInto('call_in_queue')
        .values({ council_id: t.councilId, external_id: 'stuck', queue: 'main', offered_at: minutesAgo(10) })
        .execute()
    })
    after(() => t?.close())

    const callBacksNamed = (name: string) =>
      t.database.db.selectFrom('callback').selectAll().where('name', '=', name).execute()

    it('says call now with the council’s number while the lines are open and quiet', async () => {
      await waiting('quiet', 0)
      const page = await new TestClient(t.app).get('/contact/call-back')
      assert.match(page.body, /<h1[^>]*>Call us now</)
      assert.match(page.body, /Our phone lines are open and not busy at the moment/)
      assert.match(page.body, /href="tel:01632960000">01632 960000</, 'the number every public page gives')
      assert.doesNotMatch(page.body, /Ask for a call back/)
      await waiting('stuck', 10 * 60)
    })

    it('says the lines are closed and when they open, and takes a call back meanwhile', async () => {
      // Open only on the day after tomorrow: closed now, whatever the time.
      const today = new Date(new Date().toLocaleString('en-US', { timeZone: 'Europe/London' })).getDay() || 7
      const openDay = ((today + 1) % 7) + 1
      await setSettings({
        ...ALWAYS_OPEN,
        workingHours: { ...ALWAYS_OPEN.workingHours, days: [openDay], opens: '09:00', closes: '17:00' },
      })
      try {
        await waiting('quiet', 0)
        const page = await new TestClient(t.app).get('/contact/call-back')
        assert.match(page.body, /<h1[^>]*>Our phone lines are closed</)
        assert.match(page.body, /They open again on \w+day \d{1,2} \w+ at 9am\./)
        assert.match(
          page.body,
          /You can call us on <a class="govuk-link" href="tel:01632960000">01632 960000<\/a> when they open\./,
          'a whole sentence, not "Call 01632 960000 then"',
        )
        assert.doesNotMatch(page.body, /not busy/)
        assert.match(page.body, /Ask for a call back/)
      } finally {
        await setSettings(ALWAYS_OPEN)
        await waiting('stuck', 10 * 60)
      }
    })

    it('writes one minute in the singular', async () => {
      await setSettings({ ...ALWAYS_OPEN, callBackThresholdSeconds: 30 })
      await waiting('minute', 50)
      const page = await new TestClient(t.app).get('/contact/call-back')
      assert.match(page.body, /you could wait about 1 minute\./)
      await setSettings(ALWAYS_OPEN)
      await waiting('stuck', 10 * 60)
    })

    it('takes a request filled in while the lines were busy and sent after they calmed', async () => {
      const resident = new TestClient(t.app)
      const form = await resident.get('/contact/call-back')
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1]
      assert.ok(csrf, 'the form is offered while the lines are busy')
      await waiting('quiet', 0)
      try {
        const sent = await resident.post('/contact/call-back', { ...ASKED, name: 'Good Faith', _csrf: csrf })
        assert.equal(sent.statusCode, 303)
        assert.equal((await callBacksNamed('Good Faith')).length, 1)
        const confirmation = await resident.follow(sent)
        assert.match(confirmation.body, /We will call up to 3 times in all, then stop/)
        assert.match(confirmation.body, /If the number turns out not to be yours, we will not call again/)
      } finally {
        await waiting('stuck', 10 * 60)
      }
    })

    it('offers the windows the council’s hours allow, each with the day it would next be', async () => {
      const page = await new TestClient(t.app).get('/contact/call-back')
      assert.match(page.body, /Morning \(midnight to midday\)/)
      assert.match(page.body, /Afternoon \(midday to 11:59pm\)/)
      assert.match(page.body, /Next: \w+day \d{1,2} \w+/)
      // Not "the next day we are open": the afternoon may be next today.
      assert.match(page.body, /We will call the next time we are open at the time you choose/)
    })

    it('gives the council’s number, in English and Welsh, to someone refused for asking too often', async () => {
      const limited = await testApp(engine)
      try {
        await limited.database.db
          .updateTable('council')
          .set({ settings: JSON.stringify(ALWAYS_OPEN) })
          .where('id', '=', limited.councilId)
          .execute()
        await limited.database.db
          .insertInto('call_in_queue')
          .values({ council_id: limited.councilId, external_id: 'stuck', queue: 'main', offered_at: minutesAgo(10) })
          .execute()
        const resident = new TestClient(limited.app)
        let refused
        for (let i = 0; i <= 10 && refused?.statusCode !== 429; i++)
          refused = await resident.submit('/contact/call-back', { ...ASKED, name: `Asker ${i}` })
        assert.equal(refused?.statusCode, 429)
        assert.match(refused!.body, /Too many attempts: try again in \d+ minutes?/)
        assert.match(refused!.body, /If you need to contact us now, phone us on 01632 960000\./)
        const welsh = await resident.submit('/contact/call-back?lang=cy', { ...ASKED, name: 'Asker Welsh' })
        assert.equal(welsh.statusCode, 429)
        assert.match(welsh.body, /<html lang="cy"[\s\S]*<h1[^>]*>Gormod o geisiadau</)
        assert.match(welsh.body, /Os oes angen i chi gysylltu â ni nawr, ffoniwch ni ar 01632 960000\./)
        // The whole refusal is Welsh: its title and how long to wait too, not the rate limiter's English.
        assert.match(welsh.body, /<title>Gormod o geisiadau – /)
        assert.match(welsh.body, /Gormod o ymdrechion: rhowch gynnig arall ymhen \d+ munud/)
        assert.doesNotMatch(welsh.body, /try again in/)
      } finally {
        await limited.close()
      }
    })

    it('refuses a window that is not offered, even one named like a built-in property', async () => {
      const resident = new TestClient(t.app)
      for (const window of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'evening']) {
        const page = await resident.submit('/contact/call-back', { ...ASKED, name: 'Tampered Window', window })
        assert.equal(page.statusCode, 400, window)
        assert.match(page.body, /There is a problem/)
        assert.match(page.body, /href="#window">Select when we should call you/)
      }
      assert.deepEqual(await callBacksNamed('Tampered Window'), [])
    })

    it('refuses a number an advisor could not ring, saying how to write one', async () => {
      const resident = new TestClient(t.app)
      const page = await resident.submit('/contact/call-back', { ...ASKED, name: 'Short Number', phone: '0770090098' })
      assert.equal(page.statusCode, 400)
      assert.match(page.body, /href="#phone">Enter a telephone number, like 01632 960 001 or 07700 900 982/)
      assert.match(page.body, /value="0770090098"/, 'what was typed is kept')
      assert.deepEqual(await callBacksNamed('Short Number'), [])
    })

    it('makes one call back however often the form is sent, and shows the confirmation only to the browser that asked', async () => {
      const resident = new TestClient(t.app)
      const sent = []
      for (let i = 0; i < 3; i++)
        sent.push(await resident.submit('/contact/call-back', { ...ASKED, name: 'Once Only' }))
      for (const response of sent) {
        assert.equal(response.statusCode, 303)
        assert.equal(response.headers.location, '/contact/call-back/requested')
      }
      const confirmation = await resident.follow(sent[0]!)
      assert.equal(confirmation.statusCode, 200)
      assert.match(confirmation.body, /We will call you back/)
      assert.match(confirmation.body, /We will call you on \w+day \d+ \w+ from \d/)
      const refreshed = await resident.get('/contact/call-back/requested')
      assert.match(refreshed.body, /We will call you back/, 'a refresh shows the same confirmation')
      assert.equal((await callBacksNamed('Once Only')).length, 1)

      const stranger = new TestClient(t.app)
      const guessed = await stranger.get('/contact/call-back/requested')
      assert.equal(guessed.statusCode, 303, 'a guessed address shows nobody’s request')
      assert.equal(guessed.headers.location, '/contact/call-back')
    })

    it('keeps the language a call back was asked in, and tells the advisor to call in Welsh', async () => {
      const welsh = new TestClient(t.app)
      // Ffenestr (the window) and the rest as the Welsh form sends them: the values are the same.
      const asked = await welsh.submit('/contact/call-back?lang=cy', {
        ...ASKED,
        name: 'Gwen Gymraeg',
        reason: 'Bin heb ei gasglu',
      })
      assert.equal(asked.statusCode, 303)
      await new TestClient(t.app).submit('/contact/call-back', { ...ASKED, name: 'Ellis English' })
      const rows = await t.database.db
        .selectFrom('callback')
        .select(['name', 'language'])
        .where('name', 'in', ['Gwen Gymraeg', 'Ellis English'])
        .orderBy('name')
        .execute()
      assert.deepEqual(
        rows.map((row) => ({ ...row })),
        [
          { name: 'Ellis English', language: 'en' },
          { name: 'Gwen Gymraeg', language: 'cy' },
        ],
      )
      const advisor = await signedInClient(t, { kind: 'staff', id: advisorId })
      const list = (await advisor.get('/staff/call-backs?sort=requested&order=desc')).body
      const row = (name: string) => list.split('<tr class="govuk-table__row">').find((r) => r.includes(name)) ?? ''
      assert.match(row('Gwen Gymraeg'), /Asked in Welsh/)
      assert.match(row('Gwen Gymraeg'), /<td class="govuk-table__cell" lang="cy">Bin heb ei gasglu<\/td>/)
      assert.doesNotMatch(row('Ellis English'), /Asked in Welsh|lang="cy"/)
    })

    it('refuses an outcome that is not offered with an error summary at that call back', async () => {
      const resident = new TestClient(t.app)
      await resident.submit('/contact/call-back', { ...ASKED, name: 'Outcome Tamper' })
      const [callBack] = await callBacksNamed('Outcome Tamper')
      assert.ok(callBack)
      const advisor = await signedInClient(t, { kind: 'staff', id: advisorId })
      const claim = `/staff/call-backs/${callBack.id}/claim`
      assert.equal((await advisor.submit('/staff/call-backs', {}, claim)).statusCode, 303)
      for (const outcome of ['toString', '__proto__', 'constructor', '']) {
        const page = await advisor.submit('/staff/call-backs', { outcome }, `/staff/call-backs/${callBack.id}/attempts`)
        assert.equal(page.statusCode, 400, outcome)
        assert.match(page.body, /There is a problem/)
        assert.match(page.body, new RegExp(`href="#outcome-${callBack.id}">Select what happened on the call`))
        assert.doesNotMatch(page.body, /govuk-notification-banner--success/)
      }
      const [after] = await callBacksNamed('Outcome Tamper')
      assert.equal(after?.attempts, 0, 'no try was recorded')
    })

    describe('the advisors’ list', () => {
      const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString()
      before(async () => {
        await t.database.db.deleteFrom('callback').where('council_id', '=', t.councilId).execute()
        // 25 call backs, a page and a bit; the first was promised for a window that has passed.
        await addRequestedCallBacks(
          t.database.db,
          Array.from({ length: 25 }, (_, i) => ({
            councilId: t.councilId,
            residentId: null,
            name: `Resident ${String(i + 1).padStart(2, '0')}`,
            phone: '01632 960 001',
            window: { start: hoursFromNow(i - 3), end: hoursFromNow(i - 1) },
            reason: 'Council tax',
            createdAt: hoursFromNow(-5),
          })),
        )
      })
      const idOf = async (name: string) =>
        (await t.database.db.selectFrom('callback').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id

      it('writes the promised window on the desk’s 24-hour clock, as the other staff pages do', async () => {
        const advisor = await signedInClient(t, { kind: 'staff', id: advisorId })
        const list = await advisor.get('/staff/call-backs')
        const row = list.body.split('<tr class="govuk-table__row">').find((r) => /Resident 05\s/.test(r))!
        assert.match(row, /\w+day \d{1,2} \w+ from \d{2}:\d{2} to \d{2}:\d{2}/)
        assert.doesNotMatch(row, /\d(am|pm)\b|midday|midnight/)
      })

      it('marks a call back whose promised time has passed as overdue', async () => {
        const advisor = await signedInClient(t, { kind: 'staff', id: advisorId })
        const list = await advisor.get('/staff/call-backs')
        assert.match(list.body, /Resident 01\s/)
        const rows = list.body.split('<tr class="govuk-table__row">')
        assert.match(
          rows.find((row) => /Resident 01\s/.test(row))!,
          /moj-badge--red">Overdue/,
        )
        assert.doesNotMatch(
          rows.find((row) => /Resident 05\s/.test(row))!,
          /Overdue/,
        )
        assert.match(
          list.body,
          /class="fd-table-scroll" role="region" aria-labelledby="call-backs-caption" tabindex="0"/,
        )
      })

      it('sends the advisor back to the page and order they claimed from', async () => {
        const advisor = await signedInClient(t, { kind: 'staff', id: advisorId })
        const page2 = '/staff/call-backs?page=2'
        const id = await idOf('Resident 22')
        // The form's hidden fields name the page it was on, as a browser sends them.
        const claimed = await advisor.submit(
          page2,
          { page: '2', sort: 'promised', order: 'asc' },
          `/staff/call-backs/${id}/claim`,
        )
        assert.equal(claimed.statusCode, 303)
        assert.equal(claimed.headers.location, page2)
        const back = await advisor.follow(claimed)
        assert.match(back.body, /govuk-notification-banner--success[\s\S]*Call back claimed/)
        assert.match(back.body, /What happened on the call to Resident 22\?/)
      })

      it('shows the last page for a page past the end', async () => {
        const advisor = await signedInClient(t, { kind: 'staff', id: advisorId })
        const far = await advisor.get('/staff/call-backs?page=99&sort=attempts')
        assert.equal(far.statusCode, 303)
        assert.equal(far.headers.location, '/staff/call-backs?sort=attempts&page=2')
      })

      it('warns, not congratulates, when someone else claimed first, says who, and lets the claimer and a team leader release', async () => {
        const first = await signedInClient(t, {
          kind: 'staff',
          id: (await addStaff(t.database, t.councilId, ['advisor'], { name: 'Priya Claimer' })).id,
        })
        const second = await signedInClient(t, {
          kind: 'staff',
          id: (await addStaff(t.database, t.councilId, ['advisor'])).id,
        })
        const lead = await signedInClient(t, {
          kind: 'staff',
          id: (await addStaff(t.database, t.councilId, ['team_leader'])).id,
        })
        const id = await idOf('Resident 03')
        const page1 = '/staff/call-backs'
        assert.equal((await first.submit(page1, {}, `/staff/call-backs/${id}/claim`)).statusCode, 303)
        const again = await first.submit(page1, {}, `/staff/call-backs/${id}/claim`)
        assert.match(
          (await first.follow(again)).body,
          /govuk-notification-banner--success[\s\S]*Call back claimed/,
          'a second click is no refusal',
        )
        // Answered at once, not across a redirect: the name is not for the notice's cookie.
        const late = await second.submit(page1, {}, `/staff/call-backs/${id}/claim`)
        assert.equal(late.statusCode, 409)
        assert.match(late.body, /moj-alert--warning[\s\S]*Priya Claimer has claimed that call back/)
        assert.doesNotMatch(late.body, /govuk-notification-banner--success/)
        const row = late.body.split('<tr class="govuk-table__row">').find((r) => /Resident 03\s/.test(r))
        assert.match(row ?? '', /Claimed by Priya Claimer/, 'the list says who has it')
        const linking = await second.get(`/staff/call-backs/${id}/resident`)
        assert.equal(linking.statusCode, 409)
        assert.match(linking.body, /<h1[^>]*>Priya Claimer has claimed that call back</)
        assert.doesNotMatch(
          linking.body,
          /Resident 03|01632/,
          'nothing of the caller on a page for who may not work it',
        )
        assert.doesNotMatch(/<title>[^<]*/.exec(linking.body)?.[0] ?? '', /Priya/)
        assert.doesNotMatch(
          late.body,
          /aria-label="Release the call back to Resident 03"/,
          'not another advisor’s to release',
        )
        const refused = await second.post(`/staff/call-backs/${id}/release`, { _csrf: csrfOf(late.body) })
        assert.equal(refused.statusCode, 409)
        assert.match(refused.body, /moj-alert--warning[\s\S]*Priya Claimer has claimed that call back/)
        const [held] = await t.database.db.selectFrom('callback').select('status').where('id', '=', id).execute()
        assert.equal(held?.status, 'booked', 'still hers')

        const leadList = await lead.get(page1)
        assert.match(leadList.body, /aria-label="Release the call back to Resident 03"/)
        const released = await lead.follow(await lead.submit(page1, {}, `/staff/call-backs/${id}/release`))
        assert.match(released.body, /Call back released: anyone can claim it now/)
        assert.match(released.body, /aria-label="Claim the call back to Resident 03"/)

        // The first advisor's tab still shows the form to record a try: it leads back to the list, not a dead end.
        const stale = await first.post(`/staff/call-backs/${id}/attempts`, {
          _csrf: csrfOf((await first.get(page1)).body),
          outcome: 'no_answer',
        })
        assert.equal(stale.statusCode, 303)
        const explained = await first.follow(stale)
        assert.match(explained.body, /moj-alert--warning[\s\S]*claim it again before recording a try/)
        const [after] = await t.database.db.selectFrom('callback').select('attempts').where('id', '=', id).execute()
        assert.equal(after?.attempts, 0)

        await first.submit(page1, {}, `/staff/call-backs/${id}/claim`)
        const own = await first.follow(await first.submit(page1, {}, `/staff/call-backs/${id}/release`))
        assert.match(own.body, /Call back released/)
        const audit = await t.database.db
          .selectFrom('audit_event')
          .select('action')
          .where('action', '=', 'callback.release')
          .where('subject_id', '=', String(id))
          .execute()
        assert.equal(audit.length, 2)
      })

      it('asks what came of an answered call back, and counts the contact that way', async () => {
        const advisor = await signedInClient(t, { kind: 'staff', id: advisorId })
        const id = await idOf('Resident 04')
        const page1 = '/staff/call-backs'
        await advisor.submit(page1, {}, `/staff/call-backs/${id}/claim`)
        const missing = await advisor.submit(page1, { outcome: 'answered' }, `/staff/call-backs/${id}/attempts`)
        assert.equal(missing.statusCode, 400)
        assert.match(missing.body, new RegExp(`href="#result-${id}">Select what came of the call`))
        const tampered = await advisor.submit(
          page1,
          { outcome: 'answered', result: 'toString' },
          `/staff/call-backs/${id}/attempts`,
        )
        assert.equal(tampered.statusCode, 400)
        // A case to raise opens the desk's case form for this call back; nothing is recorded until it is raised.
        const raising = await advisor.submit(
          page1,
          { outcome: 'answered', result: 'case_raised' },
          `/staff/call-backs/${id}/attempts`,
        )
        assert.equal(raising.statusCode, 303)
        assert.equal(raising.headers.location, `/staff/cases/new?callBack=${id}`)
        const form = await advisor.follow(raising)
        assert.match(form.body, /Which service is the report about\?/)
        assert.match(form.body, new RegExp(`name="callBack" value="${id}"`))
        const [waiting] = await t.database.db.selectFrom('callback').select('attempts').where('id', '=', id).execute()
        assert.equal(waiting?.attempts, 0)
        const done = await advisor.submit(
          page1,
          { outcome: 'answered', result: 'signposted' },
          `/staff/call-backs/${id}/attempts`,
        )
        assert.equal(done.statusCode, 303)
        assert.match((await advisor.follow(done)).body, /Call back finished/)
        const late = await advisor.follow(await advisor.submit(page1, {}, `/staff/call-backs/${id}/claim`))
        assert.match(late.body, /moj-alert--warning[\s\S]*That call back is finished/)
        const contact = await t.database.db
          .selectFrom('callback')
          .innerJoin('contact', 'contact.id', 'callback.contact_id')
          .select(['callback.status', 'contact.outcome', 'contact.direction'])
          .where('callback.id', '=', id)
          .executeTakeFirstOrThrow()
        assert.deepEqual({ ...contact }, { status: 'completed', outcome: 'signposted', direction: 'outbound' })
      })

      it('links a claimed call back to the resident whose number matches, so its tries are on their history', async () => {
        const system = { kind: 'system' as const, id: null, label: 'test', councilId: t.councilId }
        const ada = await createResident(t.database, system, t.councilId, {
          given_name: 'Ada',
          family_name: 'Matched',
          date_of_birth: '1940-08-09',
          phones: ['+44 1632 960 777'],
        })
        await createResident(t.database, system, t.councilId, { given_name: 'Other', family_name: 'Person' })
        await addRequestedCallBacks(t.database.db, [
          {
            councilId: t.councilId,
            residentId: null,
            name: 'Ada M',
            phone: '01632 960777',
            window: { start: hoursFromNow(1), end: hoursFromNow(3) },
            reason: 'Housing',
            createdAt: hoursFromNow(-1),
          },
        ])
        const id = await idOf('Ada M')
        const advisor = await signedInClient(t, { kind: 'staff', id: advisorId })
        const unclaimed = await advisor.get(`/staff/call-backs/${id}/resident`)
        assert.equal(unclaimed.statusCode, 303, 'only the advisor holding the call back links it')
        await advisor.submit('/staff/call-backs', {}, `/staff/call-backs/${id}/claim`)
        // Found from the list sorted by tries, most first: the link, the page and its form keep that order.
        const sorted = '/staff/call-backs?sort=attempts&order=desc'
        const list = await advisor.get(sorted)
        assert.match(list.body, new RegExp(`href="/staff/call-backs/${id}/resident\\?sort=attempts&amp;order=desc"`))
        const form = `/staff/call-backs/${id}/resident?sort=attempts&order=desc`
        const page = await advisor.get(form)
        assert.equal(page.statusCode, 200)
        // The title goes into the shared desk PC's history: it names nobody; the caption, for the advisor, does.
        assert.equal(titleOf(page.body), 'Find the resident for a call back – Test District Council')
        assert.match(page.body, /govuk-caption-l">Call back to Ada M,/)
        assert.match(page.body, /Ada Matched/)
        assert.match(page.body, /Born 9 August 1940/)
        const read = await t.database.db
          .selectFrom('audit_event')
          .select(['actor_id', 'subject_id'])
          .where('action', '=', 'callback.read')
          .where('subject_id', '=', String(id))
          .execute()
        assert.deepEqual(
          read.map((row) => ({ ...row })),
          [{ actor_id: advisorId, subject_id: String(id) }],
          'the caller’s name and number shown again are an audited read',
        )
        assert.match(page.body, /href="\/staff\/call-backs\?sort=attempts&amp;order=desc"[^>]*>Back to call backs/)
        assert.doesNotMatch(page.body, /Other Person/)
        const hidden = { page: '1', sort: 'attempts', order: 'desc' }
        const refused = await advisor.submit(form, { ...hidden, resident: '999999' })
        assert.equal(refused.statusCode, 400, 'only a resident the number matches')
        assert.match(refused.body, /href="#resident">Select the resident, or none of these/)
        assert.equal(titleOf(refused.body), 'Error: Find the resident for a call back – Test District Council')
        assert.match(refused.body, /name="sort" value="attempts"/)
        const linked = await advisor.submit(form, { ...hidden, resident: String(ada.id) })
        assert.equal(linked.statusCode, 303)
        assert.equal(linked.headers.location, sorted)
        const after = (await advisor.follow(linked)).body
        assert.match(after, /Call back linked to the resident’s record/)
        // The row is the resident's now, the name the caller gave kept beside it.
        const row = after.split('<tr class="govuk-table__row">').find((r) => r.includes(`/staff/residents/${ada.id}`))
        assert.ok(row, 'the row links to her record')
        assert.match(row, /Ada Matched\s*<br><span class="govuk-body-s">Asked as Ada M</)
        assert.match(row, /Resident’s record<span class="govuk-visually-hidden"> for Ada Matched</)
        assert.match(row, /What happened on the call to Ada Matched\?/)
        // Her name on the list is a read of her record: the list's audit names her, as other lists do.
        const [listed] = await t.database.db
          .selectFrom('audit_event')
          .select(['actor_id', 'detail'])
          .where('action', '=', 'callback.list')
          .orderBy('id', 'desc')
          .limit(1)
          .execute()
        assert.equal(listed?.actor_id, advisorId)
        const detail = JSON.parse(listed?.detail ?? '{}') as { ids: number[]; resident_ids: number[] }
        assert.ok(detail.ids.includes(id))
        assert.deepEqual(detail.resident_ids, [ada.id], 'each resident shown, once, and nobody else')
        await advisor.submit('/staff/call-backs', { outcome: 'no_answer' }, `/staff/call-backs/${id}/attempts`)
        const contacts = await t.database.db
          .selectFrom('contact')
          .select(['direction', 'channel'])
          .where('resident_id', '=', ada.id)
          .execute()
        assert.deepEqual(
          contacts.map((c) => ({ ...c })),
          [{ direction: 'outbound', channel: 'phone' }],
        )
        const audit = await t.database.db
          .selectFrom('audit_event')
          .select('action')
          .where('action', 'in', ['resident.search', 'callback.link_resident'])
          .execute()
        assert.ok(
          audit.some((a) => a.action === 'resident.search'),
          'the search is audited',
        )
        assert.ok(
          audit.some((a) => a.action === 'callback.link_resident'),
          'the link is audited',
        )
      })

      it('shows the caller’s number as people read it, dialled and stored as given', async () => {
        const typed = '+44 (0)7700-900-123'
        await addRequestedCallBacks(t.database.db, [
          {
            councilId: t.councilId,
            residentId: null,
            name: 'Typed Oddly',
            phone: typed,
            window: { start: hoursFromNow(30), end: hoursFromNow(32) },
            reason: 'Parking',
            createdAt: hoursFromNow(-1),
          },
        ])
        const id = await idOf('Typed Oddly')
        const advisor = await signedInClient(t, { kind: 'staff', id: advisorId })
        const last = '/staff/call-backs?sort=promised&order=desc'
        const listed = (await advisor.get(last)).body
        const row = listed.split('<tr class="govuk-table__row">').find((r) => r.includes('Typed Oddly'))
        assert.ok(row)
        assert.match(row, /<a class="govuk-link" href="tel:07700900123">07700 900123<\/a>/)
        assert.match(listed, /href="tel:01632960001">01632 960001</, 'the numbers typed with spaces too')
        await advisor.submit(last, {}, `/staff/call-backs/${id}/claim`)
        const linking = await advisor.get(`/staff/call-backs/${id}/resident`)
        assert.match(linking.body, /Call back to Typed Oddly, 07700 900123</)
        assert.match(linking.body, /No resident has 07700 900123 recorded/)
        const stored = await t.database.db
          .selectFrom('callback')
          .select('phone')
          .where('id', '=', id)
          .executeTakeFirst()
        assert.equal(stored?.phone, typed, 'what was typed is kept as it was')
      })
    })
  })
}
