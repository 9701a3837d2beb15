// Work that arrives at the same moment is handled as one batch: items wait for the next turn of
// the event loop (or for the batch before them to finish), then go to the handler together, and
// each caller's promise settles with its own outcome only once the handler has finished. A quiet
// server handles each item at once; a busy one handles what arrived while the last batch ran.
import type { Database } from './database.ts'

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown }

/** Handles a batch and gives one outcome per item, in order; throwing fails every item with that error. */
export type BatchHandler<I, O> = (items: readonly I[]) => Promise<Outcome<O>[]>

type Waiting<I, O> = { item: I; settle: (outcome: Outcome<O>) => void }

export class BatchOfTheMoment<I, O> {
  private queue: Waiting<I, O>[] = []
  private scheduled = false
  private running = false
  private readonly handle: BatchHandler<I, O>
  private readonly maxItems: number

  constructor(handle: BatchHandler<I, O>, maxItems: number) {
    this.handle = handle
    this.maxItems = maxItems
  }

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({
        item,
        settle: (outcome) => (outcome.ok ? resolve(outcome.value) : reject(outcome.error as Error)),
      })
      this.schedule()
    })
  }

  private schedule(): void {
    if (this.scheduled || this.running) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      void this.runBatch()
    })
  }

  private async runBatch(): Promise<void> {
    const batch = this.queue.splice(0, this.maxItems)
    if (batch.length === 0) return
    this.running = true
    let outcomes: Outcome<O>[]
    try {
      outcomes = await this.handle(batch.map((waiting) => waiting.item))
    } catch (error) {
      // Something must reach the callers even when a driver throws nothing useful.
      outcomes = batch.map(() => ({ ok: false, error: error ?? new Error('the batch could not be handled') }))
    } finally {
      this.running = false
    }
    batch.forEach((waiting, index) =>
      waiting.settle(outcomes[index] ?? { ok: false, error: new Error('the batch gave no outcome for this item') }),
    )
    if (this.queue.length > 0) this.schedule()
  }
}

/** One batcher per database handle, made on first use. */
export function batcherPerDatabase<I, O>(
  make: (database: Database) => BatchOfTheMoment<I, O>,
): (database: Database) => BatchOfTheMoment<I, O> {
  const batchers = new WeakMap<Database, BatchOfTheMoment<I, O>>()
  return (database) => {
    let batcher = batchers.get(database)
    if (!batcher) {
      batcher = make(database)
      batchers.set(database, batcher)
    }
    return batcher
  }
}
