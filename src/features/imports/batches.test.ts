import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestCouncil } from '../../../test/support/app.ts'
import { importCsv } from './service.ts'
import { addTeamAndService, countRows, csv } from './test-fixtures.ts'

const RESIDENT_HEADER = 'external_id,given_name,family_name,date_of_birth,email,phone,address_line_1,town,postcode'
const CONTACT_HEADER = 'external_id,channel,direction,started_at,outcome,notes'

const PEOPLE = [
  'p-1,Amy,Batch,1970-01-02,amy@example.org,07700 900101,1 Mill Lane,Exampleton,AB1 1AA',
  'p-2,Ben,Batch,,ben@example.org,,2 Mill Lane,Exampleton,AB1 1AB',
  'p-3,Cal,Batch,1981-03-04,,07700 900103,,,',
  'p-4,Dee,Batch,,dee@example.org,07700 900104,4 Mill Lane,,AB1 1AD',
  'p-5,Eve,Batch,1990-05-06,eve@example.org,,5 Mill Lane,Exampleton,AB1 1AE',
]

function lines(...rows: string[]): string {
  return rows.join('\n') + '\n'
}

type BatchEvent = { file: string | null; created: number; updated: number; unchanged: number }

async function batchEvents(database: TestDatabase, councilId: number, kind: string): Promise<BatchEvent[]> {
  const rows = await database.db
    .selectFrom('audit_event')
    .select(['detail', 'actor_label'])
    .where('council_id', '=', councilId)
    .where('action', '=', `import.${kind}.batch`)
    .orderBy('id')
    .execute()
  for (const row of rows) assert.equal(row.actor_label, 'cli import')
  return rows.map((row) => JSON.parse(row.detail ?? 'null') as BatchEvent)
}

/** Everything a re-import could duplicate, lose or rewrite, in a stable order. */
async function residentsAsStored(database: TestDatabase, councilId: number) {
  const residents = await database.db
    .selectFrom('resident')
    .select(['id', 'external_id', 'given_name', 'family_name', 'date_of_birth', 'search_text', 'updated_at'])
    .where('council_id', '=', councilId)
    .orderBy('external_id')
    .execute()
  const details = await database.db
    .selectFrom('resident_contact_detail')
    .select(['resident_id', 'kind', 'value', 'is_primary'])
    .where('council_id', '=', councilId)
    .orderBy('resident_id')
    .orderBy('kind')
    .execute()
  const addresses = await database.db
    .selectFrom('resident_address')
    .select(['resident_id', 'address_line_1', 'town', 'postcode', 'is_primary'])
    .where('council_id', '=', councilId)
    .orderBy('resident_id')
    .execute()
  const plain = <T extends object>(rows: T[]) => rows.map((row) => ({ ...row }))
  return { residents: plain(residents), details: plain(details), addresses: plain(addresses) }
}

async function refuseOnInsert(database: TestDatabase, table: string, when: string): Promise<() => Promise<void>> {
  const name = `refuse_${table}`
  if (database.engine === 'sqlite') {
    await sql
      .raw(`create trigger ${name} before insert on ${table} when ${when} begin select raise(abort, 'refused'); end`)
      .execute(database.db)
    return async () => void (await sql.raw(`drop trigger ${name}`).execute(database.db))
  }
  await sql
    .raw(
      `create function ${name}() returns trigger language plpgsql as $$ begin if ${when} then raise exception 'refused'; end if; return new; end $$`,
    )
    .execute(database.db)
  await sql
    .raw(`create trigger ${name} before insert on ${table} for each row execute function ${name}()`)
    .execute(database.db)
  return async () => {
    await sql.raw(`drop trigger ${name} on ${table}`).execute(database.db)
    await sql.raw(`drop function ${name}()`).execute(database.db)
  }
}

