// Who may read which case through the API: a signed-in resident their own and no one else's (by
// id, by reference or in a list), with only the public part of the timeline; staff and tokens
// only their own council's.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { nowIso } from '../../platform/db/database.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { addAccount, addStaff, sessionCookie } from '../../../test/support/accounts.ts'
import { createApiToken } from '../../platform/auth/tokens.ts'
import { raiseCase } from './test-fixtures.ts'
import { addResident, addService, addTeam } from '../../../test/support/fixtures.ts'

const INTERNAL = 'Internal: resident was rude on the phone'
const STATUS_NOTE = 'Internal: crew said the bin was not out'
const PUBLIC = 'We have booked a crew for Tuesday'

type Made = { id: number; reference: string }

for (const engine of ENGINES) {
  describe(`a resident reads only their own cases through the API (${engine})`, () => {
    let t: TestApp
    let caseA: Made
    let caseB: Made
    let residentB: number
    let cookieA: string
    let cookieUnlinked: string
    let cookieUnverified: string

    const api = (url: string, cookie: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie } })

    before(async () => {
      t = await testApp(engine)
      const service = await addService(t.database, t.councilId, await addTeam(t.database, t.councilId, 'Waste'))
      const residentA = await addResident(t.database, t.councilId)
      residentB = await addResident(t.database, t.councilId)
      caseA = await raiseCase(t, service.id, residentA)
      caseB = await raiseCase(t, service.id, residentB)
      await raiseCase(t, service.id, null)
      const note = (id: number, body: string, visibility: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/cases/${id}/notes`,
          headers: t.as('caseworker'),
          payload: { body, visibility },
        })
      assert.equal((await note(caseA.id, INTERNAL, 'internal')).statusCode, 201)
      assert.equal((await note(caseA.id, PUBLIC, 'public')).statusCode, 201)
      const moved = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseA.id}/status`,
        headers: t.as('caseworker'),
        payload: { status: 'in_progress', note: STATUS_NOTE },
      })
      assert.equal(moved.statusCode, 200)
      // Held by a team and a member of staff, who also raised it: none of which the resident is shown.
      const holder = await addStaff(t.database, t.councilId, ['caseworker'])
      const assigned = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseA.id}/assign`,
        headers: t.as('team_leader'),
        payload: { assignee_id: holder.id },
      })
      assert.equal(assigned.statusCode, 200, assigned.body)
      await t.database.db
        .updateTable('case')
        .set({ created_by_staff_id: holder.id })
        .where('id', '=', caseA.id)
        .execute()
      const accountA = await addAccount(t.database, t.councilId, residentA)
      cookieA = await sessionCookie(t.database, t.councilId, { kind: 'resident', id: accountA.id })
      cookieUnlinked = await sessionCookie(t.database, t.councilId, {
        kind: 'resident',
        id: (await addAccount(t.database, t.councilId, null)).id,
      })
      // Linked to B's record, but the email is not proven: it must see nothing of B's.
      cookieUnverified = await sessionCookie(t.database, t.councilId, {
        kind: 'resident',
        id: (await addAccount(t.database, t.councilId, residentB, { verified: false })).id,
      })
    })
    after(() => t.close())

    it('lists only their own cases, whatever resident_id they ask for', async () => {
      const own = await api('/cases', cookieA)
      assert.equal(own.statusCode, 200)
      assert.deepEqual(
        own.json().items.map((c: Made) => c.reference),
        [caseA.reference],
      )
      const asked = await api(`/cases?resident_id=${residentB}`, cookieA)
      assert.equal(asked.statusCode, 200)
      assert.deepEqual(asked.json().items, [])
    })

    it('reads their own case by id and by reference, with only the public timeline', async () => {
      for (const url of [`/cases/${caseA.id}`, `/cases/by-reference/${caseA.reference}`]) {
        const response = await api(url, cookieA)
        assert.equal(response.statusCode, 200, url)
        const read = response.json()
        assert.equal(read.reference, caseA.reference)
        assert.deepEqual(
          read.timeline.map((e: { kind: string; body: string | null }) => [e.kind, e.body]),
          [
            ['created', null],
            ['note', PUBLIC],
            ['status_changed', null],
          ],
        )
        assert.doesNotMatch(response.body, /Internal:/, 'no internal note, not even one kept with a status change')
      }
    })

    it('sees null for the team, the assignee and the member of staff who raised it, which staff see', async () => {
      const staffView = (await t.app.inject({ url: `/api/v1/cases/${caseA.id}`, headers: t.as('caseworker') })).json()
      assert.ok(
        staffView.team_id !== null && staffView.assignee_id !== null && staffView.created_by_staff_id !== null,
        'staff see who holds the case',
      )
      const hidden = { team_id: null, assignee_id: null, created_by_staff_id: null }
      const internal = (c: Record<string, unknown>) => ({
        team_id: c.team_id,
        assignee_id: c.assignee_id,
        created_by_staff_id: c.created_by_staff_id,
      })
      for (const url of [`/cases/${caseA.id}`, `/cases/by-reference/${caseA.reference}`])
        assert.deepEqual(internal((await api(url, cookieA)).json()), hidden, url)
      const listed = (await api('/cases', cookieA)).json().items as Record<string, unknown>[]
      assert.deepEqual(listed.map(internal), [hidden])
    })

    it('may not filter their cases by team or assignee, which would tell them the ids they are not shown', async () => {
      const staffView = (await t.app.inject({ url: `/api/v1/cases/${caseA.id}`, headers: t.as('caseworker') })).json()
      for (const [name, id] of [
        ['team_id', staffView.team_id],
        ['assignee_id', staffView.assignee_id],
      ] as const) {
        const response = await api(`/cases?${name}=${id}`, cookieA)
        assert.equal(response.statusCode, 422, name)
        assert.equal(response.json().errors[0].name, `querystring.${name}`)
        assert.doesNotMatch(response.body, /FD-\d{4}-\d{6}/, 'no case in a refusal')
      }
    })

    it('gets the same 404 for another resident’s case as for one that does not exist, by id and by reference', async () => {
      const missingById = await api('/cases/999999', cookieA)
      const missingByReference = await api('/cases/by-reference/FD-2020-999999', cookieA)
      assert.equal(missingById.statusCode, 404)
      for (const [url, missing] of [
        [`/cases/${caseB.id}`, missingById],
        [`/cases/by-reference/${caseB.reference}`, missingByReference],
      ] as const) {
        const response = await api(url, cookieA)
        assert.equal(response.statusCode, 404, url)
        const { instance: _asked, ...answer } = response.json()
        const { instance: _missing, ...nothing } = missing.json()
        assert.deepEqual(answer, nothing)
      }
    })

    it('shows an account not yet linked or not yet verified no cases at all', async () => {
      for (const cookie of [cookieUnlinked, cookieUnverified]) {
        assert.deepEqual((await api('/cases', cookie)).json().items, [])
        assert.equal((await api(`/cases/${caseB.id}`, cookie)).statusCode, 404)
        assert.equal((await api(`/cases/by-reference/${caseB.reference}`, cookie)).statusCode, 404)
      }
    })

    it('gives a token holding the resident role no one’s cases, and a partner none', async () => {
      assert.deepEqual((await t.app.inject({ url: '/api/v1/cases', headers: t.as('resident') })).json().items, [])
      assert.equal(
        (await t.app.inject({ url: `/api/v1/cases/${caseA.id}`, headers: t.as('resident') })).statusCode,
        404,
      )
      assert.equal((await t.app.inject({ url: `/api/v1/cases/${caseA.id}`, headers: t.as('partner') })).statusCode, 403)
    })

    it('lets a resident change nothing through the API', async () => {
      const payload = { body: 'Please hurry', visibility: 'public' }
      const byCookie = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseA.id}/notes`,
        headers: { cookie: cookieA },
        payload,
      })
      assert.equal(byCookie.statusCode, 401, 'a session cookie does not authorise API writes')
      const byToken = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseA.id}/notes`,
        headers: t.as('resident'),
        payload,
      })
      assert.equal(byToken.statusCode, 403)
    })

    it('records the resident’s reads in the audit trail as theirs', async () => {
      const before = nowIso()
      await api(`/cases/${caseA.id}`, cookieA)
      const events = await t.database.db
        .selectFrom('audit_event')
        .select(['action', 'actor_kind', 'subject_id'])
        .where('at', '>=', before)
        .execute()
      assert.deepEqual(
        events.map((e) => ({ ...e })),
        [{ action: 'case.read', actor_kind: 'resident', subject_id: String(caseA.id) }],
      )
    })
  })

  describe(`staff read only their own council’s records (${engine})`, () => {
    let t: TestApp
    let residentId: number
    let caseId: number
    let contactId: number
    let otherCookie: string
    let otherToken: string
    const OTHER_HOST = 'other.test'

    before(async () => {
      t = await testApp(engine)
      const service = await addService(t.database, t.councilId, await addTeam(t.database, t.councilId, 'Waste'))
      residentId = await addResident(t.database, t.councilId)
      caseId = (await raiseCase(t, service.id, residentId)).id
      const contact = await t.app.inject({
        method: 'POST',
        url: '/api/v1/contacts',
        headers: t.as('advisor'),
        payload: { resident_id: residentId, channel: 'phone', direction: 'inbound', outcome: 'resolved_first_contact' },
      })
      assert.equal(contact.statusCode, 201, contact.body)
      contactId = contact.json().id
      const other = await t.database.db
        .insertInto('council')
        .values({
          slug: 'other',
          name: 'Other Council',
          hostnames: JSON.stringify([OTHER_HOST]),
          settings: '{}',
          created_at: nowIso(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const admin = await addStaff(t.database, other.id, ['admin'])
      otherCookie = await sessionCookie(t.database, other.id, { kind: 'staff', id: admin.id })
      otherToken = (await createApiToken(t.database, other.id, 'admin', 'other admin')).token
    })
    after(() => t.close())

    const reads = () => [
      `/residents/${residentId}`,
      `/residents/${residentId}/history`,
      `/cases/${caseId}`,
      `/contacts/${contactId}`,
    ]

    it('answers 404 to another council’s administrator, signed in or with a token', async () => {
      for (const url of reads()) {
        const bySession = await t.app.inject({
          url: `/api/v1${url}`,
          headers: { host: OTHER_HOST, cookie: otherCookie },
        })
        assert.equal(bySession.statusCode, 404, `session: ${url}`)
        const byToken = await t.app.inject({ url: `/api/v1${url}`, headers: { authorization: `Bearer ${otherToken}` } })
        assert.equal(byToken.statusCode, 404, `token: ${url}`)
      }
      const list = await t.app.inject({
        url: `/api/v1/cases?resident_id=${residentId}`,
        headers: { host: OTHER_HOST, cookie: otherCookie },
      })
      assert.deepEqual(list.json().items, [])
      const search = await t.app.inject({
        url: '/api/v1/residents?q=example',
        headers: { host: OTHER_HOST, cookie: otherCookie },
      })
      assert.deepEqual(search.json().items, [])
    })

    it('answers an id no record can have with a problem, not a server error, on either engine', async () => {
      for (const url of ['/cases/2147483648', '/residents/999999999999999', '/contacts/2147483648']) {
        const response = await t.app.inject({ url: `/api/v1${url}`, headers: t.as('advisor') })
        assert.equal(response.statusCode, 400, url)
        assert.match(String(response.headers['content-type']), /^application\/problem\+json/, url)
      }
    })

    it('reads nothing of this council’s with another council’s session, whichever address it comes to', async () => {
      // The API takes the council from the session or token, never from the host name.
      for (const url of reads())
        assert.equal(
          (await t.app.inject({ url: `/api/v1${url}`, headers: { cookie: otherCookie } })).statusCode,
          404,
          url,
        )
    })

    it('answers this council’s own staff, and audits each read', async () => {
      const advisor = await addStaff(t.database, t.councilId, ['advisor'])
      const cookie = await sessionCookie(t.database, t.councilId, { kind: 'staff', id: advisor.id })
      const before = nowIso()
      for (const url of reads())
        assert.equal((await t.app.inject({ url: `/api/v1${url}`, headers: { cookie } })).statusCode, 200, url)
      const events = await t.database.db
        .selectFrom('audit_event')
        .select(['action', 'actor_label'])
        .where('at', '>=', before)
        .orderBy('id')
        .execute()
      assert.deepEqual(
        events.map((e) => e.action),
        ['resident.read', 'resident.history', 'case.read', 'contact.read'],
      )
      assert.ok(events.every((e) => e.actor_label === `staff:${advisor.id}`))
    })
  })
}
