// Short writes that arrive together commit together. On SQLite a commit writes every changed page
// to the log, and a contact with its audit event changes a dozen pages, most of them the same
// pages the next contact changes; committing ten contacts at once costs little more than one.
//
// Each unit of work runs inside its own savepoint of the shared transaction, so a unit that fails
// (a rule broken, a duplicate external_id) is undone alone and its caller gets its own error; the
// others still commit. Every caller's promise settles only once the transaction has committed,
// so nothing is reported as saved before it is.
//
// PostgreSQL takes concurrent transactions itself, so there each unit is simply its own transaction.
import { CompiledQuery } from 'kysely'
import type { Kysely } from 'kysely'
import type { Db } from './database.ts'
import type { Database } from './schema.ts'

/** Database work only: a unit holds the shared transaction while it runs. */
export type WriteUnit<T> = (trx: Kysely<Database>) => Promise<T>

type Queued = { unit: WriteUnit<unknown>; settle: (outcome: Outcome) => void }
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }

// Bounds how long the first caller of a busy moment waits for the others' work.
const MAX_UNITS = 200

class GroupCommit {
  private queue: Queued[] = []
  private scheduled = false
  private running = false
  private readonly database: Db

  constructor(database: Db) {
    this.database = database
  }

  run<T>(unit: WriteUnit<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const settle = (outcome: Outcome) => (outcome.ok ? resolve(outcome.value as T) : reject(outcome.error as Error))
      this.queue.push({ unit: unit as WriteUnit<unknown>, settle })
      this.schedule()
    })
  }

  private schedule(): void {
    if (this.scheduled || this.running) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      void this.commitBatch()
    })
  }

  private async commitBatch(): Promise<void> {
    const batch = this.queue.splice(0, MAX_UNITS)
    if (batch.length === 0) return
    this.running = true
    const outcomes: Outcome[] = []
    let failure: { error: unknown } | undefined
    try {
      await this.database.db.transaction().execute(async (trx) => {
        for (const queued of batch) outcomes.push(await runInSavepoint(trx, queued.unit))
      })
    } catch (error) {
      failure = { error }
    } finally {
      this.running = false
    }
    batch.forEach((queued, index) => queued.settle(failure ? { ok: false, error: failure.error } : (outcomes[index] as Outcome)))
    if (this.queue.length > 0) this.schedule()
  }
}

const SAVEPOINT = CompiledQuery.raw('savepoint unit')
const RELEASE = CompiledQuery.raw('release savepoint unit')
const ROLLBACK = CompiledQuery.raw('rollback to savepoint unit')

async function runInSavepoint(trx: Kysely<Database>, unit: WriteUnit<unknown>): Promise<Outcome> {
  await trx.executeQuery(SAVEPOINT)
  try {
    const value = await unit(trx)
    await trx.executeQuery(RELEASE)
    return { ok: true, value }
  } catch (error) {
    // Undoing the unit must work; if it does not, the whole batch fails rather than commit half of it.
    await trx.executeQuery(ROLLBACK)
    await trx.executeQuery(RELEASE)
    return { ok: false, error }
  }
}

const batchers = new WeakMap<Db, GroupCommit>()

/**
 * Runs a unit of database work in a transaction that may be shared with others of the same
 * moment, and resolves with its result once that transaction has committed.
 */
export function writeTogether<T>(database: Db, unit: WriteUnit<T>): Promise<T> {
  if (database.engine === 'postgres') return database.db.transaction().execute(unit)
  let batcher = batchers.get(database)
  if (!batcher) {
    batcher = new GroupCommit(database)
    batchers.set(database, batcher)
  }
  return batcher.run(unit)
}
