// Tables of running totals (the figures' rollups) are only ever added to: a write adds its counts
// to the row of the same key, making the row when there is none. Adding commutes, so writes that
// commit together (group-commit.ts) may hold their counts back and write each key once, summed,
// just before the shared commit: ten contacts of the same moment then cost one upsert per table
// instead of ten. Nothing reads these tables inside a write, which is what makes holding back safe.
import { CompiledQuery, sql } from 'kysely'
import type { Queryable, Tables } from './schema.ts'

/** A table of totals: the columns that make a row's key, and the counts added to it. */
export type CountedTable = { table: keyof Tables & string; keys: readonly string[]; counts: readonly string[] }

type Held = { into: CountedTable; rows: Map<string, Record<string, unknown>> }

/** Counts held back for one transaction, summed by table and key. */
export class HeldCounts {
  private readonly tables = new Map<string, Held>()

  add(into: CountedTable, rows: readonly object[]): void {
    let held = this.tables.get(into.table)
    if (!held) this.tables.set(into.table, (held = { into, rows: new Map() }))
    for (const row of rows as readonly Record<string, unknown>[]) {
      let key = ''
      for (const column of into.keys) key += `${String(row[column])}\u0000`
      const kept = held.rows.get(key)
      if (!kept) held.rows.set(key, { ...row })
      else for (const count of into.counts) kept[count] = (kept[count] as number) + (row[count] as number)
    }
  }

  /** Takes over the counts of a unit of work that succeeded. */
  absorb(unit: UnitCounts): void {
    for (const [into, rows] of unit.added) this.add(into, rows)
  }

  /** Writes every key once, leaving out rows whose counts summed to nought. */
  async write(db: Queryable): Promise<void> {
    for (const { into, rows } of this.tables.values()) {
      const changed = [...rows.values()].filter((row) => into.counts.some((count) => row[count] !== 0))
      await writeCounts(db, into, changed)
    }
    this.tables.clear()
  }
}

/** One unit's additions as they came: summed only once the unit has succeeded. */
export class UnitCounts {
  readonly added: [CountedTable, readonly object[]][] = []
}

const holding = new WeakMap<Queryable, UnitCounts>()

/**
 * Runs work whose counts are held for the caller instead of written: the caller writes them with
 * `HeldCounts.absorb` and `write` in the same transaction, or drops them if the work fails.
 */
export async function holdingCounts<T>(
  trx: Queryable,
  work: () => Promise<T>,
): Promise<{ value: T; held: UnitCounts }> {
  const held = new UnitCounts()
  holding.set(trx, held)
  try {
    return { value: await work(), held }
  } finally {
    holding.delete(trx)
  }
}

/** Adds each row's counts to the stored row of the same key, now or with the transaction's held counts. */
export async function addCounts(db: Queryable, into: CountedTable, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return
  const held = holding.get(db)
  if (held) held.added.push([into, rows])
  else await writeCounts(db, into, rows)
}

// Building and compiling an upsert took longer than running it (measured by `npm run bench --
// metrics`), so each table's upsert of n rows is compiled once per dialect (keyed by its adapter,
// as SQLite and PostgreSQL differ) and run with the rows' values in column order. Rows go at most
// ROWS_PER_STATEMENT to a statement, which keeps the distinct texts, and so the prepared
// statements SQLite keeps, to that many a table.
const ROWS_PER_STATEMENT = 16
const compiled = new WeakMap<object, Map<string, string>>()

async function writeCounts(db: Queryable, into: CountedTable, rows: readonly object[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT)
    await db.executeQuery(upsertOf(db, into, rows.slice(start, start + ROWS_PER_STATEMENT)))
}

function upsertOf(db: Queryable, into: CountedTable, rows: readonly object[]): CompiledQuery {
  const columns = [...into.keys, ...into.counts]
  const values = rows.flatMap((row) => columns.map((column) => (row as Record<string, unknown>)[column]))
  const adapter = db.getExecutor().adapter
  let texts = compiled.get(adapter)
  if (!texts) compiled.set(adapter, (texts = new Map()))
  const name = `${into.table}|${rows.length}`
  let text = texts.get(name)
  if (text === undefined) {
    const ordered = rows.map((row) =>
      Object.fromEntries(columns.map((column) => [column, (row as Record<string, unknown>)[column]])),
    )
    const query = upsert(db, into, ordered).compile()
    // The text is reused only if every value reaches it as a parameter, row by row in column order.
    if (query.parameters.length !== values.length || query.parameters.some((p, i) => p !== values[i]))
      throw new Error(`the ${into.table} upsert does not take its values as parameters in column order`)
    text = query.sql
    texts.set(name, text)
  }
  return CompiledQuery.raw(text, values)
}

function upsert(db: Queryable, into: CountedTable, rows: object[]) {
  const set = Object.fromEntries(
    into.counts.map((c) => [c, sql`${sql.ref(`${into.table}.${c}`)} + ${sql.ref(`excluded.${c}`)}`]),
  )
  return db
    .insertInto(into.table)
    .values(rows as never)
    .onConflict((oc) => oc.columns(into.keys as never).doUpdateSet(set as never))
}
