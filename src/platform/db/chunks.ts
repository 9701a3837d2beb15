// Multi-row statements cut to fit both engines: SQLite binds at most 32,766 parameters in one
// statement and PostgreSQL 65,535, so rows x columns stays under 30,000.

const MAX_PARAMETERS = 30_000

/** The rows in slices small enough for one statement each. */
export function inChunks<T>(rows: readonly T[], parametersPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, parametersPerRow)))
  const chunks: T[][] = []
  for (let start = 0; start < rows.length; start += size) chunks.push(rows.slice(start, start + size))
  return chunks
}

/** Parameters per row of a batch of rows to insert: the columns of its first row. */
export function widthOf(rows: readonly object[]): number {
  return rows.length === 0 ? 1 : Object.keys(rows[0] as object).length
}

/**
 * Inserts rows chunk by chunk and answers with their new ids in the order of `rows`. Both engines
 * number the rows of one multi-row insert in the order of its VALUES list, so sorting the ids
 * each chunk returns recovers the order whatever order RETURNING gives them back in.
 */
export async function insertReturningIds<T extends object>(
  rows: readonly T[],
  insert: (chunk: T[]) => Promise<{ id: number }[]>,
): Promise<number[]> {
  const ids: number[] = []
  for (const chunk of inChunks(rows, widthOf(rows))) {
    const returned = (await insert(chunk)).map((row) => row.id).sort((a, b) => a - b)
    if (returned.length !== chunk.length) throw new Error(`expected ${chunk.length} ids, got ${returned.length}`)
    ids.push(...returned)
  }
  return ids
}
