import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { nowIso, openDatabase } from '../db/database.ts'
import type { Database } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { GENESIS_HASH, recordAudit, verifyAuditChain } from './audit.ts'
import type { Actor } from './audit.ts'
import { childEnv } from '../../../test/support/child-env.ts'

const actor = (councilId: number | null): Actor => ({
  kind: 'token',
  id: 7,
  label: 'token:test',
  councilId,
  sourceAddress: '127.0.0.1',
})

async function chain(database: Database) {
  return database.db.selectFrom('audit_event').select(['id', 'prev_hash', 'hash']).orderBy('id').execute()
}

for (const engine of ENGINES) {
  describe(`audit trail (${engine})`, () => {
    let database: TestDatabase
    let councilId: number

    before(async () => {
      database = await testDatabase(engine)
      councilId = (
        await database.db
          .insertInto('council')
          .values({ slug: 'a', name: 'Audit Council', hostnames: '[]', settings: '{}', created_at: nowIso() })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    })
    after(() => database.close())

    it('starts from the genesis hash and links each event to the one before', async () => {
      await recordAudit(database, actor(councilId), { action: 'resident.read', subjectType: 'resident', subjectId: 1 })
      await recordAudit(database, actor(councilId), {
        action: 'resident.update',
        subjectType: 'resident',
        subjectId: 1,
        detail: { fields: ['language'] },
      })
      await recordAudit(database, actor(null), { action: 'council.create', subjectType: 'council' })
      const rows = await chain(database)
      assert.equal(rows.length, 3)
      assert.equal(rows[0]!.prev_hash, GENESIS_HASH)
      for (let i = 1; i < rows.length; i++) assert.equal(rows[i]!.prev_hash, rows[i - 1]!.hash)
      assert.equal(new Set(rows.map((r) => r.hash)).size, 3)
      assert.deepEqual(await verifyAuditChain(database), { checked: 3, firstBrokenId: null, reason: null })
    })

    it('stores the facts of the event, with the detail as JSON', async () => {
      const row = await database.db
        .selectFrom('audit_event')
        .selectAll()
        .where('action', '=', 'resident.update')
        .executeTakeFirstOrThrow()
      assert.equal(row.council_id, councilId)
      assert.equal(row.actor_kind, 'token')
      assert.equal(row.actor_label, 'token:test')
      assert.equal(row.subject_id, '1')
      assert.equal(row.source_address, '127.0.0.1')
      assert.deepEqual(JSON.parse(row.detail ?? 'null'), { fields: ['language'] })
    })

    it('keeps one unbroken chain when 20 events are recorded at once', async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          recordAudit(database, actor(councilId), { action: 'case.read', subjectType: 'case', subjectId: i + 1 }),
        ),
      )
      const rows = await chain(database)
      assert.equal(rows.length, 23)
      for (let i = 1; i < rows.length; i++)
        assert.equal(rows[i]!.prev_hash, rows[i - 1]!.hash, `event ${rows[i]!.id} does not follow ${rows[i - 1]!.id}`)
      assert.deepEqual(await verifyAuditChain(database, 4), { checked: 23, firstBrokenId: null, reason: null })
    })

    it('keeps the chain and every event when more than a batch arrive at once, mixed with changes in their own transactions', async () => {
      const before = (await chain(database)).length
      const reads = Array.from({ length: 1200 }, (_, i) =>
        recordAudit(database, actor(councilId), {
          action: 'resident.read',
          subjectType: 'resident',
          subjectId: 1000 + i,
        }),
      )
      const changes = Array.from({ length: 5 }, (_, i) =>
        database.db
          .transaction()
          .execute((trx) =>
            recordAudit(
              database,
              actor(councilId),
              { action: 'resident.update', subjectType: 'resident', subjectId: 5000 + i },
              trx,
            ),
          ),
      )
      await Promise.all([...reads, ...changes])
      const rows = await chain(database)
      assert.equal(rows.length, before + 1205)
      assert.deepEqual(await verifyAuditChain(database), { checked: before + 1205, firstBrokenId: null, reason: null })
    })

    it('has the event stored by the time recording it resolves', async () => {
      await recordAudit(database, actor(councilId), {
        action: 'case.read',
        subjectType: 'case',
        subjectId: 'stored-at-once',
      })
      const stored = await database.db
        .selectFrom('audit_event')
        .select('action')
        .where('subject_id', '=', 'stored-at-once')
        .execute()
      assert.deepEqual(
        stored.map((row) => row.action),
        ['case.read'],
      )
    })

    it('writes nothing when the change it describes is rolled back', async () => {
      await assert.rejects(
        database.db.transaction().execute(async (trx) => {
          await recordAudit(
            database,
            actor(councilId),
            { action: 'case.create', subjectType: 'case', subjectId: 99 },
            trx,
          )
          throw new Error('the change failed')
        }),
        /the change failed/,
      )
      const written = await database.db.selectFrom('audit_event').select('id').where('subject_id', '=', '99').execute()
      assert.deepEqual(written, [])
      assert.equal((await verifyAuditChain(database)).firstBrokenId, null)
    })

    it('names the event whose detail was changed afterwards', async () => {
      const rows = await chain(database)
      const target = rows[5]!
      await database.db
        .updateTable('audit_event')
        .set({ detail: JSON.stringify({ fields: ['nothing to see'] }) })
        .where('id', '=', target.id)
        .execute()
      const report = await verifyAuditChain(database, 4)
      assert.equal(report.firstBrokenId, target.id)
      assert.equal(report.checked, 5)
      assert.match(report.reason ?? '', /changed/)
    })

    it('names the event after one that was deleted', async () => {
      // Start from a clean trail so the earlier tampering does not mask this one.
      await database.db.deleteFrom('audit_event').execute()
      for (let i = 0; i < 6; i++)
        await recordAudit(database, actor(councilId), {
          action: 'resident.read',
          subjectType: 'resident',
          subjectId: i,
        })
      const rows = await chain(database)
      await database.db.deleteFrom('audit_event').where('id', '=', rows[2]!.id).execute()
      const report = await verifyAuditChain(database)
      assert.equal(report.firstBrokenId, rows[3]!.id)
      assert.equal(report.checked, 2)
      assert.match(report.reason ?? '', /removed/)
    })
  })
}

