import { after, before, describe, it } from 'node:test'
import { metricsByGroup, metricsFromRecordsByGroup } from '../metrics/service.ts'
import assert from 'node:assert/strict'
import { verifyPassword } from '../../platform/auth/passwords.ts'
import { findTokenHolder } from '../../platform/auth/tokens.ts'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { DIGITAL_STATUSES, ROLES } from '../../platform/db/values.ts'
import type { FormField } from '../catalogue/form-fields.ts'
import { validateAnswers } from '../catalogue/service.ts'
import { hasAnyCouncil, seedDemoCouncil } from './seed.ts'
import type { DemoCredentials, DemoOptions } from './seed.ts'
import { DEMO_SERVICES } from './catalogue-data.ts'

const SMALL: DemoOptions = { residents: 150, fromYear: 2019, toYear: 2021 }
const TABLES = [
  'team',
  'partner_org',
  'service',
  'staff_user',
  'staff_role',
  'staff_team',
  'property',
  'resident',
  'resident_address',
  'resident_contact_detail',
  'vulnerability_flag',
  'case',
  'case_event',
  'case_reference_counter',
  'contact',
  'call',
  'survey_response',
  'online_form',
  'api_token',
  'e_account',
  'callback',
] as const

async function tableCounts(database: TestDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of TABLES) {
    const row = await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    counts[table] = Number(row.n)
  }
  return counts
}

type ContactRow = { channel: string; started_at: string; direction: string; outcome: string }

async function contactRows(database: TestDatabase): Promise<ContactRow[]> {
  return database.db
    .selectFrom('contact')
    .select(['channel', 'started_at', 'direction', 'outcome'])
    .orderBy('id')
    .execute()
}

function channelsByYear(rows: readonly ContactRow[]): Record<string, Record<string, number>> {
  const result: Record<string, Record<string, number>> = {}
  for (const row of rows) {
    const year = row.started_at.slice(0, 4)
    const perYear = (result[year] ??= {})
    perYear[row.channel] = (perYear[row.channel] ?? 0) + 1
  }
  return result
}

/** Share of inbound contacts on `channel` among those starting with one of the `months` (YYYY-MM). */
function share(rows: readonly ContactRow[], channel: string, months: readonly string[]): number {
  const inPeriod = rows.filter((r) => r.direction === 'inbound' && months.some((m) => r.started_at.startsWith(m)))
  assert.ok(inPeriod.length > 0, `no contacts in ${months.join(', ')}`)
  return inPeriod.filter((r) => r.channel === channel).length / inPeriod.length
}

