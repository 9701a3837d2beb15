// Whether anything may have changed in a SQLite database since a cache last looked, without
// reading a table. Several processes share one file (the app, the command line, a second app),
// so a value kept in memory is right only while nobody has written since it was read.
//
// SQLite's `pragma data_version` moves when another connection commits; it does not move for this
// connection's own writes, which are therefore counted here as they pass through the adapter.
import type { DatabaseSync, StatementSync } from 'node:sqlite'

export type ChangeWatch = {
  /** A number that is different whenever the database may have changed since it was last given. */
  mark(): number
  /** Told of every statement this process's connection runs that may write. */
  wrote(): void
}

export function sqliteChangeWatch(database: DatabaseSync): ChangeWatch {
  const dataVersion: StatementSync = database.prepare('pragma data_version')
  let lastSeen: unknown
  let generation = 0
  return {
    mark() {
      const seen = (dataVersion.get() as { data_version: number }).data_version
      if (seen !== lastSeen) {
        lastSeen = seen
        generation++
      }
      return generation
    },
    wrote() {
      generation++
    },
  }
}

/**
 * Whether a statement can change the database. A select cannot; anything else is counted,
 * transaction control and pragmas too: an extra count only makes a cache look again.
 */
export function mayWrite(sqlText: string): boolean {
  return !/^\s*select\b/i.test(sqlText)
}