describe('frontdoor audit verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontdoor-audit-cli-'))
  const file = join(dir, 'audit.db')
  const main = fileURLToPath(new URL('../../main.ts', import.meta.url))
  after(() => rmSync(dir, { recursive: true, force: true }))

  const verify = () =>
    spawnSync(process.execPath, [main, 'audit', 'verify'], {
      env: {
        ...childEnv(),
        DATABASE_URL: `sqlite:${file}`,
        SEED_DEMO: 'false',
        DATA_DIR: dir,
        LOG_LEVEL: 'silent',
      },
      encoding: 'utf8',
      timeout: 30_000,
    })

  const withFile = async (work: (database: Database) => Promise<void>) => {
    const database = openDatabase({ engine: 'sqlite', file })
    try {
      await migrateToLatest(database)
      await work(database)
    } finally {
      await database.close()
    }
  }

  it('exits 0 and counts the events when the trail is intact', async () => {
    await withFile(async (database) => {
      for (let i = 0; i < 4; i++)
        await recordAudit(database, actor(null), { action: 'resident.read', subjectType: 'resident', subjectId: i })
    })
    const result = verify()
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stdout, /intact: 4 events/)
  })

  it('exits 2 naming the broken event when a row was changed', async () => {
    let brokenId = 0
    await withFile(async (database) => {
      const third = await database.db
        .selectFrom('audit_event')
        .select('id')
        .orderBy('id')
        .offset(2)
        .limit(1)
        .executeTakeFirstOrThrow()
      brokenId = third.id
      await database.db.updateTable('audit_event').set({ action: 'resident.list' }).where('id', '=', brokenId).execute()
    })
    const result = verify()
    assert.equal(result.status, 2)
    assert.match(result.stderr, new RegExp(`broken at event ${brokenId}\\b`))
    assert.equal(result.stderr.trim().split('\n').length, 1)
  })
})

describe(
  'frontdoor audit verify on PostgreSQL',
  {
    skip: process.env.PG_URL
      ? false
      : 'needs PG_URL: the command runs in its own process and cannot reach an in-process PGlite',
  },
  () => {
    const serverUrl = process.env.PG_URL ?? ''
    const name = `frontdoor_audit_cli_${Date.now().toString(36)}`
    const databaseUrl = () => {
      const url = new URL(serverUrl)
      url.pathname = `/${name}`
      return url.toString()
    }
    const admin = async (statement: string) => {
      const { default: pg } = await import('pg')
      const client = new pg.Client({ connectionString: serverUrl })
      await client.connect()
      try {
        await client.query(statement)
      } finally {
        await client.end()
      }
    }
    const main = fileURLToPath(new URL('../../main.ts', import.meta.url))
    const verify = () =>
      spawnSync(process.execPath, [main, 'audit', 'verify'], {
        env: {
          ...childEnv(),
          DATABASE_URL: databaseUrl(),
          SEED_DEMO: 'false',
          DATA_DIR: tmpdir(),
          LOG_LEVEL: 'silent',
        },
        encoding: 'utf8',
        timeout: 30_000,
      })

    before(() => admin(`create database ${name}`))
    after(() => admin(`drop database if exists ${name} with (force)`))

    it('exits 2 naming the event after one that was deleted, and 0 once the trail is whole', async () => {
      const database = openDatabase({ engine: 'postgres', url: databaseUrl() })
      let ids: number[]
      try {
        await migrateToLatest(database)
        for (let i = 0; i < 5; i++)
          await recordAudit(database, actor(null), { action: 'case.read', subjectType: 'case', subjectId: i })
        ids = (await chain(database)).map((row) => row.id)
        const intact = verify()
        assert.equal(intact.status, 0, intact.stderr)
        assert.match(intact.stdout, /intact: 5 events/)
        await database.db.deleteFrom('audit_event').where('id', '=', ids[1]!).execute()
      } finally {
        await database.close()
      }
      const result = verify()
      assert.equal(result.status, 2)
      assert.match(
        result.stderr,
        new RegExp(
          `broken at event ${ids[2]}: does not point to the row before it \\(a row was removed or reordered\\) \\(1 events before it are intact\\)`,
        ),
      )
      assert.equal(result.stderr.trim().split('\n').length, 1)
    })
  },
)
