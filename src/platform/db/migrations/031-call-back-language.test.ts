// Migration 031: a call back keeps the language it was asked in, English unless said, on both engines.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../../test/support/databases.ts'
import type { TestDatabase } from '../../../../test/support/databases.ts'
import { createTestCouncil } from '../../../../test/support/app.ts'

for (const engine of ENGINES) {
  describe(`migration 031: a call back's language (${engine})`, () => {
    let database: TestDatabase

    before(async () => {
      database = await testDatabase(engine)
    })
    after(() => database.close())

    it('takes a call back written without a language as English, and keeps Welsh', async () => {
      const councilId = await createTestCouncil(database)
      const row = {
        council_id: councilId,
        resident_id: null,
        phone: '01632 960001',
        window_start: '2026-12-07T09:00:00.000Z',
        window_end: '2026-12-07T12:00:00.000Z',
        reason: 'Bins',
        status: 'requested' as const,
        staff_user_id: null,
        contact_id: null,
        created_at: '2026-12-04T09:00:00.000Z',
      }
      await database.db
        .insertInto('callback')
        .values({ ...row, name: 'Unsaid' })
        .execute()
      await database.db
        .insertInto('callback')
        .values({ ...row, name: 'Welsh', language: 'cy' })
        .execute()
      const rows = await database.db
        .selectFrom('callback')
        .select(['name', 'language'])
        .where('council_id', '=', councilId)
        .orderBy('name')
        .execute()
      assert.deepEqual(
        rows.map((r) => ({ ...r })),
        [
          { name: 'Unsaid', language: 'en' },
          { name: 'Welsh', language: 'cy' },
        ],
      )
    })
  })
}
