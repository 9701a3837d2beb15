// A hot query built and compiled once per engine, then run with new values. Building and
// compiling a Kysely query costs far more than SQLite takes to answer it (a resident with their
// details: about 200 µs to build, 10 µs to run), and the desk reads residents all day.
//
// The query is built with stand-in values; each later run swaps them for the real ones by
// position. A stand-in must therefore reach the SQL as a parameter exactly as given, which is
// checked when the query is first compiled.
import { createQueryId } from 'kysely'
import type { Compilable, CompiledQuery, Insertable, Selectable } from 'kysely'
import type { Engine } from '../../config.ts'
import type { Tables, Queryable } from './schema.ts'

// Null is a value a later run may pass; stand-ins are always numbers.
type Value = string | number | null
type Compiled<R> = { compiled: CompiledQuery<R>; slots: number[] }
type Builder<R, A extends unknown[]> = (db: Queryable, engine: Engine, ...args: A) => Compilable<R>

// Values nobody stores: large negative ids, one per argument.
function standIns(count: number): Value[] {
  return Array.from({ length: count }, (_, i) => -1_000_000_007 - i)
}

function compileOnce<R>(build: Builder<R, Value[]>, db: Queryable, engine: Engine, arity: number): Compiled<R> {
  const stand = standIns(arity)
  const compiled = build(db, engine, ...stand).compile()
  const slots = compiled.parameters.map((parameter) => stand.indexOf(parameter as Value))
  for (let i = 0; i < arity; i++) {
    if (!slots.includes(i)) throw new Error(`prepared query: argument ${i + 1} does not reach the SQL as a parameter`)
  }
  return { compiled, slots }
}

/**
 * Wraps a query builder whose arguments are plain values (ids, hashes) so it is compiled once per
 * engine. Returns the rows, typed as the builder's result.
 */
export function preparedQuery<R, A extends Value[]>(arity: A['length'], build: Builder<R, A>) {
  const byEngine = new Map<Engine, Compiled<R>>()
  return async (db: Queryable, engine: Engine, ...args: A): Promise<R[]> => {
    let prepared = byEngine.get(engine)
    if (!prepared) {
      prepared = compileOnce(build as unknown as Builder<R, Value[]>, db, engine, arity)
      byEngine.set(engine, prepared)
    }
    const { compiled, slots } = prepared
    const parameters = compiled.parameters.map((parameter, index) => {
      const slot = slots[index] as number
      return slot === -1 ? parameter : args[slot]
    })
    const result = await db.executeQuery<R>({ ...compiled, parameters, queryId: createQueryId() })
    return result.rows
  }
}

type TableName = keyof Tables & string
type Column<T extends TableName> = keyof Insertable<Tables[T]> & string
/** Every named column given, defaulted ones too: a column left out would be stored as null. */
type WholeRow<T extends TableName, C extends Column<T>> = Pick<Required<Insertable<Tables[T]>>, C>

function valuesOf(columns: readonly string[], row: object): Value[] {
  return columns.map((column) => (row as Record<string, Value>)[column] as Value)
}

function compiledInsert<T extends TableName>(table: T, columns: readonly Column<T>[], returning: boolean) {
  return preparedQuery<Selectable<Tables[T]>, Value[]>(columns.length, (db, _engine, ...values) => {
    const insert = db
      .insertInto(table)
      .values(Object.fromEntries(columns.map((column, i) => [column, values[i]])) as never)
    return (returning ? insert.returningAll() : insert) as unknown as Compilable<Selectable<Tables[T]>>
  })
}

/**
 * A one-row insert into `table` of exactly these columns, returning the stored row, compiled once
 * per engine. Every column is sent, so the row must give each one, even those with a default.
 */
export function preparedInsert<T extends TableName, C extends Column<T>>(table: T, columns: readonly C[]) {
  const insert = compiledInsert(table, columns, true)
  return async (db: Queryable, engine: Engine, row: WholeRow<T, C>): Promise<Selectable<Tables[T]>> => {
    const [stored] = await insert(db, engine, ...valuesOf(columns, row))
    if (!stored) throw new Error(`insert into ${table} returned no row`)
    return stored
  }
}

/** As preparedInsert, for rows nobody needs back (an append to a log). */
export function preparedAppend<T extends TableName, C extends Column<T>>(table: T, columns: readonly C[]) {
  const insert = compiledInsert(table, columns, false)
  return async (db: Queryable, engine: Engine, row: WholeRow<T, C>): Promise<void> => {
    await insert(db, engine, ...valuesOf(columns, row))
  }
}
