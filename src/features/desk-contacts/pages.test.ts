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
      const answered = (externalId: string, agent: number, minutes: number) => ({
        council_id: t.councilId,
        external_id: externalId,
        queue: 'main',
        offered_at: minutesAgo(minutes + 1),
        answered_at: minutesAgo(minutes),
        abandoned: 0 as const,
        agent_staff_id: agent,
      })
      await t.database.db
        .insertInto('call')
        .values([
          answered('pop-1', advisorId, 2),
          answered('recent-2', advisorId, 5),
          answered('old-3', advisorId, 40),
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
      assert.match(wrongChannel.body, /href="#call">A contact linked to a phone call must be by phone/)
      assert.match(wrongChannel.body, /value="recent-2" checked/)
      assert.equal((await contactsSince(since2)).length, 0, 'no contact is logged when its call cannot be linked')
      assert.deepEqual(
        [await linkOf('pop-1'), await linkOf('theirs-4'), await linkOf('recent-2')],
        [contact!.id, null, null],
      )
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
