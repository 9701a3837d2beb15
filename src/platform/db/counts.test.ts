import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { nowIso } from './database.ts'
import { addCounts } from './counts.ts'
import type { CountedTable } from './counts.ts'
import { writeTogether } from './group-commit.ts'

// Calls by day and queue: a table of totals that needs nothing but a council.
const CALLS: CountedTable = {
  table: 'call_rollup',
  keys: ['council_id', 'day', 'queue'],
  counts: ['offered', 'answered', 'abandoned', 'answer_ms', 'within_threshold'],
}

for (const engine of ENGINES) {
  describe(`totals added to (${engine})`, () => {
    let database: TestDatabase
    let councilId: number

    before(async () => {
      database = await testDatabase(engine)
      const council = await database.db
        .insertInto('council')
        .values({ slug: 'counts', name: 'Counts', hostnames: '[]', settings: '{}', created_at: nowIso() })
        .returning('id')
        .executeTakeFirstOrThrow()
      councilId = council.id
    })
    after(() => database.close())

    const row = (day: string, offered: number, answered = 0) => ({
      council_id: councilId,
      day,
      queue: 'main',
      offered,
      answered,
      abandoned: 0,
      answer_ms: 0,
      within_threshold: 0,
    })
    const stored = async () =>
      Object.fromEntries(
        (
          await database.db
            .selectFrom('call_rollup')
            .select(['day', 'offered', 'answered'])
            .where('council_id', '=', councilId)
            .orderBy('day')
            .execute()
        ).map((r) => [r.day, [Number(r.offered), Number(r.answered)]]),
      )

    it('adds to the row of the same key and makes the rows there are none of, more than one statement holds', async () => {
      const days = Array.from({ length: 40 }, (_, i) => `2026-01-${String((i % 28) + 1).padStart(2, '0')}`)
      await database.db.transaction().execute((trx) =>
        addCounts(
          trx,
          CALLS,
          [...new Set(days)].map((day) => row(day, 1)),
        ),
      )
      await database.db.transaction().execute((trx) => addCounts(trx, CALLS, [row('2026-01-01', 2, 1)]))
      const totals = await stored()
      assert.equal(Object.keys(totals).length, 28)
      assert.deepEqual(totals['2026-01-01'], [3, 1])
      assert.deepEqual(totals['2026-01-28'], [1, 0])
    })

    it('within writes committed together, sums every unit that succeeded and nothing of one that failed', async () => {
      const before = (await stored())['2026-01-02'] as number[]
      const unit = (offered: number, fail: boolean) =>
        writeTogether(database, async (trx) => {
          await addCounts(trx, CALLS, [row('2026-01-02', offered), row('2026-02-01', offered)])
          if (fail) throw new Error('a rule was broken after the counts were added')
        })
      const outcomes = await Promise.allSettled([unit(1, false), unit(10, true), unit(100, false), unit(-1, false)])
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
      )
      const totals = await stored()
      assert.deepEqual(totals['2026-01-02'], [(before[0] as number) + 100, 0])
      assert.deepEqual(totals['2026-02-01'], [100, 0])
    })
  })
}
