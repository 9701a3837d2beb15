import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { createTestCouncil, testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { createApiToken } from '../../platform/auth/tokens.ts'
import type { Role } from '../../platform/db/values.ts'
import {
  addAppointment,
  addAssessment,
  addCallback,
  addCase,
  addCaseEvent,
  addNotification,
  addReferral,
  daysAgo,
} from './test-fixtures.ts'
import { addPartner, addResident, addService, addTeam } from '../../../test/support/fixtures.ts'

type FieldError = { name: string; message: string }

for (const engine of ENGINES) {
  describe(`contacts API (${engine})`, () => {
    let t: TestApp
    let residentId: number
    let strangerId: number
    let serviceId: number
    let otherHeaders: { authorization: string }

    before(async () => {
      t = await testApp(engine)
      const teamId = await addTeam(t.database, t.councilId)
      serviceId = (
        await addService(t.database, t.councilId, teamId, { open311_code: 'missed-bin', name: 'Report a missed bin' })
      ).id
      residentId = await addResident(t.database, t.councilId)
      const otherCouncil = await createTestCouncil(t.database, 'other', 'Other Council')
      strangerId = await addResident(t.database, otherCouncil)
      otherHeaders = {
        authorization: `Bearer ${(await createApiToken(t.database, otherCouncil, 'admin', 'other admin')).token}`,
      }
    })
    after(() => t.close())

    const post = (payload: object, role: Role = 'advisor') =>
      t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: t.as(role), payload })
    const fieldNames = (body: { errors?: FieldError[] }) => (body.errors ?? []).map((e) => e.name)

    it('logs a contact and answers 201 with it; the audit event is written with it', async () => {
      const response = await post({
        channel: 'phone',
        direction: 'inbound',
        started_at: '2025-06-02T09:15:00Z',
        handle_seconds: 240,
        resident_id: residentId,
        service_code: 'missed-bin',
        outcome: 'resolved_first_contact',
        notes: 'Bin collected next day',
      })
      assert.equal(response.statusCode, 201)
      const contact = response.json()
      assert.deepEqual(
        { ...contact, id: 0, created_at: '' },
        {
          id: 0,
          external_id: null,
          resident_id: residentId,
          channel: 'phone',
          direction: 'inbound',
          started_at: '2025-06-02T09:15:00.000Z',
          handle_seconds: 240,
          staff_user_id: null,
          service_id: serviceId,
          outcome: 'resolved_first_contact',
          avoidable: false,
          case_id: null,
          notes: 'Bin collected next day',
          created_at: '',
          call: null,
        },
      )
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select(['actor_kind', 'subject_type', 'subject_id', 'detail'])
        .where('action', '=', 'contact.create')
        .executeTakeFirstOrThrow()
      assert.deepEqual(
        [audit.actor_kind, audit.subject_type, audit.subject_id],
        ['token', 'resident', String(residentId)],
      )
      assert.ok(!(audit.detail ?? '').includes('Bin collected'), 'the audit detail holds no free text')
    })

    it('logs an anonymous contact on every channel a token may use, avoidable when said', async () => {
      for (const channel of ['web', 'face_to_face', 'video', 'email', 'letter', 'webchat', 'social', 'partner']) {
        const response = await post({ channel, outcome: 'signposted', avoidable: true })
        assert.equal(response.statusCode, 201, channel)
        assert.deepEqual(
          [response.json().resident_id, response.json().avoidable, response.json().direction],
          [null, true, 'inbound'],
        )
      }
    })

    it('refuses a value outside the lists, or an unknown field, with 400 naming it', async () => {
      const cases: [object, string][] = [
        [{ channel: 'carrier_pigeon', outcome: 'signposted' }, 'body.channel'],
        [{ channel: 'phone', outcome: 'sorted' }, 'body.outcome'],
        [{ channel: 'phone', direction: 'sideways', outcome: 'signposted' }, 'body.direction'],
        [{ channel: 'phone', outcome: 'signposted', handle_seconds: 86_401 }, 'body.handle_seconds'],
        [{ channel: 'phone', outcome: 'signposted', handle_seconds: -1 }, 'body.handle_seconds'],
        [{ channel: 'phone', outcome: 'signposted', started_at: 'last Tuesday' }, 'body.started_at'],
        [{ channel: 'phone', outcome: 'signposted', notes: 'x'.repeat(5001) }, 'body.notes'],
        [{ channel: 'phone', outcome: 'signposted', mood: 'cross' }, 'body.mood'],
        [{ channel: 'phone' }, 'body.outcome'],
      ]
      for (const [payload, name] of cases) {
        const response = await post(payload)
        assert.equal(response.statusCode, 400, name)
        assert.ok(fieldNames(response.json()).includes(name), `${name} in ${JSON.stringify(response.json().errors)}`)
      }
    })

    it('refuses a start more than 5 minutes ahead with 422', async () => {
      const response = await post({
        channel: 'phone',
        outcome: 'signposted',
        started_at: new Date(Date.now() + 3_600_000).toISOString(),
      })
      assert.equal(response.statusCode, 422)
      assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8')
      assert.deepEqual(fieldNames(response.json()), ['body.started_at'])
    })

    it('refuses an unknown service code with 422 naming it', async () => {
      const response = await post({ channel: 'phone', outcome: 'signposted', service_code: 'no-such-service' })
      assert.equal(response.statusCode, 422)
      assert.deepEqual(response.json().errors, [
        { name: 'body.service_code', message: 'There is no service with the code no-such-service in this council' },
      ])
    })

    it("refuses another council's resident with 422, worded as for one that does not exist", async () => {
      const theirs = await post({ channel: 'phone', outcome: 'signposted', resident_id: strangerId })
      const missing = await post({ channel: 'phone', outcome: 'signposted', resident_id: 999_999 })
      assert.equal(theirs.statusCode, 422)
      assert.deepEqual(theirs.json().errors, missing.json().errors)
      assert.deepEqual(fieldNames(theirs.json()), ['body.resident_id'])
    })

    it('refuses an external_id already logged with 409', async () => {
      assert.equal((await post({ channel: 'phone', outcome: 'signposted', external_id: 'tel-42' })).statusCode, 201)
      assert.equal((await post({ channel: 'phone', outcome: 'signposted', external_id: 'tel-42' })).statusCode, 409)
    })

    it('reads a contact, audits the read, and finds none across councils', async () => {
      const created = (await post({ channel: 'letter', outcome: 'case_raised', resident_id: residentId })).json()
      const read = await t.app.inject({
        method: 'GET',
        url: `/api/v1/contacts/${created.id}`,
        headers: t.as('manager'),
      })
      assert.equal(read.statusCode, 200)
      assert.deepEqual(read.json(), created)
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select(['subject_type', 'subject_id'])
        .where('action', '=', 'contact.read')
        .execute()
      assert.deepEqual(
        audit.map((e) => ({ ...e })),
        [{ subject_type: 'resident', subject_id: String(residentId) }],
      )
      assert.equal(
        (await t.app.inject({ method: 'GET', url: `/api/v1/contacts/${created.id}`, headers: otherHeaders }))
          .statusCode,
        404,
      )
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/api/v1/contacts/999999', headers: t.as('advisor') })).statusCode,
        404,
      )
    })

    it('refuses callers without a token, and roles without the permission', async () => {
      const body = { channel: 'phone', outcome: 'signposted' }
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/contacts', payload: body })).statusCode, 401)
      assert.equal(
        (await t.app.inject({ method: 'GET', url: `/api/v1/residents/${residentId}/history` })).statusCode,
        401,
      )
      for (const role of ['partner', 'resident'] as const) {
        assert.equal((await post(body, role)).statusCode, 403, role)
        assert.equal(
          (await t.app.inject({ method: 'GET', url: '/api/v1/contacts/1', headers: t.as(role) })).statusCode,
          403,
          role,
        )
        assert.equal(
          (await t.app.inject({ method: 'GET', url: `/api/v1/residents/${residentId}/history`, headers: t.as(role) }))
            .statusCode,
          403,
          role,
        )
      }
      assert.equal((await post(body, 'manager')).statusCode, 403, 'a manager reads contacts but does not log them')
    })

    describe('history', () => {
      let expected: string[]
      let historyOf: number

      before(async () => {
        historyOf = await addResident(t.database, t.councilId)
        const partnerId = await addPartner(t.database, t.councilId)
        const contact = (
          await post({
            channel: 'face_to_face',
            outcome: 'case_raised',
            resident_id: historyOf,
            started_at: daysAgo(9),
          })
        ).json().id as number
        const caseId = await addCase(t.database, {
          councilId: t.councilId,
          residentId: historyOf,
          serviceId,
          reference: 'FD-2025-000007',
          createdAt: daysAgo(8),
        })
        const note = await addCaseEvent(t.database, {
          councilId: t.councilId,
          caseId,
          at: daysAgo(7),
          kind: 'note',
          body: 'Resident rang to chase',
        })
        const callback = await addCallback(t.database, t.councilId, historyOf, daysAgo(6))
        const assessment = await addAssessment(t.database, t.councilId, historyOf, daysAgo(5), ['trust'])
        const appointment = await addAppointment(t.database, t.councilId, historyOf, daysAgo(4), 'video')
        const notification = await addNotification(t.database, t.councilId, historyOf, daysAgo(3))
        const referral = await addReferral(t.database, t.councilId, partnerId, historyOf, daysAgo(2))
        const latest = (
          await post({
            channel: 'phone',
            outcome: 'resolved_first_contact',
            resident_id: historyOf,
            started_at: daysAgo(1),
          })
        ).json().id as number
        expected = [
          `contact:${latest}`,
          `referral:${referral}`,
          `notification:${notification}`,
          `appointment:${appointment}`,
          `inclusion_assessment:${assessment}`,
          `callback:${callback}`,
          `case_event:${note}`,
          `case:${caseId}`,
          `contact:${contact}`,
        ]
      })

      const getHistory = (query = '', headers = t.as('caseworker')) =>
        t.app.inject({ method: 'GET', url: `/api/v1/residents/${historyOf}/history${query}`, headers })

      it('lists every kind of record newest first, each in the shape its schema declares', async () => {
        const response = await getHistory()
        assert.equal(response.statusCode, 200)
        const body = response.json()
        assert.equal(body.resident_id, historyOf)
        assert.deepEqual(
          body.items.map((item: { kind: string; id: number }) => `${item.kind}:${item.id}`),
          expected,
        )
        assert.equal(body.next_cursor, null)
        const kinds = Object.fromEntries(body.items.map((item: { kind: string }) => [item.kind, item]))
        assert.equal(kinds.appointment.appointment_kind, 'video')
        assert.equal(kinds.case.reference, 'FD-2025-000007')
        assert.equal(kinds.case_event.body, 'Resident rang to chase')
        assert.deepEqual(kinds.inclusion_assessment.barriers, ['trust'])
        assert.equal(kinds.notification.channel, 'letter')
        assert.equal(kinds.notification.recipient, undefined, 'the recipient address stays out of the timeline')
      })

      it('pages through with the cursor, each item exactly once', async () => {
        const seen: string[] = []
        let query = '?limit=4'
        for (let pages = 0; pages < 10; pages++) {
          const body = (await getHistory(query)).json()
          seen.push(...body.items.map((item: { kind: string; id: number }) => `${item.kind}:${item.id}`))
          if (body.next_cursor === null) break
          query = `?limit=4&cursor=${body.next_cursor}`
        }
        assert.deepEqual(seen, expected)
      })

      it('refuses a bad limit, an unknown parameter or a forged cursor with 400', async () => {
        assert.equal((await getHistory('?limit=0')).statusCode, 400)
        assert.equal((await getHistory('?kind=case')).statusCode, 400)
        const forged = await getHistory('?cursor=bm90LWEtY3Vyc29y')
        assert.equal(forged.statusCode, 400)
        assert.deepEqual(fieldNames(forged.json()), ['querystring.cursor'])
      })

      it('is not found for another council or a resident that does not exist', async () => {
        assert.equal((await getHistory('', otherHeaders)).statusCode, 404)
        assert.equal(
          (await t.app.inject({ method: 'GET', url: '/api/v1/residents/999999/history', headers: t.as('advisor') }))
            .statusCode,
          404,
        )
      })

      it('writes a resident.history audit event for each read', async () => {
        const count = async () =>
          (
            await t.database.db
              .selectFrom('audit_event')
              .select('id')
              .where('action', '=', 'resident.history')
              .where('subject_id', '=', String(historyOf))
              .execute()
          ).length
        const before = await count()
        await getHistory('', t.as('dpo'))
        assert.equal(await count(), before + 1)
      })
    })
  })
}
