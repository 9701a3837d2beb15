// /staff/admin/hours and /staff/admin/costs on both engines: working days and times, bank holidays
// and the council's own days, unit costs in pounds and pence and the answer threshold, each saved
// through the platform and audited; nonsense refused in an error summary keeping what was typed.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import type { TestClient } from '../../../test/support/client.ts'
import { addStaff, signedInClient } from '../../../test/support/accounts.ts'
import { councilById } from '../../platform/council/council.ts'
import { listCouncilHolidays } from '../../platform/council/settings-write.ts'

for (const engine of ENGINES) {
  describe(`working hours and unit cost pages (${engine})`, () => {
    let t: TestApp
    let admin: TestClient
    let advisor: TestClient
    const settings = async () => (await councilById(t.database, t.councilId))!.settings
    const audits = async (action: string) =>
      (await t.database.db.selectFrom('audit_event').select('id').where('action', '=', action).execute()).length

    before(async () => {
      t = await testApp(engine)
      admin = await signedInClient(t, { kind: 'staff', id: (await addStaff(t.database, t.councilId, ['admin'])).id })
      advisor = await signedInClient(t, {
        kind: 'staff',
        id: (await addStaff(t.database, t.councilId, ['advisor'])).id,
      })
    })
    after(() => t.close())

    it('links both pages from the administration index and refuses them to an advisor', async () => {
      const index = await admin.get('/staff/admin')
      for (const href of ['/staff/admin/hours', '/staff/admin/costs', '/staff/admin/staff'])
        assert.match(index.body, new RegExp(`href="${href}"`))
      for (const url of ['/staff/admin/hours', '/staff/admin/costs'])
        assert.equal((await advisor.get(url)).statusCode, 403, url)
      const sneaky = await advisor.submit('/staff', { answerThreshold: '1' }, '/staff/admin/costs')
      assert.equal(sneaky.statusCode, 403)
      assert.equal((await settings()).answerThresholdSeconds, 60)
    })

    it('shows the working week and when a 5 working-day target set now falls due', async () => {
      const page = await admin.get('/staff/admin/hours')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /name="days" type="checkbox" value="1" checked/)
      assert.doesNotMatch(page.body, /name="days" type="checkbox" value="6" checked/)
      assert.match(
        page.body,
        /A 40 working-hour \(5 working-day\) target set now is due \w+day \d{1,2} \w+ 20\d\d at \d{2}:\d{2}\./,
      )
    })

    it('saves working days, times and bank holidays, audited, and the example follows', async () => {
      const saved = await admin.submit('/staff/admin/hours', {
        days: ['1', '2', '3'],
        opens: '8:30',
        closes: '16:30',
        useBankHolidays: 'no',
      })
      assert.equal(saved.statusCode, 303)
      const page = await admin.follow(saved)
      assert.match(page.body, /Working hours saved/)
      assert.match(page.body, /A 40 working-hour/)
      const stored = await settings()
      assert.deepEqual(stored.workingHours.days, [1, 2, 3])
      assert.equal(stored.workingHours.opens, '08:30')
      assert.equal(stored.useBankHolidays, false)
      assert.equal(await audits('council_settings_changed'), 1)
    })

    it('refuses no working days and closing before opening, keeping what was typed', async () => {
      const wrong = await admin.submit('/staff/admin/hours', {
        opens: '17:00',
        closes: '09:00',
        useBankHolidays: 'yes',
      })
      assert.equal(wrong.statusCode, 400)
      const links = [...wrong.body.matchAll(/<a href="#(\w+)">/g)].map((m) => m[1])
      assert.deepEqual(links, ['days', 'closes'])
      assert.match(wrong.body, /The closing time must be after the opening time/)
      assert.match(wrong.body, /id="opens" name="opens" type="text" spellcheck="false" value="17:00"/)
      assert.deepEqual((await settings()).workingHours.days, [1, 2, 3])
    })

    it('adds a closure day and removes it, and refuses an unreal date keeping what was typed', async () => {
      const fields = {
        'date-day': '29',
        'date-month': '12',
        'date-year': '2026',
        name: 'Christmas closure',
        closed: 'yes',
      }
      const added = await admin.submit('/staff/admin/hours', fields, '/staff/admin/hours/days')
      assert.equal(added.statusCode, 303)
      assert.match((await admin.follow(added)).body, /Christmas closure/)
      assert.deepEqual(await listCouncilHolidays(t.database, t.councilId), [
        { date: '2026-12-29', name: 'Christmas closure', closed: true },
      ])
      const wrong = await admin.submit(
        '/staff/admin/hours',
        { ...fields, 'date-day': '31', 'date-month': '2' },
        '/staff/admin/hours/days',
      )
      assert.equal(wrong.statusCode, 400)
      assert.match(wrong.body, /href="#date">Enter a real date/)
      assert.match(wrong.body, /name="date-day"[^>]*value="31"/)
      const removed = await admin.submit('/staff/admin/hours', {}, '/staff/admin/hours/days/2026-12-29/remove')
      assert.equal(removed.statusCode, 303)
      assert.deepEqual(await listCouncilHolidays(t.database, t.councilId), [])
      assert.equal(await audits('council_holiday_removed'), 1)
    })

    it('shows unit costs in pounds and pence with the defaults, and saves them in pence, audited', async () => {
      const page = await admin.get('/staff/admin/costs')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Default £8\.62/)
      assert.match(page.body, /Default £2\.83/)
      assert.match(page.body, /Default £0\.15/)
      assert.match(page.body, /id="cost.phone" name="cost.phone" type="text" spellcheck="false" value="2.83"/)
      const saved = await admin.submit('/staff/admin/costs', {
        'cost.face_to_face': '8.62',
        'cost.phone': '£3',
        'cost.web': '0.15',
        'cost.letter': '12.5',
        answerThreshold: '20',
      })
      assert.equal(saved.statusCode, 303)
      assert.match((await admin.follow(saved)).body, /Unit costs and answer threshold saved/)
      const stored = await settings()
      assert.deepEqual(stored.unitCostPence, { face_to_face: 862, phone: 300, web: 15, letter: 1250 })
      assert.equal(stored.answerThresholdSeconds, 20)
    })

    it('refuses negative and nonsense money and a nonsense threshold, keeping what was typed', async () => {
      const wrong = await admin.submit('/staff/admin/costs', {
        'cost.phone': '-2.83',
        'cost.web': 'free',
        answerThreshold: '0',
      })
      assert.equal(wrong.statusCode, 400)
      assert.match(wrong.body, /href="#cost.phone">The cost of a phone contact cannot be less than £0/)
      assert.match(wrong.body, /href="#cost.web">Enter the cost of a online contact in pounds and pence/)
      assert.match(wrong.body, /value="free"/)
      const zero = await admin.submit('/staff/admin/costs', { 'cost.phone': '2.83', answerThreshold: '0' })
      assert.equal(zero.statusCode, 400)
      assert.match(
        zero.body,
        /href="#answerThreshold">Enter the answer threshold as a whole number of seconds, from 1 to 3600/,
      )
      assert.equal((await settings()).unitCostPence.phone, 300)
    })
  })
}
