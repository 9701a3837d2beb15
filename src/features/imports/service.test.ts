import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { sql } from 'kysely'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestCouncil } from '../../../test/support/app.ts'
import { ImportFileError, importCsv } from './service.ts'
import type { ImportProgress } from './service.ts'
import { UNKNOWN_RESIDENT, UNKNOWN_SERVICE } from './lookups.ts'
import { addTeamAndService, countRows, csv } from './test-fixtures.ts'

const RESIDENT_HEADER =
  'external_id,given_name,family_name,date_of_birth,email,phone,address_line_1,address_line_2,town,postcode,uprn,preferred_channel,digital_status,language'
const CONTACT_HEADER =
  'external_id,resident_external_id,channel,direction,started_at,handle_seconds,service_code,outcome,avoidable,notes'
const CASE_HEADER =
  'external_id,resident_external_id,service_code,channel,created_by,created_at,status,resolved_at,due_at'

/** node:sqlite returns rows without a prototype; compare them as plain objects. */
function plain<T extends object>(rows: T[]): T[] {
  return rows.map((row) => ({ ...row }))
}

function lines(...rows: string[]): string {
  return rows.join('\n') + '\n'
}

for (const engine of ENGINES) {
  describe(`imports (${engine})`, () => {
    let database: TestDatabase
    let councilId: number

    before(async () => {
      database = await testDatabase(engine)
      councilId = await createTestCouncil(database)
      await addTeamAndService(database, councilId, 'missed-bin')
      await importCsv(
        database,
        councilId,
        'residents',
        csv(
          lines(
            RESIDENT_HEADER,
            'base-1,Ada,Lovelace,1960-12-10,ada@example.org,07700 900001,1 High Street,,Exampleton,ab1 2cd,100012345678,email,self_serve,en',
          ),
        ),
      )
    })
    after(async () => database.close())

    describe('residents', () => {
      it('keeps the good rows of a mixed file and names each bad row by line and reason, without the bad value', async () => {
        const before = await countRows(database, 'resident', councilId)
        const report = await importCsv(
          database,
          councilId,
          'residents',
          csv(
            lines(
              RESIDENT_HEADER,
              'mix-1,Zoë,Ångström,1980-02-29,zoe@example.org,+44 7700 900123,2 Mill Lane,Flat 3,Exampleton,EX1 1AA,12345,sms,needs_help,cy',
              'mix-2,Bob,Bad,1970-01-01,bob-at-example,,,,,,,,,',
              'mix-3,Cara,Good,,,01632 960001,,,,,,letter,offline_by_choice,',
              'mix-4,Dan,Worse,2999-01-01,,,3 Road,,,NOTAPOSTCODE,,pigeon,,',
              'mix-5,,Nameless,,,,,,,,,,,',
              ',Eve,NoId,,,,,,,,,,cannot_use,',
              'mix-6,Fay,Partial,,,,,,,SW1A 1AA,,,,',
              'mix-7,Gus,Uprn,1975-02-30,,,4 Lane,,,,1234567890123,,,',
            ),
          ),
        )
        assert.equal(report.read, 8)
        assert.equal(report.inserted, 3)
        assert.equal(report.updated, 0)
        assert.equal(report.rejected, 5)
        assert.equal(report.insertedWithoutExternalId, 1)
        assert.deepEqual(report.rejections, [
          { line: 3, reason: 'email is not a valid email address' },
          {
            line: 5,
            reason:
              'date_of_birth must be in the past; postcode is not a valid UK postcode; preferred_channel must be one of email, sms, letter, phone',
          },
          { line: 6, reason: 'given_name is required' },
          { line: 8, reason: 'address_line_1 is required when any part of the address is given' },
          { line: 9, reason: 'date_of_birth is not a real date; uprn must be 1 to 12 digits' },
        ])
        assert.equal(await countRows(database, 'resident', councilId), before + 3)

        const zoe = await database.db
          .selectFrom('resident')
          .selectAll()
          .where('external_id', '=', 'mix-1')
          .executeTakeFirstOrThrow()
        assert.equal(zoe.given_name, 'Zoë')
        assert.equal(zoe.date_of_birth, '1980-02-29')
        assert.equal(zoe.preferred_channel, 'sms')
        assert.equal(zoe.digital_status, 'needs_help')
        assert.match(zoe.search_text, /zoë ångström/)
        assert.match(zoe.search_text, /ex1 1aa/)
        assert.match(zoe.search_text, /07700900123/)
        const details = await database.db
          .selectFrom('resident_contact_detail')
          .select(['kind', 'value', 'is_primary'])
          .where('resident_id', '=', zoe.id)
          .orderBy('kind')
          .execute()
        assert.deepEqual(plain(details), [
          { kind: 'email', value: 'zoe@example.org', is_primary: 1 },
          { kind: 'phone', value: '+44 7700 900123', is_primary: 1 },
        ])
        const address = await database.db
          .selectFrom('resident_address')
          .selectAll()
          .where('resident_id', '=', zoe.id)
          .executeTakeFirstOrThrow()
        assert.deepEqual(
          [
            address.address_line_1,
            address.address_line_2,
            address.town,
            address.postcode,
            address.uprn,
            address.is_primary,
          ],
          ['2 Mill Lane', 'Flat 3', 'Exampleton', 'EX1 1AA', '12345', 1],
        )
      })

      it('updates rather than duplicates on a second run, replacing the primary details', async () => {
        const file = (email: string) =>
          lines(
            RESIDENT_HEADER,
            `again-1,Hal,Twice,,${email},,5 Street,,Town,AB1 2CD,,,,`,
            'again-2,Ivy,Twice,,,,,,,,,,,',
          )
        const first = await importCsv(database, councilId, 'residents', csv(file('hal@example.org')))
        assert.deepEqual([first.inserted, first.updated, first.rejected], [2, 0, 0])
        const residents = await countRows(database, 'resident', councilId)
        const details = await countRows(database, 'resident_contact_detail', councilId)
        const addresses = await countRows(database, 'resident_address', councilId)

        const second = await importCsv(database, councilId, 'residents', csv(file('hal.new@example.org')))
        assert.deepEqual([second.read, second.inserted, second.updated, second.rejected], [2, 0, 2, 0])
        assert.equal(await countRows(database, 'resident', councilId), residents)
        assert.equal(await countRows(database, 'resident_contact_detail', councilId), details)
        assert.equal(await countRows(database, 'resident_address', councilId), addresses)
        const hal = await database.db
          .selectFrom('resident')
          .select(['id', 'search_text'])
          .where('external_id', '=', 'again-1')
          .executeTakeFirstOrThrow()
        const emails = await database.db
          .selectFrom('resident_contact_detail')
          .select('value')
          .where('resident_id', '=', hal.id)
          .where('kind', '=', 'email')
          .execute()
        assert.deepEqual(plain(emails), [{ value: 'hal.new@example.org' }])
        assert.match(hal.search_text, /hal\.new@example\.org/)
        assert.doesNotMatch(hal.search_text, /hal@example\.org/)
      })

      it('leaves details alone on a re-import whose file has no column for them', async () => {
        await importCsv(
          database,
          councilId,
          'residents',
          csv(
            lines(
              'external_id,given_name,family_name,email,postcode,address_line_1',
              'keep-1,Jo,Keeper,jo@example.org,AB1 2CD,6 Way',
            ),
          ),
        )
        const report = await importCsv(
          database,
          councilId,
          'residents',
          csv(lines('external_id,given_name,family_name,language', 'keep-1,Joanna,Keeper,en')),
        )
        assert.equal(report.updated, 1)
        const jo = await database.db
          .selectFrom('resident')
          .select(['id', 'given_name', 'language', 'search_text'])
          .where('external_id', '=', 'keep-1')
          .executeTakeFirstOrThrow()
        assert.equal(jo.given_name, 'Joanna')
        assert.equal(jo.language, 'en')
        assert.match(jo.search_text, /jo@example\.org/)
        assert.match(jo.search_text, /ab1 2cd/)
        assert.equal((await countRows(database, 'resident_contact_detail', councilId)) > 0, true)
        const emails = await database.db
          .selectFrom('resident_contact_detail')
          .select('value')
          .where('resident_id', '=', jo.id)
          .execute()
        assert.deepEqual(plain(emails), [{ value: 'jo@example.org' }])
      })

      it('refuses a file with an unknown column by name and writes nothing', async () => {
        const residents = await countRows(database, 'resident', councilId)
        const audits = await countRows(database, 'audit_event', councilId)
        await assert.rejects(
          importCsv(
            database,
            councilId,
            'residents',
            csv(lines(`${RESIDENT_HEADER},favourite_colour,Shoe Size`, 'x-1,Kim,Extra,,,,,,,,,,,,blue,9')),
          ),
          (error: unknown) =>
            error instanceof ImportFileError &&
            /unknown columns favourite_colour, shoe size/.test(error.message) &&
            !/Kim/.test(error.message),
        )
        assert.equal(await countRows(database, 'resident', councilId), residents)
        assert.equal(await countRows(database, 'audit_event', councilId), audits)
      })

      it('refuses a file missing a required column by name', async () => {
        await assert.rejects(
          importCsv(database, councilId, 'residents', csv(lines('external_id,given_name', 'y-1,Lee'))),
          (error: unknown) =>
            error instanceof ImportFileError && /missing required column family_name/.test(error.message),
        )
      })

      it('refuses an empty file and a missing file', async () => {
        await assert.rejects(
          importCsv(database, councilId, 'residents', csv('')),
          (error: unknown) => error instanceof ImportFileError && /empty/.test(error.message),
        )
        await assert.rejects(
          importCsv(database, councilId, 'residents', join(tmpdir(), 'frontdoor-no-such-file.csv')),
          (error: unknown) => error instanceof ImportFileError && /does not exist/.test(error.message),
        )
      })

      it('reads a file that starts with a byte order mark and has Windows line endings', async () => {
        const report = await importCsv(
          database,
          councilId,
          'residents',
          csv('\uFEFF' + [RESIDENT_HEADER, 'bom-1,Mo,Marked,,,,,,,,,,,'].join('\r\n') + '\r\n'),
        )
        assert.deepEqual([report.inserted, report.rejected], [1, 0])
        const mo = await database.db
          .selectFrom('resident')
          .select('given_name')
          .where('external_id', '=', 'bom-1')
          .executeTakeFirst()
        assert.equal(mo?.given_name, 'Mo')
      })

      it('records an audit event for the run with its counts and no personal data', async () => {
        await importCsv(
          database,
          councilId,
          'residents',
          csv(lines('given_name,family_name,email', 'Ned,Audited,not-an-email', 'Ola,Audited,')),
        )
        const event = await database.db
          .selectFrom('audit_event')
          .selectAll()
          .where('action', '=', 'import.residents')
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow()
        assert.equal(event.actor_kind, 'system')
        assert.equal(event.actor_label, 'cli import')
        assert.equal(event.council_id, councilId)
        assert.deepEqual(JSON.parse(event.detail ?? '{}'), {
          read: 2,
          inserted: 1,
          updated: 0,
          rejected: 1,
          finished: true,
        })
        assert.doesNotMatch(event.detail ?? '', /Audited|Ned|not-an-email/)
      })
    })

    describe('contacts', () => {
      it('links contacts to imported residents and services, and rejects one naming an unknown resident or service', async () => {
        const report = await importCsv(
          database,
          councilId,
          'contacts',
          csv(
            lines(
              CONTACT_HEADER,
              'c-1,base-1,phone,inbound,2024-03-01T09:15:00+00:00,240,missed-bin,resolved_first_contact,no,Asked about collection day',
              'c-2,nobody-here,phone,inbound,2024-03-01T09:20:00Z,60,missed-bin,resolved_first_contact,,',
              'c-3,,web,inbound,2024-03-01T10:00:00+01:00,,no-such-service,signposted,yes,',
              'c-4,,face_to_face,inbound,2024-03-02T11:00:00Z,,,case_raised,1,',
            ),
          ),
        )
        assert.deepEqual([report.read, report.inserted, report.rejected], [4, 2, 2])
        assert.deepEqual(report.rejections, [
          { line: 3, reason: UNKNOWN_RESIDENT },
          { line: 4, reason: UNKNOWN_SERVICE },
        ])
        const base = await database.db
          .selectFrom('resident')
          .select('id')
          .where('external_id', '=', 'base-1')
          .executeTakeFirstOrThrow()
        const c1 = await database.db
          .selectFrom('contact')
          .selectAll()
          .where('external_id', '=', 'c-1')
          .executeTakeFirstOrThrow()
        assert.equal(c1.resident_id, base.id)
        assert.notEqual(c1.service_id, null)
        assert.deepEqual(
          [c1.channel, c1.direction, c1.started_at, c1.handle_seconds, c1.outcome, c1.avoidable],
          ['phone', 'inbound', '2024-03-01T09:15:00.000Z', 240, 'resolved_first_contact', 0],
        )
        const c4 = await database.db
          .selectFrom('contact')
          .selectAll()
          .where('external_id', '=', 'c-4')
          .executeTakeFirstOrThrow()
        assert.deepEqual([c4.resident_id, c4.service_id, c4.avoidable], [null, null, 1])
      })

      it('rejects a time without an offset, and stores times with one in UTC', async () => {
        const report = await importCsv(
          database,
          councilId,
          'contacts',
          csv(
            lines(
              'channel,direction,started_at,outcome',
              'phone,inbound,2024-03-01T10:00:00,abandoned',
              'phone,inbound,2024-07-01T10:00:00+01:00,abandoned',
              'phone,inbound,2024-02-30T10:00:00Z,abandoned',
            ),
          ),
        )
        assert.deepEqual(report.rejections, [
          { line: 2, reason: 'started_at has no time zone offset: add Z or +01:00' },
          { line: 4, reason: 'started_at is not a real time' },
        ])
        const stored = await database.db
          .selectFrom('contact')
          .select('started_at')
          .where('started_at', '=', '2024-07-01T09:00:00.000Z')
          .execute()
        assert.equal(stored.length, 1)
      })

      it('takes a file without the optional columns, as empty', async () => {
        const report = await importCsv(
          database,
          councilId,
          'contacts',
          csv(lines('outcome,started_at,direction,channel', 'signposted,2023-05-05T12:00:00Z,outbound,letter')),
        )
        assert.deepEqual([report.inserted, report.rejected, report.insertedWithoutExternalId], [1, 0, 1])
        const contact = await database.db
          .selectFrom('contact')
          .selectAll()
          .where('channel', '=', 'letter')
          .executeTakeFirstOrThrow()
        assert.deepEqual(
          [
            contact.external_id,
            contact.resident_id,
            contact.handle_seconds,
            contact.avoidable,
            contact.notes,
            contact.direction,
          ],
          [null, null, null, 0, null, 'outbound'],
        )
      })

      it('counts lines through multi-line quoted notes and reports an unclosed quote where its row starts', async () => {
        const text = [
          CONTACT_HEADER,
          'm-1,,phone,inbound,2024-04-01T09:00:00Z,30,,resolved_first_contact,,"Caller said:\r\n""the bin was missed""\r\nagain"',
          '',
          'm-2,,carrier-pigeon,inbound,2024-04-01T09:05:00Z,,,resolved_first_contact,,',
          'm-3,,phone,sideways,2024-04-01T09:06:00Z,-5,,resolved_first_contact,maybe,"two',
          'lines"',
          'm-4,,phone,inbound,2024-04-01T09:07:00Z',
          'm-5,,phone,inbound,2024-04-01T09:08:00Z,,,abandoned,,"never closed',
          'm-6,,phone,inbound,2024-04-01T09:09:00Z,,,abandoned,,',
        ].join('\r\n')
        const report = await importCsv(database, councilId, 'contacts', csv(text))
        assert.equal(report.inserted, 1)
        assert.deepEqual(report.rejections, [
          {
            line: 6,
            reason: 'channel must be one of web, phone, face_to_face, video, email, letter, webchat, social, partner',
          },
          {
            line: 7,
            reason:
              'direction must be one of inbound, outbound; handle_seconds must be a whole number of 0 or more; avoidable must be true or false (or yes/no, 1/0)',
          },
          { line: 9, reason: 'the row has 5 fields but the header has 10' },
          { line: 10, reason: 'a quoted field is never closed, so the rest of the file could not be read' },
        ])
        const m1 = await database.db
          .selectFrom('contact')
          .select('notes')
          .where('external_id', '=', 'm-1')
          .executeTakeFirstOrThrow()
        assert.equal(m1.notes, 'Caller said:\r\n"the bin was missed"\r\nagain')
      })

      it('does not duplicate on a second run, and takes the last of two rows with the same external id', async () => {
        const file = lines(
          CONTACT_HEADER,
          'd-1,,phone,inbound,2024-05-01T09:00:00Z,10,,resolved_first_contact,,',
          'd-2,,phone,inbound,2024-05-01T09:01:00Z,20,,resolved_first_contact,,',
          'd-1,,phone,inbound,2024-05-01T09:00:00Z,99,,resolved_first_contact,,',
        )
        const first = await importCsv(database, councilId, 'contacts', csv(file))
        assert.deepEqual([first.inserted, first.updated], [2, 1])
        const contacts = await countRows(database, 'contact', councilId)
        const second = await importCsv(database, councilId, 'contacts', csv(file))
        assert.deepEqual([second.inserted, second.updated, second.rejected], [0, 3, 0])
        assert.equal(await countRows(database, 'contact', councilId), contacts)
        const d1 = await database.db
          .selectFrom('contact')
          .select('handle_seconds')
          .where('external_id', '=', 'd-1')
          .executeTakeFirstOrThrow()
        assert.equal(d1.handle_seconds, 99)
      })

      it('commits in batches, reports progress, and when the database refuses a batch loses only the refused row', async () => {
        await refuseNotes(database, 'refuse me')
        const rows = Array.from(
          { length: 7 },
          (_, i) => `b-${i},,phone,inbound,2024-06-01T09:0${i}:00Z,,,abandoned,,${i === 4 ? 'refuse me' : 'fine'}`,
        )
        const progress: ImportProgress[] = []
        const report = await importCsv(
          database,
          councilId,
          'contacts',
          csv(lines(CONTACT_HEADER, ...rows)),
          (p) => progress.push(p),
          { batchSize: 3 },
        )
        assert.deepEqual([report.read, report.inserted, report.rejected], [7, 6, 1])
        assert.equal(report.rejections[0]?.line, 6)
        assert.match(report.rejections[0]?.reason ?? '', /database refused this row/)
        const stored = await database.db
          .selectFrom('contact')
          .select('external_id')
          .where('external_id', 'like', 'b-%')
          .orderBy('external_id')
          .execute()
        assert.deepEqual(
          stored.map((row) => row.external_id),
          ['b-0', 'b-1', 'b-2', 'b-3', 'b-5', 'b-6'],
        )
        assert.deepEqual(progress.at(-1), { read: 7, accepted: 6, rejected: 1, elapsedMs: progress.at(-1)?.elapsedMs })
      })

      it('lists only the first 100 rejected rows but counts and skips them all', async () => {
        const bad = Array.from({ length: 150 }, (_, i) => `,,phone,inbound,not a time ${i},,,abandoned,,`)
        const report = await importCsv(
          database,
          councilId,
          'contacts',
          csv(lines(CONTACT_HEADER, ...bad, ',,phone,inbound,2024-01-01T00:00:00Z,,,abandoned,,'), 4096),
          undefined,
          { batchSize: 10 },
        )
        assert.equal(report.rejected, 150)
        assert.equal(report.inserted, 1)
        assert.equal(report.rejections.length, 100)
        assert.deepEqual(
          report.rejections.slice(0, 2).map((r) => r.line),
          [2, 3],
        )
        assert.equal(report.rejections.at(-1)?.line, 101)
      })

      it('stops with a file error when the file cannot be read part way through', async () => {
        // The disk fails once the import has read the header and a row (its first progress report).
        let firstRowRead: () => void = () => {}
        const rowRead = new Promise<void>((resolve) => (firstRowRead = resolve))
        let reads = 0
        const failing = new Readable({
          read() {
            // The parser holds back a file's last line until it knows the line is complete.
            if (reads++ === 0)
              this.push(lines(CONTACT_HEADER, 'e-1,,phone,inbound,2024-01-01T00:00:00Z,,,abandoned,,', 'e-2,'))
            else
              void rowRead.then(() =>
                this.destroy(Object.assign(new Error('i/o error'), { code: 'EIO', syscall: 'read' })),
              )
          },
        })
        await assert.rejects(
          importCsv(database, councilId, 'contacts', failing, firstRowRead),
          (error: unknown) => error instanceof ImportFileError && error.message === 'the file could not be read (EIO)',
        )
        const event = await database.db
          .selectFrom('audit_event')
          .select('detail')
          .where('action', '=', 'import.contacts')
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow()
        assert.equal(JSON.parse(event.detail ?? '{}').finished, false)
      })

      it('reads from a file path', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'frontdoor-import-'))
        try {
          const path = join(dir, 'contacts.csv')
          writeFileSync(
            path,
            lines(CONTACT_HEADER, 'f-1,,email,inbound,2024-01-02T03:04:05.678+00:00,,,signposted,false,'),
          )
          const report = await importCsv(database, councilId, 'contacts', path)
          assert.deepEqual([report.inserted, report.rejected], [1, 0])
          const stored = await database.db
            .selectFrom('contact')
            .select('started_at')
            .where('external_id', '=', 'f-1')
            .executeTakeFirstOrThrow()
          assert.equal(stored.started_at, '2024-01-02T03:04:05.678Z')
        } finally {
          rmSync(dir, { recursive: true, force: true })
        }
      })
    })

    describe('cases', () => {
      it('generates references by the year created, computes due times, creates no contacts, and keeps references on a second run', async () => {
        const contacts = await countRows(database, 'contact', councilId)
        const file = (status: string, resolvedAt: string) =>
          lines(
            CASE_HEADER,
            'k-1,base-1,missed-bin,phone,staff,2019-06-03T10:00:00+01:00,open,,',
            `k-2,,missed-bin,web,resident,2021-01-04T09:00:00Z,${status},${resolvedAt},2021-01-10T17:00:00Z`,
            'k-3,nobody-here,missed-bin,web,resident,2021-01-04T09:00:00Z,open,,',
            'k-4,,missed-bin,web,robot,2021-01-04T09:00:00Z,resolved,,',
            'k-5,,missed-bin,web,resident,2099-01-04T09:00:00Z,open,,',
          )
        const first = await importCsv(database, councilId, 'cases', csv(file('resolved', '2021-01-05T12:00:00Z')))
        assert.deepEqual([first.inserted, first.updated, first.rejected], [2, 0, 3])
        assert.deepEqual(first.rejections, [
          { line: 4, reason: UNKNOWN_RESIDENT },
          {
            line: 5,
            reason: 'created_by must be one of resident, staff; resolved_at is required when the status is resolved',
          },
          { line: 6, reason: 'created_at is in the future' },
        ])
        assert.equal(await countRows(database, 'contact', councilId), contacts)

        const k1 = await database.db
          .selectFrom('case')
          .selectAll()
          .where('external_id', '=', 'k-1')
          .executeTakeFirstOrThrow()
        const k2 = await database.db
          .selectFrom('case')
          .selectAll()
          .where('external_id', '=', 'k-2')
          .executeTakeFirstOrThrow()
        assert.match(k1.reference, /^FD-2019-\d{6}$/)
        assert.match(k2.reference, /^FD-2021-\d{6}$/)
        assert.equal(k1.created_at, '2019-06-03T09:00:00.000Z')
        assert.equal(k1.status, 'open')
        // Monday 10:00 plus 16 working hours (09:00-17:00) is Wednesday 10:00 (BST: 09:00Z).
        assert.equal(k1.due_at, '2019-06-05T09:00:00.000Z')
        assert.deepEqual(
          [k2.status, k2.resolved_at, k2.due_at, k2.resident_id],
          ['resolved', '2021-01-05T12:00:00.000Z', '2021-01-10T17:00:00.000Z', null],
        )
        const events = await database.db
          .selectFrom('case_event')
          .select(['kind', 'to_status', 'actor_kind', 'at'])
          .where('case_id', '=', k2.id)
          .execute()
        assert.deepEqual(plain(events), [
          { kind: 'created', to_status: 'resolved', actor_kind: 'system', at: '2021-01-04T09:00:00.000Z' },
        ])

        const cases = await countRows(database, 'case', councilId)
        const second = await importCsv(database, councilId, 'cases', csv(file('closed', '2021-01-06T12:00:00Z')))
        assert.deepEqual([second.inserted, second.updated, second.rejected], [0, 2, 3])
        assert.equal(await countRows(database, 'case', councilId), cases)
        assert.equal(await countRows(database, 'case_event', councilId), 2)
        const k2again = await database.db
          .selectFrom('case')
          .selectAll()
          .where('external_id', '=', 'k-2')
          .executeTakeFirstOrThrow()
        assert.deepEqual(
          [k2again.reference, k2again.status, k2again.resolved_at],
          [k2.reference, 'closed', '2021-01-06T12:00:00.000Z'],
        )
        assert.equal(await countRows(database, 'contact', councilId), contacts)
      })

      it('gives each new case its own reference, counting on from the cases already there', async () => {
        const report = await importCsv(
          database,
          councilId,
          'cases',
          csv(
            lines(
              'service_code,channel,created_by,created_at,status',
              ...Array.from({ length: 5 }, () => 'missed-bin,phone,staff,2022-03-01T10:00:00Z,open'),
            ),
          ),
          undefined,
          { batchSize: 2 },
        )
        assert.equal(report.inserted, 5)
        const references = await database.db
          .selectFrom('case')
          .select('reference')
          .where('reference', 'like', 'FD-2022-%')
          .orderBy('reference')
          .execute()
        assert.deepEqual(
          references.map((r) => r.reference),
          ['FD-2022-000001', 'FD-2022-000002', 'FD-2022-000003', 'FD-2022-000004', 'FD-2022-000005'],
        )
      })

      it('rejects a resolved time on an open case and a due time before creation', async () => {
        const report = await importCsv(
          database,
          councilId,
          'cases',
          csv(
            lines(
              CASE_HEADER,
              ',,missed-bin,phone,staff,2022-03-01T10:00:00Z,open,2022-03-02T10:00:00Z,',
              ',,missed-bin,phone,staff,2022-03-01T10:00:00Z,cancelled,,2022-02-01T10:00:00Z',
            ),
          ),
        )
        assert.deepEqual(report.rejections, [
          { line: 2, reason: 'resolved_at must be empty while the status is open' },
          { line: 3, reason: 'due_at is before created_at' },
        ])
      })
    })
  })
}

/** A database rule the import's checks do not know, so a batch can fail where only the database says no. */
async function refuseNotes(database: TestDatabase, notes: string): Promise<void> {
  if (database.engine === 'sqlite') {
    await sql`create trigger refuse_notes before insert on contact when new.notes = ${sql.lit(notes)} begin select raise(abort, 'refused'); end`.execute(
      database.db,
    )
    return
  }
  await sql`create function refuse_notes() returns trigger language plpgsql as $$ begin if new.notes = ${sql.lit(notes)} then raise exception 'refused'; end if; return new; end $$`.execute(
    database.db,
  )
  await sql`create trigger refuse_notes before insert on contact for each row execute function refuse_notes()`.execute(
    database.db,
  )
}
