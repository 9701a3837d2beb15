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
