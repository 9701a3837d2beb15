// The thread behind read-aside.ts: its own connection to the app's SQLite file, which only reads.
import { parentPort, workerData } from 'node:worker_threads'
import { DatabaseSync } from 'node:sqlite'
import type { SQLInputValue, StatementSync } from 'node:sqlite'

type Ask = { id: number; sql: string; parameters: SQLInputValue[] }

const port = parentPort
if (!port) throw new Error('read-aside-worker.ts runs as a worker thread')

// As the app's own connection: wait for a lock rather than fail, read through the mapped file.
const database = new DatabaseSync((workerData as { file: string }).file, { timeout: 5000 })
database.exec('pragma query_only = on')
database.exec('pragma mmap_size = 268435456')
database.exec('pragma cache_size = -65536')

// The same few long reads come again and again; a text past this many is not kept.
const KEPT_STATEMENTS = 50
const statements = new Map<string, StatementSync>()

function statementOf(sql: string): StatementSync {
  let statement = statements.get(sql)
  if (!statement) {
    statement = database.prepare(sql)
    if (statements.size < KEPT_STATEMENTS) statements.set(sql, statement)
  }
  return statement
}

port.on('message', ({ id, sql, parameters }: Ask) => {
  try {
    port.postMessage({ id, rows: statementOf(sql).all(...parameters) })
  } catch (error) {
    const { name, message, code } = error as Error & { code?: string }
    port.postMessage({ id, error: { name, message, code } })
  }
})
