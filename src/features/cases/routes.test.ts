import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { CASE_STATUSES } from '../../platform/db/values.ts'
import type { CaseStatus, Role } from '../../platform/db/values.ts'
import { createTestCouncil, testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { createApiToken } from '../../platform/auth/tokens.ts'
import type { Service } from '../catalogue/service.ts'
import { TRANSITIONS } from './workflow.ts'
import { addResident, addService, addTeam, goodAnswers } from '../../../test/support/fixtures.ts'
import { addStaff } from '../../../test/support/accounts.ts'

const PATH_TO: Record<CaseStatus, CaseStatus[]> = {
  open: [],
  in_progress: ['in_progress'],
  waiting: ['waiting'],
  resolved: ['resolved'],
  closed: ['resolved', 'closed'],
  cancelled: ['cancelled'],
}

for (const engine of ENGINES) {
  describe(`cases API (${engine})`, () => {
    let t: TestApp
    let service: Service
    let teamId: number
    let otherHeaders: { authorization: string }

    before(async () => {
      t = await testApp(engine)
      teamId = await addTeam(t.database, t.councilId, 'Waste')
      service = await addService(t.database, t.councilId, teamId)
      const otherCouncil = await createTestCouncil(t.database, 'other', 'Other Council')
      otherHeaders = {
        authorization: `Bearer ${(await createApiToken(t.database, otherCouncil, 'admin', 'other admin')).token}`,
      }
    })
    after(() => t.close())

    const body = (extra: Record<string, unknown> = {}) => ({
      service_id: service.id,
      channel: 'phone',
      created_by: 'staff',
      answers: goodAnswers,
      ...extra,
    })
    const create = (payload: object = body(), role: Role = 'advisor') =>
      t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: t.as(role), payload })
    const setStatus = (id: number, payload: object, headers = t.as('caseworker')) =>
      t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/status`, headers, payload })

    async function caseIn(status: CaseStatus): Promise<number> {
      const created = await create()
      assert.equal(created.statusCode, 201)
      const id = created.json().id as number
      for (const step of PATH_TO[status])
        assert.equal(
          (await setStatus(id, { status: step, ...(step === 'resolved' ? { resolution: 'Collected' } : {}) }))
            .statusCode,
          200,
        )
      return id
    }

    it('raises a case and answers with its reference, due time and allowed next statuses', async () => {
      const response = await create(
        body({
          description: 'Missed again',
          location: { address: '1 High Street', uprn: '100023336956' },
          priority: 'high',
        }),
      )
      assert.equal(response.statusCode, 201)
      const created = response.json()
      assert.match(created.reference, /^FD-\d{4}-\d{6}$/)
      assert.equal(created.status, 'open')
      assert.equal(created.priority, 'high')
      assert.equal(created.team_id, teamId)
      assert.equal(created.created_by_staff_id, null, 'an API token is not a staff member')
      assert.ok(created.due_at > created.created_at)
      assert.deepEqual(created.allowed_next_statuses, ['in_progress', 'waiting', 'resolved', 'cancelled'])
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select(['action', 'actor_kind'])
        .where('subject_type', '=', 'case')
        .where('subject_id', '=', String(created.id))
        .execute()
      assert.deepEqual(
        audit.map((a) => ({ ...a })),
        [{ action: 'case.create', actor_kind: 'token' }],
      )
    })

    it('reads a case by id and by reference, with its timeline, and audits each read', async () => {
      const id = await caseIn('waiting')
      const byId = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: t.as('manager') })
      assert.equal(byId.statusCode, 200)
      assert.deepEqual(
        byId.json().timeline.map((e: { kind: string; to_status: string }) => [e.kind, e.to_status]),
        [
          ['created', 'open'],
          ['status_changed', 'waiting'],
        ],
      )
      const typed = byId.json().reference.toLowerCase().replace(/-/g, ' ')
      const byReference = await t.app.inject({
        method: 'GET',
        url: `/api/v1/cases/by-reference/${encodeURIComponent(typed)}`,
        headers: t.as('manager'),
      })
      assert.equal(byReference.statusCode, 200)
      assert.equal(byReference.json().id, id)
      const reads = await t.database.db
        .selectFrom('audit_event')
        .select('id')
        .where('action', '=', 'case.read')
        .where('subject_id', '=', String(id))
        .execute()
      assert.equal(reads.length, 2)
    })

    it('names each answer that does not fit the form (422)', async () => {
      const response = await create(body({ answers: { bin: 'blue', postcode: 'nowhere' } }))
      assert.equal(response.statusCode, 422)
      assert.deepEqual(response.json().errors, [
        { name: 'body.answers.postcode', message: 'Enter a real postcode, like SW1A 1AA' },
      ])
    })

    it('accepts an anonymous report by its Open311 service code', async () => {
      const response = await create({
        service_code: 'missed-bin',
        channel: 'web',
        created_by: 'resident',
        answers: goodAnswers,
      })
      assert.equal(response.statusCode, 201)
      assert.equal(response.json().resident_id, null)
    })

    it('records a web contact for a resident’s own online request, not for an assisted one', async () => {
      const residentId = await addResident(t.database, t.councilId)
      const own = await create(body({ resident_id: residentId, channel: 'web', created_by: 'resident' }))
      const assisted = await create(body({ resident_id: residentId, channel: 'web', created_by: 'staff' }))
      const contacts = await t.database.db
        .selectFrom('contact')
        .select(['case_id', 'channel', 'outcome'])
        .where('resident_id', '=', residentId)
        .execute()
      assert.deepEqual(
        contacts.map((c) => ({ ...c })),
        [{ case_id: own.json().id, channel: 'web', outcome: 'case_raised' }],
      )
      assert.equal(assisted.statusCode, 201)
    })

    it('refuses a merged resident, pointing to the surviving record', async () => {
      const survivor = await addResident(t.database, t.councilId)
      const merged = await addResident(t.database, t.councilId, survivor)
      const response = await create(body({ resident_id: merged }))
      assert.equal(response.statusCode, 422)
      assert.equal(response.json().errors[0].name, 'body.resident_id')
      assert.match(response.json().errors[0].message, new RegExp(`resident ${survivor}\\b`))
    })

    it('refuses unknown fields and values outside the closed sets (400)', async () => {
      for (const [payload, name] of [
        [body({ colour: 'red' }), 'body.colour'],
        [body({ channel: 'pigeon' }), 'body.channel'],
        [body({ created_by: 'robot' }), 'body.created_by'],
        [body({ location: { postcode: 'AB1 2CD' } }), 'body.location.postcode'],
      ] as const) {
        const response = await create(payload)
        assert.equal(response.statusCode, 400, name)
        assert.ok(
          response.json().errors.some((e: { name: string }) => e.name === name),
          JSON.stringify(response.json().errors),
        )
      }
    })

    it('gives 50 concurrent requests 50 distinct references', async () => {
      const responses = await Promise.all(Array.from({ length: 50 }, () => create()))
      assert.deepEqual([...new Set(responses.map((r) => r.statusCode))], [201])
      assert.equal(new Set(responses.map((r) => r.json().reference)).size, 50)
    })

    for (const from of CASE_STATUSES) {
      it(`refuses with 409 every change from ${from} outside the workflow, and accepts the rest`, async () => {
        const stuck = await caseIn(from)
        for (const to of CASE_STATUSES) {
          const payload = { status: to, ...(to === 'resolved' ? { resolution: 'Done' } : {}) }
          if (!TRANSITIONS[from].includes(to)) {
            const refused = await setStatus(stuck, payload)
            assert.equal(refused.statusCode, 409, `${from} → ${to}`)
            assert.match(refused.json().detail, new RegExp(`from ${from} to ${to}`))
            continue
          }
          const accepted = await setStatus(await caseIn(from), payload)
          assert.equal(accepted.statusCode, 200, `${from} → ${to}`)
          assert.equal(accepted.json().status, to)
        }
        const read = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${stuck}`, headers: t.as('caseworker') })
        assert.equal(read.json().status, from)
      })
    }

    it('needs a resolution to resolve (422) and names the allowed statuses in a 409', async () => {
      const id = await caseIn('open')
      const missing = await setStatus(id, { status: 'resolved' })
      assert.equal(missing.statusCode, 422)
      assert.equal(missing.json().errors[0].name, 'body.resolution')
      const resolved = await setStatus(id, { status: 'resolved', resolution: 'Bin emptied', note: 'Crew returned' })
      assert.equal(resolved.statusCode, 200)
      assert.ok(resolved.json().resolved_at)
      const refused = await setStatus(id, { status: 'waiting' })
      assert.equal(refused.statusCode, 409)
      assert.match(refused.json().detail, /closed, in_progress/)
    })

    it('adds notes and assigns cases', async () => {
      const id = await caseIn('open')
      const note = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${id}/notes`,
        headers: t.as('advisor'),
        payload: { body: 'Resident called back', visibility: 'public' },
      })
      assert.equal(note.statusCode, 201)
      assert.deepEqual([note.json().kind, note.json().visibility], ['note', 'public'])
      const worker = (await addStaff(t.database, t.councilId, [], { email: 'worker@example.test' })).id
      const assigned = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${id}/assign`,
        headers: t.as('team_leader'),
        payload: { assignee_id: worker },
      })
      assert.equal(assigned.statusCode, 200)
      assert.equal(assigned.json().assignee_id, worker)
      const mine = await t.app.inject({
        method: 'GET',
        url: `/api/v1/cases?assignee_id=${worker}`,
        headers: t.as('caseworker'),
      })
      assert.deepEqual(
        mine.json().items.map((c: { id: number }) => c.id),
        [id],
      )
      const actions = await t.database.db
        .selectFrom('audit_event')
        .select('action')
        .where('subject_id', '=', String(id))
        .orderBy('id')
        .execute()
      assert.deepEqual(
        actions.map((a) => a.action),
        ['case.create', 'case.note', 'case.assign'],
      )
      assert.equal(
        (
          await t.app.inject({
            method: 'POST',
            url: `/api/v1/cases/${id}/assign`,
            headers: t.as('team_leader'),
            payload: {},
          })
        ).statusCode,
        400,
      )
      assert.equal(
        (
          await t.app.inject({
            method: 'POST',
            url: `/api/v1/cases/${id}/assign`,
            headers: t.as('team_leader'),
            payload: { team_id: 99_999 },
          })
        ).statusCode,
        422,
      )
    })

    it('lists cases with filters, a page at a time, and audits the list', async () => {
      const first = await t.app.inject({
        method: 'GET',
        url: '/api/v1/cases?limit=2&status=open',
        headers: t.as('manager'),
      })
      assert.equal(first.statusCode, 200)
      assert.equal(first.json().items.length, 2)
      assert.ok(first.json().items.every((c: { status: string }) => c.status === 'open'))
      const second = await t.app.inject({
        method: 'GET',
        url: `/api/v1/cases?limit=2&status=open&cursor=${first.json().next_cursor}`,
        headers: t.as('manager'),
      })
      assert.notDeepEqual(second.json().items[0].id, first.json().items[0].id)
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/api/v1/cases?overdue=true', headers: t.as('manager') })).json()
          .items.length,
        0,
      )
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/api/v1/cases?cursor=nonsense', headers: t.as('manager') }))
          .statusCode,
        400,
      )
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/api/v1/cases?created_from=yesterday', headers: t.as('manager') }))
          .statusCode,
        400,
      )
      const lists = await t.database.db
        .selectFrom('audit_event')
        .select('id')
        .where('action', '=', 'case.list')
        .execute()
      assert.ok(lists.length >= 3)
    })

    it('refuses without a token (401) and roles without the permission (403)', async () => {
      const id = await caseIn('open')
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}` })).statusCode, 401)
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/cases', payload: body() })).statusCode, 401)
      assert.equal(
        (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: t.as('partner') })).statusCode,
        403,
      )
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: t.as('partner') })).statusCode,
        403,
      )
      // A resident may read cases, but a token stands for no resident, so it finds none (resident-scope.test.ts).
      assert.equal(
        (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: t.as('resident') })).statusCode,
        404,
      )
      for (const role of ['resident', 'partner'] as const)
        assert.equal((await create(body(), role)).statusCode, 403, role)
      assert.equal((await create(body(), 'manager')).statusCode, 403, 'managers read cases but do not raise them')
      assert.equal((await setStatus(id, { status: 'waiting' }, t.as('dpo'))).statusCode, 403)
      const byAdvisor = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${id}/assign`,
        headers: t.as('advisor'),
        payload: { team_id: teamId },
      })
      assert.equal(byAdvisor.statusCode, 403, 'advisors raise cases but do not assign them')
    })

    it('hides one council’s cases from another (404)', async () => {
      const id = await caseIn('open')
      const reference = (
        await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: t.as('manager') })
      ).json().reference
      const asOther = (method: 'GET' | 'POST', url: string, payload?: object) =>
        t.app.inject({ method, url, headers: otherHeaders, ...(payload ? { payload } : {}) })
      assert.equal((await asOther('GET', `/api/v1/cases/${id}`)).statusCode, 404)
      assert.equal((await asOther('GET', `/api/v1/cases/by-reference/${reference}`)).statusCode, 404)
      assert.equal((await asOther('POST', `/api/v1/cases/${id}/status`, { status: 'cancelled' })).statusCode, 404)
      assert.equal((await asOther('POST', `/api/v1/cases/${id}/notes`, { body: 'Not ours' })).statusCode, 404)
      assert.equal((await asOther('POST', `/api/v1/cases/${id}/assign`, { team_id: teamId })).statusCode, 404)
      assert.deepEqual((await asOther('GET', '/api/v1/cases')).json().items, [])
      assert.equal(
        (await asOther('POST', '/api/v1/cases', body())).statusCode,
        422,
        'another council cannot raise a case on this council’s service',
      )
      assert.equal(
        (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: t.as('manager') })).json().status,
        'open',
      )
    })
  })
}
