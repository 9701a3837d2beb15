import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { nowIso } from './database.ts'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AsideReader, readAside, readAsideWith } from './read-aside.ts'

// SQLite's own rows have no prototype; rows from the reading thread come as plain objects.
const plain = (rows: readonly object[]) => rows.map((row) => ({ ...row }))

const councilRow = (slug: string) => ({
  slug,
  name: `Council ${slug}`,
  hostnames: '[]',
  settings: '{}',
  created_at: nowIso(),
})

for (const engine of ENGINES) {
  describe(`long reads made aside (${engine})`, () => {
    let database: TestDatabase

    before(async () => {
      database = await testDatabase(engine)
    })
    after(() => database.close())

    const addCouncil = (slug: string) => database.db.insertInto('council').values(councilRow(slug)).execute()

    const slugsAfter = (first: string) =>
      database.db.selectFrom('council').select('slug').where('slug', '>=', first).orderBy('slug')

    it('answers as the same read made in line, and sees each write once it is committed', async () => {
      await addCouncil('aside-a')
      await addCouncil('aside-b')
      assert.deepEqual(
        plain(await readAside(database.db, slugsAfter('aside-'))),
        plain(await slugsAfter('aside-').execute()),
      )
      assert.deepEqual(plain(await readAside(database.db, slugsAfter('aside-'))), [
        { slug: 'aside-a' },
        { slug: 'aside-b' },
      ])
      await addCouncil('aside-c')
      assert.deepEqual(
        (await readAside(database.db, slugsAfter('aside-'))).map((row) => row.slug),
        ['aside-a', 'aside-b', 'aside-c'],
      )
    })

    it('is timed as every other query is, failures counted as failures', async () => {
      const timed: boolean[] = []
      database.onQuery = (ms, ok) => {
        assert.ok(ms >= 0)
        timed.push(ok)
      }
      try {
        await readAside(database.db, slugsAfter('aside-'))
        await assert.rejects(
          readAside(database.db, database.db.selectFrom('no_such_table' as 'council').select('slug')),
        )
      } finally {
        delete database.onQuery
      }
      assert.deepEqual(timed, [true, false])
    })

    it('gives many reads at once each its own answer', async () => {
      const answers = await Promise.all(
        ['aside-a', 'aside-b', 'aside-c', 'aside-d'].map((first) => readAside(database.db, slugsAfter(first))),
      )
      assert.deepEqual(
        answers.map((rows) => rows.length),
        [3, 2, 1, 0],
      )
    })

    it('reads inside a transaction what the transaction has written', async () => {
      await database.db.transaction().execute(async (trx) => {
        await trx.insertInto('council').values(councilRow('aside-in-trx')).execute()
        const rows = await readAside(trx, trx.selectFrom('council').select('slug').where('slug', '=', 'aside-in-trx'))
        assert.deepEqual(plain(rows), [{ slug: 'aside-in-trx' }])
      })
    })

    it('passes a failing read’s error to its caller, and reads on after it', async () => {
      const broken = database.db.selectFrom('no_such_table' as 'council').select('slug')
      await assert.rejects(readAside(database.db, broken), /no_such_table/)
      assert.equal((await readAside(database.db, slugsAfter('aside-a'))).length, 4)
    })

    if (engine === 'sqlite')
      it('never writes: a write sent aside is refused and nothing is stored', async () => {
        const write = database.db.insertInto('council').values(councilRow('aside-write'))
        await assert.rejects(readAside(database.db, write), /readonly|read-only|query_only/i)
        const stored = await database.db
          .selectFrom('council')
          .select('slug')
          .where('slug', '=', 'aside-write')
          .execute()
        assert.equal(stored.length, 0)
      })
  })
}

describe('a reading thread that cannot start', () => {
  it('leaves each read to be made in line, with the same answer', async () => {
    const database = await testDatabase('sqlite')
    try {
      // A thread that cannot open its file fails as it starts.
      readAsideWith(database.db, new AsideReader(join(tmpdir(), 'no-such-folder', 'frontdoor.db')))
      const rows = await readAside(database.db, database.db.selectFrom('council').select('slug'))
      assert.deepEqual(plain(rows), plain(await database.db.selectFrom('council').select('slug').execute()))
    } finally {
      await database.close()
    }
  })
})

describe('a database closed while a read is aside', () => {
  it('closes without waiting on the reading thread, and the process is not held open', async () => {
    const database = await testDatabase('sqlite')
    const reading = readAside(database.db, database.db.selectFrom('council').select('slug'))
    await database.close()
    // Either the read finished first or it is told the database closed: it never hangs.
    await reading.then(
      (rows) => assert.ok(Array.isArray(rows)),
      (error: unknown) => assert.match(String(error), /closed/),
    )
  })
})
