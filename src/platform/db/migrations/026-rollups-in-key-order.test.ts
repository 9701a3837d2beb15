import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { testDatabase } from '../../../../test/support/databases.ts'
import type { TestDatabase } from '../../../../test/support/databases.ts'
import { nowIso } from '../database.ts'
import { KEY_ORDERED_ROLLUPS, rollupsInKeyOrderMigration } from './026-rollups-in-key-order.ts'

// SQLite only: on PostgreSQL the migration does nothing (its tables have no rowid to leave out).

async function definitionOf(database: TestDatabase, table: string): Promise<string> {
  const { rows } = await sql<{
    sql: string
  }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(database.db)
  return rows[0]?.sql ?? ''
}

/** Puts a rollup back as migration 025 left it: the same definition, stored by rowid. */
async function asBefore(database: TestDatabase, table: string): Promise<void> {
  const definition = (await definitionOf(database, table)).replace(/ WITHOUT ROWID$/i, '')
  await sql.raw(`DROP TABLE "${table}"`).execute(database.db)
  await sql.raw(definition).execute(database.db)
}

const upOf = (database: TestDatabase) => rollupsInKeyOrderMigration('sqlite').up(database.db)

describe('migration 026: rollups in key order (sqlite)', () => {
  let database: TestDatabase
  let councilId: number

  before(async () => {
    database = await testDatabase('sqlite')
    councilId = (
      await database.db
        .insertInto('council')
        .values({ slug: 'k', name: 'Key Order Council', hostnames: '[]', settings: '{}', created_at: nowIso() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  })
  after(() => database.close())

  const dailyRow = (day: string, contacts: number) => ({
    council_id: councilId,
    day,
    channel: 'phone' as const,
    service_id: 0,
    outcome: 'signposted' as const,
    direction: 'inbound' as const,
    contacts,
    avoidable: 0,
    handle_seconds: contacts * 60,
  })

  it('stores every rollup in its key order', async () => {
    for (const table of KEY_ORDERED_ROLLUPS) assert.match(await definitionOf(database, table), / WITHOUT ROWID$/)
  })

  it('keeps the rows, the key and the checks of a rollup it rebuilds', async () => {
    for (const table of KEY_ORDERED_ROLLUPS) await asBefore(database, table)
    const rows = [dailyRow('2025-03-30', 4), dailyRow('2025-03-31', 7)]
    await database.db.insertInto('metric_rollup').values(rows).execute()

    await upOf(database)

    assert.match(await definitionOf(database, 'metric_rollup'), / WITHOUT ROWID$/)
    const kept = await database.db.selectFrom('metric_rollup').selectAll().orderBy('day').execute()
    assert.deepEqual(
      kept.map((row) => ({ ...row })),
      rows,
    )
    await assert.rejects(
      database.db.insertInto('metric_rollup').values(dailyRow('2025-03-30', 1)).execute(),
      /UNIQUE|PRIMARY KEY/,
    )
    await assert.rejects(
      database.db
        .insertInto('metric_rollup')
        .values({ ...dailyRow('2025-04-01', 1), channel: 'pigeon' as never })
        .execute(),
      /CHECK/,
    )
    await database.db.deleteFrom('metric_rollup').execute()
  })

  it('does nothing to rollups already in key order', async () => {
    const before = await Promise.all(KEY_ORDERED_ROLLUPS.map((table) => definitionOf(database, table)))
    await upOf(database)
    assert.deepEqual(await Promise.all(KEY_ORDERED_ROLLUPS.map((table) => definitionOf(database, table))), before)
  })

  it('leaves every rollup as it was when one cannot be rebuilt', async () => {
    await asBefore(database, 'metric_rollup')
    await database.db.insertInto('metric_rollup').values(dailyRow('2025-06-01', 3)).execute()
    // The last rollup rebuilt is not where the migration expects it.
    await sql`alter table form_rollup rename to form_rollup_elsewhere`.execute(database.db)

    await assert.rejects(upOf(database), /form_rollup/)

    assert.doesNotMatch(await definitionOf(database, 'metric_rollup'), /WITHOUT ROWID/)
    assert.equal((await database.db.selectFrom('metric_rollup').selectAll().execute()).length, 1)
    assert.equal(await definitionOf(database, 'metric_rollup_in_key_order'), '')
    await sql`alter table form_rollup_elsewhere rename to form_rollup`.execute(database.db)
  })
})
