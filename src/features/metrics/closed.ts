// A closed period's figures are read once and kept: last year's, which every dashboard view
// compares with and every briefing shows, then cost a look-up instead of a year of rollups. They
// are read again when a generation they depend on has moved: the council's (migration 024), which
// triggers move for merges, e-accounts and a service's online availability, and a rebuild; or that
// of one of the London years the period spans (migration 025), which this feature's writes move
// when they change a past day of it. What is kept is what was read from the database (rollup sums,
// residents in contact), never a figure worked out from settings or today's residents.
//
// A period counts as closed two days after its last day has ended. A write counts a change when
// it touches a day before the same line, so a write under way across midnight (a long import)
// cannot finish unseen inside a period that has just become closed.
//
// A period still open is read every time, but once for everything one page shows: a dashboard
// reads the same year's rollups for its figures, its breakdowns and two charts, so reads made
// within `readingTogether` share one answer by their key.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Queryable } from '../../platform/db/schema.ts'
import { londonDay, londonMidnight, nextDay } from './london.ts'

const SETTLING_DAYS = 2
// Kept reads are bounded by their rows (a year by day is thousands; a year's total a few dozen):
// about 50 MB at most, the least recently used let go first.
const KEPT_ROWS = 500_000

const HOUR_MS = 3_600_000
// Every write asks; the line moves only on the hour London's day changes on.
let line = { hour: NaN, day: '' }

/** The first London day not yet closed: a period ending on or before it is closed. */
export function closedBefore(now: number = Date.now()): string {
  const hour = Math.floor(now / HOUR_MS)
  if (hour !== line.hour)
    line = { hour, day: nextDay(londonDay(new Date(hour * HOUR_MS).toISOString()), -SETTLING_DAYS) }
  return line.day
}

/** Whether a write of records of this London day changes a closed period. */
export function touchesClosed(day: string, now?: number): boolean {
  return day < closedBefore(now)
}

/**
 * Counts a change to closed periods' figures: to the days of the given London years only, or,
 * with no years, to every period (a merge, a rebuild).
 */
export async function countFiguresChange(db: Queryable, councilId: number, years?: Iterable<string>): Promise<void> {
  if (years === undefined) {
    await db
      .insertInto('figures_generation')
      .values({ council_id: councilId, generation: 1 })
      .onConflict((oc) =>
        oc.column('council_id').doUpdateSet((eb) => ({ generation: eb('figures_generation.generation', '+', 1) })),
      )
      .execute()
    return
  }
  for (const year of new Set(years))
    await db
      .insertInto('figures_year_generation')
      .values({ council_id: councilId, year, generation: 1 })
      .onConflict((oc) =>
        oc
          .columns(['council_id', 'year'])
          .doUpdateSet((eb) => ({ generation: eb('figures_year_generation.generation', '+', 1) })),
      )
      .execute()
}

/**
 * A number that moves whenever a change is counted that can alter figures of the years from
 * `first` to `last`: the council's generation and those years' added. Each only ever goes up, so
 * their sum moves with any of them.
 */
async function generationOf(db: Queryable, councilId: number, first: string, last: string): Promise<number> {
  const rows = await db
    .selectFrom('figures_generation')
    .select('generation')
    .where('council_id', '=', councilId)
    .unionAll(
      db
        .selectFrom('figures_year_generation')
        .select('generation')
        .where('council_id', '=', councilId)
        .where('year', '>=', first)
        .where('year', '<=', last),
    )
    .execute()
  return rows.reduce((sum, row) => sum + Number(row.generation), 0)
}

type Kept = { generation: number; value: unknown; rows: number }
type Store = { reads: Map<string, Kept>; rows: number }
const stores = new WeakMap<object, Store>()

/** The rows a read holds: its arrays' lengths, one for anything else. */
function rowsOf(value: unknown): number {
  if (Array.isArray(value)) return value.length
  if (value !== null && typeof value === 'object')
    return Object.values(value).reduce((n: number, v) => n + rowsOf(v), 0)
  return 1
}

function keep(store: Store, name: string, kept: Kept): void {
  const old = store.reads.get(name)
  if (old) store.rows -= old.rows
  store.reads.delete(name)
  store.reads.set(name, kept)
  store.rows += kept.rows
  for (const [oldest, held] of store.reads) {
    if (store.rows <= KEPT_ROWS || oldest === name) break
    store.reads.delete(oldest)
    store.rows -= held.rows
  }
}

/** The London years a span touches: from its first day to the day before it ends (a day or an instant). */
function yearsOf(span: Span): { first: string; last: string } {
  const endDay = span.to.length === 10 ? span.to : londonDay(span.to)
  return { first: span.from.slice(0, 4), last: nextDay(endDay, -1).slice(0, 4) }
}

/** A span of London days: `from` its first day, `to` the first day not counted or the instant it ends. */
export type Span = { from: string; to: string }

/**
 * What `read` gives for a council, kept while the figures of the span's years are unchanged if
 * the span ends before the closed line. Anything else is read every time.
 */
export async function keptIfClosed<T>(
  db: Queryable,
  councilId: number,
  span: Span,
  key: string,
  read: () => Promise<T>,
): Promise<T> {
  const line = closedBefore()
  const closed = span.to.length === 10 ? span.to <= line : span.to <= londonMidnight(line)
  if (!closed) return readOnce(db, `${councilId}|${key}`, read)
  const years = yearsOf(span)
  // Read before the figures are: a change committed while they are read leaves them marked old.
  const generation = await generationOf(db, councilId, years.first, years.last)
  let store = stores.get(db)
  if (!store) stores.set(db, (store = { reads: new Map(), rows: 0 }))
  const name = `${councilId}|${key}`
  const held = store.reads.get(name)
  if (held && held.generation === generation) {
    keep(store, name, held)
    return held.value as T
  }
  const value = await read()
  keep(store, name, { generation, value, rows: rowsOf(value) })
  return value
}

const together = new AsyncLocalStorage<WeakMap<object, Map<string, Promise<unknown>>>>()

/** Runs work (one page's reading) in which each open period's read is made once and shared. */
export function readingTogether<T>(work: () => Promise<T>): Promise<T> {
  return together.run(new WeakMap(), work)
}

/** The answer of a read made already with the same name within the same `readingTogether`, else a new one. */
export function readOnce<T>(db: Queryable, name: string, read: () => Promise<T>): Promise<T> {
  const shared = together.getStore()
  if (!shared) return read()
  let reads = shared.get(db)
  if (!reads) shared.set(db, (reads = new Map()))
  let answer = reads.get(name) as Promise<T> | undefined
  if (!answer) reads.set(name, (answer = read()))
  return answer
}
