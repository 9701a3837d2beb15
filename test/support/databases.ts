// Every data test runs on both engines: SQLite in a temporary directory, and PostgreSQL from
// PG_URL (a fresh database per test suite) or, without it, an in-process PGlite.
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash, randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import type { Engine } from '../../src/config.ts'
import { databaseFromDialect, openDatabase } from '../../src/platform/db/database.ts'
import type { Database } from '../../src/platform/db/database.ts'
import { migrateToLatest } from '../../src/platform/db/migrate.ts'
import { postgresDialect, postgresPool } from '../../src/platform/db/postgres.ts'

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres']

export type TestDatabase = Database & {
  label: string
  /**
   * Another handle on the same database with its own connection, as another process or the
   * command line would have. Close it before the suite's.
   */
  another(): Database
}

/**
 * A migrated, empty SQLite file, made once per set of migrations and copied for each suite: the
 * copy is a database of its own, and copying a file is a fraction of running every migration.
 */
async function migratedSqliteFile(): Promise<string> {
  const file = join(tmpdir(), `frontdoor-sqlite-${migrationsKey()}.db`)
  if (existsSync(file)) return file
  const partial = `${file}.${process.pid}`
  rmSync(partial, { force: true })
  const db = openDatabase({ engine: 'sqlite', file: partial })
  await migrateToLatest(db)
  // Closing checkpoints the write-ahead log into the file, so the file alone is the database.
  await db.close()
  renameSync(partial, file)
  return file
}

async function sqliteForTest(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'frontdoor-test-'))
  copyFileSync(await migratedSqliteFile(), join(dir, 'test.db'))
  const file = join(dir, 'test.db')
  const db = openDatabase({ engine: 'sqlite', file })
  const close = db.close
  return Object.assign(db, {
    label: 'sqlite',
    another: () => openDatabase({ engine: 'sqlite', file }),
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

function databaseUrl(url: string, name: string): string {
  const changed = new URL(url)
  changed.pathname = `/${name}`
  return changed.toString()
}

/**
 * Migrating a new PostgreSQL database took most of a short data test's time (about 0.8 s, and
 * hundreds of suites make one). So the first suite to need one migrates a template database once,
 * named by the migrations, under an advisory lock that makes any other test process wait for it;
 * every suite then copies the template, which PostgreSQL does in a fraction of that.
 */
async function migratedTemplate(admin: pg.Client, url: string): Promise<string> {
  const template = `frontdoor_template_${migrationsKey()}`
  const exists = async () =>
    (await admin.query('select 1 from pg_database where datname = $1', [template])).rowCount === 1
  if (await exists()) return template
  await admin.query('select pg_advisory_lock(hashtext($1))', [template])
  try {
    if (await exists()) return template
    const building = `${template}_${process.pid}`
    await admin.query(`drop database if exists ${building}`)
    await admin.query(`create database ${building}`)
    const pool = postgresPool(databaseUrl(url, building), 1)
    const disconnected = whenAllDisconnected(pool)
    const db = databaseFromDialect('postgres', postgresDialect(pool))
    await migrateToLatest(db)
    await db.close()
    await disconnected()
    await admin.query(`alter database ${building} rename to ${template}`)
    return template
  } finally {
    await admin.query('select pg_advisory_unlock(hashtext($1))', [template])
  }
}

/**
 * PostgreSQL 15 copies a template by writing every page of it to the write-ahead log (its
 * WAL_LOG strategy, made for large databases copied rarely): about 310 ms of the server's CPU for
 * our 10 MB template, against 36 ms to copy its files (FILE_COPY), and hundreds of suites make
 * one. Servers before 15 only copy files, and do not know the option.
 */
async function fileCopyStrategy(admin: pg.Client): Promise<string> {
  const version = await admin.query<{ server_version_num: string }>('show server_version_num')
  return Number(version.rows[0]?.server_version_num) >= 150_000 ? ' strategy file_copy' : ''
}

async function postgresServerForTest(url: string): Promise<TestDatabase> {
  const name = `frontdoor_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    const template = await migratedTemplate(admin, url)
    await admin.query(`create database ${name} template ${template}${await fileCopyStrategy(admin)}`)
  } finally {
    await admin.end()
  }
  const pool = postgresPool(databaseUrl(url, name), 5)
  const disconnected = whenAllDisconnected(pool)
  const db = databaseFromDialect('postgres', postgresDialect(pool))
  const close = db.close
  return Object.assign(db, {
    label: 'postgres',
    another: () => openDatabase({ engine: 'postgres', url: databaseUrl(url, name) }),
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

/**
 * A new PGlite runs initdb, which took most of a data test's time on a busy machine (15 s and
 * more, against 4 s to start from a data folder). So the first suite to need one migrates a
 * PGlite once and saves its data folder, keyed by the migrations, and every suite after that (in
 * any test process) starts its own PGlite from that folder: still a database of its own.
 */
async function migratedDataDir(): Promise<Blob> {
  const file = join(tmpdir(), `frontdoor-pglite-${migrationsKey()}.tar`)
  if (existsSync(file)) return new Blob([readFileSync(file)])
  const { PGliteDialect } = await import('kysely')
  const { newPglite } = await import('../../src/platform/db/pglite.ts')
  const pglite = newPglite()
  const db = databaseFromDialect('postgres', new PGliteDialect({ pglite }))
  await migrateToLatest(db)
  const dump = await pglite.dumpDataDir('none')
  await db.close()
  const partial = `${file}.${process.pid}`
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()))
  renameSync(partial, file)
  return dump
}

/** Changes whenever a migration or the PGlite version does, so a stale folder is never used. */
function migrationsKey(): string {
  const hash = createHash('sha256')
  const folder = fileURLToPath(new URL('../../src/platform/db/migrations/', import.meta.url))
  for (const name of readdirSync(folder).sort()) hash.update(name).update(readFileSync(join(folder, name)))
  hash.update(readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url)))
  return hash.digest('hex').slice(0, 16)
}

let dataDir: Promise<Blob> | undefined

async function pgliteForTest(): Promise<TestDatabase> {
  dataDir ??= migratedDataDir()
  const { PGliteDialect } = await import('kysely')
  const { newPglite } = await import('../../src/platform/db/pglite.ts')
  const pglite = newPglite(await dataDir)
  // PGlite is one connection in this process; a second handle is the nearest there is.
  const another = () => ({ ...databaseFromDialect('postgres', new PGliteDialect({ pglite })), close: async () => {} })
  return Object.assign(databaseFromDialect('postgres', new PGliteDialect({ pglite })), { label: 'pglite', another })
}

/** A migrated, empty database on the given engine. Close it when the suite ends. */
export async function testDatabase(engine: Engine): Promise<TestDatabase> {
  const url = process.env.PG_URL
  const db =
    engine === 'sqlite' ? await sqliteForTest() : url ? await postgresServerForTest(url) : await pgliteForTest()
  await migrateToLatest(db)
  return db
}
