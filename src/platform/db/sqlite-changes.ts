// Whether anything may have changed in a SQLite database since a cache last looked, without
// reading a table. Several processes share one file (the app, the command line, a second app),
// so a value kept in memory is right only while nobody has written since it was read.
//
// SQLite's `pragma data_version` moves when another connection commits; it does not move for a
// connection's own writes, so the writes of this process's connections are counted here as they
// pass through the adapter.
import type { DatabaseSync, StatementSync } from 'node:sqlite'

export type ChangeWatch = {
  /** A number that is different whenever the database may have changed since it was last given. */
  mark(): number
  /** Told of every statement this connection runs that may write. */
  wrote(): void
}

// Writes through every connection this process holds (the app has one; tests and the command
// line may open a second on the same file): a count that moved means look again.
let writesHere = 0

export function sqliteChangeWatch(database: DatabaseSync): ChangeWatch {
  const dataVersion: StatementSync = database.prepare('pragma data_version')
  let seenVersion: unknown
  let seenWrites = -1
  let generation = 0
  // The pragma starts and ends a read transaction (file locks: about 20 µs in the app), and one
  // request often asks twice (its council, then the catalogue). What it said holds until the
  // JavaScript running now has finished, ticks and promises included: no new request, and no word
  // of another process's commit, can arrive before then, so every request still sees every commit
  // made before it arrived. A write in this process can happen meanwhile, and is counted.
  let looked = false
  const forget = () => {
    looked = false
  }
  return {
    mark() {
      if (seenWrites !== writesHere) {
        seenWrites = writesHere
        generation++
        looked = false
      }
      if (!looked) {
        looked = true
        process.nextTick(forget)
        const version = (dataVersion.get() as { data_version: number }).data_version
        if (version !== seenVersion) {
          seenVersion = version
          generation++
        }
      }
      return generation
    },
    wrote() {
      writesHere++
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