for (const engine of ENGINES) {
  describe(`demo council seed (${engine})`, () => {
    let first: TestDatabase
    let second: TestDatabase
    let credentials: DemoCredentials

    before(async () => {
      first = await testDatabase(engine)
      second = await testDatabase(engine)
      assert.equal(await hasAnyCouncil(first), false)
      credentials = await seedDemoCouncil(first, SMALL)
      await seedDemoCouncil(second, SMALL)
    })

    after(async () => {
      await first.close()
      await second.close()
    })

    it('reports a council once one exists', async () => {
      assert.equal(await hasAnyCouncil(first), true)
      const council = await first.db
        .selectFrom('council')
        .select(['slug', 'name', 'hostnames', 'settings'])
        .executeTakeFirstOrThrow()
      assert.equal(council.slug, 'ashby-vale')
      assert.equal(credentials.councilSlug, 'ashby-vale')
      assert.deepEqual(JSON.parse(council.hostnames), ['localhost', '127.0.0.1'])
      assert.deepEqual(JSON.parse(council.settings), {})
    })

    it('gives identical rows and figures for the same seed on two databases', async () => {
      assert.deepEqual(await tableCounts(first), await tableCounts(second))
      const [a, b] = [await contactRows(first), await contactRows(second)]
      assert.ok(a.length > 300, `only ${a.length} contacts`)
      assert.deepEqual(channelsByYear(a), channelsByYear(b))
      const cases = (db: TestDatabase) =>
        db.db
          .selectFrom('case')
          .select(['reference', 'status', 'channel', 'created_by', 'created_at', 'due_at', 'resolved_at', 'answers'])
          .orderBy('reference')
          .execute()
      assert.deepEqual(await cases(first), await cases(second))
    })

    it('gives a different history for a different seed', async () => {
      const other = await testDatabase(engine)
      try {
        await seedDemoCouncil(other, { ...SMALL, seed: 7 })
        assert.notDeepEqual(channelsByYear(await contactRows(other)), channelsByYear(await contactRows(first)))
      } finally {
        await other.close()
      }
    })

    it('has 15 to 25 services, each with an LGSL code and a form of 2 to 5 questions', async () => {
      const services = await first.db
        .selectFrom('service')
        .select(['lgsl_code', 'form', 'open311_code', 'online_available', 'offline_route', 'target_hours'])
        .execute()
      assert.ok(services.length >= 15 && services.length <= 25, `${services.length} services`)
      for (const service of services) {
        assert.ok(
          Number.isInteger(service.lgsl_code) && (service.lgsl_code ?? 0) > 0,
          `${service.open311_code} has no LGSL code`,
        )
        const form = JSON.parse(service.form) as FormField[]
        assert.ok(form.length >= 2 && form.length <= 5, `${service.open311_code} has ${form.length} questions`)
        assert.ok(service.offline_route.length > 20, `${service.open311_code} has no offline route`)
        assert.ok(service.target_hours > 0)
      }
      assert.ok(
        services.some((s) => s.online_available === 0),
        'every service is online-only',
      )
      assert.equal(new Set(services.map((s) => s.open311_code)).size, services.length)
    })

    it('has exactly two services delivered by the county council as a partner', async () => {
      const delivered = await first.db
        .selectFrom('service')
        .innerJoin('partner_org', 'partner_org.id', 'service.partner_org_id')
        .select(['service.team_id', 'partner_org.name'])
        .execute()
      assert.equal(delivered.length, 2)
      for (const row of delivered) {
        assert.equal(row.name, 'Ashby County Council')
        assert.equal(row.team_id, null)
      }
    })

    it('has one staff user per staff role, each able to sign in with the password handed back', async () => {
      const rows = await first.db
        .selectFrom('staff_user')
        .innerJoin('staff_role', 'staff_role.staff_user_id', 'staff_user.id')
        .select([
          'staff_role.role',
          'staff_user.email',
          'staff_user.password_hash',
          'staff_user.partner_org_id',
          'staff_user.must_change_password',
        ])
        .execute()
      const staffRoles = ROLES.filter((role) => role !== 'resident')
      assert.deepEqual(rows.map((r) => r.role).sort(), [...staffRoles].sort())
      assert.deepEqual(credentials.staff.map((s) => s.role).sort(), [...staffRoles].sort())
      for (const row of rows) {
        assert.equal(row.must_change_password, 0)
        assert.ok(row.email.endsWith('.example'), `${row.role} has a real-looking email`)
        assert.equal(row.partner_org_id !== null, row.role === 'partner')
      }
      const advisor = rows.find((r) => r.role === 'advisor')
      const given = credentials.staff.find((s) => s.role === 'advisor')
      assert.ok(advisor?.password_hash && given)
      assert.equal(advisor.email, given.email)
      assert.equal(await verifyPassword(given.password, advisor.password_hash), true)
      assert.equal(await verifyPassword('not-the-password', advisor.password_hash), false)
      const teamed = await first.db
        .selectFrom('staff_team')
        .innerJoin('staff_role', 'staff_role.staff_user_id', 'staff_team.staff_user_id')
        .select('staff_role.role')
        .distinct()
        .execute()
      assert.ok(teamed.some((t) => t.role === 'caseworker') && teamed.some((t) => t.role === 'team_leader'))
    })

    it('has one working API token per role, including resident', async () => {
      const rows = await first.db.selectFrom('api_token').select('role').execute()
      assert.deepEqual(rows.map((r) => r.role).sort(), [...ROLES].sort())
      for (const token of credentials.tokens)
        assert.equal((await findTokenHolder(first, token.token))?.role, token.role)
      assert.equal(await findTokenHolder(first, 'fd_not-a-real-token'), undefined)
    })

    it('numbers cases FD-YYYY-NNNNNN, uniquely, with counters that continue the sequence', async () => {
      const cases = await first.db.selectFrom('case').select(['reference', 'created_at']).execute()
      assert.ok(cases.length > 100, `only ${cases.length} cases`)
      for (const c of cases) {
        assert.match(c.reference, /^FD-\d{4}-\d{6}$/)
        assert.equal(c.reference.slice(3, 7), c.created_at.slice(0, 4))
      }
      assert.equal(new Set(cases.map((c) => c.reference)).size, cases.length)
      const counters = await first.db
        .selectFrom('case_reference_counter')
        .select(['year', 'last_number'])
        .orderBy('year')
        .execute()
      for (const counter of counters) {
        const numbers = cases
          .filter((c) => c.reference.startsWith(`FD-${counter.year}-`))
          .map((c) => Number(c.reference.slice(8)))
        assert.equal(counter.last_number, Math.max(...numbers))
        assert.equal(counter.last_number, numbers.length)
      }
    })

    it('shows the 2020 lockdown closing the counter and the shift to web', async () => {
      const rows = await contactRows(first)
      const q2 = (year: number) => [`${year}-04`, `${year}-05`, `${year}-06`]
      const before2020 = share(rows, 'face_to_face', q2(2019))
      const lockdown = share(rows, 'face_to_face', q2(2020))
      assert.ok(before2020 > 0.1, `face to face was ${before2020} in Q2 2019`)
      assert.ok(lockdown < before2020 / 4, `face to face ${lockdown} in Q2 2020 against ${before2020} in Q2 2019`)
      const months = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)
      assert.ok(share(rows, 'web', months(2021)) > share(rows, 'web', months(2019)))
    })

    it('has residents of all four digital statuses, with searchable text and a home', async () => {
      const statuses = await first.db.selectFrom('resident').select('digital_status').distinct().execute()
      assert.deepEqual(statuses.map((s) => s.digital_status).sort(), [...DIGITAL_STATUSES].sort())
      const resident = await first.db
        .selectFrom('resident')
        .select(['id', 'family_name', 'search_text'])
        .orderBy('id')
        .executeTakeFirstOrThrow()
      assert.ok(resident.search_text.includes(resident.family_name.toLowerCase()))
      const address = await first.db
        .selectFrom('resident_address')
        .select(['postcode', 'uprn', 'is_primary'])
        .where('resident_id', '=', resident.id)
        .executeTakeFirstOrThrow()
      assert.equal(address.is_primary, 1)
      assert.match(address.uprn ?? '', /^\d{12}$/)
      assert.ok(resident.search_text.includes((address.postcode ?? '').toLowerCase()))
      const property = await first.db
        .selectFrom('property')
        .select('uprn')
        .where('uprn', '=', address.uprn ?? '')
        .executeTakeFirst()
      assert.ok(property, 'the resident’s home is not in the gazetteer')
      const emails = await first.db
        .selectFrom('resident_contact_detail')
        .select('value')
        .where('kind', '=', 'email')
        .execute()
      assert.ok(
        emails.length > 0 &&
          emails.every((e) => e.value.endsWith('.example') || /@example\.(com|net|org)$/.test(e.value)),
      )
    })

    it('gives online accounts to residents who go online, more as the years pass, none to those offline', async () => {
      const accounts = await first.db
        .selectFrom('e_account as e')
        .innerJoin('resident as r', 'r.id', 'e.resident_id')
        .select(['r.digital_status', 'e.verified_at', 'e.created_at', 'e.email'])
        .execute()
      assert.ok(accounts.length >= 20, `${accounts.length} accounts`)
      assert.deepEqual(
        accounts.filter((a) => a.digital_status === 'offline_by_choice' || a.digital_status === 'cannot_use'),
        [],
      )
      assert.equal(new Set(accounts.map((a) => a.email)).size, accounts.length, 'one account an email')
      assert.ok(accounts.some((a) => a.verified_at === null) || accounts.length < 40, 'some never confirmed')
      for (const a of accounts) if (a.verified_at !== null) assert.ok(a.verified_at > a.created_at)
      const council = await first.db.selectFrom('council').select('id').executeTakeFirstOrThrow()
      const years = await metricsByGroup(first.db, council.id, { from: '2019-01-01', to: '2022-01-01' }, 'year')
      const withAccount = years.map((year) => year.metrics.residents_with_e_account)
      assert.ok(
        (withAccount[0] ?? 0) < (withAccount[2] ?? 0),
        `residents in contact with an account rise by year: ${withAccount.join(', ')}`,
      )
    })

    it('never has a resolved or closed case without resolved_at, nor one resolved before it was raised', async () => {
      const cases = await first.db
        .selectFrom('case')
        .select(['status', 'created_at', 'resolved_at', 'due_at'])
        .execute()
      for (const c of cases) {
        if (c.status === 'resolved' || c.status === 'closed') {
          assert.ok(c.resolved_at, 'resolved case without resolved_at')
          assert.ok(c.resolved_at >= c.created_at)
        } else {
          assert.equal(c.resolved_at, null)
        }
        assert.ok(c.due_at && c.due_at > c.created_at)
      }
      const resolved = cases.filter((c) => c.resolved_at)
      const onTime = resolved.filter((c) => (c.resolved_at ?? '') <= (c.due_at ?? '')).length / resolved.length
      assert.ok(onTime > 0.7 && onTime < 0.95, `within target ${onTime}`)
      assert.ok(
        cases.some((c) => ['open', 'in_progress', 'waiting'].includes(c.status)),
        'no case still being worked on',
      )
    })

    it('gives every case answers its service form accepts, and a created event', async () => {
      const services = new Map(
        (await first.db.selectFrom('service').select(['id', 'form']).execute()).map((s) => [
          s.id,
          JSON.parse(s.form) as FormField[],
        ]),
      )
      const cases = await first.db.selectFrom('case').select(['id', 'service_id', 'answers', 'reference']).execute()
      for (const c of cases) {
        const errors = validateAnswers({ form: services.get(c.service_id) ?? [] }, JSON.parse(c.answers))
        assert.deepEqual(errors, [], `${c.reference}: ${JSON.stringify(errors)}`)
      }
      const created = await first.db.selectFrom('case_event').select('case_id').where('kind', '=', 'created').execute()
      assert.equal(new Set(created.map((e) => e.case_id)).size, cases.length)
    })

    it('links each case to the contact that raised it, on the same channel', async () => {
      const unlinked = await first.db
        .selectFrom('case')
        .leftJoin('contact', (join) =>
          join.onRef('contact.case_id', '=', 'case.id').on('contact.outcome', '=', 'case_raised'),
        )
        .select(['case.reference', 'case.channel', 'contact.channel as contact_channel'])
        .execute()
      for (const row of unlinked)
        assert.equal(row.contact_channel, row.channel, `${row.reference} has no raising contact`)
      const selfServed = await first.db
        .selectFrom('case')
        .select(['created_by', 'channel', 'created_by_staff_id'])
        .execute()
      assert.ok(selfServed.some((c) => c.created_by === 'resident'))
      for (const c of selfServed) {
        if (c.created_by === 'resident') assert.equal(c.channel, 'web')
        assert.equal(c.created_by_staff_id !== null, c.created_by === 'staff')
      }
    })

    it('records phone calls with hashed numbers, and abandoned calls as unanswered', async () => {
      const calls = await first.db
        .selectFrom('call')
        .innerJoin('contact', 'contact.id', 'call.contact_id')
        .select([
          'call.abandoned',
          'call.answered_at',
          'call.offered_at',
          'call.caller_number_hash',
          'contact.outcome',
          'contact.channel',
          'contact.started_at',
        ])
        .execute()
      assert.ok(calls.length > 50)
      assert.ok(calls.some((c) => c.abandoned === 1) && calls.some((c) => c.abandoned === 0))
      for (const call of calls) {
        assert.equal(call.channel, 'phone')
        assert.match(call.caller_number_hash ?? '', /^[0-9a-f]{64}$/)
        if (call.abandoned === 1) {
          assert.equal(call.answered_at, null)
          assert.equal(call.outcome, 'abandoned')
        } else {
          assert.ok(call.answered_at && call.answered_at >= call.offered_at)
          assert.equal(call.answered_at, call.started_at)
        }
      }
    })

    it('has figures from its rollups equal to the figures from its records, year by year', async () => {
      const council = await first.db.selectFrom('council').select('id').executeTakeFirstOrThrow()
      const period = { from: '2015-01-01', to: '2026-01-01' }
      const fromRollups = await metricsByGroup(first.db, council.id, period, 'year')
      const fromRecords = await metricsFromRecordsByGroup(first.db, council.id, period, 'year')
      assert.deepEqual(fromRollups, fromRecords)
      assert.ok(
        fromRollups.some((group) => (group.metrics.calls_offered ?? 0) > 0),
        'the calls are counted',
      )
    })

    it('refuses to seed a second demo council and leaves the first as it was', async () => {
      const before = await tableCounts(first)
      await assert.rejects(seedDemoCouncil(first, SMALL), /already exists/)
      assert.deepEqual(await tableCounts(first), before)
    })
  })
}

