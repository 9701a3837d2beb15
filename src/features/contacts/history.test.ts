import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestCouncil } from '../../../test/support/app.ts'
import { Problem } from '../../platform/http/problem.ts'
import { encodeCursor } from '../../platform/http/pagination.ts'
import { logContact, residentHistory } from './service.ts'
import type { HistoryItem } from './service.ts'
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
import { addPartner, addResident, addService, addTeam, systemActor } from '../../../test/support/fixtures.ts'

const key = (item: HistoryItem) => `${item.kind}:${item.id}`

async function status(work: Promise<unknown>): Promise<number> {
  try {
    await work
  } catch (error) {
    if (error instanceof Problem) return error.status
    throw error
  }
  return 200
}

for (const engine of ENGINES) {
  describe(`a resident's history (${engine})`, () => {
    let database: TestDatabase
    let councilId: number
    let otherCouncilId: number
    let residentId: number
    let mergedId: number
    const actor = () => systemActor(councilId)
    const history = (id: number, limit = 50, cursor?: string) =>
      residentHistory(database, actor(), councilId, id, { limit, cursor })
    /** What the whole history should be, newest first, as kind:id. */
    const expected: string[] = []

    before(async () => {
      database = await testDatabase(engine)
      councilId = await createTestCouncil(database)
      otherCouncilId = await createTestCouncil(database, 'other', 'Other Council')
      const teamId = await addTeam(database, councilId)
      const serviceId = (
        await addService(database, councilId, teamId, { open311_code: 'missed-bin', name: 'Report a missed bin' })
      ).id
      const partnerId = await addPartner(database, councilId, 'County Council')
      residentId = await addResident(database, councilId)
      const neighbourId = await addResident(database, councilId)
      const contactAt = async (id: number, at: string) =>
        (
          await logContact(database, actor(), councilId, {
            channel: 'phone',
            outcome: 'resolved_first_contact',
            resident_id: id,
            started_at: at,
          })
        ).id

      // Records of a duplicate, made before it was merged into this resident.
      mergedId = await addResident(database, councilId)
      const mergedContact = await contactAt(mergedId, daysAgo(20))
      await database.db.updateTable('resident').set({ merged_into: residentId }).where('id', '=', mergedId).execute()

      const caseId = await addCase(database, {
        councilId,
        residentId,
        serviceId,
        reference: 'FD-2025-000001',
        createdAt: daysAgo(12),
        status: 'in_progress',
      })
      await addCaseEvent(database, { councilId, caseId, at: daysAgo(12), kind: 'created' })
      await addCaseEvent(database, { councilId, caseId, at: daysAgo(11, 11), kind: 'assigned' })
      const statusChange = await addCaseEvent(database, {
        councilId,
        caseId,
        at: daysAgo(11),
        kind: 'status_changed',
        from: 'open',
        to: 'in_progress',
      })
      const note = await addCaseEvent(database, {
        councilId,
        caseId,
        at: daysAgo(9),
        kind: 'note',
        body: 'Crew asked to return',
      })
      const assessment = await addAssessment(database, councilId, residentId, daysAgo(8), ['skills', 'access'])
      const earlyContact = await contactAt(residentId, daysAgo(7))
      const callback = await addCallback(database, councilId, residentId, daysAgo(6))
      const appointment = await addAppointment(database, councilId, residentId, daysAgo(5))
      const referral = await addReferral(database, councilId, partnerId, residentId, daysAgo(4))
      const notification = await addNotification(database, councilId, residentId, daysAgo(3))
      // Three records at the same instant: ties are ordered by kind, then id, newest first.
      const tieA = await contactAt(residentId, daysAgo(2))
      const tieB = await contactAt(residentId, daysAgo(2))
      const tieCallback = await addCallback(database, councilId, residentId, daysAgo(2))
      const latest = await contactAt(residentId, daysAgo(1))

      // Someone else's records, in this council and in another, never appear.
      await contactAt(neighbourId, daysAgo(1))
      await addCase(database, {
        councilId,
        residentId: neighbourId,
        serviceId,
        reference: 'FD-2025-000002',
        createdAt: daysAgo(3),
      })
      const otherTeam = await addTeam(database, otherCouncilId)
      const otherService = (await addService(database, otherCouncilId, otherTeam, { open311_code: 'elsewhere' })).id
      const stranger = await addResident(database, otherCouncilId)
      await addCase(database, {
        councilId: otherCouncilId,
        residentId: stranger,
        serviceId: otherService,
        reference: 'FD-2025-000001',
        createdAt: daysAgo(1),
      })

      expected.push(
        `contact:${latest}`,
        `contact:${tieB}`,
        `contact:${tieA}`,
        `callback:${tieCallback}`,
        `notification:${notification}`,
        `referral:${referral}`,
        `appointment:${appointment}`,
        `callback:${callback}`,
        `contact:${earlyContact}`,
        `inclusion_assessment:${assessment}`,
        `case_event:${note}`,
        `case_event:${statusChange}`,
        `case:${caseId}`,
        `contact:${mergedContact}`,
      )
    })
    after(() => database.close())

    it('narrows to the channels, kinds and dates the desk asks for, across every kind that has them', async () => {
      const only = (kinds: string[]) => expected.filter((k) => kinds.includes(k.split(':')[0]!))
      const filtered = (filter: Parameters<typeof residentHistory>[4]) =>
        residentHistory(database, actor(), councilId, residentId, filter).then((page) => page.items.map(key))
      // The fixtures' case is raised by phone, so its events are too; a call back is always by phone.
      assert.deepEqual(
        await filtered({ limit: 50, channels: ['phone'] }),
        only(['contact', 'callback', 'case', 'case_event']),
      )
      assert.deepEqual(await filtered({ limit: 50, channels: ['face_to_face'] }), only(['appointment']))
      assert.deepEqual(
        await filtered({ limit: 50, channels: ['letter', 'partner'] }),
        only(['notification', 'referral']),
      )
      assert.deepEqual(await filtered({ limit: 50, channels: ['webchat'] }), [])
      assert.deepEqual(await filtered({ limit: 50, kinds: ['case', 'case_event'] }), only(['case', 'case_event']))
      const fromDay = daysAgo(5).slice(0, 10)
      const toDay = daysAgo(3).slice(0, 10)
      const between = await filtered({
        limit: 50,
        from: `${fromDay}T00:00:00.000Z`,
        before: new Date(Date.parse(`${toDay}T00:00:00.000Z`) + 86_400_000).toISOString(),
      })
      assert.deepEqual(between, expected.slice(4, 7), 'the notification, referral and appointment of those days')
      const firstPage = await residentHistory(database, actor(), councilId, residentId, {
        limit: 2,
        channels: ['phone'],
        kinds: ['contact'],
      })
      assert.ok(firstPage.next_cursor)
      const secondPage = await residentHistory(database, actor(), councilId, residentId, {
        limit: 50,
        channels: ['phone'],
        kinds: ['contact'],
        cursor: firstPage.next_cursor,
      })
      assert.deepEqual([...firstPage.items, ...secondPage.items].map(key), only(['contact']))
    })

    it('lists every kind of record newest first, with the merged duplicate’s records', async () => {
      const page = await history(residentId)
      assert.equal(page.resident_id, residentId)
      assert.deepEqual(page.items.map(key), expected)
      assert.equal(page.next_cursor, null)
      const ats = page.items.map((item) => item.at)
      assert.deepEqual(ats, [...ats].sort().reverse())
    })

    it('describes each kind with its own fields and a summary', async () => {
      const items = (await history(residentId)).items
      const byKind = <K extends HistoryItem['kind']>(kind: K) =>
        items.find((item): item is Extract<HistoryItem, { kind: K }> => item.kind === kind)
      const theCase = byKind('case')
      assert.deepEqual(
        [theCase?.reference, theCase?.service_name, theCase?.status],
        ['FD-2025-000001', 'Report a missed bin', 'in_progress'],
      )
      assert.match(theCase?.summary ?? '', /FD-2025-000001.*Report a missed bin.*in progress/)
      const events = items.filter((item) => item.kind === 'case_event')
      assert.deepEqual(
        events.map((e) => [e.event, e.case_reference, e.body]),
        [
          ['note', 'FD-2025-000001', 'Crew asked to return'],
          ['status_changed', 'FD-2025-000001', null],
        ],
      )
      assert.match(events[1]?.summary ?? '', /from open to in progress/)
      assert.equal(byKind('referral')?.partner_name, 'County Council')
      assert.deepEqual(byKind('inclusion_assessment')?.barriers, ['access', 'skills'])
      assert.equal(byKind('appointment')?.attended, true)
      assert.equal(byKind('notification')?.template, 'case-update')
      assert.equal(items.at(-1)?.resident_id, mergedId, 'a merged record says whose it was')
    })

    it('pages through the history giving each item exactly once, at every page size', async () => {
      for (const limit of [1, 2, 3, 5, 13, 14]) {
        const seen: string[] = []
        let cursor: string | undefined
        for (let pages = 0; pages < 20; pages++) {
          const page = await history(residentId, limit, cursor)
          assert.ok(page.items.length <= limit)
          seen.push(...page.items.map(key))
          if (page.next_cursor === null) break
          cursor = page.next_cursor
        }
        assert.deepEqual(seen, expected, `limit ${limit}`)
      }
    })

    it('gives a merged resident the history of the resident they were merged into', async () => {
      const page = await history(mergedId)
      assert.equal(page.resident_id, residentId)
      assert.deepEqual(page.items.map(key), expected)
    })

    it('finds no resident of another council, and no resident that does not exist', async () => {
      assert.equal(
        await status(residentHistory(database, systemActor(otherCouncilId), otherCouncilId, residentId, { limit: 10 })),
        404,
      )
      assert.equal(await status(history(999_999)), 404)
    })

    it('refuses a cursor it did not give out with 400', async () => {
      assert.equal(await status(history(residentId, 10, 'not-a-cursor')), 400)
      assert.equal(await status(history(residentId, 10, encodeCursor({ at: daysAgo(1), kind: 'gossip', id: 1 }))), 400)
      assert.equal(
        await status(history(residentId, 10, encodeCursor({ at: 'yesterday', kind: 'contact', id: 1 }))),
        400,
      )
    })

    it('audits each look at the history against the resident', async () => {
      const before = await database.db
        .selectFrom('audit_event')
        .select('id')
        .where('action', '=', 'resident.history')
        .execute()
      await history(residentId, 2)
      const events = await database.db
        .selectFrom('audit_event')
        .select(['subject_type', 'subject_id', 'detail'])
        .where('action', '=', 'resident.history')
        .orderBy('id')
        .execute()
      assert.equal(events.length, before.length + 1)
      const last = events.at(-1)
      assert.deepEqual([last?.subject_type, last?.subject_id], ['resident', String(residentId)])
      assert.deepEqual(JSON.parse(last?.detail ?? '{}'), {
        requested_id: residentId,
        merged_residents: 1,
        items: 2,
        first_page: true,
      })
    })
  })
}
