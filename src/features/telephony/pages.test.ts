// The call-back pages as a resident and an advisor meet them, on both engines: tampered choices are
// refused with an error summary, never a crash.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient } from '../../../test/support/client.ts'
import { addStaff, signedInClient } from '../../../test/support/accounts.ts'

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
    /** Open every hour of every day, so what the page says does not hang on when the test runs. */
    const ALWAYS_OPEN = {
      useBankHolidays: false,
      workingHours: { days: [1, 2, 3, 4, 5, 6, 7], opens: '00:00', closes: '23:59', timeZone: 'Europe/London' },
    }
    const waiting = async (external: string, seconds: number) => {
      await t.database.db.deleteFrom('call_in_queue').where('council_id', '=', t.councilId).execute()
      if (seconds > 0)
        await t.database.db
          .insertInto('call_in_queue')
          .values({
            council_id: t.councilId,
            external_id: external,
            queue: 'main',
            offered_at: new Date(Date.now() - seconds * 1000).toISOString(),
          })
          .execute()
    }

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
      assert.match(page.body, /Morning \(12 midnight to 12 noon\)/)
      assert.match(page.body, /Afternoon \(12 noon to 11:59pm\)/)
      assert.match(page.body, /Next: \w+day \d{1,2} \w+/)
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
  })
}
