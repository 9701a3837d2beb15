// Every data test runs on both engines: SQLite in a temporary directory, and PostgreSQL from
// PG_URL (a fresh database per test suite) or, without it, an in-process PGlite.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { Engine } from '../../src/config.ts'
import { databaseFromDialect, openDatabase } from '../../src/platform/db/database.ts'
import type { Database } from '../../src/platform/db/database.ts'
import { migrateToLatest } from '../../src/platform/db/migrate.ts'
import { postgresDialect, postgresPool } from '../../src/platform/db/postgres.ts'

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres']

export type TestDatabase = Database & { label: string }

async function sqliteForTest(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'frontdoor-test-'))
  const db = openDatabase({ engine: 'sqlite', file: join(dir, 'test.db') })
  const close = db.close
  return Object.assign(db, {
    label: 'sqlite',
    close: async () => {
      await close()
      rmSync(dir, { recursive: true, force: true })
    },
  })
}

/**
 * pg's Pool.end() resolves before its clients have disconnected; dropping the database then
 * terminates them, and the pool re-raises that as an uncaught error. This waits for the last one.
 */
function whenAllDisconnected(pool: pg.Pool): () => Promise<void> {
  let open = 0
  let settle: (() => void) | undefined
  pool.on('connect', () => open++)
  pool.on('remove', () => {
    open--
    if (open === 0) settle?.()
  })
  return () => (open === 0 ? Promise.resolve() : new Promise<void>((resolve) => (settle = resolve)))
}

async function postgresServerForTest(url: string): Promise<TestDatabase> {
  const name = `frontdoor_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const testUrl = new URL(url)
  testUrl.pathname = `/${name}`
  const pool = postgresPool(testUrl.toString(), 5)
  const disconnected = whenAllDisconnected(pool)
  const db = databaseFromDialect('postgres', postgresDialect(pool))
  const close = db.close
  return Object.assign(db, {
    label: 'postgres',
    close: async () => {
      await close()
      await disconnected()
      const dropper = new pg.Client({ connectionString: url })
      await dropper.connect()
      await dropper.query(`drop database if exists ${name} with (force)`)
      await dropper.end()
    },
  })
}

async function pgliteForTest(): Promise<TestDatabase> {
  const { pgliteDialect } = await import('../../src/platform/db/pglite.ts')
  return Object.assign(databaseFromDialect('postgres', pgliteDialect()), { label: 'pglite' })
}

/** A migrated, empty database on the given engine. Close it when the suite ends. */
export async function testDatabase(engine: Engine): Promise<TestDatabase> {
  const url = process.env.PG_URL
  const db =
    engine === 'sqlite' ? await sqliteForTest() : url ? await postgresServerForTest(url) : await pgliteForTest()
  await migrateToLatest(db)
  return db
}
