import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import dp from 'datapackage'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { addService, addTeam } from '../../../test/support/fixtures.ts'
import { councilById } from '../../platform/council/council.ts'
import type { Channel } from '../../platform/db/values.ts'
import { writeCase, writeContact } from '../metrics/test-records.ts'
import { CONTACT_FIGURES, contactFigureRows } from './contact-figures.ts'
import { published } from './fields.ts'
import type { Row } from './fields.ts'
import { exportOpenData } from './service.ts'

/** The first day of the month `back` months before the one `now` is in, at noon UTC on the 15th. */
function monthsAgo(now: Date, back: number): { month: string; mid: string } {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 15, 12))
  return { month: date.toISOString().slice(0, 7), mid: date.toISOString() }
}

const COUNT_FIELDS = CONTACT_FIGURES.fields.filter((field) => field.type === 'integer').map((field) => field.name)

async function rowsOf(t: TestApp, now?: Date): Promise<Row[]> {
  const rows: Row[] = []
  for await (const row of contactFigureRows(t.database.db, t.councilId, now)) rows.push(row)
  return rows
}

function csvRecords(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split('\r\n')
  const names = header!.split(',')
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [names[i], value])))
}

/**
 * What a reader can work out of one month's contacts: every row and column of the published grid
 * is a total and its parts, so any one left unknown is the total less the rest; repeated until
 * nothing more comes out. Contacts about no service are the rest of each channel's total.
 */
function workedOut(records: Record<string, string>[], month: string, field: string): Map<string, number> {
  const grid = new Map<string, number | null>()
  for (const r of records.filter((r) => r.month === month)) {
    const value = r[field]!
    grid.set(`${r.channel}|${r.service_code}`, value === '[c]' ? null : Number(value))
  }
  const channels = [...new Set([...grid.keys()].map((k) => k.split('|')[0]!))].filter((c) => c !== 'all')
  const services = [...new Set([...grid.keys()].map((k) => k.split('|')[1]!))].filter((s) => s !== 'all')
  const lines = [
    ...['all', ...channels].map((c) => ({ total: `${c}|all`, parts: services.map((s) => `${c}|${s}`) })),
    ...['all', ...services].map((s) => ({ total: `all|${s}`, parts: channels.map((c) => `${c}|${s}`) })),
  ]
  const known = new Map([...grid].filter(([, v]) => v !== null) as [string, number][])
  for (let progress = true; progress;) {
    progress = false
    for (const line of lines) {
      const members = [line.total, ...line.parts]
      const unknown = members.filter((m) => !known.has(m))
      // Service columns add up exactly; channel rows may hold contacts about no service, so only a
      // column's missing part can be solved by subtraction.
      if (unknown.length !== 1 || line.total.startsWith('all|') === false) continue
      const [m] = unknown as [string]
      const rest = line.parts.filter((p) => p !== m).reduce((sum, p) => sum + known.get(p)!, 0)
      known.set(m, m === line.total ? rest : known.get(line.total)! - rest)
      progress = true
    }
  }
  return known
}

