// Whether anything may have changed in a SQLite database since a cache last looked, without
// reading a table. Several processes share one file (the app, the command line, a second app),
// so a value kept in memory is right only while nobody has written since it was read.
//
// Another connection's commit is seen in the WAL-index header at the start of the database's
// -shm file (https://www.sqlite.org/walformat.html, "The WAL-Index Header"): SQLite rewrites both
// of its copies in every commit, before the commit returns, and a commit always changes them (the
// log's last frame and its checksums; the salts when the log starts again). Reading those 96 bytes
// is one pread. `pragma data_version` says the same but starts and ends a read transaction with
// SQLite's file locks: 27 µs of a services.json request in a profile under load, against 18 µs for
// the read (docs/decisions.md, "The change mark reads the WAL-index header"). Where there is
// no -shm file (a database in memory), the pragma is asked instead. The writes of this process's
// connections are counted as they pass through the adapter, so a mark moves for them at once,
// before they commit.
import { openSync, readSync, statSync } from 'node:fs'
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

/** Both copies of the WAL-index header: a commit under way leaves them different, which reads as a change. */
const HEADER_BYTES = 96

// One descriptor per -shm file, opened once and never closed: closing any descriptor of a file
// drops every POSIX lock this process holds on it, SQLite's own included. A path whose file was
// replaced (SQLite removes a -shm file once the last connection to it has closed) gets a new one;
// the old is kept too, since a watch may still hold its number, and a closed number can be reused
// by any other file.
const walIndexes = new Map<string, { fd: number; ino: number }>()

function walIndexOf(file: string | null): number | undefined {
  if (!file) return undefined
  const path = `${file}-shm`
  let ino: number
  try {
    ino = statSync(path).ino
  } catch {
    return undefined
  }
  const held = walIndexes.get(path)
  if (held?.ino === ino) return held.fd
  const fd = openSync(path, 'r')
  walIndexes.set(path, { fd, ino })
  return fd
}

/** What tells whether another connection has committed: the WAL-index header, else the pragma. */
export function commitsElsewhere(database: DatabaseSync): () => Buffer | number {
  const dataVersion: StatementSync = database.prepare('pragma data_version')
  const header = Buffer.alloc(HEADER_BYTES)
  let fd: number | undefined
  return () => {
    fd ??= walIndexOf(database.location())
    if (fd !== undefined && readSync(fd, header, 0, HEADER_BYTES, 0) === HEADER_BYTES) return header
    return (dataVersion.get() as { data_version: number }).data_version
  }
}

export function sqliteChangeWatch(database: DatabaseSync): ChangeWatch {
  const look = commitsElsewhere(database)
  const seenHeader = Buffer.alloc(HEADER_BYTES)
  let seenVersion: unknown
  let seenWrites = -1
  let generation = 0
  // One request often asks twice (its council, then the catalogue). What the header said holds
  // until the JavaScript running now has finished, ticks and promises included: no new request,
  // and no word of another process's commit, can arrive before then, so every request still sees
  // every commit made before it arrived. A write in this process can happen meanwhile, and is counted.
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
        const seen = look()
        if (typeof seen === 'number' ? seen !== seenVersion : !seen.equals(seenHeader)) {
          if (typeof seen === 'number') seenVersion = seen
          else seen.copy(seenHeader)
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
