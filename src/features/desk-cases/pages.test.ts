// Raising a case at the desk, on both engines: the service's own form with GOV.UK messages and
// what was typed kept; an assisted case on the resident's behalf with the channel as received and
// its contact; the open case at the same place offered, and joining it; one case from a double
// submit; an anonymous report; refusals of an unknown service and of people without cases:write.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient, csrfTokenIn } from '../../../test/support/client.ts'
import { addStaff, signedInClient } from '../../../test/support/accounts.ts'
import { addResident, addTeam, systemActor } from '../../../test/support/fixtures.ts'
import { createService } from '../catalogue/service.ts'
import type { Service } from '../catalogue/service.ts'
import { nowIso } from '../../platform/db/database.ts'
import { addRequestedCallBacks, claimCallBack } from '../telephony/service.ts'

const tokenIn = (html: string) => /name="token" value="([^"]+)"/.exec(html)?.[1] ?? ''
const referenceIn = (location: unknown) => /\/staff\/cases\/(FD-\d{4}-\d{6})\/confirmation$/.exec(String(location))?.[1]

for (const engine of ENGINES) {
  describe(`raising a case at the desk (${engine})`, () => {
    let t: TestApp
    let advisor: TestClient
    let advisorId: number
    let service: Service
    let resident: number
    let neighbour: number

    async function addHome(residentId: number, uprn: string) {
      await t.database.db
        .insertInto('resident_address')
        .values({
          council_id: t.councilId,
          resident_id: residentId,
          address_line_1: '1 High Street',
          address_line_2: null,
          town: 'Harness',
          postcode: 'AB1 2CD',
          uprn,
          is_primary: 1,
          created_at: nowIso(),
        })
        .execute()
    }

    before(async () => {
      t = await testApp(engine)
      const team = await addTeam(t.database, t.councilId, 'Street scene')
      service = await createService(t.database, systemActor(t.councilId), t.councilId, {
        name: 'Report a broken street light',
        open311_code: 'street-light',
        team_id: team,
        target_hours: 40,
        offline_route: 'Phone 01632 960 001',
        form: [
          {
            name: 'fault',
            label: 'What is wrong with it?',
            type: 'radios',
            required: true,
            options: ['Out', 'Flashing', 'On all day'],
          },
          {
            name: 'column',
            label: 'Number on the post',
            type: 'text',
            required: false,
            hint: 'On a sticker, about head height',
          },
        ],
      })
      resident = await addResident(t.database, t.councilId)
      neighbour = await addResident(t.database, t.councilId)
      await addHome(resident, '100023336956')
      await addHome(neighbour, '100023336956')
      advisorId = (await addStaff(t.database, t.councilId, ['advisor'])).id
      advisor = await signedInClient(t, { kind: 'staff', id: advisorId })
    })
    after(() => t?.close())

    const formUrl = (residentId: number) => `/staff/residents/${residentId}/cases/new?service=${service.id}`

    async function send(residentId: number, fields: Record<string, string | string[]>) {
      const page = await advisor.get(formUrl(residentId))
      assert.equal(page.statusCode, 200, page.body)
      const base = { _csrf: csrfTokenIn(page.body), token: tokenIn(page.body), service: String(service.id) }
      return advisor.post(`/staff/residents/${residentId}/cases/new`, { ...base, ...fields })
    }

    it('offers the services to choose from, then that service’s own questions', async () => {
      const choose = await advisor.get(`/staff/residents/${resident}/cases/new`)
      assert.equal(choose.statusCode, 200)
      assert.match(choose.body, /Report a broken street light/)
      assert.match(choose.body, /Reported by Alex Example/)
      const form = await advisor.get(formUrl(resident))
      assert.match(form.body, /What is wrong with it\?/)
      assert.match(form.body, /name="answers.fault" type="radio" value="Flashing"/)
      assert.match(form.body, /On a sticker, about head height/)
      for (const query of ['asked=yes', 'asked=yes&service=']) {
        const none = await advisor.get(`/staff/residents/${resident}/cases/new?${query}`)
        assert.equal(none.statusCode, 400, query)
        assert.match(none.body, /Select the service the report is about/)
      }
    })

    it('refuses an unknown service and an unknown resident', async () => {
      assert.equal((await advisor.get(`/staff/residents/${resident}/cases/new?service=99999`)).statusCode, 404)
      assert.equal((await advisor.get(`/staff/residents/99999/cases/new?service=${service.id}`)).statusCode, 404)
    })

    it('shows GOV.UK errors for missing answers and keeps what was typed', async () => {
      const response = await send(resident, { 'answers.column': 'SL 42' })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /<title>Error: /)
      assert.match(response.body, /govuk-error-summary/)
      assert.match(response.body, /href="#channel">Select how the report came in/)
      assert.match(response.body, /href="#answers-fault">Select an option from the list/)
      assert.match(response.body, /value="SL 42"/)
      const count = await t.database.db
        .selectFrom('case')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      assert.equal(Number(count.n), 0, 'nothing is raised')
    })

    let firstReference = ''
    it('raises an assisted case with the channel as received, once for a double submit, and logs the contact', async () => {
      const page = await advisor.get(formUrl(resident))
      const fields = {
        _csrf: csrfTokenIn(page.body),
        token: tokenIn(page.body),
        service: String(service.id),
        channel: 'face_to_face',
        'answers.fault': 'Out',
        'answers.column': 'SL 42',
      }
      const first = await advisor.post(`/staff/residents/${resident}/cases/new`, fields)
      assert.equal(first.statusCode, 303, first.body)
      const again = await advisor.post(`/staff/residents/${resident}/cases/new`, fields)
      assert.equal(again.headers.location, first.headers.location, 'the resubmitted form answers with the same case')
      firstReference = referenceIn(first.headers.location) ?? ''
      const cases = await t.database.db.selectFrom('case').selectAll().execute()
      assert.equal(cases.length, 1)
      assert.equal(cases[0]!.channel, 'face_to_face')
      assert.equal(cases[0]!.created_by, 'staff')
      assert.equal(cases[0]!.created_by_staff_id, advisorId)
      assert.equal(cases[0]!.resident_id, resident)
      assert.equal(cases[0]!.location_uprn, '100023336956')
      assert.deepEqual(JSON.parse(cases[0]!.answers), { fault: 'Out', column: 'SL 42' })
      const contacts = await t.database.db
        .selectFrom('contact')
        .selectAll()
        .where('case_id', '=', cases[0]!.id)
        .execute()
      assert.equal(contacts.length, 1)
      assert.equal(contacts[0]!.outcome, 'case_raised')
      assert.equal(contacts[0]!.channel, 'face_to_face')
      const confirmation = await advisor.follow(first)
      assert.equal(confirmation.statusCode, 200)
      assert.match(confirmation.body, /Case raised/)
      assert.match(confirmation.body, new RegExp(`<strong>${firstReference}</strong>`))
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select('action')
        .where('actor_id', '=', advisorId)
        .execute()
      const actions = audit.map((a) => a.action)
      for (const action of ['resident.read', 'case.create', 'contact.create', 'case.read'])
        assert.ok(actions.includes(action), `${action} is audited`)
    })

    it('shows the open case at the same property and joins the report to it', async () => {
      const check = await send(neighbour, { channel: 'phone', 'answers.fault': 'Out' })
      assert.equal(check.statusCode, 200)
      assert.match(check.body, /Is this already reported\?/)
      assert.match(check.body, new RegExp(`Join the report to ${firstReference}`))
      assert.match(check.body, /name="answers.fault" value="Out"/, 'the answers are carried forward')
      const carried = Object.fromEntries(
        [...check.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]),
      )
      const target = await t.database.db
        .selectFrom('case')
        .select('id')
        .where('reference', '=', firstReference)
        .executeTakeFirstOrThrow()
      const unanswered = await advisor.post(`/staff/residents/${neighbour}/cases/new`, { ...carried, decision: '' })
      assert.equal(unanswered.statusCode, 400)
      assert.match(unanswered.body, /Select the open case this report joins, or raise a new case/)
      const joined = await advisor.post(`/staff/residents/${neighbour}/cases/new`, {
        ...carried,
        decision: [String(target.id), ''],
      })
      assert.equal(joined.statusCode, 303, joined.body)
      const confirmation = await advisor.follow(joined)
      assert.match(confirmation.body, /Report joined to an open case/)
      assert.match(confirmation.body, new RegExp(`<strong>${firstReference}</strong>`))
      const duplicate = await t.database.db
        .selectFrom('case')
        .selectAll()
        .where('resident_id', '=', neighbour)
        .executeTakeFirstOrThrow()
      assert.equal(duplicate.status, 'cancelled')
      const link = await t.database.db.selectFrom('case_link').selectAll().executeTakeFirstOrThrow()
      assert.deepEqual([link.case_id, link.linked_case_id, link.kind], [duplicate.id, target.id, 'duplicate'])
      const notes = await t.database.db
        .selectFrom('case_event')
        .select('body')
        .where('case_id', '=', target.id)
        .where('kind', '=', 'note')
        .execute()
      assert.match(notes[0]?.body ?? '', new RegExp(`Reported again \\(${duplicate.reference}, by phone\\)`))
      const contact = await t.database.db
        .selectFrom('contact')
        .selectAll()
        .where('resident_id', '=', neighbour)
        .executeTakeFirstOrThrow()
      assert.equal(contact.case_id, duplicate.id, 'the contact names the caller’s own report, linked to the open case')

      // Each case page names the other under "Linked cases".
      const openCase = await advisor.get(`/staff/cases/${firstReference}`)
      assert.match(
        openCase.body,
        new RegExp(`id="linked-cases"[\\s\\S]*${duplicate.reference}[\\s\\S]*A report that joined this case`),
      )
      const report = await advisor.get(`/staff/cases/${duplicate.reference}`)
      assert.match(report.body, new RegExp(`id="linked-cases"[\\s\\S]*${firstReference}[\\s\\S]*This report joined it`))
    })

    it('raises a new case instead when the advisor says it is a different problem', async () => {
      const check = await send(neighbour, { channel: 'phone', 'answers.fault': 'Flashing' })
      const carried = Object.fromEntries(
        [...check.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]),
      )
      const raised = await advisor.post(`/staff/residents/${neighbour}/cases/new`, {
        ...carried,
        decision: ['new', ''],
      })
      assert.equal(raised.statusCode, 303)
      assert.match((await advisor.follow(raised)).body, /Case raised/)
    })

    it('takes an anonymous report', async () => {
      const page = await advisor.get(`/staff/cases/new?service=${service.id}`)
      assert.match(page.body, /Anonymous report/)
      const response = await advisor.post('/staff/cases/new', {
        _csrf: csrfTokenIn(page.body),
        token: tokenIn(page.body),
        service: String(service.id),
        channel: 'letter',
        'answers.fault': 'On all day',
      })
      assert.equal(response.statusCode, 303, response.body)
      const reference = referenceIn(response.headers.location)
      const row = await t.database.db
        .selectFrom('case')
        .selectAll()
        .where('reference', '=', reference!)
        .executeTakeFirstOrThrow()
      assert.equal(row.resident_id, null)
      assert.equal(row.channel, 'letter')
    })

    it('raises the case a call back turned up, recording the answered call back as its one contact', async () => {
      // A resident with no home on record, so no open case at the same place asks first.
      const caller = await addResident(t.database, t.councilId)
      const hour = 3_600_000
      const window = {
        start: new Date(Date.now() - hour).toISOString(),
        end: new Date(Date.now() + hour).toISOString(),
      }
      const request = {
        councilId: t.councilId,
        phone: '01632 960555',
        window,
        reason: 'Street light',
        createdAt: nowIso(),
      }
      const [mine, theirs] = await addRequestedCallBacks(t.database.db, [
        { ...request, residentId: caller, name: 'Alex E' },
        { ...request, residentId: caller, name: 'Alex Again' },
      ])
      await claimCallBack(t.database, systemActor(t.councilId), t.councilId, mine!, advisorId)
      const other = (await addStaff(t.database, t.councilId, ['advisor'])).id
      await claimCallBack(t.database, systemActor(t.councilId), t.councilId, theirs!, other)
      // Turned back to the list, saying why: the notice names nobody, as it rides in a cookie.
      const turnedBack = async (url: string, why: RegExp) => {
        const response = await advisor.get(url)
        assert.equal(response.statusCode, 303, url)
        assert.equal(response.headers.location, '/staff/call-backs')
        assert.match((await advisor.follow(response)).body, why)
      }
      await turnedBack(
        `/staff/residents/${caller}/cases/new?callBack=${theirs}`,
        /Someone else has claimed that call back/,
      )
      await turnedBack(`/staff/residents/${neighbour}/cases/new?callBack=${mine}`, /from its row on the call-back list/)

      const choose = await advisor.get(`/staff/residents/${caller}/cases/new?callBack=${mine}`)
      assert.match(choose.body, new RegExp(`name="callBack" value="${mine}"`))
      assert.match(choose.body, /href="\/staff\/call-backs" class="govuk-back-link"/)
      const page = await advisor.get(`/staff/residents/${caller}/cases/new?service=${service.id}&callBack=${mine}`)
      assert.match(page.body, /This report came up on your call back to Alex E/)
      assert.doesNotMatch(page.body, /How did the report come in\?/, 'a call back is a phone call we made')
      assert.match(
        page.body,
        new RegExp(`href="/staff/residents/${caller}/cases/new\\?callBack=${mine}" class="govuk-back-link"`),
        'Back goes to the services to choose from, then to the call-back list',
      )
      const fields = {
        _csrf: csrfTokenIn(page.body),
        token: tokenIn(page.body),
        service: String(service.id),
        callBack: String(mine),
        'answers.fault': 'Flashing',
        'answers.column': 'SL 77',
      }
      const raised = await advisor.post(`/staff/residents/${caller}/cases/new`, fields)
      assert.equal(raised.statusCode, 303, raised.body)
      assert.match(String(raised.headers.location), /\/confirmation\?from=call-backs$/)
      const again = await advisor.post(`/staff/residents/${caller}/cases/new`, fields)
      assert.equal(again.headers.location, raised.headers.location, 'sent twice, raised once')
      const reference = /\/staff\/cases\/(FD-\d{4}-\d{6})\//.exec(String(raised.headers.location))?.[1]
      const row = await t.database.db
        .selectFrom('case')
        .selectAll()
        .where('reference', '=', reference!)
        .executeTakeFirstOrThrow()
      assert.deepEqual([row.channel, row.created_by, row.resident_id], ['phone', 'staff', caller])
      const contacts = await t.database.db
        .selectFrom('contact')
        .select(['channel', 'direction', 'outcome', 'service_id', 'resident_id'])
        .where('case_id', '=', row.id)
        .execute()
      assert.deepEqual(
        contacts.map((c) => ({ ...c })),
        [
          {
            channel: 'phone',
            direction: 'outbound',
            outcome: 'case_raised',
            service_id: service.id,
            resident_id: caller,
          },
        ],
        'one contact: the call back we made, not a second inbound one',
      )
      const callBack = await t.database.db
        .selectFrom('callback')
        .select(['status', 'attempts'])
        .where('id', '=', mine!)
        .executeTakeFirstOrThrow()
      assert.deepEqual({ ...callBack }, { status: 'completed', attempts: 1 })
      const confirmation = await advisor.follow(raised)
      assert.match(confirmation.body, new RegExp(`<strong>${reference}</strong>`))
      assert.match(confirmation.body, /href="\/staff\/call-backs">Back to call backs</)
      await turnedBack(`/staff/residents/${caller}/cases/new?callBack=${mine}`, /That call back is finished/)
    })

    it('refuses people who may not raise cases', async () => {
      const dpo = await signedInClient(t, { kind: 'staff', id: (await addStaff(t.database, t.councilId, ['dpo'])).id })
      assert.equal((await dpo.get(`/staff/cases/new?service=${service.id}`)).statusCode, 403)
      const anonymous = new TestClient(t.app)
      const response = await anonymous.get(`/staff/cases/new?service=${service.id}`)
      assert.notEqual(response.statusCode, 200)
    })
  })
}