for (const engine of ENGINES) {
  describe(`monthly contact figures, suppressed (${engine})`, () => {
    let t: TestApp
    let dir: string
    const now = new Date()
    const earlier = monthsAgo(now, 2)
    const later = monthsAgo(now, 1)

    before(async () => {
      t = await testApp(engine)
      const teamId = await addTeam(t.database, t.councilId, 'Waste')
      const bins = await addService(t.database, t.councilId, teamId, { open311_code: 'missed-bin' })
      const tips = await addService(t.database, t.councilId, teamId, { open311_code: 'fly-tipping' })
      const contacts = async (n: number, at: string, channel: Channel, serviceId: number | null, avoidable = 0) => {
        for (let i = 0; i < n; i++)
          await writeContact(t.database.db, t.councilId, {
            channel,
            direction: 'inbound',
            started_at: at,
            outcome: 'resolved_first_contact',
            handle_seconds: 60,
            service_id: serviceId,
            resident_id: null,
            avoidable: avoidable > i ? 1 : 0,
          })
      }
      // The earlier month: three phone calls about missed bins, the count that must never show.
      await contacts(3, earlier.mid, 'phone', bins.id)
      await contacts(12, earlier.mid, 'phone', tips.id, 2)
      await contacts(9, earlier.mid, 'web', bins.id)
      await contacts(7, earlier.mid, 'web', tips.id)
      await contacts(6, earlier.mid, 'face_to_face', null)
      // The later month: enough everywhere.
      await contacts(8, later.mid, 'phone', bins.id)
      await contacts(11, later.mid, 'phone', tips.id)
      await contacts(9, later.mid, 'web', bins.id)
      await contacts(7, later.mid, 'web', tips.id)
      for (let i = 0; i < 6; i++)
        await writeCase(t.database.db, t.councilId, {
          service_id: bins.id,
          channel: 'web',
          created_by: i < 2 ? 'staff' : 'resident',
          created_at: earlier.mid,
          due_at: later.mid,
          resolved_at: i < 5 ? earlier.mid : null,
          resident_id: null,
        })
      dir = mkdtempSync(join(tmpdir(), 'frontdoor-figures-'))
      await exportOpenData(t.database, (await councilById(t.database, t.councilId))!, dir)
    })
    after(async () => {
      rmSync(dir, { recursive: true, force: true })
      await t.close()
    })

    it('publishes a row for every complete month, channel and service, with the "all" totals, and not the month still running', async () => {
      const rows = await rowsOf(t)
      const months = [...new Set(rows.map((row) => row.month))]
      assert.deepEqual(months, [earlier.month, later.month])
      // 10 channels (9 and all) x 3 services (2 and all)
      assert.equal(rows.filter((row) => row.month === later.month).length, 30)
      const total = rows.find(
        (row) => row.month === later.month && row.channel === 'all' && row.service_code === 'all',
      )!
      assert.equal(total.contacts, 35)
      const phoneTips = rows.find(
        (r) => r.month === later.month && r.channel === 'phone' && r.service_code === 'fly-tipping',
      )!
      assert.equal(phoneTips.contacts, 11)
    })

    it('never publishes a count from 1 to 4, anywhere (a zero describes nobody and is shown)', async () => {
      const records = csvRecords(readFileSync(join(dir, 'contact-figures.csv'), 'utf8'))
      assert.ok(records.length > 0)
      for (const record of records)
        for (const field of COUNT_FIELDS) {
          const value = record[field]!
          assert.ok(
            value === '' || value === '[c]' || value === '0' || Number(value) >= 5,
            `${field} = ${value} in ${JSON.stringify(record)}`,
          )
        }
    })

    it('hides the count of 3 and any total or neighbour that would give it away, and the rates made from it', async () => {
      const records = csvRecords(readFileSync(join(dir, 'contact-figures.csv'), 'utf8'))
      const row = (channel: string, service: string) =>
        records.find((r) => r.month === earlier.month && r.channel === channel && r.service_code === service)!
      assert.equal(row('phone', 'missed-bin').contacts, '[c]')
      for (const rate of ['channel_mix', 'avoidable_contact', 'first_contact_resolution', 'cost_per_transaction'])
        assert.ok(['[c]', ''].includes(row('phone', 'missed-bin')[rate]!), `${rate} made from the hidden 3`)
      const known = workedOut(records, earlier.month, 'contacts')
      assert.equal(known.has('phone|missed-bin'), false, 'the 3 cannot be worked out from row or column totals')
      for (const [cell, value] of known) assert.ok(value === 0 || value >= 5, `${cell} works out at ${value}`)
      // And the published numbers still add up where nothing is hidden.
      assert.equal(row('web', 'all').contacts, '16')
    })

    it('hides small counts inside a count: 2 avoidable contacts of 12, 2 cases raised by staff of 6', async () => {
      const records = csvRecords(readFileSync(join(dir, 'contact-figures.csv'), 'utf8'))
      const row = (channel: string, service: string) =>
        records.find((r) => r.month === earlier.month && r.channel === channel && r.service_code === service)!
      assert.equal(row('phone', 'fly-tipping').contacts_avoidable, '[c]')
      assert.equal(row('phone', 'fly-tipping').avoidable_contact, '[c]')
      const web = row('web', 'missed-bin')
      // 2 of the 6 raised by staff: never shown, nor its rate.
      assert.equal(web.cases_assisted, '[c]')
      assert.equal(web.assisted_digital_share, '[c]')
    })

    it('publishes a month the same way whenever it is published, so an earlier download gives nothing away', async () => {
      const inLaterMonth = new Date(Date.parse(later.mid))
      const before = (await rowsOf(t, inLaterMonth)).map((row) => JSON.stringify(row, (_k, v) => published(v)))
      const after = (await rowsOf(t))
        .filter((row) => row.month === earlier.month)
        .map((row) => JSON.stringify(row, (_k, v) => published(v)))
      assert.ok(before.length > 0)
      assert.deepEqual(before, after)
    })

    it('is read by Frictionless Data with the marker as a missing value', async () => {
      const pack = await dp.Package.load(join(dir, 'datapackage.json'))
      assert.deepEqual(pack.errors, [])
      const figures = pack.resources.find((resource) => resource.name === 'contact-figures')!
      const rows = (await figures.read({ keyed: true })) as Record<string, unknown>[]
      assert.equal(rows.length, 60)
      const hidden = rows.find((r) => r.channel === 'phone' && r.service_code === 'missed-bin' && r.contacts === null)
      assert.ok(hidden, 'the suppressed count reads as missing, not as a number')
    })
  })
}
