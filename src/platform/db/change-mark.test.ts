// The change mark lets a cache answer from memory only while nothing anywhere has written: it must
// move for this process's own writes, at once, and for another connection's commits.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { changeMark, nowIso } from './database.ts'
import type { Database } from './database.ts'

const addCouncil = (database: Database, slug: string) =>
  database.db
    .insertInto('council')
    .values({ slug, name: slug, hostnames: '[]', settings: '{}', created_at: nowIso() })
    .execute()

for (const engine of ENGINES) {
  describe(`the database's change mark (${engine})`, () => {
    let database: TestDatabase

    before(async () => {
      database = await testDatabase(engine)
    })
    after(() => database.close())

    if (engine === 'postgres') {
      it('is not given: a cache asks the database every time', () => {
        assert.equal(changeMark(database), undefined)
      })
      return
    }

    it('stands still while the database is only read', async () => {
      const first = changeMark(database)
      assert.equal(typeof first, 'number')
      await database.db.selectFrom('council').selectAll().execute()
      await database.db.selectFrom('service').select('id').where('id', '=', 1).execute()
      assert.equal(changeMark(database), first)
      assert.equal(changeMark(database), first)
    })

    it('moves at once for a write through this handle, and again when a transaction commits', async () => {
      const before = changeMark(database)
      await addCouncil(database, 'one')
      const afterInsert = changeMark(database)
      assert.notEqual(afterInsert, before)

      let insideTransaction: number | undefined
      await database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('council')
          .values({ slug: 'two', name: 'two', hostnames: '[]', settings: '{}', created_at: nowIso() })
          .execute()
        insideTransaction = changeMark(database)
        assert.notEqual(insideTransaction, afterInsert)
      })
      assert.notEqual(changeMark(database), insideTransaction, 'a mark taken before the commit is not the one after it')
    })

    it('moves when another connection commits, though this one wrote nothing', async () => {
      const other = database.another()
      try {
        const before = changeMark(database)
        await addCouncil(other, 'elsewhere')
        const after = changeMark(database)
        assert.notEqual(after, before)
        assert.equal(changeMark(database), after)
        await other.db.updateTable('council').set({ name: 'Elsewhere' }).where('slug', '=', 'elsewhere').execute()
        assert.notEqual(changeMark(database), after)
      } finally {
        await other.close()
      }
    })
  })
}
