// /staff/contacts/new on both engines: an advisor logs a contact with a resident or an anonymous
// caller, goes back where they were with a banner, and a double submit logs one contact; the
// handle time comes from the signed opening time, or the advisor's correction; mistakes show an
// error summary with what was typed kept; other roles and forged forms are refused.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { csrfTokenIn } from '../../../test/support/client.ts'
import type { TestClient } from '../../../test/support/client.ts'
import { addStaff, signedInClient } from '../../../test/support/accounts.ts'
import { addResident, addService, addTeam } from '../../../test/support/fixtures.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Role } from '../../platform/db/values.ts'
import { openForm } from './form-token.ts'

const SECRET = 'x'.repeat(32)

function hidden(html: string, name: string): string {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? ''
}

/** The form's hidden fields as the page gave them, plus the answers. */
function formOf(html: string, answers: Record<string, string>): Record<string, string> {
  const fields: Record<string, string> = { _csrf: csrfTokenIn(html), formToken: hidden(html, 'formToken') }
  for (const name of ['resident', 'returnTo']) if (hidden(html, name)) fields[name] = hidden(html, name)
  return { channel: 'phone', direction: 'inbound', avoidable: 'no', ...fields, ...answers }
}

for (const engine of ENGINES) {
  describe(`log a contact (${engine})`, () => {
    let t: TestApp
    let advisor: TestClient
    let advisorId: number
    let resident: number
    let serviceId: number

    async function signedIn(roles: Role[]): Promise<{ client: TestClient; id: number }> {
      const staff = await addStaff(t.database, t.councilId, roles)
      return { client: await signedInClient(t, { kind: 'staff', id: staff.id }), id: staff.id }
    }

    const contactsSince = (since: string) =>
      t.database.db.selectFrom('contact').selectAll().where('created_at', '>=', since).orderBy('id').execute()

    before(async () => {
      t = await testApp(engine)
      serviceId = (await addService(t.database, t.councilId, await addTeam(t.database, t.councilId))).id
      resident = await addResident(t.database, t.councilId)
      await t.database.db
        .updateTable('resident')
        .set({ given_name: 'Margaret', family_name: 'Smith' })
        .where('id', '=', resident)
        .execute()
      ;({ client: advisor, id: advisorId } = await signedIn(['advisor']))
    })
    after(() => t.close())

    it('logs a contact with a resident, audited, and goes back where the advisor was with a banner', async () => {
      const since = nowIso()
      const page = await advisor.get(`/staff/contacts/new?resident=${resident}&returnTo=%2Fstaff%2Fsearch%3Fq%3Dsmith`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /With Margaret Smith/)
      const saved = await advisor.post(
        '/staff/contacts',
        formOf(page.body, {
          service: String(serviceId),
          outcome: 'resolved_first_contact',
          avoidable: 'chasing',
          notes: 'Asked when the bin comes',
        }),
      )
      assert.equal(saved.statusCode, 303)
      assert.equal(saved.headers.location, '/staff/search?q=smith')
      const [contact, ...others] = await contactsSince(since)
      assert.equal(others.length, 0)
      assert.equal(contact!.resident_id, resident)
      assert.equal(contact!.service_id, serviceId)
      assert.equal(contact!.staff_user_id, advisorId)
      assert.equal(contact!.outcome, 'resolved_first_contact')
      assert.equal(contact!.avoidable, 1)
      assert.equal(contact!.avoidable_reason, 'chasing')
      assert.equal(contact!.notes, 'Asked when the bin comes')
      assert.ok(contact!.handle_seconds !== null && contact!.handle_seconds <= 5, 'measured from opening the form')
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select(['action', 'subject_type', 'subject_id'])
        .where('at', '>=', since)
        .orderBy('id')
        .execute()
      assert.deepEqual(
        audit.map((e) => `${e.action} ${e.subject_type} ${e.subject_id}`),
        [
          `resident.read resident ${resident}`,
          `resident.read resident ${resident}`,
          `contact.create resident ${resident}`,
        ],
      )
      const next = await advisor.get('/staff/contacts/new')
      assert.match(next.body, /govuk-notification-banner--success[\s\S]*Contact logged/)
      const again = await advisor.get('/staff/contacts/new')
      assert.doesNotMatch(again.body, /Contact logged/, 'the banner shows once')
    })

    it('logs one contact when the same form is sent twice', async () => {
      const since = nowIso()
      const page = await advisor.get(`/staff/contacts/new?resident=${resident}`)
      const fields = formOf(page.body, { outcome: 'signposted' })
      const [first, second] = await Promise.all([
        advisor.post('/staff/contacts', fields),
        advisor.post('/staff/contacts', fields),
      ])
      const third = await advisor.post('/staff/contacts', fields)
      for (const answer of [first, second, third]) {
        assert.equal(answer.statusCode, 303)
        assert.equal(answer.headers.location, `/staff/residents/${resident}`)
      }
      assert.equal((await contactsSince(since)).length, 1)
    })

    it('logs a caller who will not give a name, and goes back to a fresh form', async () => {
      const since = nowIso()
      const page = await advisor.get('/staff/contacts/new')
      assert.match(page.body, /Caller did not give their name/)
      assert.doesNotMatch(page.body, /A call you chose above/, 'no calls on offer, so the hint speaks of none')
      const saved = await advisor.post(
        '/staff/contacts',
        formOf(page.body, { outcome: 'referred', channel: 'face_to_face' }),
      )
      assert.equal(saved.statusCode, 303)
      assert.equal(saved.headers.location, '/staff/contacts/new')
      const [contact] = await contactsSince(since)
      assert.equal(contact!.resident_id, null)
      assert.equal(contact!.channel, 'face_to_face')
    })

    it('measures the handle time from the signed opening time, held to a day, unless the advisor corrects it', async () => {
      const since = nowIso()
      const page = await advisor.get('/staff/contacts/new')
      const fields = formOf(page.body, { outcome: 'signposted' })
      const fiveMinutesAgo = openForm(SECRET, advisorId, Date.now() - 5 * 60_000)
      await advisor.post('/staff/contacts', { ...fields, formToken: fiveMinutesAgo })
      const twoDaysAgo = openForm(SECRET, advisorId, Date.now() - 2 * 86_400_000)
      await advisor.post('/staff/contacts', { ...fields, formToken: twoDaysAgo })
      const corrected = openForm(SECRET, advisorId)
      await advisor.post('/staff/contacts', {
        ...fields,
        formToken: corrected,
        handleMinutes: '12',
        handleSeconds: '30',
      })
      const seconds = (await contactsSince(since)).map((c) => c.handle_seconds!)
      assert.equal(seconds.length, 3)
      assert.ok(seconds[0]! >= 300 && seconds[0]! < 310, `five minutes, got ${seconds[0]}`)
      assert.equal(seconds[1], 86_400)
      assert.equal(seconds[2], 750)
    })

    it('refuses a form whose opening time was changed or made for someone else, and logs nothing', async () => {
      const since = nowIso()
      const page = await advisor.get('/staff/contacts/new')
      const fields = formOf(page.body, { outcome: 'signposted' })
      const [, once, signature] = fields.formToken!.split('.')
      const backdated = `${Date.now() - 3_600_000}.${once}.${signature}`
      const someoneElses = openForm(SECRET, advisorId + 1000)
      for (const formToken of [backdated, someoneElses, 'nonsense']) {
        const answer = await advisor.post('/staff/contacts', { ...fields, formToken })
        assert.equal(answer.statusCode, 400)
        assert.match(answer.body, /This form could not be checked/)
        assert.match(answer.body, /value="signposted" checked/, 'what was chosen is kept')
      }
      assert.equal((await contactsSince(since)).length, 0)
    })

    it('shows an error summary, keeping what was typed, for a missing outcome and a handle time that is not one', async () => {
      const since = nowIso()
      const page = await advisor.get(`/staff/contacts/new?resident=${resident}`)
      const answer = await advisor.post(
        '/staff/contacts',
        formOf(page.body, {
          notes: 'Wanted to know about <b>bins</b>',
          handleMinutes: 'ten',
          service: String(serviceId),
        }),
      )
      assert.equal(answer.statusCode, 400)
      assert.match(answer.body, /<title>Error: Log a contact/)
      assert.match(answer.body, /govuk-error-summary[\s\S]*href="#outcome">Select the outcome of the contact/)
      assert.match(answer.body, /href="#handleMinutes">Handle time must be whole minutes/)
      assert.match(answer.body, /Wanted to know about &lt;b&gt;bins&lt;\/b&gt;<\/textarea>/)
      assert.match(answer.body, /name="handleMinutes" type="text" value="ten"|value="ten"/)
      assert.match(answer.body, new RegExp(`value="${serviceId}" selected`))
      assert.match(answer.body, /With Margaret Smith/)
      assert.equal((await contactsSince(since)).length, 0)
    })

    it('shows the chosen service’s articles when the advisor presses Show help, keeping the form', async () => {
      const since = nowIso()
      await t.database.db
        .insertInto('kb_article')
        .values({
          council_id: t.councilId,
          slug: 'when-bins-are-collected',
          title: 'When bins are collected',
          body: 'Every other week.',
          audience: 'staff',
          service_id: serviceId,
          updated_at: nowIso(),
          review_on: '2020-01-01',
        })
        .execute()
      const page = await advisor.get('/staff/contacts/new')
      assert.doesNotMatch(page.body, /When bins are collected/)
      const help = await advisor.post(
        '/staff/contacts',
        formOf(page.body, { service: String(serviceId), notes: 'Bin day?', show: 'help' }),
      )
      assert.equal(help.statusCode, 200)
      assert.match(help.body, /href="\/staff\/knowledge\/when-bins-are-collected"[^>]*>When bins are collected/)
      assert.match(help.body, /Review overdue/)
      assert.match(help.body, /Bin day\?<\/textarea>/)
      assert.equal((await contactsSince(since)).length, 0, 'showing help logs nothing')
      const byLink = await advisor.get(`/staff/contacts/new?service=${serviceId}`)
      assert.match(byLink.body, /When bins are collected/)
    })

    it('links the contact to the call the advisor answered, from a screen-pop or the recent calls, and only that', async () => {
      const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()
      const colleague = await addStaff(t.database, t.councilId, ['advisor'])
      const answered = (externalId: string, agent: number, minutes: number, endedMinutesAgo?: number) => ({
        council_id: t.councilId,
        external_id: externalId,
        queue: 'main',
        offered_at: minutesAgo(minutes + 1),
        answered_at: minutesAgo(minutes),
        ended_at: endedMinutesAgo === undefined ? null : minutesAgo(endedMinutesAgo),
        abandoned: 0 as const,
        agent_staff_id: agent,
      })
      await t.database.db
        .insertInto('call')
        .values([
          answered('pop-1', advisorId, 2),
          answered('recent-2', advisorId, 5),
          answered('old-3', advisorId, 40, 30),
          answered('theirs-4', colleague.id, 1),
        ])
        .execute()
      const linkOf = async (externalId: string) =>
        (
          await t.database.db
            .selectFrom('call')
            .select('contact_id')
            .where('external_id', '=', externalId)
            .executeTakeFirstOrThrow()
        ).contact_id

      const popped = await advisor.get('/staff/contacts/new?call=pop-1')
      assert.match(popped.body, /Which call is this contact about\?/)
      assert.match(popped.body, /value="pop-1" checked/, 'the screen-popped call is chosen')
      assert.match(popped.body, /value="recent-2"/, 'another call answered minutes ago is offered')
      assert.doesNotMatch(popped.body, /old-3|theirs-4/, 'neither an old call nor a colleague’s is offered')
      const since = nowIso()
      const saved = await advisor.post('/staff/contacts', formOf(popped.body, { outcome: 'signposted', call: 'pop-1' }))
      assert.equal(saved.statusCode, 303)
      assert.match((await advisor.get('/staff/contacts/new')).body, /Contact logged and linked to the call/)
      const [contact] = await contactsSince(since)
      assert.equal(await linkOf('pop-1'), contact!.id)
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select(['actor_id', 'subject_id'])
        .where('action', '=', 'call.link')
        .execute()
      assert.deepEqual(
        audit.map((row) => ({ ...row })),
        [{ actor_id: advisorId, subject_id: String(contact!.id) }],
      )

      const after = await advisor.get('/staff/contacts/new')
      assert.doesNotMatch(after.body, /value="pop-1"/, 'a linked call is offered no more')
      assert.match(after.body, /value="recent-2"/)

      const since2 = nowIso()
      for (const call of ['pop-1', 'theirs-4', 'old-3-unknown']) {
        const page = await advisor.get(`/staff/contacts/new?call=${call}`)
        assert.match(page.body, /The call from the phone system will not be linked/)
        assert.doesNotMatch(page.body, new RegExp(`value="${call}"`))
        const forged = await advisor.post('/staff/contacts', formOf(page.body, { outcome: 'signposted', call }))
        assert.equal(forged.statusCode, 400, call)
        assert.match(forged.body, /href="#call">That call cannot be linked/)
        assert.match(forged.body, /value="signposted" checked/, 'what was chosen is kept')
      }
      const byEmail = await advisor.get('/staff/contacts/new?call=recent-2')
      const wrongChannel = await advisor.post(
        '/staff/contacts',
        formOf(byEmail.body, { outcome: 'signposted', call: 'recent-2', channel: 'email' }),
      )
      assert.equal(wrongChannel.statusCode, 400)
      assert.match(wrongChannel.body, /href="#channel">A contact about a call you answered must be by phone/)
      assert.match(wrongChannel.body, /value="recent-2" checked/)
      assert.equal((await contactsSince(since2)).length, 0, 'no contact is logged when its call cannot be linked')
      assert.deepEqual(
        [await linkOf('pop-1'), await linkOf('theirs-4'), await linkOf('recent-2')],
        [contact!.id, null, null],
      )
    })

    /** A call this advisor answered; times as the platform sent them. */
    const addCall = async (externalId: string, times: { offered: string; answered: string; ended?: string }) =>
      t.database.db
        .insertInto('call')
        .values({
          council_id: t.councilId,
          external_id: externalId,
          queue: 'main',
          offered_at: times.offered,
          answered_at: times.answered,
          ended_at: times.ended ?? null,
          abandoned: 0,
          agent_staff_id: advisorId,
          caller_number_hash: `secret-hash-of-${externalId}`,
        })
        .execute()

    it('starts a contact about a call when it was answered and times it by the call, on the London day it was answered', async () => {
      // Worked by hand: 13 June 2025 is British Summer Time (UTC+1), so London's midnight is 23:00 UTC.
      // Offered 22:59:40Z = 23:59:40 on the 13th, answered 22:59:58Z = 23:59:58 (an 18-second wait),
      // ended 23:03:03Z = 00:03:03 on the 14th: 3 minutes 5 seconds, 185 seconds. The advisor opened
      // the form at 23:00:20Z, after midnight in London, and typed no handle time.
      await addCall('midnight-1', {
        offered: '2025-06-13T22:59:40.000Z',
        answered: '2025-06-13T22:59:58.000Z',
        ended: '2025-06-13T23:03:03.000Z',
      })
      const page = await advisor.get(`/staff/contacts/new?call=midnight-1&resident=${resident}`)
      assert.match(page.body, /value="midnight-1" checked/)
      const openedAt = Date.parse('2025-06-13T23:00:20.000Z')
      const since = nowIso()
      const saved = await advisor.post(
        '/staff/contacts',
        formOf(page.body, {
          formToken: openForm(SECRET, advisorId, openedAt),
          call: 'midnight-1',
          service: String(serviceId),
          outcome: 'resolved_first_contact',
        }),
      )
      assert.equal(saved.statusCode, 303)
      const [contact] = await contactsSince(since)
      assert.equal(
        new Date(contact!.started_at).toISOString(),
        '2025-06-13T22:59:58.000Z',
        'when the call was answered',
      )
      assert.equal(contact!.handle_seconds, 185, 'answered to ended, not the form’s time')
      assert.equal(contact!.direction, 'inbound')
      const rollup = await t.database.db
        .selectFrom('metric_rollup')
        .select(['day', 'contacts', 'handle_seconds'])
        .where('council_id', '=', t.councilId)
        .where('service_id', '=', serviceId)
        .where('day', 'in', ['2025-06-13', '2025-06-14'])
        .execute()
      assert.deepEqual(
        rollup.map((row) => ({
          day: String(row.day).slice(0, 10),
          contacts: Number(row.contacts),
          handle: Number(row.handle_seconds),
        })),
        [{ day: '2025-06-13', contacts: 1, handle: 185 }],
        'counted on the London day it was answered, with the call’s handle time',
      )

      const expectedCall = {
        queue: 'main',
        offered_at: '2025-06-13T22:59:40.000Z',
        answered_at: '2025-06-13T22:59:58.000Z',
        ended_at: '2025-06-13T23:03:03.000Z',
        wait_seconds: 18,
        duration_seconds: 185,
      }
      const api = await t.app.inject({
        method: 'GET',
        url: `/api/v1/contacts/${contact!.id}`,
        headers: t.as('advisor'),
      })
      assert.equal(api.statusCode, 200)
      assert.deepEqual(api.json().call, expectedCall)
      assert.doesNotMatch(api.body, /secret-hash/)
      const history = await t.app.inject({
        method: 'GET',
        url: `/api/v1/residents/${resident}/history`,
        headers: t.as('advisor'),
      })
      const item = history
        .json()
        .items.find((i: { kind: string; id: number }) => i.kind === 'contact' && i.id === contact!.id)
      assert.deepEqual(item.call, expectedCall)
      const words =
        'Call from the main queue offered at 23:59, answered at 23:59 after 18 seconds, lasted 3 minutes 5 seconds'
      assert.match(item.summary, new RegExp(words))
      assert.doesNotMatch(history.body, /secret-hash/)

      const since2 = nowIso()
      const single = await advisor.get(`/staff/residents/${resident}`)
      assert.equal(single.statusCode, 200)
      assert.match(single.body, new RegExp(words), 'the resident’s timeline shows the call')
      assert.doesNotMatch(single.body, /secret-hash/)
      const viewed = await t.database.db
        .selectFrom('audit_event')
        .select(['action', 'subject_id'])
        .where('at', '>=', since2)
        .where('action', '=', 'resident.history')
        .execute()
      assert.deepEqual(
        viewed.map((e) => e.subject_id),
        [String(resident)],
        'the view is audited',
      )
    })

    it('takes the handle time from the form while the call goes on', async () => {
      const answered = new Date(Date.now() - 200_000).toISOString()
      await addCall('going-1', { offered: new Date(Date.now() - 230_000).toISOString(), answered })
      const page = await advisor.get('/staff/contacts/new?call=going-1')
      const since = nowIso()
      const saved = await advisor.post(
        '/staff/contacts',
        formOf(page.body, {
          formToken: openForm(SECRET, advisorId, Date.now() - 90_000),
          call: 'going-1',
          outcome: 'signposted',
        }),
      )
      assert.equal(saved.statusCode, 303)
      const [contact] = await contactsSince(since)
      assert.equal(new Date(contact!.started_at).toISOString(), answered)
      assert.ok(contact!.handle_seconds! >= 89 && contact!.handle_seconds! <= 95, String(contact!.handle_seconds))
      const api = await t.app.inject({
        method: 'GET',
        url: `/api/v1/contacts/${contact!.id}`,
        headers: t.as('advisor'),
      })
      assert.equal(api.json().call.wait_seconds, 30)
      assert.equal(api.json().call.duration_seconds, null)
      assert.equal(api.json().call.ended_at, null)
    })

    it('refuses a contact about an answered call logged as one we made, keeping what was typed', async () => {
      await addCall('out-1', {
        offered: new Date(Date.now() - 70_000).toISOString(),
        answered: new Date(Date.now() - 60_000).toISOString(),
      })
      const page = await advisor.get(`/staff/contacts/new?call=out-1&resident=${resident}`)
      const since = nowIso()
      const refused = await advisor.post(
        '/staff/contacts',
        formOf(page.body, { call: 'out-1', direction: 'outbound', outcome: 'case_raised', notes: 'Rang about bins' }),
      )
      assert.equal(refused.statusCode, 400)
      assert.match(refused.body, /govuk-error-summary/)
      assert.match(refused.body, /href="#direction">A contact about a call you answered is one they made to us/)
      assert.match(refused.body, /value="outbound" checked/)
      assert.match(refused.body, /value="out-1" checked/)
      assert.match(refused.body, /value="case_raised" checked/)
      assert.match(refused.body, /Rang about bins<\/textarea>/)
      assert.equal((await contactsSince(since)).length, 0)
      const call = await t.database.db
        .selectFrom('call')
        .select('contact_id')
        .where('external_id', '=', 'out-1')
        .executeTakeFirstOrThrow()
      assert.equal(call.contact_id, null)
    })

    it('offers a long call the advisor is still on, and one just finished, however long ago they answered', async () => {
      const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString()
      await addCall('long-on', { offered: ago(21), answered: ago(20) })
      await addCall('long-done', { offered: ago(46), answered: ago(45), ended: ago(1) })
      await addCall('long-gone', { offered: ago(46), answered: ago(45), ended: ago(20) })
      await addCall('lost-end', { offered: ago(9 * 60 + 1), answered: ago(9 * 60) })
      const page = await advisor.get('/staff/contacts/new')
      assert.match(page.body, /value="long-on"/, 'still on the call after 20 minutes')
      assert.match(page.body, /value="long-done"/, 'finished a minute ago')
      assert.doesNotMatch(page.body, /value="long-gone"/, 'finished 20 minutes ago')
      assert.doesNotMatch(page.body, /value="lost-end"/, 'an end lost 9 hours ago is no call anyone is on')
      assert.match(page.body, /Calls you are still on, and calls you answered or finished in the last 15 minutes/)
      await t.database.db
        .deleteFrom('call')
        .where('external_id', 'in', ['long-on', 'long-done', 'long-gone', 'lost-end'])
        .execute()
    })

    it('tells the calls on offer apart: to the second, how long ago, the wait and whether it goes on', async () => {
      const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString()
      await addCall('twin-a', { offered: ago(146), answered: ago(130) })
      await addCall('twin-b', { offered: ago(200), answered: ago(160), ended: ago(100) })
      const page = await advisor.get('/staff/contacts/new')
      assert.match(page.body, /A call you chose above gives its own length instead/)
      const choice = (value: string) => {
        const at = page.body.indexOf(`value="${value}"`)
        assert.ok(at > 0, value)
        return page.body
          .slice(at, page.body.indexOf('</div>', page.body.indexOf('govuk-radios__hint', at)) + 6)
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim()
      }
      const a = choice('twin-a')
      const b = choice('twin-b')
      assert.match(
        a,
        /Answered at \d{2}:\d{2}:\d{2}, 2 minutes ago, from the main queue Waited 16 seconds\. Still going on/,
      )
      assert.match(
        b,
        /Answered at \d{2}:\d{2}:\d{2}, 2 minutes ago, from the main queue Waited 40 seconds\. Ended after 1 minute$/,
      )
      assert.notEqual(a.split(' from ')[0], b.split(' from ')[0])
      assert.doesNotMatch(page.body, /secret-hash/)
      // A screen-popped call already on offer keeps its place, newest first, rather than jumping ahead.
      const popped = (await advisor.get('/staff/contacts/new?call=twin-b')).body
      assert.match(popped, /value="twin-b" checked/)
      assert.ok(popped.indexOf('value="twin-a"') < popped.indexOf('value="twin-b"'))
      assert.equal(popped.split('value="twin-b"').length, 2, 'offered once')
    })

    it('never goes back to another site, whatever returnTo says', async () => {
      const page = await advisor.get(`/staff/contacts/new?resident=${resident}&returnTo=%2F%2Fevil.example`)
      assert.doesNotMatch(page.body, /evil/)
      const fields = formOf(page.body, { outcome: 'signposted' })
      const answer = await advisor.post('/staff/contacts', { ...fields, returnTo: 'https://evil.example/' })
      assert.equal(answer.headers.location, `/staff/residents/${resident}`)
    })

    it('refuses people who may not log contacts, and a resident who does not exist', async () => {
      for (const role of ['manager', 'dpo', 'partner'] as Role[]) {
        const { client } = await signedIn([role])
        assert.equal((await client.get('/staff/contacts/new')).statusCode, 403, role)
      }
      const signedOut = await t.app.inject({
        method: 'GET',
        url: '/staff/contacts/new',
        headers: { accept: 'text/html' },
      })
      assert.notEqual(signedOut.statusCode, 200)
      assert.equal((await advisor.get('/staff/contacts/new?resident=999999')).statusCode, 404)
      assert.equal((await advisor.get('/staff/contacts/new?resident=abc')).statusCode, 404)
    })
  })
}
