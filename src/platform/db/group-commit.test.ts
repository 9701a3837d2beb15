import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { nowIso } from './database.ts'
import { writeTogether } from './group-commit.ts'

for (const engine of ENGINES) {
  describe(`writes committed together (${engine})`, () => {
    let database: TestDatabase

    before(async () => {
      database = await testDatabase(engine)
    })
    after(() => database.close())

    const addCouncil = (slug: string) =>
      writeTogether(database, async (trx) => {
        const row = await trx
          .insertInto('council')
          .values({ slug, name: `Council ${slug}`, hostnames: '[]', settings: '{}', created_at: nowIso() })
          .returning('id')
          .executeTakeFirstOrThrow()
        return row.id
      })

    const slugs = async () =>
      (await database.db.selectFrom('council').select('slug').orderBy('slug').execute()).map((row) => row.slug)

    it('gives each caller its own result, and the write is there as soon as it resolves', async () => {
      const ids = await Promise.all(
        Array.from({ length: 30 }, (_, i) => addCouncil(`together-${String(i).padStart(2, '0')}`)),
      )
      assert.equal(new Set(ids).size, 30)
      const stored = await slugs()
      for (let i = 0; i < 30; i++) assert.ok(stored.includes(`together-${String(i).padStart(2, '0')}`))
    })

    it('undoes a failing unit alone: its error reaches its caller, the others still commit', async () => {
      const failing = writeTogether(database, async (trx) => {
        await trx
          .insertInto('council')
          .values({ slug: 'half-written', name: 'Half', hostnames: '[]', settings: '{}', created_at: nowIso() })
          .execute()
        throw new Error('a rule was broken after the first write')
      })
      const duplicate = addCouncil('together-00')
      const good = [addCouncil('after-1'), addCouncil('after-2')]
      // Settled together: on PostgreSQL each is its own transaction and may fail before the others.
      const [failed, refused, ...committed] = await Promise.allSettled([failing, duplicate, ...good])
      assert.equal(failed.status, 'rejected')
      assert.match(String((failed as PromiseRejectedResult).reason), /a rule was broken/)
      assert.equal(refused.status, 'rejected')
      assert.deepEqual(
        committed.map((outcome) => outcome.status),
        ['fulfilled', 'fulfilled'],
      )
      const stored = await slugs()
      assert.ok(!stored.includes('half-written'), 'the failed unit left nothing behind')
      assert.equal(stored.filter((slug) => slug === 'together-00').length, 1)
      assert.ok(stored.includes('after-1') && stored.includes('after-2'))
    })
  })
}
