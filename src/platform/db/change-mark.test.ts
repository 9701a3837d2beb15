// The change mark lets a cache answer from memory only while nothing anywhere has written: it must
// move for this process's own writes, at once, and for another connection's commits.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { Worker } from 'node:worker_threads'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { changeMark, nowIso, openDatabase } from './database.ts'
import { openSqlite } from './sqlite.ts'
import { commitsElsewhere } from './sqlite-changes.ts'
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

/** A bare SQL write by a connection in another thread, as another process or the command line would make it. */
function writeElsewhere(file: string, statement: string): Promise<void> {
  const code = `
    const { DatabaseSync } = require('node:sqlite')
    const { parentPort, workerData } = require('node:worker_threads')
    const database = new DatabaseSync(workerData.file, { timeout: 5000 })
    database.exec(workerData.statement)
    database.close()
    parentPort.postMessage('done')`
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { file, statement } })
    worker.once('message', () => resolve())
    worker.once('error', reject)
  })
}

describe("the change mark and another process's commits (sqlite)", () => {
  let dir: string
  let database: Database

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'frontdoor-mark-'))
    database = openDatabase({ engine: 'sqlite', file: join(dir, 'marked.db') })
    await sql`create table note (id integer primary key, body text)`.execute(database.db)
  })
  after(async () => {
    await database.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('moves once a commit by a connection this process does not count is done, and stands still after it', async () => {
    const first = changeMark(database)
    await writeElsewhere(join(dir, 'marked.db'), "insert into note (body) values ('elsewhere')")
    const second = changeMark(database)
    assert.notEqual(second, first)
    await new Promise((resolve) => setImmediate(resolve))
    assert.equal(changeMark(database), second)
    await writeElsewhere(join(dir, 'marked.db'), "update note set body = 'changed'")
    assert.notEqual(changeMark(database), second)
  })

  it('moves for a commit made after the log was copied back and begun again', async () => {
    await writeElsewhere(join(dir, 'marked.db'), 'pragma wal_checkpoint(truncate)')
    const emptied = changeMark(database)
    await new Promise((resolve) => setImmediate(resolve))
    assert.equal(changeMark(database), emptied)
    await writeElsewhere(join(dir, 'marked.db'), "insert into note (body) values ('after the checkpoint')")
    assert.notEqual(changeMark(database), emptied)
  })

  it('reads the header SQLite keeps beside the file, not a read transaction, and falls back for a database in memory', () => {
    const file = openSqlite(join(dir, 'marked.db'))
    const memory = openSqlite(':memory:')
    try {
      assert.ok(Buffer.isBuffer(commitsElsewhere(file)()))
      assert.equal(typeof commitsElsewhere(memory)(), 'number')
    } finally {
      file.close()
      memory.close()
    }
  })
})
