// The dashboards' breakdowns on both engines: calls by London hour of the week (summer time
// moving the hour and the day), kept by upkeep and the same after a rebuild; contacts by channel
// per year; and figures by service and team, each worked out here from the records written.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestCouncil } from '../../../test/support/app.ts'
import { addService, addTeam } from '../../../test/support/fixtures.ts'
import { byDayOfWeek, callsByHourOfWeek, contactsByChannel, figuresByServiceAndTeam } from './service.ts'
import { rebuildCouncilRollups } from './service.ts'
import { writeCall, writeCase, writeContact } from './test-records.ts'

const JULY = { from: '2025-07-01', to: '2025-08-01' }

for (const engine of ENGINES) {
  describe(`dashboard breakdowns (${engine})`, () => {
    let database: TestDatabase
    let councilId: number

    before(async () => {
      database = await testDatabase(engine)
      councilId = await createTestCouncil(database)
      const db = database.db
      // 23:30 UTC on Sunday 6 July is 00:30 on Monday 7 July in London (summer time): Monday, hour 0.
      await writeCall(db, councilId, {
        queue: 'main',
        offered_at: '2025-07-06T23:30:00.000Z',
        answered_at: '2025-07-06T23:30:30.000Z',
      })
      // 08:00 UTC on Tuesday 8 July is 09:00 in London: answered after 90 s (over the 60 s threshold).
      await writeCall(db, councilId, {
        queue: 'housing',
        offered_at: '2025-07-08T08:00:00.000Z',
        answered_at: '2025-07-08T08:01:30.000Z',
      })
      await writeCall(db, councilId, {
        queue: 'main',
        offered_at: '2025-07-08T08:20:00.000Z',
        answered_at: null,
        abandoned: 1,
      })
      const team = await addTeam(database, councilId, 'Waste')
      const bins = await addService(database, councilId, team, { open311_code: 'bins', name: 'Missed bins' })
      const contact = (channel: 'web' | 'phone', started_at: string) =>
        writeContact(db, councilId, {
          channel,
          direction: 'inbound',
          started_at,
          outcome: 'resolved_first_contact',
          service_id: bins.id,
        })
      await contact('web', '2024-03-01T10:00:00.000Z')
      await contact('web', '2025-07-02T10:00:00.000Z')
      await contact('phone', '2025-07-03T10:00:00.000Z')
      // 23:30 UTC on 31 December 2024 is still 2024 in London (winter time).
      await contact('phone', '2024-12-31T23:30:00.000Z')
      await writeCase(db, councilId, {
        service_id: bins.id,
        channel: 'web',
        created_by: 'resident',
        created_at: '2025-07-02T10:00:00.000Z',
        due_at: '2025-07-09T10:00:00.000Z',
        resolved_at: '2025-07-04T10:00:00.000Z',
      })
    })
    after(() => database.close())

    const busy = async () =>
      (await callsByHourOfWeek(database.db, councilId, JULY))
        .filter((cell) => cell.offered > 0)
        .map((c) => [
          c.weekday,
          c.hour,
          c.offered,
          c.answered,
          c.abandoned,
          c.average_speed_of_answer_seconds,
          c.service_level,
        ])

    it('counts calls in the London hour and day they were offered', async () => {
      assert.deepEqual(await busy(), [
        [0, 0, 1, 1, 0, 30, 1],
        [1, 9, 2, 1, 1, 90, 0],
      ])
      const days = byDayOfWeek(await callsByHourOfWeek(database.db, councilId, JULY))
      assert.deepEqual(
        days.map((d) => [d.offered, d.abandonment_rate]),
        [
          [1, 0],
          [2, 0.5],
          [0, null],
          [0, null],
          [0, null],
          [0, null],
          [0, null],
        ],
      )
    })

    it('holds the same after the rollups are rebuilt from the records', async () => {
      const before = await busy()
      await rebuildCouncilRollups(database, councilId)
      assert.deepEqual(await busy(), before)
    })

    it('counts contacts by channel per London year', async () => {
      const years = await contactsByChannel(database.db, councilId, { from: '2024-01-01', to: '2026-01-01' }, 'year')
      assert.deepEqual(
        years.map((y) => [y.start, y.contacts, y.by_channel.web, y.by_channel.phone, y.channel_mix?.web]),
        [
          ['2024-01-01', 2, 1, 1, 0.5],
          ['2025-01-01', 2, 1, 1, 0.5],
        ],
      )
    })

    it('counts contacts by channel over part months: whole months from the monthly rollup, days either side from the daily', async () => {
      // 15 February 2024 to 3 July 2025 (exclusive): the contact at 10:00 on 3 July is left out.
      const years = await contactsByChannel(database.db, councilId, { from: '2024-02-15', to: '2025-07-03' }, 'year')
      assert.deepEqual(
        years.map((y) => [y.start, y.contacts, y.by_channel.web, y.by_channel.phone]),
        [
          ['2024-02-15', 2, 1, 1],
          ['2025-01-01', 1, 1, 0],
        ],
      )
      const service = await figuresByServiceAndTeam(database.db, councilId, { from: '2025-06-15', to: '2025-07-03' })
      assert.deepEqual(
        service.services.map((s) => [s.service, s.figures.contacts]),
        [['Missed bins', 1]],
      )
    })

    it('gives each service’s and team’s figures', async () => {
      const { services, teams } = await figuresByServiceAndTeam(database.db, councilId, JULY)
      assert.deepEqual(
        services.map((s) => [s.service, s.team, s.figures.contacts, s.figures.first_contact_resolution.overall]),
        [['Missed bins', 'Waste', 2, 1]],
      )
      assert.deepEqual(
        teams.map((t) => [t.team, t.figures.cases, t.figures.within_target, t.figures.assisted_digital_share]),
        [['Waste', 1, 1, 0]],
      )
    })
  })
}