// Seeded up to a moment (as `npm start` seeds up to the moment it starts): the history runs to
// it and no record of any kind is dated after it, yet the weeks before it are busy.
const UNTIL = new Date('2026-06-15T11:30:00.000Z')
const TIMES = [
  ['contact', ['started_at', 'created_at']],
  ['call', ['offered_at', 'answered_at', 'ended_at']],
  ['case', ['created_at', 'updated_at', 'resolved_at']],
  ['case_event', ['at']],
  ['survey_response', ['created_at']],
  ['online_form', ['started_at', 'submitted_at']],
  ['e_account', ['created_at', 'verified_at']],
  ['callback', ['created_at']],
] as const

for (const engine of ENGINES) {
  describe(`demo council seeded up to a moment (${engine})`, () => {
    let database: TestDatabase
    before(async () => {
      database = await testDatabase(engine)
      await seedDemoCouncil(database, { residents: 150, fromYear: 2025, until: UNTIL })
    })
    after(async () => {
      await database.close()
    })

    it('records nothing after that moment: no contact, call, case, event, survey, form or account', async () => {
      for (const [table, columns] of TIMES)
        for (const column of columns) {
          const row = await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.max(column as never).as('latest'))
            .executeTakeFirstOrThrow()
          const latest = row.latest as string | null
          assert.ok(latest !== null, `${table}.${column} has values`)
          assert.ok(latest <= UNTIL.toISOString(), `${table}.${column}: ${latest} is after ${UNTIL.toISOString()}`)
        }
      const contacts = await database.db.selectFrom('contact').select(['started_at', 'handle_seconds']).execute()
      const ended = contacts.map((c) => Date.parse(c.started_at) + (c.handle_seconds ?? 0) * 1000)
      assert.ok(Math.max(...ended) <= UNTIL.getTime(), 'every contact had ended by then')
    })

    it('has the days just before it: contacts in its last week and cases still being worked on', async () => {
      const weekBefore = new Date(UNTIL.getTime() - 7 * 86_400_000).toISOString()
      const lastWeek = await database.db
        .selectFrom('contact')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('started_at', '>', weekBefore)
        .executeTakeFirstOrThrow()
      const all = await database.db
        .selectFrom('contact')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      const weeks = (UNTIL.getTime() - Date.parse('2025-01-01T00:00:00Z')) / (7 * 86_400_000)
      const weekly = Number(all.n) / weeks
      assert.ok(
        Number(lastWeek.n) >= weekly / 2,
        `${lastWeek.n} contacts in the last week, ${weekly.toFixed(1)} a week`,
      )
      const open = await database.db
        .selectFrom('case')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', 'in', ['open', 'in_progress', 'waiting'])
        .where('created_at', '>', new Date(UNTIL.getTime() - 28 * 86_400_000).toISOString())
        .executeTakeFirstOrThrow()
      assert.ok(Number(open.n) >= 1, 'cases raised in the last four weeks are still being worked on')
      const newest = await database.db
        .selectFrom('case')
        .select((eb) => eb.fn.max('created_at').as('at'))
        .executeTakeFirstOrThrow()
      assert.ok(String(newest.at) > weekBefore, `the newest case, ${newest.at}, is of the last week`)
      const years = await database.db.selectFrom('case_reference_counter').select('year').orderBy('year').execute()
      assert.deepEqual(
        years.map((y) => y.year),
        [2025, 2026],
      )
    })

    it('has call backs residents asked for in the hours before it, waiting for a window still to come', async () => {
      const callBacks = await database.db
        .selectFrom('callback')
        .select(['resident_id', 'name', 'phone', 'window_start', 'window_end', 'reason', 'status', 'created_at'])
        .orderBy('window_start')
        .execute()
      assert.equal(callBacks.length, 3)
      const dayBefore = new Date(UNTIL.getTime() - 86_400_000).toISOString()
      for (const callBack of callBacks) {
        assert.equal(callBack.status, 'requested')
        assert.ok(callBack.created_at > dayBefore && callBack.created_at <= UNTIL.toISOString(), callBack.created_at)
        assert.ok(callBack.window_end > UNTIL.toISOString(), `${callBack.window_end} has not ended`)
        assert.ok(callBack.window_start < callBack.window_end)
        assert.ok(
          DEMO_SERVICES.some((service) => service.name === callBack.reason),
          `${callBack.reason} names a service`,
        )
        const resident = await database.db
          .selectFrom('resident')
          .select(['given_name', 'family_name'])
          .where('id', '=', callBack.resident_id as number)
          .executeTakeFirstOrThrow()
        assert.equal(callBack.name, `${resident.given_name} ${resident.family_name}`)
        assert.ok(callBack.phone)
      }
      // 15 June 2026 is a Monday, 12:30 in London: the afternoon window of that day, or Tuesday morning.
      for (const { window_start, window_end } of callBacks)
        assert.ok(
          [
            ['2026-06-15T11:30:00.000Z', '2026-06-15T16:00:00.000Z'],
            ['2026-06-16T08:00:00.000Z', '2026-06-16T11:00:00.000Z'],
          ].some(([start, end]) => window_start === start && window_end === end),
          `${window_start} to ${window_end}`,
        )
    })

    it('has figures from its rollups equal to the figures from its records, month by month', async () => {
      const council = await database.db.selectFrom('council').select('id').executeTakeFirstOrThrow()
      const period = { from: '2025-01-01', to: '2026-06-16' }
      const fromRollups = await metricsByGroup(database.db, council.id, period, 'month')
      assert.deepEqual(fromRollups, await metricsFromRecordsByGroup(database.db, council.id, period, 'month'))
      assert.ok((fromRollups.find((g) => g.start === '2026-06-01')?.metrics.contacts ?? 0) > 0, 'June to the moment')
    })

    it('refuses a moment outside the years asked for, or no moment at all', async () => {
      const other = await testDatabase(engine)
      try {
        for (const options of [
          { fromYear: 2025, toYear: 2025, until: UNTIL },
          { fromYear: 2027, until: UNTIL },
          { until: new Date('not a time') },
        ])
          await assert.rejects(seedDemoCouncil(other, { residents: 10, ...options }), /demo seed: /)
        assert.equal(await hasAnyCouncil(other), false)
      } finally {
        await other.close()
      }
    })
  })
}

describe('demo council seed at the default size (sqlite)', () => {
  let database: TestDatabase
  before(async () => {
    database = await testDatabase('sqlite')
  })
  after(async () => {
    await database.close()
  })

  it('seeds 2,000 residents and ten years of history (its time is reported, not asserted: speed lives in the benchmarks)', async (t) => {
    const started = performance.now()
    await seedDemoCouncil(database)
    const seconds = (performance.now() - started) / 1000
    t.diagnostic(`default demo seed on sqlite took ${seconds.toFixed(1)} s`)
    const counts = await tableCounts(database)
    assert.equal(counts.resident, 2000)
    assert.ok((counts.contact ?? 0) >= 30_000 && (counts.contact ?? 0) <= 60_000, `${counts.contact} contacts`)
    assert.ok((counts.case ?? 0) >= 10_000 && (counts.case ?? 0) <= 20_000, `${counts.case} cases`)
    const years = await database.db.selectFrom('case_reference_counter').select('year').orderBy('year').execute()
    assert.deepEqual(
      years.map((y) => y.year),
      Array.from({ length: 11 }, (_, i) => 2015 + i),
    )
  })
})
