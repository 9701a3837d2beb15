import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { Worker } from 'node:worker_threads'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from './database.ts'
import { migrateToLatest } from './migrate.ts'
import { verifyAuditChain } from '../audit/audit.ts'

const WRITERS = 3
const EACH = 200

function writeFromAnotherConnection(file: string, label: string, count = EACH): Promise<{ failures: string[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../../../test/support/sqlite-writer.ts', import.meta.url), {
      workerData: { file, count, label },
    })
    worker.once('message', resolve)
    worker.once('error', reject)
  })
}

describe('one SQLite file written by several connections at once', () => {
  let dir: string
  let file: string

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'frontdoor-sqlite-'))
    file = join(dir, 'shared.db')
    const database = openDatabase({ engine: 'sqlite', file })
    await migrateToLatest(database)
    await database.close()
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('lands every write, each writer waiting its turn, and keeps the audit chain whole', async () => {
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => writeFromAnotherConnection(file, `writer-${i}`)),
    )
    assert.deepEqual(
      results.map((result) => result.failures),
      Array.from({ length: WRITERS }, () => []),
      'no writer was refused with "database is locked"',
    )
    const database = openDatabase({ engine: 'sqlite', file })
    try {
      assert.deepEqual(await verifyAuditChain(database), { checked: WRITERS * EACH, firstBrokenId: null, reason: null })
    } finally {
      await database.close()
    }
  })

  // The last connection to close removes the write-ahead log; the next ones to open rebuild it, and
  // one that asked SQLite anything before setting its busy timeout was refused at once while another did.
  it('opens connections while others open and write, never refused with "database is locked"', async () => {
    const ROUNDS = 5
    const OPENERS = 4
    const failures: string[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const results = await Promise.all(
        Array.from({ length: OPENERS }, (_, i) => writeFromAnotherConnection(file, `opener-${round}-${i}`, 5)),
      )
      failures.push(...results.flatMap((result) => result.failures))
    }
    assert.deepEqual(failures, [])
    const database = openDatabase({ engine: 'sqlite', file })
    try {
      const report = await verifyAuditChain(database)
      assert.deepEqual(report, { checked: WRITERS * EACH + ROUNDS * OPENERS * 5, firstBrokenId: null, reason: null })
    } finally {
      await database.close()
    }
  })
})
