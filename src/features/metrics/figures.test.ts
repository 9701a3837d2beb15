// Every figure of DESIGN.md on a small council built by hand around the spring clock change
// (Sunday 30 March 2025, 01:00 UTC), each expected value worked out here from the rows written.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestCouncil } from '../../../test/support/app.ts'
import { addResident, addService, addTeam } from '../../../test/support/fixtures.ts'
import { metricsByGroup, metricsFor, metricsFromRecords } from './service.ts'
import type { Metrics } from './service.ts'
import { setOnlineAvailable, writeCall, writeCase, writeContact, writeForm, writeSurvey } from './test-records.ts'

const PERIOD = { from: '2025-03-29', to: '2025-04-01' }
const close = (actual: number | null, expected: number) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-12, `${actual} is not ${expected}`)

for (const engine of ENGINES) {
  describe(`figures over the spring clock change (${engine})`, () => {
    let database: TestDatabase
    let councilId: number
    let online: number
    let offline: number

    before(async () => {
      database = await testDatabase(engine)
      councilId = await createTestCouncil(database)
      const teamId = await addTeam(database, councilId)
      online = (await addService(database, councilId, teamId, { open311_code: 'bins' })).id
      offline = (await addService(database, councilId, teamId, { open311_code: 'debt' })).id
      await setOnlineAvailable(database, offline, false)
      const db = database.db
      const alex = await addResident(database, councilId)
      const bo = await addResident(database, councilId)
      const cy = await addResident(database, councilId)
      const merging = await addResident(database, councilId, alex)
      await db.updateTable('resident').set({ digital_status: 'cannot_use' }).where('id', '=', bo).execute()
      await db.updateTable('resident').set({ digital_status: 'offline_by_choice' }).where('id', '=', merging).execute()
      await db
        .insertInto('e_account')
        .values({
          council_id: councilId,
          resident_id: alex,
          email: 'alex@example.com',
          given_name: null,
          family_name: null,
          password_hash: null,
          oidc_subject: null,
          verified_at: '2025-01-01T00:00:00.000Z',
          mfa_secret: null,
          locked_until: null,
          created_at: '2025-01-01T00:00:00.000Z',
          last_sign_in_at: null,
        })
        .execute()

      const contact = (c: Parameters<typeof writeContact>[2]) => writeContact(db, councilId, c)
      // 23:30 GMT on the 29th: the 29th.
      await contact({
        channel: 'web',
        direction: 'inbound',
        started_at: '2025-03-29T23:30:00.000Z',
        outcome: 'resolved_first_contact',
        resident_id: alex,
      })
      // 00:30 BST on 1 April: after the period.
      await contact({
        channel: 'phone',
        direction: 'inbound',
        started_at: '2025-03-31T23:30:00.000Z',
        outcome: 'resolved_first_contact',
        avoidable: 1,
      })
      await contact({
        channel: 'phone',
        direction: 'inbound',
        started_at: '2025-03-30T12:00:00.000Z',
        outcome: 'abandoned',
        resident_id: bo,
      })
      // 00:30 on the 30th, still GMT: the change is at 01:00 UTC.
      const raised = await contact({
        channel: 'phone',
        direction: 'inbound',
        started_at: '2025-03-30T00:30:00.000Z',
        outcome: 'case_raised',
        handle_seconds: 300,
        resident_id: merging,
        service_id: online,
      })
      // 23:59 GMT on the 28th: before the period.
      await contact({
        channel: 'face_to_face',
        direction: 'inbound',
        started_at: '2025-03-28T23:59:00.000Z',
        outcome: 'signposted',
        avoidable: 1,
      })
      await contact({
        channel: 'phone',
        direction: 'outbound',
        started_at: '2025-03-31T10:00:00.000Z',
        outcome: 'resolved_first_contact',
        avoidable: 1,
      })
      // 23:59:59 BST on the 31st: the last second of the period.
      await contact({
        channel: 'face_to_face',
        direction: 'inbound',
        started_at: '2025-03-31T22:59:59.000Z',
        outcome: 'resolved_first_contact',
        resident_id: cy,
      })

      const kase = (c: Parameters<typeof writeCase>[2]) => writeCase(db, councilId, c)
      const selfServed = await kase({
        service_id: online,
        channel: 'web',
        created_by: 'resident',
        created_at: '2025-03-30T10:00:00.000Z',
        due_at: '2025-04-02T10:00:00.000Z',
        resolved_at: '2025-03-31T09:00:00.000Z',
      })
      await kase({
        service_id: online,
        channel: 'phone',
        created_by: 'staff',
        created_at: '2025-03-29T08:00:00.000Z',
        due_at: '2025-03-30T08:00:00.000Z',
        resolved_at: '2025-03-30T09:00:00.000Z',
      })
      await kase({
        service_id: offline,
        channel: 'face_to_face',
        created_by: 'staff',
        created_at: '2025-03-31T12:00:00.000Z',
      })
      await kase({
        service_id: online,
        channel: 'web',
        created_by: 'resident',
        created_at: '2025-03-20T10:00:00.000Z',
        due_at: '2025-03-30T10:00:00.000Z',
        resolved_at: '2025-03-29T10:00:00.000Z',
      })
      await kase({ service_id: online, channel: 'web', created_by: 'resident', created_at: '2025-03-31T23:30:00.000Z' })

      const call = (c: Parameters<typeof writeCall>[2]) => writeCall(db, councilId, c)
      await call({ queue: 'main', offered_at: '2025-03-30T09:00:00.000Z', answered_at: '2025-03-30T09:00:30.000Z' })
      await call({ queue: 'main', offered_at: '2025-03-30T09:10:00.000Z', answered_at: '2025-03-30T09:11:30.000Z' })
      await call({ queue: 'council-tax', offered_at: '2025-03-31T10:00:00.000Z', abandoned: 1 })
      await call({ queue: 'main', offered_at: '2025-03-29T00:10:00.000Z', answered_at: '2025-03-29T00:11:00.000Z' })
      await call({ queue: 'main', offered_at: '2025-03-31T23:30:00.000Z', answered_at: '2025-03-31T23:30:05.000Z' })

      await writeSurvey(db, councilId, { case_id: selfServed, score: 5, created_at: '2025-03-31T10:00:00.000Z' })
      await writeSurvey(db, councilId, { contact_id: raised, score: 2, created_at: '2025-03-30T10:00:00.000Z' })
      await writeSurvey(db, councilId, { case_id: selfServed, score: 4, created_at: '2025-04-02T10:00:00.000Z' })

      await writeForm(db, councilId, {
        service_id: online,
        started_at: '2025-03-30T10:00:00.000Z',
        submitted_at: '2025-03-30T10:05:00.000Z',
      })
      await writeForm(db, councilId, { service_id: online, started_at: '2025-03-31T10:00:00.000Z', submitted_at: null })
      // 00:30 BST on the 31st.
      await writeForm(db, councilId, {
        service_id: offline,
        started_at: '2025-03-30T23:30:00.000Z',
        submitted_at: '2025-03-30T23:40:00.000Z',
      })
    })

    after(() => database.close())

    function assertWhole(m: Metrics): void {
      assert.equal(m.contacts, 5)
      assert.deepEqual(
        Object.entries(m.channel_mix ?? {}).filter(([, share]) => share > 0),
        [
          ['web', 1 / 5],
          ['phone', 3 / 5],
          ['face_to_face', 1 / 5],
        ].sort(
          (a, b) =>
            Object.keys(m.contacts_by_channel).indexOf(a[0] as string) -
            Object.keys(m.contacts_by_channel).indexOf(b[0] as string),
        ),
      )
      assert.equal(m.avoidable_contact, 1 / 5)
      assert.equal(m.first_contact_resolution.overall, 2 / 3)
      assert.equal(m.first_contact_resolution.by_channel.web, 1)
      assert.equal(m.first_contact_resolution.by_channel.phone, 0)
      assert.equal(m.first_contact_resolution.by_channel.face_to_face, 1)
      assert.equal(m.first_contact_resolution.by_channel.email, null)
      assert.equal(m.handle_seconds, 300)
      assert.equal(m.cases, 3)
      assert.equal(m.digital_take_up, 1 / 2)
      assert.equal(m.assisted_digital_share, 2 / 3)
      assert.equal(m.cases_resolved, 3)
      assert.equal(m.within_target, 2 / 3)
      close(m.cost_per_transaction, (1 * 0.15 + 3 * 2.83 + 1 * 8.62) / 3)
      assert.equal(m.calls_offered, 4)
      assert.equal(m.calls_answered, 3)
      assert.equal(m.average_speed_of_answer_seconds, (30 + 90 + 60) / 3)
      assert.equal(m.abandonment_rate, 1 / 4)
      assert.equal(m.service_level, 2 / 4, 'answered in 30 s and in exactly 60 s')
      assert.equal(m.user_satisfaction, 1 / 2)
      assert.equal(m.completion_rate, 2 / 3)
      assert.equal(m.residents_with_contact, 3, 'the merged record counts as the resident it was merged into')
      assert.equal(m.e_account_take_up, 1 / 3)
      assert.equal(m.digitally_excluded_residents, 1, 'a merged record is not a resident')
    }

    it('reads every figure from the rollups as worked out by hand', async () => {
      assertWhole(await metricsFor(database.db, councilId, PERIOD))
    })

    it('counts the same figures straight from the records', async () => {
      assertWhole(await metricsFromRecords(database.db, councilId, PERIOD))
    })

    it('splits the period into London days', async () => {
      const days = await metricsByGroup(database.db, councilId, PERIOD, 'day')
      assert.deepEqual(
        days.map((d) => [
          d.start,
          d.metrics.contacts,
          d.metrics.cases,
          d.metrics.calls_offered,
          d.metrics.forms_started,
        ]),
        [
          ['2025-03-29', 1, 1, 1, 0],
          ['2025-03-30', 2, 1, 2, 1],
          ['2025-03-31', 2, 1, 1, 2],
        ],
      )
      assert.equal(days[0]?.metrics.within_target, 1)
      assert.equal(days[1]?.metrics.within_target, 0)
    })

    it('gives null, never 0, for a figure with nothing to divide by', async () => {
      const m = await metricsFor(database.db, councilId, { from: '2024-01-01', to: '2024-01-02' })
      assert.equal(m.contacts, 0)
      assert.equal(m.channel_mix, null)
      assert.equal(m.first_contact_resolution.overall, null)
      assert.equal(m.average_speed_of_answer_seconds, null)
      assert.equal(m.within_target, null)
      assert.equal(m.cost_per_transaction, null)
      assert.equal(m.e_account_take_up, null)
    })

    it('filters by channel and by service', async () => {
      const phone = await metricsFor(database.db, councilId, PERIOD, { channel: 'phone' })
      assert.equal(phone.contacts, 3)
      assert.equal(phone.channel_mix?.phone, 1)
      assert.equal(phone.cases, 1)
      assert.equal(phone.calls_offered, 4)
      assert.equal(phone.forms_started, null, 'online forms are web forms')
      assert.equal(phone.user_satisfaction, 0, 'the one response about a phone contact scored 2')
      const bins = await metricsFor(database.db, councilId, PERIOD, { serviceId: online })
      assert.equal(bins.contacts, 1)
      assert.equal(bins.cases, 2)
      assert.equal(bins.calls_offered, null, 'calls have no service')
      assert.equal(bins.abandonment_rate, null)
      assert.equal(bins.completion_rate, 1 / 2)
    })
  })
}
