import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { nowIso } from './database.ts'
import type { Queryable } from './schema.ts'
import type { Engine } from '../../config.ts'
import { preparedAppend, preparedInsert, preparedQuery } from './prepared.ts'

const councilBySlugAndId = preparedQuery(2, (db: Queryable, _engine: Engine, slug: string, minimumId: number) =>
  db
    .selectFrom('council')
    .select(['id', 'name'])
    .where('slug', '=', slug)
    .where('id', '>=', minimumId)
    .orderBy('id')
    .limit(5),
)

const ignoresItsArgument = preparedQuery(1, (db: Queryable, _engine: Engine, _councilId: number) =>
  db.selectFrom('council').select('id'),
)

const insertTeam = preparedInsert('team', ['council_id', 'name', 'email', 'created_at'])
const appendTeam = preparedAppend('team', ['council_id', 'name', 'email', 'created_at'])

for (const engine of ENGINES) {
  describe(`prepared queries (${engine})`, () => {
    let database: TestDatabase
    const ids: Record<string, number> = {}

    before(async () => {
      database = await testDatabase(engine)
      for (const slug of ['north', 'south']) {
        const row = await database.db
          .insertInto('council')
          .values({ slug, name: `${slug} council`, hostnames: '[]', settings: '{}', created_at: nowIso() })
          .returning('id')
          .executeTakeFirstOrThrow()
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
        await trx
          .insertInto('council')
          .values({ slug: 'east', name: 'east council', hostnames: '[]', settings: '{}', created_at: nowIso() })
          .execute()
        assert.equal((await councilBySlugAndId(trx, engine, 'east', 0)).length, 1)
      })
    })

    it('refuses a builder that leaves an argument out of the SQL, rather than run it with the wrong values', async () => {
      await assert.rejects(
        ignoresItsArgument(database.db, engine, 5),
        /argument 1 does not reach the SQL as a parameter/,
      )
    })

    it('inserts a whole row compiled once, each time with its own values, nulls included, and gives it back', async () => {
      const councilId = ids.north as number
      const first = await insertTeam(database.db, engine, {
        council_id: councilId,
        name: 'Waste',
        email: 'waste@example.org',
        created_at: nowIso(),
      })
      const second = await insertTeam(database.db, engine, {
        council_id: councilId,
        name: 'Housing',
        email: null,
        created_at: nowIso(),
      })
      assert.notEqual(first.id, second.id)
      assert.deepEqual([first.name, first.email], ['Waste', 'waste@example.org'])
      assert.deepEqual([second.name, second.email], ['Housing', null])
      await appendTeam(database.db, engine, {
        council_id: councilId,
        name: 'Parking',
        email: null,
        created_at: nowIso(),
      })
      const stored = await database.db
        .selectFrom('team')
        .select(['name', 'email'])
        .where('council_id', '=', councilId)
        .orderBy('id')
        .execute()
      assert.deepEqual(
        stored.map((row) => ({ ...row })),
        [
          { name: 'Waste', email: 'waste@example.org' },
          { name: 'Housing', email: null },
          { name: 'Parking', email: null },
        ],
      )
    })

    it('refuses an insert that breaks a constraint, as the database says, and stores nothing', async () => {
      const councilId = ids.south as number
      await insertTeam(database.db, engine, {
        council_id: councilId,
        name: 'Benefits',
        email: null,
        created_at: nowIso(),
      })
      await assert.rejects(
        insertTeam(database.db, engine, { council_id: councilId, name: 'Benefits', email: null, created_at: nowIso() }),
      )
      const count = await database.db
        .selectFrom('team')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('council_id', '=', councilId)
        .executeTakeFirstOrThrow()
      assert.equal(Number(count.n), 1)
    })
  })
}
