// The call rollups kept each call's wait to the whole second, so the average speed of answer was a
// mean of rounded waits and a call answered 60.4 seconds after it was offered counted as answered
// within a 60-second service level. They keep milliseconds now, as bigint: a busy queue's day of
// waits can pass the 24 days of milliseconds an integer holds. Rows already kept carry their whole
// seconds over; `frontdoor metrics rebuild` recounts them to the millisecond from the calls.
import { sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import type { AnyDb } from './columns.ts'

/** Replaces a table's `answer_seconds` by `answer_ms`, each row's seconds carried over. */
export async function keepMilliseconds(db: AnyDb, table: string): Promise<void> {
  await db.schema
    .alterTable(table)
    .addColumn('answer_ms', 'bigint', (col) => col.notNull().defaultTo(0))
    .execute()
  await db
    .updateTable(table)
    .set({ answer_ms: sql`answer_seconds * 1000` })
    .execute()
  await db.schema.alterTable(table).dropColumn('answer_seconds').execute()
}

export function callAnswerMillisecondsMigration(): Migration {
  return {
    async up(db: AnyDb) {
      for (const table of ['call_rollup', 'call_hour_rollup']) await keepMilliseconds(db, table)
    },
  }
}
