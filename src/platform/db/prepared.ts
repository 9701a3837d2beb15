// A hot query built and compiled once per engine, then run with new values. Building and
// compiling a Kysely query costs far more than SQLite takes to answer it (a resident with their
// details: about 200 µs to build, 10 µs to run), and the desk reads residents all day.
//
// The query is built with stand-in values; each later run swaps them for the real ones by
// position. A stand-in must therefore reach the SQL as a parameter exactly as given, which is
// checked when the query is first compiled.
import { createQueryId } from 'kysely'
import type { Compilable, CompiledQuery, Kysely } from 'kysely'
import type { Engine } from '../../config.ts'
import type { Database } from './schema.ts'

type Value = string | number
type Compiled<R> = { compiled: CompiledQuery<R>; slots: number[] }
type Builder<R, A extends unknown[]> = (db: Kysely<Database>, engine: Engine, ...args: A) => Compilable<R>

// Values nobody stores: large negative ids, one per argument.
function standIns(count: number): Value[] {
  return Array.from({ length: count }, (_, i) => -1_000_000_007 - i)
}

function compileOnce<R>(build: Builder<R, Value[]>, db: Kysely<Database>, engine: Engine, arity: number): Compiled<R> {
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
  return async (db: Kysely<Database>, engine: Engine, ...args: A): Promise<R[]> => {
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
