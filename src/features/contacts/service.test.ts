import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestCouncil } from '../../../test/support/app.ts'
import { Problem } from '../../platform/http/problem.ts'
import { CHANNELS, CONTACT_OUTCOMES } from '../../platform/db/values.ts'
import { getContact, importContact, logContact } from './service.ts'
import type { ContactInput } from './service.ts'
import { addCase } from './test-fixtures.ts'
import { staffActor } from '../../platform/audit/audit.ts'
import { addResident, addService, addTeam, systemActor } from '../../../test/support/fixtures.ts'
import { addStaff } from '../../../test/support/accounts.ts'

/** The field names a refusal gives, with its status, so a test can say which rule refused. */
async function refusal(work: Promise<unknown>): Promise<{ status: number; fields: string[] }> {
  try {
    await work
  } catch (error) {
    if (!(error instanceof Problem)) throw error
    return { status: error.status, fields: (error.errors ?? []).map((e) => e.name) }
  }
  assert.fail('expected a refusal')
}

for (const engine of ENGINES) {
  describe(`logging contacts (${engine})`, () => {
    let database: TestDatabase
    let councilId: number
    let otherCouncilId: number
    let serviceId: number
    let otherServiceId: number
    let residentId: number
    const actor = () => systemActor(councilId)

    before(async () => {
      database = await testDatabase(engine)
      councilId = await createTestCouncil(database)
      otherCouncilId = await createTestCouncil(database, 'other', 'Other Council')
      const teamId = await addTeam(database, councilId)
      serviceId = (await addService(database, councilId, teamId, { open311_code: 'missed-bin' })).id
      otherServiceId = (await addService(database, councilId, teamId, { open311_code: 'fly-tipping' })).id
      residentId = await addResident(database, councilId)
    })
    after(() => database.close())

    it('logs a contact on every channel with every outcome, counted as given', async () => {
      for (const channel of CHANNELS) {
        for (const outcome of CONTACT_OUTCOMES) {
          const contact = await logContact(database, actor(), councilId, { channel, outcome, resident_id: residentId })
          assert.deepEqual([contact.channel, contact.outcome, contact.resident_id], [channel, outcome, residentId])
        }
      }
      const count = await database.db
        .selectFrom('contact')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('council_id', '=', councilId)
        .executeTakeFirstOrThrow()
      assert.equal(Number(count.n), CHANNELS.length * CONTACT_OUTCOMES.length)
    })

    it('fills in inbound, now and not avoidable, and counts an anonymous caller', async () => {
      const before = Date.now()
      const contact = await logContact(database, actor(), councilId, { channel: 'phone', outcome: 'signposted' })
      assert.equal(contact.direction, 'inbound')
      assert.equal(contact.avoidable, false)
      assert.equal(contact.resident_id, null)
      assert.equal(contact.staff_user_id, null)
      assert.ok(Date.parse(contact.started_at) >= before - 1000 && Date.parse(contact.started_at) <= Date.now())
    })

    it('stores the start in UTC and records the staff member who handled it', async () => {
      const staffId = (await addStaff(database, councilId, [], { email: 'advisor@example.test' })).id
      const contact = await logContact(database, staffActor(staffId, councilId, null), councilId, {
        channel: 'face_to_face',
        direction: 'outbound',
        started_at: '2025-03-14T09:30:00+01:00',
        handle_seconds: 420,
        outcome: 'resolved_first_contact',
        avoidable: true,
        service_code: 'missed-bin',
        notes: 'Asked about collection day',
      })
      assert.equal(contact.started_at, '2025-03-14T08:30:00.000Z')
      assert.equal(contact.staff_user_id, staffId)
      assert.equal(contact.service_id, serviceId)
      assert.equal(contact.avoidable, true)
      assert.equal(contact.handle_seconds, 420)
    })

    it('allows a clock a little fast but refuses a start more than 5 minutes ahead', async () => {
      const soon = new Date(Date.now() + 60_000).toISOString()
      assert.equal(
        (await logContact(database, actor(), councilId, { channel: 'phone', outcome: 'abandoned', started_at: soon }))
          .started_at,
        soon,
      )
      const later = new Date(Date.now() + 6 * 60_000).toISOString()
      assert.deepEqual(
        await refusal(
          logContact(database, actor(), councilId, { channel: 'phone', outcome: 'abandoned', started_at: later }),
        ),
        {
          status: 422,
          fields: ['body.started_at'],
        },
      )
    })

    it('refuses records that are not in the council, naming each field', async () => {
      const strangerId = await addResident(database, otherCouncilId)
      const otherTeam = await addTeam(database, otherCouncilId)
      const strangerService = (await addService(database, otherCouncilId, otherTeam, { open311_code: 'theirs' })).id
      const strangerCase = await addCase(database, {
        councilId: otherCouncilId,
        residentId: strangerId,
        serviceId: strangerService,
        reference: 'FD-2025-900001',
        createdAt: '2025-01-02T10:00:00.000Z',
      })
      const input: ContactInput = {
        channel: 'email',
        outcome: 'signposted',
        resident_id: strangerId,
        service_id: strangerService,
        case_id: strangerCase,
      }
      assert.deepEqual(await refusal(logContact(database, actor(), councilId, input)), {
        status: 422,
        fields: ['body.service_id', 'body.case_id', 'body.resident_id'],
      })
      assert.deepEqual(
        await refusal(
          logContact(database, actor(), councilId, { channel: 'email', outcome: 'signposted', service_code: 'theirs' }),
        ),
        {
          status: 422,
          fields: ['body.service_code'],
        },
      )
    })

    it('refuses a service_code that names a different service from service_id', async () => {
      const input: ContactInput = {
        channel: 'web',
        outcome: 'signposted',
        service_id: serviceId,
        service_code: 'fly-tipping',
      }
      assert.deepEqual(await refusal(logContact(database, actor(), councilId, input)), {
        status: 422,
        fields: ['body.service_code'],
      })
      const agreeing = await logContact(database, actor(), councilId, { ...input, service_id: otherServiceId })
      assert.equal(agreeing.service_id, otherServiceId)
    })

    it('refuses a merged resident and names the resident to use instead', async () => {
      const survivor = await addResident(database, councilId)
      const merged = await addResident(database, councilId, survivor)
      try {
        await logContact(database, actor(), councilId, { channel: 'phone', outcome: 'signposted', resident_id: merged })
        assert.fail('a merged resident was accepted')
      } catch (error) {
        assert.ok(error instanceof Problem)
        assert.equal(error.status, 422)
        assert.equal(error.errors?.[0]?.name, 'body.resident_id')
        assert.match(error.errors?.[0]?.message ?? '', new RegExp(`resident ${survivor}\\b`))
      }
    })

    it("takes a case's resident and service when they are left out, and refuses a case of another resident", async () => {
      const caseId = await addCase(database, {
        councilId,
        residentId,
        serviceId,
        reference: 'FD-2025-000001',
        createdAt: '2025-01-02T10:00:00.000Z',
      })
      const chasing = await logContact(database, actor(), councilId, {
        channel: 'phone',
        outcome: 'resolved_first_contact',
        avoidable: true,
        case_id: caseId,
      })
      assert.deepEqual([chasing.resident_id, chasing.service_id, chasing.case_id], [residentId, serviceId, caseId])
      const someoneElse = await addResident(database, councilId)
      assert.deepEqual(
        await refusal(
          logContact(database, actor(), councilId, {
            channel: 'phone',
            outcome: 'case_raised',
            case_id: caseId,
            resident_id: someoneElse,
          }),
        ),
        {
          status: 422,
          fields: ['body.case_id'],
        },
      )
    })

    it('checks what the API schema checks for callers that bypass it', async () => {
      const input = {
        channel: 'pigeon',
        outcome: 'lost',
        handle_seconds: 86_401,
        notes: 'x'.repeat(5001),
      } as unknown as ContactInput
      assert.deepEqual(await refusal(logContact(database, actor(), councilId, input)), {
        status: 422,
        fields: ['body.channel', 'body.outcome', 'body.handle_seconds', 'body.notes'],
      })
    })

    it('writes the contact and its audit event together, against the resident or else the contact', async () => {
      const named = await logContact(database, actor(), councilId, {
        channel: 'video',
        outcome: 'referred',
        resident_id: residentId,
      })
      const anonymous = await logContact(database, actor(), councilId, { channel: 'video', outcome: 'referred' })
      const events = await database.db
        .selectFrom('audit_event')
        .select(['subject_type', 'subject_id', 'detail'])
        .where('action', '=', 'contact.create')
        .where('detail', 'like', `%"contact_id":${named.id},%`)
        .execute()
      assert.deepEqual(
        events.map((e) => [e.subject_type, e.subject_id]),
        [['resident', String(residentId)]],
      )
      const anonymousEvent = await database.db
        .selectFrom('audit_event')
        .select(['subject_type', 'subject_id'])
        .where('action', '=', 'contact.create')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
      assert.deepEqual({ ...anonymousEvent }, { subject_type: 'contact', subject_id: String(anonymous.id) })
    })

    it("rolls the contact back with the caller's transaction", async () => {
      const before = await database.db
        .selectFrom('contact')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      await assert.rejects(
        database.db.transaction().execute(async (trx) => {
          await logContact(
            database,
            actor(),
            councilId,
            { channel: 'letter', outcome: 'signposted', resident_id: residentId },
            trx,
          )
          throw new Error('the rest of the work failed')
        }),
        /the rest of the work failed/,
      )
      const after = await database.db
        .selectFrom('contact')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      assert.equal(Number(after.n), Number(before.n))
    })

    it('refuses an external_id already logged with 409; importing it again updates instead', async () => {
      const first = await logContact(database, actor(), councilId, {
        channel: 'phone',
        outcome: 'signposted',
        external_id: 'crm-1',
      })
      assert.deepEqual(
        await refusal(
          logContact(database, actor(), councilId, { channel: 'phone', outcome: 'signposted', external_id: 'crm-1' }),
        ),
        { status: 409, fields: [] },
      )
      const again = await importContact(database, actor(), councilId, {
        channel: 'email',
        outcome: 'resolved_first_contact',
        external_id: 'crm-1',
      })
      assert.equal(again.created, false)
      assert.deepEqual(
        [again.contact.id, again.contact.channel, again.contact.outcome],
        [first.id, 'email', 'resolved_first_contact'],
      )
      const fresh = await importContact(database, actor(), councilId, {
        channel: 'email',
        outcome: 'signposted',
        external_id: 'crm-2',
      })
      assert.equal(fresh.created, true)
      const rows = await database.db
        .selectFrom('contact')
        .select('id')
        .where('external_id', 'in', ['crm-1', 'crm-2'])
        .execute()
      assert.equal(rows.length, 2)
      // The same external_id in another council is another council's contact.
      const theirs = await logContact(database, systemActor(otherCouncilId), otherCouncilId, {
        channel: 'phone',
        outcome: 'signposted',
        external_id: 'crm-1',
      })
      assert.notEqual(theirs.id, first.id)
    })

    it('logs a contact about an answered call as inbound by phone from its answer, refusing any other way', async () => {
      await database.db
        .insertInto('call')
        .values({
          council_id: councilId,
          external_id: 'svc-call-1',
          queue: 'main',
          offered_at: '2025-01-31T23:58:00.000Z',
          answered_at: '2025-01-31T23:59:30.000Z',
          ended_at: '2025-02-01T00:01:00.000Z',
          abandoned: 0,
          caller_number_hash: 'secret-hash',
        })
        .execute()
      const about = {
        outcome: 'resolved_first_contact' as const,
        resident_id: residentId,
        call_external_id: 'svc-call-1',
      }
      assert.deepEqual(
        await refusal(logContact(database, actor(), councilId, { ...about, channel: 'phone', direction: 'outbound' })),
        {
          status: 422,
          fields: ['body.direction'],
        },
      )
      assert.deepEqual(await refusal(logContact(database, actor(), councilId, { ...about, channel: 'email' })), {
        status: 422,
        fields: ['body.channel'],
      })
      assert.deepEqual(
        await refusal(
          logContact(database, actor(), councilId, { ...about, channel: 'phone', call_external_id: 'no-such' }),
        ),
        { status: 422, fields: ['body.call'] },
      )
      // In winter London keeps UTC: answered 23:59:30 on 31 January, ended 00:01:00 on 1 February.
      const contact = await logContact(database, actor(), councilId, {
        ...about,
        channel: 'phone',
        started_at: '2025-02-01T00:05:00.000Z',
        handle_seconds: 600,
      })
      assert.equal(contact.started_at, '2025-01-31T23:59:30.000Z')
      assert.equal(contact.handle_seconds, 90)
      assert.deepEqual(contact.call, {
        queue: 'main',
        offered_at: '2025-01-31T23:58:00.000Z',
        answered_at: '2025-01-31T23:59:30.000Z',
        ended_at: '2025-02-01T00:01:00.000Z',
        wait_seconds: 90,
        duration_seconds: 90,
      })
      const days = await database.db
        .selectFrom('metric_rollup')
        .select(['day', 'contacts'])
        .where('council_id', '=', councilId)
        .where('day', 'in', ['2025-01-31', '2025-02-01'])
        .execute()
      assert.deepEqual(
        days.map((d) => [String(d.day).slice(0, 10), Number(d.contacts)]),
        [['2025-01-31', 1]],
      )
    })

    it('reads a contact only in its own council, and audits the read', async () => {
      const contact = await logContact(database, actor(), councilId, {
        channel: 'webchat',
        outcome: 'signposted',
        resident_id: residentId,
      })
      assert.deepEqual(await getContact(database, actor(), councilId, contact.id), contact)
      assert.deepEqual(await refusal(getContact(database, systemActor(otherCouncilId), otherCouncilId, contact.id)), {
        status: 404,
        fields: [],
      })
      const read = await database.db
        .selectFrom('audit_event')
        .select(['subject_type', 'subject_id', 'council_id'])
        .where('action', '=', 'contact.read')
        .execute()
      assert.deepEqual(
        read.map((e) => ({ ...e })),
        [{ subject_type: 'resident', subject_id: String(residentId), council_id: councilId }],
      )
    })
  })
}
