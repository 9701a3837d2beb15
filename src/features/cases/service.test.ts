import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { CASE_STATUSES } from '../../platform/db/values.ts'
import type { CaseStatus } from '../../platform/db/values.ts'
import { createTestCouncil } from '../../../test/support/app.ts'
import { Problem } from '../../platform/http/problem.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Service } from '../catalogue/service.ts'
import {
  addCaseNote,
  allowedNextStatuses,
  assignCase,
  changeCaseStatus,
  createCase,
  dueAtFor,
  getCase,
  getCaseByReference,
  listCases,
} from './service.ts'
import { councilScope } from '../../platform/auth/scope.ts'
import type { CreateCaseInput } from './service.ts'
import { TRANSITIONS } from './workflow.ts'
import { addResident, addService, addTeam, goodAnswers, systemActor } from '../../../test/support/fixtures.ts'
import { addStaff } from '../../../test/support/accounts.ts'
import { staffActor } from '../../platform/audit/audit.ts'

async function refusal(work: Promise<unknown>): Promise<Problem> {
  try {
    await work
  } catch (error) {
    if (error instanceof Problem) return error
    throw error
  }
  assert.fail('expected a refusal')
}

/** Monday 2 March 2026, 10:00 in London (GMT). */
const MONDAY_TEN = new Date('2026-03-02T10:00:00Z')

/** How to walk a new case to each status from open. */
const PATH_TO: Record<CaseStatus, CaseStatus[]> = {
  open: [],
  in_progress: ['in_progress'],
  waiting: ['waiting'],
  resolved: ['resolved'],
  closed: ['resolved', 'closed'],
  cancelled: ['cancelled'],
}

describe('workflow', () => {
  it('lets closed and cancelled cases go nowhere and resolved ones be closed or reopened', () => {
    assert.deepEqual(allowedNextStatuses('closed'), [])
    assert.deepEqual(allowedNextStatuses('cancelled'), [])
    assert.deepEqual(allowedNextStatuses('resolved'), ['closed', 'in_progress'])
    assert.ok(!allowedNextStatuses('open').includes('closed'), 'a case is resolved before it is closed')
  })
})

