// The queues on both engines: which cases each view holds, the filters, every sort order both
// ways, paging across the whole queue, the counts per filter option, bulk assignment (all or
// nothing, audited) and reopening inside and outside the service's period.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestCouncil } from '../../../test/support/app.ts'
import { addStaff } from '../../../test/support/accounts.ts'
import { addResident, addService, addTeam, goodAnswers } from '../../../test/support/fixtures.ts'
import { staffActor } from '../../platform/audit/audit.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { Problem } from '../../platform/http/problem.ts'
import type { Service } from '../catalogue/service.ts'
import { assignCases, changeCaseStatus, createCase, listQueue, reopenCase, reopenPeriodOf } from './service.ts'
import type { Case, QueueQuery } from './service.ts'

const DAY = 86_400_000

async function refusal(promise: Promise<unknown>): Promise<Problem> {
  try {
    await promise
  } catch (error) {
    if (error instanceof Problem) return error
    throw error
  }
  throw new Error('expected a refusal')
}

for (const engine of ENGINES) {
  describe(`case queues (${engine})`, () => {
    let database: TestDatabase
    let councilId: number
    let actor: Actor
    let me: number
    let colleague: number
    let waste: number
    let parks: number
    let bins: Service
    let benches: Service
    const cases: Case[] = []
    const now = new Date()

    const query = (extra: Partial<QueueQuery> = {}): QueueQuery => ({
      view: 'team',
      staffId: me,
      order: { sort: 'due', direction: 'asc' },
      page: 1,
      pageSize: 100,
      now,
      ...extra,
    })
    const refs = async (extra: Partial<QueueQuery> = {}) =>
      (await listQueue(database, actor, councilId, query(extra))).items.map((c) => c.reference)

    before(async () => {
      database = await testDatabase(engine)
      councilId = await createTestCouncil(database)
      waste = await addTeam(database, councilId, 'Waste')
      parks = await addTeam(database, councilId, 'Parks')
      bins = await addService(database, councilId, waste, { name: 'Missed bin', open311_code: 'bin' })
      benches = await addService(database, councilId, parks, { name: 'Broken bench', open311_code: 'bench' })
      me = (await addStaff(database, councilId, ['caseworker'], { name: 'Cara Worker' })).id
      colleague = (await addStaff(database, councilId, ['caseworker'], { name: 'Colin League' })).id
      await database.db
        .insertInto('staff_team')
        .values({ staff_user_id: me, team_id: waste, council_id: councilId })
        .execute()
      actor = staffActor(me, councilId, null)
      const resident = await addResident(database, councilId)
      // Thirty bin cases raised a day apart (the oldest first), by phone or online, and two bench cases.
      for (let i = 0; i < 30; i++) {
        const created = await createCase(database, actor, councilId, {
          service_id: bins.id,
          resident_id: resident,
          channel: i % 3 === 0 ? 'web' : 'phone',
          created_by: 'staff',
          answers: goodAnswers,
          now: new Date(now.getTime() - (30 - i) * DAY),
        })
        cases.push(created)
      }
      for (let i = 0; i < 2; i++)
        cases.push(
          await createCase(database, actor, councilId, {
            service_id: benches.id,
            resident_id: null,
            channel: 'phone',
            created_by: 'staff',
            answers: goodAnswers,
            now: new Date(now.getTime() - DAY),
          }),
        )
    })
    after(() => database.close())

    it('holds my team’s open cases, mine, and those nobody holds', async () => {
      assert.equal((await refs()).length, 30, 'the 30 bin cases of my team, not the benches of Parks')
      assert.deepEqual(await refs({ view: 'mine' }), [])
      assert.equal((await refs({ view: 'unassigned' })).length, 32)
    })

    it('sorts the whole queue by each column both ways, with paging that neither repeats nor skips', async () => {
      const byDueAsc = await refs()
      assert.equal(byDueAsc[0], cases[0]!.reference, 'the oldest raised is due first')
      assert.deepEqual(await refs({ order: { sort: 'due', direction: 'desc' } }), [...byDueAsc].reverse())
      assert.deepEqual(await refs({ order: { sort: 'created', direction: 'asc' } }), byDueAsc)
      const byReference = await refs({ order: { sort: 'reference', direction: 'desc' } })
      assert.deepEqual(byReference, [...byReference].sort().reverse())
      const pages: string[] = []
      for (let page = 1; page <= 3; page++) {
        const result = await listQueue(database, actor, councilId, query({ page, pageSize: 12 }))
        assert.equal(result.total, 30)
        assert.equal(result.pages, 3)
        pages.push(...result.items.map((c) => c.reference))
      }
      assert.deepEqual(pages, byDueAsc)
      const beyond = await listQueue(database, actor, councilId, query({ page: 9, pageSize: 12 }))
      assert.equal(beyond.page, 3, 'a page past the end shows the last one')
    })

    it('filters by service, channel, status, overdue and due this week, with counts for each option', async () => {
      const all = await listQueue(database, actor, councilId, query({ view: 'unassigned' }))
      assert.equal(all.counts.service.get(bins.id), 30)
      assert.equal(all.counts.service.get(benches.id), 2)
      assert.equal(all.counts.channel.get('web'), 10)
      assert.equal(all.counts.channel.get('phone'), 22)
      assert.equal((await refs({ view: 'unassigned', service_id: benches.id })).length, 2)
      const online = await listQueue(database, actor, councilId, query({ channel: 'web' }))
      assert.equal(online.total, 10)
      assert.equal(online.counts.channel.get('phone'), 20, 'a facet counts as if its own filter were not chosen')
      const overdue = all.items.filter((c) => c.overdue).map((c) => c.reference)
      assert.ok(overdue.length > 0)
      assert.deepEqual((await refs({ view: 'unassigned', overdue: true })).sort(), overdue.sort())
      assert.equal(all.counts.overdue, overdue.length)
      const dueSoon = await listQueue(database, actor, councilId, query({ view: 'unassigned', due_this_week: true }))
      assert.equal(dueSoon.total, all.counts.dueThisWeek)
      assert.ok(dueSoon.items.every((c) => c.due_at !== null && c.due_at >= now.toISOString() && !c.overdue))
      assert.equal((await refs({ status: 'resolved' })).length, 0)
    })

    it('assigns several cases at once, each with its timeline entry and audit event', async () => {
      const chosen = [cases[0]!.id, cases[1]!.id]
      assert.equal(await assignCases(database, actor, councilId, chosen, { assignee_id: me }), 2)
      assert.deepEqual((await refs({ view: 'mine' })).sort(), [cases[0]!.reference, cases[1]!.reference].sort())
      const audit = await database.db
        .selectFrom('audit_event')
        .select('subject_id')
        .where('action', '=', 'case.assign')
        .where('subject_id', 'in', chosen.map(String))
        .execute()
      assert.equal(audit.length, 2)
      const unassigned = await listQueue(database, actor, councilId, query({ view: 'unassigned' }))
      assert.equal(unassigned.total, 30, 'no longer unassigned')
      const mine = await listQueue(database, actor, councilId, query({ view: 'mine', assignee_id: colleague }))
      assert.deepEqual([...mine.counts.assignee.entries()], [[me, 2]], 'my queue counts only my cases')
      assert.equal(mine.total, 0, 'my queue filtered to a colleague holds nothing')
    })

    it('assigns none when any case or the person is refused', async () => {
      const inactive = (await addStaff(database, councilId, ['caseworker'], { active: false })).id
      const chosen = [cases[2]!.id, cases[3]!.id]
      const refused = await refusal(assignCases(database, actor, councilId, chosen, { assignee_id: inactive }))
      assert.equal(refused.status, 422)
      const missing = await refusal(
        assignCases(database, actor, councilId, [cases[2]!.id, 999_999], { assignee_id: colleague }),
      )
      assert.equal(missing.status, 404)
      const unassigned = await refs({ view: 'unassigned' })
      assert.ok(
        unassigned.includes(cases[2]!.reference) && unassigned.includes(cases[3]!.reference),
        'neither was given',
      )
      assert.equal((await refusal(assignCases(database, actor, councilId, [], { assignee_id: me }))).status, 422)
    })

    it('reopens a resolved case within the service’s period with a reason, and refuses after it', async () => {
      const recent = cases[5]!
      await changeCaseStatus(database, actor, councilId, recent.id, { status: 'resolved', resolution: 'Emptied' })
      assert.equal((await refusal(reopenCase(database, actor, councilId, recent.id, { reason: ' ' }))).status, 422)
      const period = await reopenPeriodOf(database, councilId, {
        ...recent,
        status: 'resolved',
        resolved_at: now.toISOString(),
      })
      assert.equal(period?.open, true)
      const reopened = await reopenCase(database, actor, councilId, recent.id, { reason: 'Still not emptied' })
      assert.equal(reopened.status, 'in_progress')
      assert.ok(reopened.due_at !== null && reopened.due_at > now.toISOString(), 'a fresh due time')

      const old = cases[6]!
      const longAgo = new Date(now.getTime() - 29 * DAY)
      await changeCaseStatus(database, actor, councilId, old.id, {
        status: 'resolved',
        resolution: 'Emptied',
        now: longAgo,
      })
      const late = await refusal(reopenCase(database, actor, councilId, old.id, { reason: 'Still not emptied' }))
      assert.equal(late.status, 409)
      assert.match(late.message, /can no longer be reopened/)
      const byApi = await refusal(changeCaseStatus(database, actor, councilId, old.id, { status: 'in_progress' }))
      assert.equal(byApi.status, 409, 'the same rule holds for a plain status change')
      await database.db.updateTable('service').set({ reopen_days: 60 }).where('id', '=', bins.id).execute()
      assert.equal(
        (await reopenCase(database, actor, councilId, old.id, { reason: 'Still not emptied' })).status,
        'in_progress',
      )
    })
  })
}
