// Long reads made beside the event loop. node:sqlite runs a statement on the thread that asks, so
// a page's longest read (a year's residents in contact, about 40 ms on a large council) held up
// every other read and the drawing of the page behind it, with the second core idle. On a SQLite
// file such a read goes to a worker thread with its own connection to the same file, and the page
// goes on with its other reads meanwhile. The worker sees what is committed, as the app's own
// connection does outside a transaction; a read inside a transaction stays in it. PostgreSQL
// already runs queries apart from the app, so there a read aside is simply a query.
import { Worker } from 'node:worker_threads'
import type { CompiledQuery } from 'kysely'
import type { Queryable } from './schema.ts'
import { toSqliteValue } from './sqlite.ts'

/** The reading thread stopped (it could not open the file, or failed): the read is worth making in line. */
class ReadingThreadLost extends Error {}

type Answer = { id: number; rows?: unknown[]; error?: { name: string; message: string; code?: string } }
type Waiting = { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }

/** A worker thread with its own read-only connection to one SQLite file, started when first asked. */
export class AsideReader {
  /** Told each read's time from asking to answer, as every other query's is (the metrics plugin). */
  onRead?: (durationMs: number, ok: boolean) => void
  readonly #file: string
  readonly #waiting = new Map<number, Waiting>()
  #worker: Worker | undefined
  #next = 0

  constructor(file: string) {
    this.#file = file
  }

  read(query: CompiledQuery): Promise<unknown[]> {
    const worker = this.#started()
    const id = this.#next++
    const parameters = query.parameters.map(toSqliteValue)
    const asked = performance.now()
    const timed = (ok: boolean) => this.onRead?.(performance.now() - asked, ok)
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, {
        resolve: (rows) => {
          timed(true)
          resolve(rows)
        },
        reject: (error) => {
          timed(false)
          reject(error)
        },
      })
      worker.postMessage({ id, sql: query.sql, parameters })
      // Only while a read is waiting does the worker keep the process alive.
      worker.ref()
    })
  }

  async close(): Promise<void> {
    const worker = this.#worker
    this.#worker = undefined
    if (worker) await worker.terminate()
    this.#failAll(new Error('the database was closed before the read finished'))
  }

  #started(): Worker {
    if (this.#worker) return this.#worker
    const worker = new Worker(new URL('./read-aside-worker.ts', import.meta.url), { workerData: { file: this.#file } })
    worker.on('message', (answer: Answer) => this.#answered(answer))
    // A worker that fails is dropped with what it held; the next read starts another.
    worker.on('error', (error: Error) => this.#lost(worker, new ReadingThreadLost(error.message)))
    worker.on('exit', () => this.#lost(worker, new ReadingThreadLost('the reading thread stopped')))
    worker.unref()
    this.#worker = worker
    return worker
  }

  #answered({ id, rows, error }: Answer): void {
    const waiting = this.#waiting.get(id)
    if (!waiting) return
    this.#waiting.delete(id)
    if (this.#waiting.size === 0) this.#worker?.unref()
    if (error) waiting.reject(Object.assign(new Error(error.message), { name: error.name, code: error.code }))
    else waiting.resolve(rows ?? [])
  }

  #lost(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return
    this.#worker = undefined
    this.#failAll(error)
  }

  #failAll(error: Error): void {
    for (const waiting of this.#waiting.values()) waiting.reject(error)
    this.#waiting.clear()
  }
}

const readers = new WeakMap<Queryable, AsideReader>()

/** Sends the long reads of `db` (the app's own handle, never a transaction) to `reader`. */
export function readAsideWith(db: Queryable, reader: AsideReader): void {
  readers.set(db, reader)
}

type Read<R> = { compile(): CompiledQuery<R>; execute(): Promise<R[]> }

/**
 * The rows of a long read: made beside the event loop where `db` can, else as any query. A read
 * whose thread is lost is made in line: slower, never missing.
 */
export async function readAside<R>(db: Queryable, query: Read<R>): Promise<R[]> {
  const reader = readers.get(db)
  if (!reader) return query.execute()
  try {
    return (await reader.read(query.compile())) as R[]
  } catch (error) {
    if (error instanceof ReadingThreadLost) return query.execute()
    throw error
  }
}
