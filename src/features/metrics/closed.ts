// A closed period's figures are read once and kept: last year's, which every dashboard view
// compares with and every briefing shows, then cost a look-up instead of a year of rollups. They
// are read again when the council's figures generation (migration 024) has moved: the writes of
// this feature count their changes to past days, and triggers count merges, e-accounts and a
// service's online availability. What is kept is what was read from the database (rollup sums,
// residents in contact), never a figure worked out from settings or today's residents.
//
// A period counts as closed two days after its last day has ended. A write counts a change when
// it touches a day before the same line, so a write under way across midnight (a long import)
// cannot finish unseen inside a period that has just become closed.
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

export async function countFiguresChange(db: Queryable, councilId: number): Promise<void> {
  await db
    .insertInto('figures_generation')
    .values({ council_id: councilId, generation: 1 })
    .onConflict((oc) =>
      oc.column('council_id').doUpdateSet((eb) => ({ generation: eb('figures_generation.generation', '+', 1) })),
    )
    .execute()
}

async function generationOf(db: Queryable, councilId: number): Promise<number> {
  const row = await db
    .selectFrom('figures_generation')
    .select('generation')
    .where('council_id', '=', councilId)
    .executeTakeFirst()
  return Number(row?.generation ?? 0)
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

/**
 * What `read` gives for a council, kept while the council's figures are unchanged if the read
 * ends (`endsOn`, its first day not counted, or the instant it ends) before the closed line.
 * Anything else is read every time.
 */
export async function keptIfClosed<T>(
  db: Queryable,
  councilId: number,
  endsOn: string,
  key: string,
  read: () => Promise<T>,
): Promise<T> {
  const line = closedBefore()
  const closed = endsOn.length === 10 ? endsOn <= line : endsOn <= londonMidnight(line)
  if (!closed) return read()
  // Read before the figures are: a change committed while they are read leaves them marked old.
  const generation = await generationOf(db, councilId)
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
