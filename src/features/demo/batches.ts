// Multi-row inserts in batches small enough for both engines: SQLite accepts at most 32,766 bound
// parameters per statement and PostgreSQL 65,535, so rows x columns stays under 30,000.

const MAX_PARAMETERS = 30_000
const MAX_ROWS = 500

export function batchSize(columns: number): number {
  return Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns)))
}

export async function inBatches<T>(
  rows: readonly T[],
  columns: number,
  write: (batch: T[]) => Promise<unknown>,
): Promise<void> {
  const size = batchSize(columns)
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size))
}

/**
 * Inserts rows and returns their new ids in the order of `rows`. Both engines number the rows of
 * one multi-row insert in the order of its VALUES list, so sorting the returned ids recovers the
 * order whatever order RETURNING gives them back in.
 */
export async function insertReturningIds<T>(
  rows: readonly T[],
  columns: number,
  write: (batch: T[]) => Promise<{ id: number }[]>,
): Promise<number[]> {
  const ids: number[] = []
  await inBatches(rows, columns, async (batch) => {
    const returned = (await write(batch)).map((row) => row.id).sort((a, b) => a - b)
    if (returned.length !== batch.length) throw new Error(`expected ${batch.length} ids, got ${returned.length}`)
    ids.push(...returned)
  })
  return ids
}
