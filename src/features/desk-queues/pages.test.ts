// The case page and the queues on both engines, as staff use them through the browser's forms:
// what they show, the changes they make (audited), and what they refuse.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import type { TestClient } from '../../../test/support/client.ts'
import { csrfTokenIn } from '../../../test/support/client.ts'
import { addAccount, addStaff, signedInClient } from '../../../test/support/accounts.ts'
import { addResident, addService, addTeam, systemActor } from '../../../test/support/fixtures.ts'
import { createService } from '../catalogue/service.ts'
import type { FormField } from '../catalogue/service.ts'
import { raiseCase } from '../cases/test-fixtures.ts'
import type { Role } from '../../platform/db/values.ts'

const DAY = 86_400_000

/** The queue table's case references, in the order shown. */
function referencesIn(html: string): string[] {
  return [...html.matchAll(/<a class="govuk-link" href="\/staff\/cases\/[^"]+">(FD-\d{4}-\d{6})<\/a>/g)].map(
    (m) => m[1]!,
  )
}

for (const engine of ENGINES) {
  describe(`the case page and the queues (${engine})`, () => {
    let t: TestApp
    let caseworker: TestClient
    let caseworkerId: number
    let advisor: TestClient
    let waste: number
    let residentId: number
    let serviceId: number

    async function signedIn(roles: Role[], name: string) {
      const staff = await addStaff(t.database, t.councilId, roles, { name })
      return { client: await signedInClient(t, { kind: 'staff', id: staff.id }), id: staff.id }
    }
    const caseRow = (reference: string) =>
      t.database.db.selectFrom('case').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow()
    const auditCount = async (action: string, subjectId: number) =>
      (
        await t.database.db
          .selectFrom('audit_event')
          .select('id')
          .where('action', '=', action)
          .where('subject_id', '=', String(subjectId))
          .execute()
      ).length

    before(async () => {
      t = await testApp(engine)
      waste = await addTeam(t.database, t.councilId, 'Waste')
      serviceId = (await addService(t.database, t.councilId, waste)).id
      residentId = await addResident(t.database, t.councilId)
      const worker = await signedIn(['caseworker'], 'Cara Worker')
      caseworker = worker.client
      caseworkerId = worker.id
      await t.database.db
        .insertInto('staff_team')
        .values({ staff_user_id: caseworkerId, team_id: waste, council_id: t.councilId })
        .execute()
      advisor = (await signedIn(['advisor'], 'Ada Visor')).client
    })
    after(() => t.close())

    it('shows a case: answers under the form’s questions, the target, the timeline; the view is audited', async () => {
      const raised = await raiseCase(t, serviceId, residentId)
      const page = await caseworker.get(`/staff/cases/${raised.reference}`)
      assert.equal(page.statusCode, 200, page.body)
      assert.match(page.body, new RegExp(`<h1 class="govuk-heading-l">Case ${raised.reference}</h1>`))
      assert.match(page.body, /Which bin was missed\?\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*blue/)
      assert.match(page.body, /\d+ working hours?( \d+ minutes?)? left/)
      assert.match(page.body, /Case raised/)
      assert.doesNotMatch(page.body, />Overdue</)
      assert.equal(await auditCount('case.read', raised.id), 1)
      assert.equal((await caseworker.get('/staff/cases/FD-2026-999999')).statusCode, 404)
    })

    /** A waste team's service asking these questions, for what a case page shows of their answers. */
    const wasteServiceAsking = (name: string, code: string, form: FormField[]) =>
      createService(t.database, systemActor(t.councilId), t.councilId, {
        name,
        open311_code: code,
        team_id: waste,
        target_hours: 16,
        offline_route: 'Phone 01632 960 001',
        active: true,
        form,
      })

    it('shows a date question’s answer as a date, and a text answer that looks like one as it was typed', async () => {
      const service = await wasteServiceAsking('Report a missed collection', 'missed-collection', [
        { name: 'missed_on', label: 'Date of the missed collection', type: 'date', required: true },
        { name: 'bin_label', label: 'What is written on the bin?', type: 'text', required: false },
      ])
      const raised = await raiseCase(t, service.id, residentId, {
        answers: { missed_on: '2026-12-03', bin_label: '2026-12-04' },
      })
      const page = await caseworker.get(`/staff/cases/${raised.reference}`)
      assert.equal(page.statusCode, 200, page.body)
      const row = (label: string) =>
        new RegExp(`${label}\\s*</dt>\\s*<dd class="govuk-summary-list__value">\\s*([^<]*?)\\s*</dd>`).exec(
          page.body,
        )?.[1]
      assert.equal(row('Date of the missed collection'), '3 December 2026')
      // The question's type decides, not the answer's shape: this was typed into a text box.
      assert.equal(row('What is written on the bin\\?'), '2026-12-04')
    })

    it('shows an address question’s answer on one line, not as the data it is kept as', async () => {
      const service = await wasteServiceAsking('Report fly-tipping', 'fly-tipping', [
        { name: 'where', label: 'Where is it?', type: 'address', required: true },
      ])
      const raised = await raiseCase(t, service.id, residentId, {
        answers: { where: { address_line_1: '1 High Street', town: 'Exampleton', postcode: 'AB1 2CD' } },
      })
      const page = await caseworker.get(`/staff/cases/${raised.reference}`)
      assert.match(
        page.body,
        /Where is it\?\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*1 High Street, Exampleton, AB1 2CD\s*<\/dd>/,
      )
      assert.doesNotMatch(page.body, /address_line_1/)
    })

    it('offers only the allowed status changes and refuses any other', async () => {
      const raised = await raiseCase(t, serviceId, residentId)
      const page = await caseworker.get(`/staff/cases/${raised.reference}`)
      const offered = [...page.body.matchAll(/name="status" type="radio" value="(\w+)"/g)].map((m) => m[1])
      assert.deepEqual(offered, ['in_progress', 'waiting', 'resolved', 'cancelled'])
      const refused = await caseworker.post(`/staff/cases/${raised.reference}/status`, {
        _csrf: csrfTokenIn(page.body),
        status: 'closed',
        note: 'Typed before the refusal',
      })
      assert.equal(refused.statusCode, 409)
      assert.match(refused.body, /There is a problem/)
      assert.match(refused.body, /Typed before the refusal/)
      assert.equal((await caseRow(raised.reference)).status, 'open')
    })

    it('resolves a case only with a resolution, keeping what was typed, then with it', async () => {
      const raised = await raiseCase(t, serviceId, residentId)
      const url = `/staff/cases/${raised.reference}`
      const missing = await caseworker.submit(url, { status: 'resolved', note: 'Crew went back' }, `${url}/status`)
      assert.equal(missing.statusCode, 400)
      assert.match(missing.body, /href="#resolution">Say how the case was resolved/)
      assert.match(missing.body, /Crew went back/)
      const done = await caseworker.submit(url, { status: 'resolved', resolution: 'Bin emptied' }, `${url}/status`)
      assert.equal(done.statusCode, 303)
      const after = await caseworker.follow(done)
      assert.match(after.body, /The case’s status has been changed/)
      assert.equal((await caseRow(raised.reference)).resolution, 'Bin emptied')
      assert.equal(await auditCount('case.status_change', raised.id), 1)
    })

    it('adds internal and public notes, marked so on the timeline, and refuses an empty one', async () => {
      const raised = await raiseCase(t, serviceId, residentId)
      const url = `/staff/cases/${raised.reference}`
      const empty = await caseworker.submit(url, { body: ' ', visibility: 'public' }, `${url}/notes`)
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /href="#note-body">Enter the note/)
      await caseworker.submit(url, { body: 'Called the crew', visibility: 'internal' }, `${url}/notes`)
      await caseworker.submit(url, { body: 'We will collect it tomorrow', visibility: 'public' }, `${url}/notes`)
      const page = await caseworker.get(url)
      assert.match(page.body, /Public note[\s\S]*?Public: the resident sees this[\s\S]*?We will collect it tomorrow/)
      assert.match(page.body, /Internal note[\s\S]*?>\s*Internal\s*<[\s\S]*?Called the crew/)
      assert.equal(await auditCount('case.note', raised.id), 2)
    })

    it('writes once when the same form is sent twice (a double click, or back and resubmit)', async () => {
      const raised = await raiseCase(t, serviceId, residentId)
      const url = `/staff/cases/${raised.reference}`
      const page = await caseworker.get(url)
      const tokenOf = (action: string) => {
        const match = new RegExp(`action="[^"]*/${action}"[^>]*>[\\s\\S]*?name="formToken" value="([^"]+)"`).exec(
          page.body,
        )
        assert.ok(match?.[1], `the ${action} form carries a one-time token`)
        return match[1]
      }
      const _csrf = csrfTokenIn(page.body)
      const note = { _csrf, formToken: tokenOf('notes'), body: 'Called the crew', visibility: 'internal' }
      const first = await caseworker.post(`${url}/notes`, note)
      const again = await caseworker.post(`${url}/notes`, note)
      assert.equal(first.statusCode, 303)
      assert.equal(again.statusCode, 303, 'the second send answers as the first did')
      assert.equal(again.headers.location, first.headers.location)
      const resolve = { _csrf, formToken: tokenOf('status'), status: 'resolved', resolution: 'Bin emptied' }
      assert.equal((await caseworker.post(`${url}/status`, resolve)).statusCode, 303)
      const resent = await caseworker.post(`${url}/status`, resolve)
      assert.equal(resent.statusCode, 303, 'no refusal for resolving a resolved case: it was this form')
      assert.match((await caseworker.follow(resent)).body, /The case’s status has been changed/)
      // Back on the first page, another of its forms is a change of its own.
      const take = { _csrf, formToken: tokenOf('assignment'), assignee: String(caseworkerId) }
      assert.equal((await caseworker.post(`${url}/assignment`, take)).statusCode, 303)
      await caseworker.post(`${url}/assignment`, take)
      const events = await t.database.db
        .selectFrom('case_event')
        .select('kind')
        .where('case_id', '=', raised.id)
        .where('kind', 'in', ['note', 'status_changed', 'assigned'])
        .orderBy('id')
        .execute()
      assert.deepEqual(
        events.map((e) => e.kind),
        ['note', 'status_changed', 'assigned'],
      )
      assert.equal(await auditCount('case.note', raised.id), 1)
      assert.equal(await auditCount('case.status_change', raised.id), 1)
      assert.equal(await auditCount('case.assign', raised.id), 1)
      assert.equal((await caseRow(raised.reference)).assignee_id, caseworkerId)
    })

    it('assigns a case to a person; an advisor may not assign', async () => {
      const raised = await raiseCase(t, serviceId, residentId)
      const url = `/staff/cases/${raised.reference}`
      const taken = await caseworker.submit(url, { assignee: String(caseworkerId) }, `${url}/assignment`)
      assert.equal(taken.statusCode, 303)
      const row = await caseRow(raised.reference)
      assert.deepEqual([row.assignee_id, row.team_id], [caseworkerId, waste])
      const page = await advisor.get(url)
      assert.doesNotMatch(page.body, /Assign to me/)
      const refused = await advisor.post(`${url}/assignment`, { _csrf: csrfTokenIn(page.body), assignee: '' })
      assert.equal(refused.statusCode, 403)
      assert.equal((await caseRow(raised.reference)).assignee_id, caseworkerId)
    })

    it('reopens a resolved case within the period with a reason; after it, says so and refuses', async () => {
      const raised = await raiseCase(t, serviceId, residentId)
      const url = `/staff/cases/${raised.reference}`
      await caseworker.submit(url, { status: 'resolved', resolution: 'Bin emptied' }, `${url}/status`)
      const noReason = await caseworker.submit(url, { reason: '' }, `${url}/reopen`)
      assert.equal(noReason.statusCode, 400)
      assert.match(noReason.body, /href="#reason">Say why the case is being reopened/)
      const reopened = await caseworker.submit(url, { reason: 'Still not emptied' }, `${url}/reopen`)
      assert.equal(reopened.statusCode, 303)
      assert.equal((await caseRow(raised.reference)).status, 'in_progress')
      assert.match((await caseworker.get(url)).body, /Reopened[\s\S]*?Reopened: Still not emptied/)

      const old = await raiseCase(t, serviceId, residentId)
      const oldUrl = `/staff/cases/${old.reference}`
      const form = await caseworker.get(oldUrl)
      await caseworker.post(`${oldUrl}/status`, {
        _csrf: csrfTokenIn(form.body),
        status: 'resolved',
        resolution: 'Done',
      })
      const longAgo = new Date(Date.now() - 40 * DAY).toISOString()
      await t.database.db.updateTable('case').set({ resolved_at: longAgo }).where('id', '=', old.id).execute()
      const page = await caseworker.get(oldUrl)
      assert.match(page.body, /The time to reopen this case ended on/)
      assert.match(page.body, new RegExp(`href="/staff/residents/${residentId}/cases/new\\?service=${serviceId}"`))
      assert.doesNotMatch(page.body, /Reopen case/)
      const late = await caseworker.post(`${oldUrl}/reopen`, { _csrf: csrfTokenIn(page.body), reason: 'Still broken' })
      assert.equal(late.statusCode, 400)
      assert.match(late.body, /can no longer be reopened/)
      assert.equal((await caseRow(old.reference)).status, 'resolved')
    })

    it('keeps residents off the desk’s case page, even for their own case', async () => {
      const raised = await raiseCase(t, serviceId, residentId)
      const account = await addAccount(t.database, t.councilId, residentId)
      const resident = await signedInClient(t, { kind: 'resident', id: account.id })
      assert.equal((await resident.get(`/staff/cases/${raised.reference}`)).statusCode, 403)
      assert.equal((await resident.get('/staff/queues')).statusCode, 403)
    })

    describe('the queues', () => {
      let parksWorker: TestClient
      let parksWorkerId: number
      const parksRefs: string[] = []

      before(async () => {
        const parks = await addTeam(t.database, t.councilId, 'Parks')
        const benches = await addService(t.database, t.councilId, parks, {
          name: 'Broken bench',
          open311_code: 'bench',
        })
        const worker = await signedIn(['caseworker'], 'Pat Parks')
        parksWorker = worker.client
        parksWorkerId = worker.id
        await t.database.db
          .insertInto('staff_team')
          .values({ staff_user_id: parksWorkerId, team_id: parks, council_id: t.councilId })
          .execute()
        for (let i = 0; i < 30; i++) parksRefs.push((await raiseCase(t, benches.id, null)).reference)
        // One of them long overdue.
        await t.database.db
          .updateTable('case')
          .set({ due_at: new Date(Date.now() - 5 * DAY).toISOString() })
          .where('reference', '=', parksRefs[7]!)
          .execute()
      })

      it('shows my team’s cases a page at a time, sorted by the server with aria-sort on the headers', async () => {
        const first = await parksWorker.get('/staff/queues?view=team')
        assert.equal(first.statusCode, 200, first.body)
        assert.match(first.body, /My team’s cases: 30 cases/)
        assert.match(first.body, /aria-sort="ascending"><a [^>]*href="\/staff\/queues\?view=team&amp;order=desc">Due</)
        assert.match(
          first.body,
          /aria-sort="none"><a [^>]*href="\/staff\/queues\?view=team&amp;sort=reference">Reference</,
        )
        const shown = referencesIn(first.body)
        assert.equal(shown.length, 25)
        assert.equal(shown[0], parksRefs[7], 'the overdue case is due first')
        const second = await parksWorker.get('/staff/queues?view=team&page=2')
        assert.equal(referencesIn(second.body).length, 5)
        const byReference = referencesIn(
          (await parksWorker.get('/staff/queues?view=team&sort=reference&order=desc')).body,
        )
        assert.deepEqual(byReference, [...parksRefs].sort().reverse().slice(0, 25))
        assert.match(first.body, /<option value="phone">Phone \(30\)<\/option>/)
      })

      it('tags an overdue case and filters to the overdue ones', async () => {
        const page = await parksWorker.get('/staff/queues?view=team&overdue=yes')
        assert.deepEqual(referencesIn(page.body), [parksRefs[7]])
        assert.match(page.body, new RegExp(`${parksRefs[7]}[\\s\\S]*?>\\s*Overdue\\s*<`))
        assert.match(page.body, /Overdue \(1\)/)
        const casePage = await parksWorker.get(`/staff/cases/${parksRefs[7]}`)
        assert.match(casePage.body, /govuk-tag--red">\s*Overdue/)
        assert.match(casePage.body, /Overdue by \d+ working hours/)
      })

      it('assigns the selected cases to a person in one go, and refuses when none is selected', async () => {
        const queue = '/staff/queues?view=team'
        const page = await parksWorker.get(queue)
        const ids = [...page.body.matchAll(/name="cases" type="checkbox" value="(\d+)"/g)].map((m) => m[1]!)
        const none = await parksWorker.post('/staff/queues/assign', {
          _csrf: csrfTokenIn(page.body),
          returnTo: queue,
          assignee: String(parksWorkerId),
        })
        assert.equal(none.statusCode, 400)
        assert.match(none.body, /href="#cases">Select the cases to assign/)
        const done = await parksWorker.post('/staff/queues/assign', {
          _csrf: csrfTokenIn(page.body),
          returnTo: queue,
          cases: ids.slice(0, 2),
          assignee: String(parksWorkerId),
        })
        assert.equal(done.statusCode, 303)
        const after = await parksWorker.follow(done)
        assert.match(after.body, /2 cases assigned/)
        const mine = await parksWorker.get('/staff/queues?view=mine')
        assert.equal(referencesIn(mine.body).length, 2)
        for (const id of ids.slice(0, 2)) assert.equal(await auditCount('case.assign', Number(id)), 1)
        const refused = await advisor.post('/staff/queues/assign', {
          _csrf: csrfTokenIn((await advisor.get(queue)).body),
          returnTo: queue,
          cases: ids.slice(2, 3),
          assignee: String(parksWorkerId),
        })
        assert.equal(refused.statusCode, 403)
      })
    })
  })
}
