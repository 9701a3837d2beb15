import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { nowIso } from './database.ts'
import type { Queryable } from './schema.ts'
import { inTransaction, throughTransaction } from './transaction.ts'

for (const engine of ENGINES) {
  describe(`inTransaction (${engine})`, () => {
    let database: TestDatabase

    before(async () => {
      database = await testDatabase(engine)
    })
    after(() => database.close())

    const addCouncil = (db: Queryable, slug: string) =>
      db
        .insertInto('council')
        .values({ slug, name: `Council ${slug}`, hostnames: '[]', settings: '{}', created_at: nowIso() })
        .returning('id')
        .executeTakeFirstOrThrow()

    const stored = async (slug: string) =>
      (await database.db.selectFrom('council').select('id').where('slug', '=', slug).execute()).length

    it('commits work of its own, and a failure leaves nothing behind', async () => {
      const added = await inTransaction(database, undefined, (trx) => addCouncil(trx, 'own'))
      assert.equal(typeof added.id, 'number')
      assert.equal(await stored('own'), 1)
      const failing = inTransaction(database, undefined, async (trx) => {
        await addCouncil(trx, 'own-failed')
        throw new Error('a rule was broken after the write')
      })
      await assert.rejects(failing, /a rule was broken/)
      assert.equal(await stored('own-failed'), 0)
    })

    it('works in the caller’s transaction: seen through it before commit, undone with it', async () => {
      const outer = database.db.transaction().execute(async (trx) => {
        await inTransaction(database, trx, (db) => addCouncil(db, 'inside'))
        const seen = await throughTransaction(database, trx).db.selectFrom('council').select('slug').execute()
        assert.ok(
          seen.some((row) => row.slug === 'inside'),
          'the write is visible inside the transaction',
        )
        throw new Error('the caller’s later step failed')
      })
      await assert.rejects(outer, /later step failed/)
      assert.equal(await stored('inside'), 0, 'the caller’s rollback took the write with it')
    })
  })
}