for (const engine of ENGINES) {
  describe(`import batches (${engine})`, () => {
    let database: TestDatabase
    let dir: string
    let councils = 0

    const newCouncil = async () => {
      councils++
      const councilId = await createTestCouncil(database, `batch-council-${councils}`, `Batch Council ${councils}`)
      await addTeamAndService(database, councilId)
      return councilId
    }

    before(async () => {
      database = await testDatabase(engine)
      dir = mkdtempSync(join(tmpdir(), 'frontdoor-import-batches-'))
    })
    after(async () => {
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    })

    it('writes one audit event per committed batch, with its counts, the file and the actor, and no personal data', async () => {
      const councilId = await newCouncil()
      const file = join(dir, 'residents-2026-12.csv')
      writeFileSync(file, lines(RESIDENT_HEADER, ...PEOPLE))
      const report = await importCsv(database, councilId, 'residents', file, undefined, { batchSize: 2 })
      assert.equal(report.inserted, 5)
      const events = await batchEvents(database, councilId, 'residents')
      assert.deepEqual(events, [
        { file: 'residents-2026-12.csv', created: 2, updated: 0, unchanged: 0 },
        { file: 'residents-2026-12.csv', created: 2, updated: 0, unchanged: 0 },
        { file: 'residents-2026-12.csv', created: 1, updated: 0, unchanged: 0 },
      ])
      assert.equal(await countRows(database, 'resident', councilId), 5)
      const details = await database.db
        .selectFrom('audit_event')
        .select('detail')
        .where('council_id', '=', councilId)
        .execute()
      for (const { detail } of details) assert.doesNotMatch(detail ?? '', /Batch|Amy|example\.org|07700|AB1|Mill/)
    })

    it('re-imports an unchanged file without duplicating, losing or rewriting anything, also after an interrupted run', async () => {
      const councilId = await newCouncil()
      // The run that was stopped got as far as its first three rows.
      await importCsv(database, councilId, 'residents', csv(lines(RESIDENT_HEADER, ...PEOPLE.slice(0, 3))))
      const whole = lines(RESIDENT_HEADER, ...PEOPLE)
      const rerun = await importCsv(database, councilId, 'residents', csv(whole))
      assert.deepEqual([rerun.read, rerun.inserted, rerun.updated, rerun.rejected], [5, 2, 3, 0])
      const stored = await residentsAsStored(database, councilId)
      assert.equal(stored.residents.length, 5)
      assert.equal(stored.details.length, 7)
      assert.equal(stored.addresses.length, 4)

      const again = await importCsv(database, councilId, 'residents', csv(whole))
      assert.deepEqual([again.read, again.inserted, again.updated, again.rejected], [5, 0, 5, 0])
      assert.deepEqual(await residentsAsStored(database, councilId), stored)
      assert.deepEqual((await batchEvents(database, councilId, 'residents')).at(-1), {
        file: null,
        created: 0,
        updated: 0,
        unchanged: 5,
      })
    })

    it('rewrites only the rows of a re-import that changed', async () => {
      const councilId = await newCouncil()
      await importCsv(database, councilId, 'residents', csv(lines(RESIDENT_HEADER, ...PEOPLE)))
      const before = await residentsAsStored(database, councilId)
      const changed = PEOPLE.map((row) => row.replace('ben@example.org', 'ben.new@example.org'))
      await new Promise((resolve) => setTimeout(resolve, 5))
      const report = await importCsv(database, councilId, 'residents', csv(lines(RESIDENT_HEADER, ...changed)))
      assert.deepEqual([report.inserted, report.updated], [0, 5])
      assert.deepEqual((await batchEvents(database, councilId, 'residents')).at(-1), {
        file: null,
        created: 0,
        updated: 1,
        unchanged: 4,
      })
      const after = await residentsAsStored(database, councilId)
      const ben = after.residents.find((row) => row.external_id === 'p-2')
      assert.notEqual(ben?.updated_at, before.residents.find((row) => row.external_id === 'p-2')?.updated_at)
      assert.match(ben?.search_text ?? '', /ben\.new@example\.org/)
      assert.deepEqual(
        after.residents.filter((row) => row.external_id !== 'p-2'),
        before.residents.filter((row) => row.external_id !== 'p-2'),
      )
      const bens = after.details.filter((row) => row.resident_id === ben?.id && row.kind === 'email')
      assert.deepEqual(bens, [{ resident_id: ben?.id, kind: 'email', value: 'ben.new@example.org', is_primary: 1 }])
      assert.equal(after.details.length, before.details.length)
    })

    it('leaves neither the rows nor an audit event of a batch whose audit event is refused', async () => {
      const councilId = await newCouncil()
      const allow = await refuseOnInsert(database, 'audit_event', `new.action = 'import.contacts.batch'`)
      try {
        const report = await importCsv(
          database,
          councilId,
          'contacts',
          csv(
            lines(
              CONTACT_HEADER,
              'f-1,phone,inbound,2024-06-01T09:00:00Z,abandoned,',
              'f-2,phone,inbound,2024-06-01T09:01:00Z,abandoned,',
            ),
          ),
        )
        assert.deepEqual([report.inserted, report.rejected], [0, 2])
      } finally {
        await allow()
      }
      assert.equal(await countRows(database, 'contact', councilId), 0)
      assert.deepEqual(await batchEvents(database, councilId, 'contacts'), [])
    })

    it('accounts in the audit trail for exactly the rows written when a row of a batch is refused', async () => {
      const councilId = await newCouncil()
      const allow = await refuseOnInsert(database, 'contact', `new.notes = 'refuse me'`)
      try {
        const report = await importCsv(
          database,
          councilId,
          'contacts',
          csv(
            lines(
              CONTACT_HEADER,
              'g-1,phone,inbound,2024-06-01T09:00:00Z,abandoned,fine',
              'g-2,phone,inbound,2024-06-01T09:01:00Z,abandoned,refuse me',
              'g-3,phone,inbound,2024-06-01T09:02:00Z,abandoned,fine',
            ),
          ),
        )
        assert.deepEqual([report.inserted, report.rejected], [2, 1])
      } finally {
        await allow()
      }
      // The refused batch was undone whole, its audit event with it; its good rows went in one by one.
      assert.equal(await countRows(database, 'contact', councilId), 2)
      const events = await batchEvents(database, councilId, 'contacts')
      assert.deepEqual(
        events.map((event) => event.created),
        [1, 1],
      )
    })
  })
}
