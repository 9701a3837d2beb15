// The metrics API: figures for a period as JSON and CSV, for managers, and the refusals a client gets.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { addService, addTeam } from '../../../test/support/fixtures.ts'
import { writeCall, writeContact } from './test-records.ts'
import { CHANNELS } from '../../platform/db/values.ts'

for (const engine of ENGINES) {
  describe(`GET /api/v1/metrics (${engine})`, () => {
    let t: TestApp

    before(async () => {
      t = await testApp(engine)
      const teamId = await addTeam(t.database, t.councilId)
      const bins = await addService(t.database, t.councilId, teamId, { open311_code: 'bins' })
      const db = t.database.db
      // 23:30 UTC on 30 June is 00:30 on 1 July in London.
      await writeContact(db, t.councilId, {
        channel: 'web',
        direction: 'inbound',
        started_at: '2025-06-30T23:30:00.000Z',
        outcome: 'resolved_first_contact',
        service_id: bins.id,
      })
      await writeContact(db, t.councilId, {
        channel: 'phone',
        direction: 'inbound',
        started_at: '2025-06-15T10:00:00.000Z',
        outcome: 'signposted',
      })
      await writeCall(db, t.councilId, {
        queue: 'main',
        offered_at: '2025-06-15T10:00:00.000Z',
        answered_at: '2025-06-15T10:00:20.000Z',
      })
    })
    after(() => t.close())

    const get = (query: string, role: 'manager' | 'advisor' = 'manager', accept = 'application/json') =>
      t.app.inject({ method: 'GET', url: `/api/v1/metrics?${query}`, headers: { ...t.as(role), accept } })

    it('gives every figure for the period by month, the London day deciding the month', async () => {
      const response = await get('from=2025-06-01&to=2025-08-01&group=month')
      assert.equal(response.statusCode, 200, response.body)
      const body = response.json()
      assert.deepEqual(
        body.groups.map((g: { start: string; contacts: number; calls_offered: number }) => [
          g.start,
          g.contacts,
          g.calls_offered,
        ]),
        [
          ['2025-06-01', 1, 1],
          ['2025-07-01', 1, 0],
        ],
      )
      assert.equal(body.groups[0].channel_mix.phone, 1)
      assert.equal(body.groups[0].average_speed_of_answer_seconds, 20)
      assert.equal(body.groups[1].average_speed_of_answer_seconds, null)
      assert.equal(body.groups[1].first_contact_resolution.by_channel.web, 1)
    })

    it('filters by Open311 service code', async () => {
      const body = (await get('from=2025-06-01&to=2025-08-01&service=bins')).json()
      assert.equal(body.groups[0].contacts, 1)
      assert.equal(body.groups[0].calls_offered, null)
    })

    it('gives the same as CSV, a row per group and per-channel figures flattened', async () => {
      const response = await get('from=2025-06-01&to=2025-08-01&group=month', 'manager', 'text/csv')
      assert.equal(response.statusCode, 200, response.body)
      assert.match(String(response.headers['content-type']), /^text\/csv/)
      const [header, june, july] = response.body
        .trim()
        .split('\r\n')
        .map((line) => line.split(','))
      const col = (name: string) => (header as string[]).indexOf(name)
      assert.equal(june?.[col('start')], '2025-06-01')
      assert.equal(june?.[col('channel_mix_phone')], '1')
      assert.equal(june?.[col('first_contact_resolution')], '0')
      assert.equal(july?.[col('average_speed_of_answer_seconds')], '')
    })

    it('gives the same CSV columns whatever the data, and the same figures as the JSON', async () => {
      // 1 to 3 June has no contacts (no channel mix); 15 June has one by phone.
      const query = 'from=2025-06-01&to=2025-06-16&group=day'
      const csv = (await get(query, 'manager', 'text/csv')).body.trim().split('\r\n')
      const header = (csv[0] ?? '').split(',')
      const full = (await get('from=2025-06-01&to=2025-08-01&group=month', 'manager', 'text/csv')).body.split('\r\n')[0]
      assert.equal(csv[0], full, 'one header for every request')
      for (const channel of CHANNELS) assert.ok(header.includes(`channel_mix_${channel}`), channel)
      assert.ok(!header.includes('channel_mix'))
      const json = (await get(query)).json()
      const rows = csv.slice(1).map((line) => line.split(','))
      assert.equal(rows.length, json.groups.length)
      const col = (name: string) => header.indexOf(name)
      assert.equal(rows[0]?.[col('channel_mix_phone')], '', 'no contacts: no mix')
      assert.equal(json.groups[0].channel_mix, null)
      assert.equal(rows[14]?.[col('channel_mix_phone')], String(json.groups[14].channel_mix.phone))
      assert.equal(rows[14]?.[col('contacts')], '1')
    })

    it('answers JSON unless CSV is preferred, and says the answer varies by Accept', async () => {
      const query = 'from=2025-06-01&to=2025-07-01'
      const refusedCsv = await get(query, 'manager', 'text/csv;q=0, application/json')
      assert.match(String(refusedCsv.headers['content-type']), /^application\/json/)
      const either = await get(query, 'manager', 'application/json, text/csv')
      assert.match(String(either.headers['content-type']), /^application\/json/)
      const csvFirst = await get(query, 'manager', 'text/csv, application/json;q=0.5')
      assert.match(String(csvFirst.headers['content-type']), /^text\/csv/)
      assert.match(String(csvFirst.headers.vary), /Accept/i)
    })

    it('refuses years no council has records for, and names the groups it takes', async () => {
      for (const query of ['from=0000-01-01&to=0001-01-01', 'from=9999-12-30&to=9999-12-31']) {
        const response = await get(query)
        assert.equal(response.statusCode, 422, `${query}: ${response.body}`)
        assert.match(response.body, /Give a date from 1900-01-01 to 2999-12-31/)
      }
      const group = await get('from=2025-06-01&to=2025-07-01&group=fortnight')
      assert.equal(group.statusCode, 400)
      assert.match(group.body, /must be \\"day\\" or \\"week\\" or \\"month\\" or \\"year\\"/)
    })

    it('refuses a period that ends before it starts, one over 10 years, and an unknown service or channel', async () => {
      for (const query of [
        'from=2025-06-02&to=2025-06-01',
        'from=2010-01-01&to=2025-01-01',
        'from=2025-06-01&to=2025-07-01&service=nope',
      ]) {
        const response = await get(query)
        assert.equal(response.statusCode, 422, query)
        assert.match(String(response.headers['content-type']), /application\/problem\+json/)
      }
      const channel = await get('from=2025-06-01&to=2025-07-01&channel=pigeon')
      assert.equal(channel.statusCode, 400)
      assert.match(String(channel.headers['content-type']), /application\/problem\+json/)
    })

    it('is for managers, not advisors', async () => {
      assert.equal((await get('from=2025-06-01&to=2025-07-01', 'advisor')).statusCode, 403)
    })
  })
}