for (const engine of ENGINES) {
  describe(`cases service (${engine})`, () => {
    let database: TestDatabase
    let councilId: number
    let otherCouncilId: number
    let teamId: number
    let service: Service
    let actor: Actor

    before(async () => {
      database = await testDatabase(engine)
      councilId = await createTestCouncil(database)
      otherCouncilId = await createTestCouncil(database, 'other', 'Other Council')
      teamId = await addTeam(database, councilId, 'Waste')
      service = await addService(database, councilId, teamId)
      actor = systemActor(councilId)
    })
    after(() => database.close())

    const input = (extra: Partial<CreateCaseInput> = {}): CreateCaseInput => ({
      service_id: service.id,
      channel: 'phone',
      created_by: 'staff',
      answers: goodAnswers,
      now: MONDAY_TEN,
      ...extra,
    })

    const otherCouncilActor = () => systemActor(otherCouncilId)

    async function caseIn(status: CaseStatus) {
      const created = await createCase(database, actor, councilId, input())
      for (const step of PATH_TO[status])
        await changeCaseStatus(database, actor, councilId, created.id, {
          status: step,
          resolution: step === 'resolved' ? 'Collected' : undefined,
        })
      return created
    }

    it('raises an open case with a reference, the service’s team, a due time in working hours and a timeline', async () => {
      const created = await createCase(
        database,
        actor,
        councilId,
        input({
          description: 'Blue bin missed again',
          location: { uprn: '100023336956', latitude: 51.5, longitude: -0.12 },
        }),
      )
      assert.match(created.reference, /^FD-2026-\d{6}$/)
      assert.equal(created.status, 'open')
      assert.equal(created.team_id, teamId)
      assert.equal(created.priority, 'normal')
      assert.equal(created.created_at, MONDAY_TEN.toISOString())
      // 16 working hours from Monday 10:00: 7 left on Monday, 8 on Tuesday, 1 on Wednesday.
      assert.equal(created.due_at, '2026-03-04T10:00:00.000Z')
      assert.deepEqual(created.location, { uprn: '100023336956', address: null, latitude: 51.5, longitude: -0.12 })
      assert.deepEqual(created.answers, goodAnswers)
      assert.deepEqual(created.allowed_next_statuses, ['in_progress', 'waiting', 'resolved', 'cancelled'])
      const read = await getCase(database, actor, councilScope(councilId), created.id)
      assert.deepEqual(
        read.timeline.map((e) => [e.kind, e.to_status]),
        [['created', 'open']],
      )
      const audit = await database.db
        .selectFrom('audit_event')
        .select(['action', 'subject_id'])
        .where('subject_type', '=', 'case')
        .where('subject_id', '=', String(created.id))
        .orderBy('id')
        .execute()
      assert.deepEqual(
        audit.map((a) => a.action),
        ['case.create', 'case.read'],
      )
    })

    it('uses the year of creation in UTC and numbers each year from 1', async () => {
      const newYearsEve = await createCase(database, actor, councilId, input({ now: new Date('2025-12-31T23:59:59Z') }))
      const newYear = await createCase(database, actor, councilId, input({ now: new Date('2027-01-01T00:00:01Z') }))
      assert.equal(newYearsEve.reference, 'FD-2025-000001')
      assert.equal(newYear.reference, 'FD-2027-000001')
    })

    it('gives 50 concurrent creations 50 distinct references', async () => {
      const created = await Promise.all(
        Array.from({ length: 50 }, () =>
          createCase(database, actor, councilId, input({ now: new Date('2028-06-01T10:00:00Z') })),
        ),
      )
      const references = new Set(created.map((c) => c.reference))
      assert.equal(references.size, 50)
      const numbers = created.map((c) => Number(c.reference.slice(-6))).sort((a, b) => a - b)
      assert.deepEqual(
        numbers,
        Array.from({ length: 50 }, (_, i) => i + 1),
      )
    })

    it('skips the council’s closure days when working out the due time', async () => {
      const closedCouncil = await createTestCouncil(database, 'closed', 'Closed Tuesday Council')
      await database.db
        .insertInto('council_holiday')
        .values({ council_id: closedCouncil, date: '2026-03-03', name: 'Staff training day', closed: 1 })
        .execute()
      assert.equal(
        await dueAtFor(database, closedCouncil, { target_hours: 16 }, MONDAY_TEN),
        '2026-03-05T10:00:00.000Z',
      )
      assert.equal(await dueAtFor(database, councilId, { target_hours: 16 }, MONDAY_TEN), '2026-03-04T10:00:00.000Z')
    })

    it('skips England and Wales bank holidays (Easter 2026)', async () => {
      // Thursday 2 April 2026, 16:00 BST; Good Friday and Easter Monday are bank holidays.
      const due = await dueAtFor(database, councilId, { target_hours: 8 }, new Date('2026-04-02T15:00:00Z'))
      assert.equal(due, '2026-04-07T15:00:00.000Z')
    })

    it('follows the council’s own working hours', async () => {
      const longDays = await createTestCouncil(database, 'long-days', 'Long Days Council')
      await database.db
        .updateTable('council')
        .set({
          settings: JSON.stringify({
            workingHours: { days: [1, 2, 3, 4, 5, 6], opens: '08:00', closes: '20:00', timeZone: 'Europe/London' },
          }),
        })
        .where('id', '=', longDays)
        .execute()
      // Saturday 7 March 2026 10:00: 10 hours left that day, 2 more on Monday from 08:00.
      assert.equal(
        await dueAtFor(database, longDays, { target_hours: 12 }, new Date('2026-03-07T10:00:00Z')),
        '2026-03-09T10:00:00.000Z',
      )
    })

    it('records a web contact when a resident raises a case online themselves', async () => {
      const residentId = await addResident(database, councilId)
      const created = await createCase(
        database,
        actor,
        councilId,
        input({ resident_id: residentId, channel: 'web', created_by: 'resident' }),
      )
      const contacts = await database.db.selectFrom('contact').selectAll().where('case_id', '=', created.id).execute()
      assert.equal(contacts.length, 1)
      const [contact] = contacts
      assert.deepEqual(
        {
          channel: contact?.channel,
          direction: contact?.direction,
          outcome: contact?.outcome,
          resident_id: contact?.resident_id,
          service_id: contact?.service_id,
          started_at: contact?.started_at,
        },
        {
          channel: 'web',
          direction: 'inbound',
          outcome: 'case_raised',
          resident_id: residentId,
          service_id: service.id,
          started_at: created.created_at,
        },
      )
    })

    it('counts a resident’s own online request sent in by a staff token as handled by no one, audited with the case', async () => {
      const residentId = await addResident(database, councilId)
      const staffId = (await addStaff(database, councilId, [], { email: 'web-forms@example.test' })).id
      const created = await createCase(
        database,
        staffActor(staffId, councilId, null),
        councilId,
        input({ resident_id: residentId, channel: 'web', created_by: 'resident' }),
      )
      const contact = await database.db
        .selectFrom('contact')
        .select(['id', 'staff_user_id'])
        .where('case_id', '=', created.id)
        .executeTakeFirstOrThrow()
      assert.equal(contact.staff_user_id, null)
      const audit = await database.db
        .selectFrom('audit_event')
        .select(['action', 'detail'])
        .where((eb) =>
          eb.or([
            eb.and([eb('action', '=', 'contact.create'), eb('subject_id', '=', String(residentId))]),
            eb.and([eb('action', '=', 'case.create'), eb('subject_id', '=', String(created.id))]),
          ]),
        )
        .orderBy('id')
        .execute()
      assert.deepEqual(
        audit.map((event) => event.action),
        ['contact.create', 'case.create'],
      )
      assert.equal((JSON.parse(audit[1]?.detail ?? '{}') as { contact_id?: number }).contact_id, contact.id)
    })

    it('records no contact for an assisted case, nor for a phone case', async () => {
      const residentId = await addResident(database, councilId)
      const assisted = await createCase(
        database,
        actor,
        councilId,
        input({ resident_id: residentId, channel: 'web', created_by: 'staff' }),
      )
      const phoned = await createCase(
        database,
        actor,
        councilId,
        input({ resident_id: residentId, channel: 'phone', created_by: 'resident' }),
      )
      const contacts = await database.db
        .selectFrom('contact')
        .select('id')
        .where('case_id', 'in', [assisted.id, phoned.id])
        .execute()
      assert.deepEqual(contacts, [])
      assert.equal(assisted.created_by, 'staff')
    })

    it('accepts an anonymous report', async () => {
      const created = await createCase(database, actor, councilId, input({ channel: 'web', created_by: 'resident' }))
      assert.equal(created.resident_id, null)
    })

    it('finds the service by its Open311 code', async () => {
      const created = await createCase(
        database,
        actor,
        councilId,
        input({ service_id: undefined, service_code: 'missed-bin' }),
      )
      assert.equal(created.service_id, service.id)
    })

    it('refuses answers that do not fit the service form, naming each question', async () => {
      const problem = await refusal(createCase(database, actor, councilId, input({ answers: { bin: 'purple' } })))
      assert.equal(problem.status, 422)
      assert.deepEqual(problem.errors, [
        { name: 'body.answers.bin', message: 'Select an option from the list' },
        { name: 'body.answers.postcode', message: 'Enter your postcode' },
      ])
    })

    it('refuses a merged resident, naming the record it was merged into', async () => {
      const survivor = await addResident(database, councilId)
      const merged = await addResident(database, councilId, survivor)
      const problem = await refusal(createCase(database, actor, councilId, input({ resident_id: merged })))
      assert.equal(problem.status, 422)
      assert.equal(problem.errors?.[0]?.name, 'body.resident_id')
      assert.match(problem.errors?.[0]?.message ?? '', new RegExp(`merged into resident ${survivor}\\b`))
    })

    it('refuses a resident of another council, an unknown or inactive service, and no service at all', async () => {
      const theirs = await addResident(database, otherCouncilId)
      assert.deepEqual(
        (await refusal(createCase(database, actor, councilId, input({ resident_id: theirs })))).errors?.[0]?.name,
        'body.resident_id',
      )
      assert.deepEqual(
        (await refusal(createCase(database, actor, councilId, input({ service_id: 99_999 })))).errors?.[0]?.name,
        'body.service_id',
      )
      assert.deepEqual(
        (await refusal(createCase(database, actor, councilId, input({ service_id: undefined, service_code: 'nope' }))))
          .errors?.[0]?.name,
        'body.service_code',
      )
      assert.deepEqual(
        (await refusal(createCase(database, actor, councilId, input({ service_id: undefined })))).status,
        422,
      )
      const retired = await addService(database, councilId, teamId, { open311_code: 'retired', active: false })
      assert.match(
        (await refusal(createCase(database, actor, councilId, input({ service_id: retired.id })))).errors?.[0]
          ?.message ?? '',
        /no longer offered/,
      )
      const otherTeam = await addTeam(database, otherCouncilId, 'Their waste')
      const theirService = await addService(database, otherCouncilId, otherTeam, { open311_code: 'their-bin' })
      assert.equal(
        (await refusal(createCase(database, actor, councilId, input({ service_id: theirService.id })))).status,
        422,
      )
    })

    it('keeps a refused creation from leaving anything behind', async () => {
      const before = await database.db
        .selectFrom('case')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      const survivor = await addResident(database, councilId)
      const merged = await addResident(database, councilId, survivor)
      await refusal(
        createCase(database, actor, councilId, input({ resident_id: merged, now: new Date('2030-01-01T10:00:00Z') })),
      )
      const afterwards = await database.db
        .selectFrom('case')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      assert.equal(Number(afterwards.n), Number(before.n))
      const counter = await database.db
        .selectFrom('case_reference_counter')
        .select('last_number')
        .where('year', '=', 2030)
        .executeTakeFirst()
      assert.equal(counter, undefined, 'the reference number is not used up')
    })

    for (const from of CASE_STATUSES) {
      for (const to of CASE_STATUSES) {
        if (TRANSITIONS[from].includes(to)) {
          it(`allows ${from} → ${to}`, async () => {
            const created = await caseIn(from)
            const changed = await changeCaseStatus(database, actor, councilId, created.id, {
              status: to,
              resolution: to === 'resolved' ? 'Bin emptied' : undefined,
            })
            assert.equal(changed.status, to)
          })
        }
      }
      it(`refuses every change from ${from} that the workflow does not allow`, async () => {
        const created = await caseIn(from)
        const events = async () => (await getCase(database, actor, councilScope(councilId), created.id)).timeline.length
        const eventsBefore = await events()
        for (const to of CASE_STATUSES.filter((s) => !TRANSITIONS[from].includes(s))) {
          const problem = await refusal(
            changeCaseStatus(database, actor, councilId, created.id, {
              status: to,
              resolution: to === 'resolved' ? 'Done' : undefined,
            }),
          )
          assert.equal(problem.status, 409, `${from} → ${to}`)
          assert.match(problem.detail ?? '', new RegExp(`from ${from} to ${to}`))
        }
        assert.equal((await getCase(database, actor, councilScope(councilId), created.id)).status, from)
        assert.equal(await events(), eventsBefore, 'a refused change leaves no timeline event')
      })
    }

    it('needs a resolution to resolve, stamps resolved_at, keeps it on closing and clears it on reopening', async () => {
      const created = await caseIn('in_progress')
      const missing = await refusal(changeCaseStatus(database, actor, councilId, created.id, { status: 'resolved' }))
      assert.equal(missing.status, 422)
      assert.deepEqual(missing.errors?.[0]?.name, 'body.resolution')
      assert.equal(
        (
          await refusal(
            changeCaseStatus(database, actor, councilId, created.id, { status: 'resolved', resolution: '  ' }),
          )
        ).status,
        422,
      )
      assert.equal(
        (
          await refusal(
            changeCaseStatus(database, actor, councilId, created.id, { status: 'waiting', resolution: 'Not yet' }),
          )
        ).status,
        422,
      )
      const resolved = await changeCaseStatus(database, actor, councilId, created.id, {
        status: 'resolved',
        resolution: 'Bin emptied',
        note: 'Crew went back',
      })
      assert.equal(resolved.resolution, 'Bin emptied')
      assert.ok(resolved.resolved_at !== null && resolved.resolved_at >= created.created_at)
      const reopened = await changeCaseStatus(database, actor, councilId, created.id, { status: 'in_progress' })
      assert.deepEqual([reopened.resolved_at, reopened.resolution], [null, null])
      const again = await changeCaseStatus(database, actor, councilId, created.id, {
        status: 'resolved',
        resolution: 'Emptied this time',
      })
      const closed = await changeCaseStatus(database, actor, councilId, created.id, { status: 'closed' })
      assert.deepEqual([closed.resolved_at, closed.resolution], [again.resolved_at, 'Emptied this time'])
      const read = await getCase(database, actor, councilScope(councilId), created.id)
      const changes = read.timeline.filter((e) => e.kind === 'status_changed').map((e) => [e.from_status, e.to_status])
      assert.deepEqual(changes, [
        ['open', 'in_progress'],
        ['in_progress', 'resolved'],
        ['resolved', 'in_progress'],
        ['in_progress', 'resolved'],
        ['resolved', 'closed'],
      ])
      assert.equal(read.timeline.find((e) => e.to_status === 'resolved')?.body, 'Crew went back')
      const audits = await database.db
        .selectFrom('audit_event')
        .select('detail')
        .where('action', '=', 'case.status_change')
        .where('subject_id', '=', String(created.id))
        .execute()
      assert.equal(audits.length, 5)
    })

    it('adds internal and public notes to the timeline', async () => {
      const created = await caseIn('open')
      const note = await addCaseNote(database, actor, councilId, created.id, {
        body: 'Called the crew',
        visibility: 'internal',
      })
      const shared = await addCaseNote(database, actor, councilId, created.id, {
        body: 'We will collect tomorrow',
        visibility: 'public',
      })
      assert.deepEqual([note.kind, note.visibility, note.body], ['note', 'internal', 'Called the crew'])
      const read = await getCase(database, actor, councilScope(councilId), created.id)
      assert.deepEqual(
        read.timeline.map((e) => e.id),
        [read.timeline[0]?.id, note.id, shared.id],
      )
      assert.equal(
        (await refusal(addCaseNote(database, otherCouncilActor(), otherCouncilId, created.id, { body: 'x' }))).status,
        404,
      )
    })

    it('assigns to a team and an active staff member of the council only', async () => {
      const created = await caseIn('open')
      const worker = (await addStaff(database, councilId, [], { email: 'worker@example.test' })).id
      const leaver = (await addStaff(database, councilId, [], { email: 'leaver@example.test', active: false })).id
      const stranger = (await addStaff(database, otherCouncilId, [], { email: 'stranger@example.test' })).id
      const strangersTeam = await addTeam(database, otherCouncilId, 'Their team')
      const assigned = await assignCase(database, actor, councilId, created.id, { assignee_id: worker })
      assert.deepEqual([assigned.team_id, assigned.assignee_id], [teamId, worker])
      assert.deepEqual(
        (await refusal(assignCase(database, actor, councilId, created.id, { assignee_id: leaver }))).errors?.[0]?.name,
        'body.assignee_id',
      )
      assert.deepEqual(
        (await refusal(assignCase(database, actor, councilId, created.id, { assignee_id: stranger }))).errors?.[0]
          ?.name,
        'body.assignee_id',
      )
      assert.deepEqual(
        (await refusal(assignCase(database, actor, councilId, created.id, { team_id: strangersTeam }))).errors?.[0]
          ?.name,
        'body.team_id',
      )
      assert.equal((await refusal(assignCase(database, actor, councilId, created.id, {}))).status, 422)
      const unassigned = await assignCase(database, actor, councilId, created.id, { assignee_id: null })
      assert.equal(unassigned.assignee_id, null)
      const events = (await getCase(database, actor, councilScope(councilId), created.id)).timeline.filter(
        (e) => e.kind === 'assigned',
      )
      assert.deepEqual(
        events.map((e) => e.detail),
        [
          { from_team_id: teamId, team_id: teamId, from_assignee_id: null, assignee_id: worker },
          { from_team_id: teamId, team_id: teamId, from_assignee_id: worker, assignee_id: null },
        ],
      )
    })

    it('finds a case by its reference as people type it, only in its own council', async () => {
      const created = await caseIn('open')
      const [, year, number] = created.reference.split('-')
      for (const typed of [created.reference, created.reference.toLowerCase(), `fd ${year} ${Number(number)}`]) {
        assert.equal((await getCaseByReference(database, actor, councilScope(councilId), typed)).id, created.id, typed)
      }
      assert.equal(
        (await refusal(getCaseByReference(database, actor, councilScope(otherCouncilId), created.reference))).status,
        404,
      )
      assert.equal(
        (await refusal(getCaseByReference(database, actor, councilScope(councilId), 'not a reference'))).status,
        404,
      )
      assert.equal(
        (await refusal(getCase(database, otherCouncilActor(), councilScope(otherCouncilId), created.id))).status,
        404,
      )
    })

    describe('listing', () => {
      let listCouncil: number
      let listActor: Actor
      let listService: Service
      let otherTeam: number

      before(async () => {
        listCouncil = await createTestCouncil(database, 'lists', 'List Council')
        listActor = systemActor(listCouncil)
        const team = await addTeam(database, listCouncil, 'Waste')
        otherTeam = await addTeam(database, listCouncil, 'Parking')
        listService = await addService(database, listCouncil, team)
        const make = (now: string) =>
          createCase(database, listActor, listCouncil, {
            service_id: listService.id,
            channel: 'phone',
            created_by: 'staff',
            answers: goodAnswers,
            now: new Date(now),
          })
        await make('2026-01-05T10:00:00Z')
        const waiting = await make('2026-01-06T10:00:00Z')
        await changeCaseStatus(database, listActor, listCouncil, waiting.id, { status: 'waiting' })
        const resolved = await make('2026-01-07T10:00:00Z')
        await changeCaseStatus(database, listActor, listCouncil, resolved.id, {
          status: 'resolved',
          resolution: 'Done',
        })
        const parked = await make('2026-02-02T10:00:00Z')
        await assignCase(database, listActor, listCouncil, parked.id, { team_id: otherTeam })
      })

      const list = (query: Partial<Parameters<typeof listCases>[3]> = {}) =>
        listCases(database, listActor, councilScope(listCouncil), {
          limit: 50,
          now: new Date('2026-02-03T10:00:00Z'),
          ...query,
        })

      it('lists newest first and pages without gaps or repeats', async () => {
        const all = await list()
        assert.deepEqual(
          all.items.map((c) => c.created_at),
          [
            '2026-02-02T10:00:00.000Z',
            '2026-01-07T10:00:00.000Z',
            '2026-01-06T10:00:00.000Z',
            '2026-01-05T10:00:00.000Z',
          ],
        )
        const first = await list({ limit: 3 })
        const second = await list({ limit: 3, cursor: first.next_cursor ?? undefined })
        assert.deepEqual(
          [...first.items, ...second.items].map((c) => c.id),
          all.items.map((c) => c.id),
        )
        assert.equal(second.next_cursor, null)
      })

      it('filters by status, team, service and creation time', async () => {
        assert.deepEqual(
          (await list({ status: 'waiting' })).items.map((c) => c.created_at),
          ['2026-01-06T10:00:00.000Z'],
        )
        assert.deepEqual(
          (await list({ team_id: otherTeam })).items.map((c) => c.created_at),
          ['2026-02-02T10:00:00.000Z'],
        )
        assert.equal((await list({ service_id: listService.id })).items.length, 4)
        assert.equal(
          (await list({ service_id: service.id })).items.length,
          0,
          'another council’s service has no cases here',
        )
        assert.deepEqual(
          (await list({ created_from: '2026-01-06', created_to: '2026-01-07T10:00:00Z' })).items.map(
            (c) => c.created_at,
          ),
          ['2026-01-06T10:00:00.000Z'],
        )
      })

      it('finds overdue cases: past due and still being worked', async () => {
        const overdue = await list({ overdue: true })
        assert.deepEqual(
          overdue.items.map((c) => c.created_at),
          ['2026-01-06T10:00:00.000Z', '2026-01-05T10:00:00.000Z'],
        )
        assert.equal((await list({ overdue: false })).items.length, 2)
      })

      it('audits each list without personal data', async () => {
        await list({ status: 'open' })
        const audit = await database.db
          .selectFrom('audit_event')
          .select('detail')
          .where('action', '=', 'case.list')
          .where('council_id', '=', listCouncil)
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow()
        assert.deepEqual(JSON.parse(audit.detail ?? '{}'), { filters: ['status'], count: 2 })
      })
    })
  })
}
