// Migration 029: a contact's call is found through an index on the call's contact_id, on both engines.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { ENGINES, testDatabase } from '../../../../test/support/databases.ts'
import type { TestDatabase } from '../../../../test/support/databases.ts'

for (const engine of ENGINES) {
  describe(`migration 029: calls indexed by the contact that records them (${engine})`, () => {
    let database: TestDatabase

    before(async () => {
      database = await testDatabase(engine)
    })
    after(() => database.close())

    it('finds a contact’s call by the index, not by reading every call', async () => {
      if (engine === 'sqlite') {
        const plan = await sql<{ detail: string }>`explain query plan
          select id from call where council_id = 1 and contact_id in (7, 8) and answered_at is not null`.execute(
          database.db,
        )
        assert.ok(
          plan.rows.some((row) => /USING INDEX call_contact/.test(row.detail)),
          plan.rows.map((row) => row.detail).join('; '),
        )
      } else {
        const indexes = await sql<{ indexdef: string }>`select indexdef from pg_indexes
          where tablename = 'call' and indexname = 'call_contact'`.execute(database.db)
        assert.match(indexes.rows[0]?.indexdef ?? '', /\(contact_id, council_id\) WHERE \(contact_id IS NOT NULL\)/)
      }
    })
  })
}
