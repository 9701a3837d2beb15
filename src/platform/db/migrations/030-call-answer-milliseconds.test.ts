// Migration 030: the call rollups' summed waits move from whole seconds to milliseconds, on both
// engines, carrying the seconds already kept over and holding sums past an integer's reach.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../../test/support/databases.ts'
import type { TestDatabase } from '../../../../test/support/databases.ts'
import { createTestCouncil } from '../../../../test/support/app.ts'
import { keepMilliseconds } from './030-call-answer-milliseconds.ts'

for (const engine of ENGINES) {
  describe(`migration 030: call waits kept in milliseconds (${engine})`, () => {
    let database: TestDatabase

    before(async () => {
      database = await testDatabase(engine)
    })
    after(() => database.close())

    it('carries each row’s whole seconds over as milliseconds', async () => {
      const db = database.db
      await db.schema
        .createTable('waits_before_030')
        .addColumn('queue', 'text', (col) => col.notNull())
        .addColumn('answer_seconds', 'integer', (col) => col.notNull())
        .execute()
      await db
        .insertInto('waits_before_030' as never)
        .values([
          { queue: 'main', answer_seconds: 95 },
          { queue: 'council-tax', answer_seconds: 0 },
        ] as never)
        .execute()
      await keepMilliseconds(db, 'waits_before_030')
      const rows = await db
        .selectFrom('waits_before_030' as never)
        .selectAll()
        .orderBy('queue' as never)
        .execute()
      assert.deepEqual(
        rows.map((row) => ({ ...(row as object) })),
        [
          { queue: 'council-tax', answer_ms: 0 },
          { queue: 'main', answer_ms: 95_000 },
        ],
      )
    })

    it('has the milliseconds column, not the seconds, and takes a day of waits beyond 24 days', async () => {
      const db = database.db
      const councilId = await createTestCouncil(database)
      const days40 = 40 * 86_400_000
      await db
        .insertInto('call_rollup')
        .values({
          council_id: councilId,
          day: '2026-01-05',
          queue: 'main',
          offered: 1,
          answered: 1,
          abandoned: 0,
          answer_ms: days40,
          within_threshold: 0,
        })
        .execute()
      const row = await db
        .selectFrom('call_rollup')
        .selectAll()
        .where('day', '=', '2026-01-05')
        .executeTakeFirstOrThrow()
      assert.equal(row.answer_ms, days40)
      assert.equal('answer_seconds' in row, false)
    })
  })
}
