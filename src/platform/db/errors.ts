// What a database error means, asked the same way of both engines.

/** A unique constraint refused the write: PostgreSQL says 23505, SQLite says it in words. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, message } = error as { code?: unknown; message?: unknown }
  if (code === '23505') return true
  return typeof message === 'string' && message.includes('UNIQUE constraint failed')
}
