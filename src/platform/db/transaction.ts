// Services take an optional transaction so a caller can make several of their changes commit or
// fail as one (a case and the web contact it brings); alone, a change commits with the other
// short writes of the moment.
import type { Database } from './database.ts'
import { writeTogether } from './group-commit.ts'
import type { WriteUnit } from './group-commit.ts'
import type { Queryable } from './schema.ts'

/** In the caller's transaction when given one; otherwise committed together with other writes of the moment. */
export function inTransaction<T>(database: Database, trx: Queryable | undefined, work: WriteUnit<T>): Promise<T> {
  return trx ? work(trx) : writeTogether(database, work)
}

/**
 * The database as seen from inside a transaction, for services that take a Database. SQLite has
 * one connection, which an open transaction holds: a read through the outer handle would wait
 * for it forever.
 */
export function throughTransaction(database: Database, trx: Queryable): Database {
  return { ...database, db: trx }
}
