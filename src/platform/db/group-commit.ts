// Short writes that arrive together commit together. On SQLite a commit writes every changed page
// to the log, and a contact with its audit event changes a dozen pages, most of them the same
// pages the next contact changes; committing ten contacts at once costs little more than one.
//
// Each unit of work runs inside its own savepoint of the shared transaction, so a unit that fails
// (a rule broken, a duplicate external_id) is undone alone and its caller gets its own error; the
// others still commit. Every caller's promise settles only once the transaction has committed,
// so nothing is reported as saved before it is.
//
// The units' additions to tables of totals (the figures' rollups) are held back and written once
// per key just before the commit (counts.ts); a unit that fails takes its counts with it.
//
// PostgreSQL takes concurrent transactions itself, so there each unit is simply its own transaction.
import { CompiledQuery } from 'kysely'
import type { Database } from './database.ts'
import type { Queryable } from './schema.ts'
import { BatchOfTheMoment, batcherPerDatabase } from './batch-of-the-moment.ts'
import { HeldCounts, holdingCounts } from './counts.ts'
import type { Outcome } from './batch-of-the-moment.ts'

/** Database work only: a unit holds the shared transaction while it runs. */
export type WriteUnit<T> = (trx: Queryable) => Promise<T>

// Bounds how long the first caller of a busy moment waits for the others' work.
const MAX_UNITS = 200

/** Runs the units one after another in one transaction, each in its own savepoint. */
async function commitTogether(database: Database, units: readonly WriteUnit<unknown>[]): Promise<Outcome<unknown>[]> {
  return database.db.transaction().execute(async (trx) => {
    const outcomes: Outcome<unknown>[] = []
    const counts = new HeldCounts()
    for (const unit of units) outcomes.push(await runInSavepoint(trx, unit, counts))
    await counts.write(trx)
    return outcomes
  })
}

const SAVEPOINT = CompiledQuery.raw('savepoint unit')
const RELEASE = CompiledQuery.raw('release savepoint unit')
const ROLLBACK = CompiledQuery.raw('rollback to savepoint unit')

async function runInSavepoint(trx: Queryable, unit: WriteUnit<unknown>, counts: HeldCounts): Promise<Outcome<unknown>> {
  await trx.executeQuery(SAVEPOINT)
  try {
    const { value, held } = await holdingCounts(trx, () => unit(trx))
    await trx.executeQuery(RELEASE)
    counts.absorb(held)
    return { ok: true, value }
  } catch (error) {
    // Undoing the unit must work; if it does not, the whole batch fails rather than commit half of it.
    await trx.executeQuery(ROLLBACK)
    await trx.executeQuery(RELEASE)
    return { ok: false, error }
  }
}

const groupCommitFor = batcherPerDatabase(
  (database) =>
    new BatchOfTheMoment((units: readonly WriteUnit<unknown>[]) => commitTogether(database, units), MAX_UNITS),
)

/**
 * Runs a unit of database work in a transaction that may be shared with others of the same
 * moment, and resolves with its result once that transaction has committed.
 */
export function writeTogether<T>(database: Database, unit: WriteUnit<T>): Promise<T> {
  if (database.engine === 'postgres') return database.db.transaction().execute(unit)
  return groupCommitFor(database).add(unit) as Promise<T>
}
