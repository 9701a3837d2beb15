// What each kind of import file provides to the engine: a check of one row's cells, a look-up of
// what a batch refers to, and the write of a batch inside its transaction.
import type { Database } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import type { Problem } from './cells.ts'
import { isProblem } from './cells.ts'
import type { Header } from './header.ts'

export type Rejection = { line: number; reason: string }

/** A row that passed its checks, waiting for its batch. */
export type Candidate<T> = { line: number; externalId: string | null; value: T }

export type Resolved<T> = { ready: Candidate<T>[]; rejected: Rejection[] }

/** Rows added, and rows that matched one already held: updated, or left alone when nothing changed. */
export type Written = { inserted: number; updated: number; unchanged?: number }

export type ImportContext = {
  database: Database
  councilId: number
  header: Header
  /** When the run started, for refusing dates and times in the future. */
  startedAt: Date
}

export type Importer<Checked, Ready> = {
  /** Checks one row; every problem found is named. */
  check(cell: (name: string) => string, line: number): Candidate<Checked> | Rejection
  /** Looks up residents and services for a batch, outside any transaction. */
  resolve(batch: Candidate<Checked>[]): Promise<Resolved<Ready>>
  /** Writes a batch inside its transaction. */
  write(trx: Queryable, batch: Candidate<Ready>[]): Promise<Written>
  /** Lines for the report about rows taken with something left out (an agent not on the staff). */
  notices?(): string[]
}

/**
 * Collects each cell's reading: the value when it is good, the problem noted otherwise, so a
 * row's rejection names every problem at once.
 */
export function problemCollector(): { read<T>(value: T | Problem): T; problems: string[] } {
  const problems: string[] = []
  return {
    problems,
    read<T>(value: T | Problem): T {
      if (isProblem(value)) {
        problems.push(value.problem)
        return null as T
      }
      return value
    },
  }
}
