import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { migrateToLatest } from './migrate.ts'
import { nowIso } from './database.ts'
import type { Tables } from './schema.ts'
import type { CaseStatus, Channel, DigitalStatus, Flag } from './values.ts'

// Every table of DESIGN.md's domain, including those whose screens come later.
const DOMAIN_TABLES: (keyof Tables)[] = [
  'council',
  'council_holiday',
  'property',
  'resident',
  'resident_address',
  'resident_contact_detail',
  'vulnerability_flag',
  'e_account',
  'team',
  'partner_org',
  'staff_user',
  'staff_role',
  'staff_team',
  'service',
  'case',
  'case_reference_counter',
  'case_event',
  'contact',
  'call',
  'callback',
  'appointment',
  'referral',
  'inclusion_assessment',
  'inclusion_barrier',
  'survey_response',
  'online_form',
  'kb_article',
  'notification',
  'audit_event',
  'retention_rule',
  'metric_rollup',
  'call_rollup',
  'api_token',
  'session',
  'job',
]

/** Runs a write that must be refused, and checks it was refused for the expected reason. */
async function refused(write: Promise<unknown>, reason: RegExp): Promise<void> {
  await assert.rejects(write, (error: Error) => {
    assert.match(error.message, reason)
    return true
  })
}

for (const engine of ENGINES) {
  describe(`migrations (${engine})`, () => {
    let database: TestDatabase
    let councilId: number
    let teamId: number
    let serviceId: number

    before(async () => {
      database = await testDatabase(engine)
      const at = nowIso()
      councilId = (
        await database.db
          .insertInto('council')
          .values({ slug: 'm', name: 'Migration Council', hostnames: '[]', settings: '{}', created_at: at })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      teamId = (
        await database.db
          .insertInto('team')
          .values({ council_id: councilId, name: 'Waste', email: null, created_at: at })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      serviceId = (
        await database.db
          .insertInto('service')
          .values({
            council_id: councilId,
            name: 'Missed bin',
            slug: 'missed-bin',
            description: '',
            lgsl_code: 524,
            open311_code: 'missed-bin',
            open311_group: null,
            team_id: teamId,
            partner_org_id: null,
            target_hours: 16,
            online_available: 1,
            offline_route: 'Phone us',
            keywords: '',
            form: '[]',
            active: 1,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    })
    after(() => database.close())

    it('creates every table of the domain, each tenant table with council_id', async () => {
      const tables = await database.db.introspection.getTables()
      const byName = new Map(tables.map((t) => [t.name, t]))
      const missing = DOMAIN_TABLES.filter((name) => !byName.has(name))
      assert.deepEqual(missing, [])
      const withoutCouncil = DOMAIN_TABLES.filter(
        (name) => name !== 'council' && !byName.get(name)?.columns.some((c) => c.name === 'council_id'),
      )
      assert.deepEqual(withoutCouncil, [])
    })

    const contact = (overrides: {
      channel?: Channel
      avoidable?: Flag
      council_id?: number
      resident_id?: number | null
    }) =>
      database.db
        .insertInto('contact')
        .values({
          council_id: councilId,
          external_id: null,
          resident_id: null,
          channel: 'phone',
          direction: 'inbound',
          started_at: nowIso(),
          handle_seconds: 60,
          staff_user_id: null,
          service_id: serviceId,
          outcome: 'resolved_first_contact',
          avoidable: 0,
          case_id: null,
          notes: null,
          created_at: nowIso(),
          ...overrides,
        })
        .execute()

    it('accepts a well-formed contact', async () => {
      await contact({})
      const count = await database.db
        .selectFrom('contact')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      assert.equal(Number(count.n), 1)
    })

    it('refuses a contact on a channel outside the closed set', async () => {
      await refused(contact({ channel: 'fax' as Channel }), /contact_channel_check/)
    })

    it('refuses a flag that is neither 0 nor 1', async () => {
      await refused(contact({ avoidable: 2 as Flag }), /contact_avoidable_flag/)
    })

    it('refuses a case status outside the workflow', async () => {
      const at = nowIso()
      const write = database.db
        .insertInto('case')
        .values({
          council_id: councilId,
          reference: 'FD-2026-000001',
          external_id: null,
          resident_id: null,
          service_id: serviceId,
          status: 'done' as CaseStatus,
          priority: 'normal',
          team_id: teamId,
          assignee_id: null,
          channel: 'web',
          created_by: 'resident',
          created_by_staff_id: null,
          description: null,
          answers: '{}',
          location_uprn: null,
          location_address: null,
          latitude: null,
          longitude: null,
          due_at: null,
          resolved_at: null,
          resolution: null,
          created_at: at,
          updated_at: at,
        })
        .execute()
      await refused(write, /case_status_check/)
    })

    it('refuses a satisfaction score outside 1 to 5', async () => {
      const write = database.db
        .insertInto('survey_response')
        .values({
          council_id: councilId,
          case_id: null,
          contact_id: null,
          score: 6,
          comment: null,
          created_at: nowIso(),
        })
        .execute()
      await refused(write, /survey_response_score_range/)
    })

    it('refuses a resident digital status outside the closed set', async () => {
      const at = nowIso()
      const write = database.db
        .insertInto('resident')
        .values({
          council_id: councilId,
          external_id: null,
          given_name: 'A',
          family_name: 'B',
          date_of_birth: null,
          preferred_channel: null,
          language: null,
          accessibility_needs: null,
          digital_status: 'online' as DigitalStatus,
          merged_into: null,
          search_text: '',
          created_at: at,
          updated_at: at,
        })
        .execute()
      await refused(write, /resident_digital_status_check/)
    })

    it('refuses a row for a council that does not exist', async () => {
      await refused(contact({ council_id: 999_999 }), /foreign key/i)
      await refused(
        database.db
          .insertInto('team')
          .values({ council_id: 999_999, name: 'Ghost', email: null, created_at: nowIso() })
          .execute(),
        /foreign key/i,
      )
    })

    it('refuses a contact for a resident that does not exist', async () => {
      await refused(contact({ resident_id: 999_999 }), /foreign key/i)
    })

    it('does nothing when run again', async () => {
      const before = (await database.db.introspection.getTables()).map((t) => `${t.name}:${t.columns.length}`).sort()
      assert.deepEqual(await migrateToLatest(database), { applied: [] })
      const after = (await database.db.introspection.getTables()).map((t) => `${t.name}:${t.columns.length}`).sort()
      assert.deepEqual(after, before)
      const contacts = await database.db.selectFrom('contact').select('id').execute()
      assert.equal(contacts.length, 1)
    })

    if (engine === 'sqlite') {
      it('opens SQLite in WAL mode with foreign keys and a busy timeout', async () => {
        const pragma = async (name: string) =>
          Object.values((await sql.raw(`pragma ${name}`).execute(database.db)).rows[0] as object)[0]
        assert.equal(await pragma('journal_mode'), 'wal')
        assert.equal(await pragma('foreign_keys'), 1)
        assert.ok(Number(await pragma('busy_timeout')) >= 1000)
      })
    }
  })
}
