import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Kysely } from 'kysely'
import { ENGINES, testDatabase } from './test-databases.ts'
import type { TestDatabase } from './test-databases.ts'
import { nowIso } from './database.ts'
import type { Database } from './schema.ts'
import type { Engine } from '../../config.ts'
import { preparedQuery } from './prepared.ts'

const councilBySlugAndId = preparedQuery(2, (db: Kysely<Database>, _engine: Engine, slug: string, minimumId: number) =>
  db.selectFrom('council').select(['id', 'name']).where('slug', '=', slug).where('id', '>=', minimumId).orderBy('id').limit(5),
)

const ignoresItsArgument = preparedQuery(1, (db: Kysely<Database>, _engine: Engine, _councilId: number) => db.selectFrom('council').select('id'))

for (const engine of ENGINES) {
  describe(`prepared queries (${engine})`, () => {
    let database: TestDatabase
    const ids: Record<string, number> = {}

    before(async () => {
      database = await testDatabase(engine)
      for (const slug of ['north', 'south']) {
        const row = await database.db.insertInto('council').values({ slug, name: `${slug} council`, hostnames: '[]', settings: '{}', created_at: nowIso() }).returning('id').executeTakeFirstOrThrow()
        ids[slug] = row.id
      }
    })
    after(() => database.close())

    it('runs the query compiled once with each call’s own values, in the right places', async () => {
      assert.deepEqual(
        (await councilBySlugAndId(database.db, engine, 'north', 0)).map((row) => row.name),
        ['north council'],
      )
      assert.deepEqual(
        (await councilBySlugAndId(database.db, engine, 'south', 0)).map((row) => row.name),
        ['south council'],
      )
      assert.deepEqual(await councilBySlugAndId(database.db, engine, 'south', (ids.south as number) + 1), [])
    })

    it('runs inside a transaction and sees its uncommitted rows', async () => {
      await database.db.transaction().execute(async (trx) => {
        await trx.insertInto('council').values({ slug: 'east', name: 'east council', hostnames: '[]', settings: '{}', created_at: nowIso() }).execute()
        assert.equal((await councilBySlugAndId(trx, engine, 'east', 0)).length, 1)
      })
    })

    it('refuses a builder that leaves an argument out of the SQL, rather than run it with the wrong values', async () => {
      await assert.rejects(ignoresItsArgument(database.db, engine, 5), /argument 1 does not reach the SQL as a parameter/)
    })
  })
}
