// Run in a worker thread by sqlite.test.ts: another connection to the same SQLite file, as an
// import from the command line or a second app process would be, appending audit events each in
// a transaction that reads before it writes.
import { parentPort, workerData } from 'node:worker_threads'
import { openDatabase } from '../../src/platform/db/database.ts'
import { recordAudit } from '../../src/platform/audit/audit.ts'

const { file, count, label } = workerData as { file: string; count: number; label: string }
const database = openDatabase({ engine: 'sqlite', file })
const failures: string[] = []
for (let i = 0; i < count; i++) {
  try {
    await database.db
      .transaction()
      .execute((trx) =>
        recordAudit(
          database,
          { kind: 'system', id: null, label, councilId: null },
          { action: 'test.write', subjectType: 'test', subjectId: i },
          trx,
        ),
      )
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error))
  }
}
await database.close()
parentPort?.postMessage({ failures })
