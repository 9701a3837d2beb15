// What a database error means, asked the same way of both engines.

/** A unique constraint refused the write: PostgreSQL says 23505, SQLite says it in words. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, message } = error as { code?: unknown; message?: unknown }
  if (code === '23505') return true
  return typeof message === 'string' && message.includes('UNIQUE constraint failed')
}

const CONNECTION_PROBLEMS: Record<string, string> = {
  ECONNREFUSED: 'nothing is listening there',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be looked up',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host cannot be reached',
  ECONNRESET: 'the connection was cut',
  '28P01': 'the password was refused',
  '28000': 'the user is not allowed to connect',
  '3D000': 'that database does not exist',
}

/** Why the database could not be reached at all, in words that do not repeat its address or password. */
export function connectionProblem(error: unknown): string | undefined {
  for (let cause = error; typeof cause === 'object' && cause !== null; cause = (cause as Error).cause) {
    const code = (cause as { code?: unknown }).code
    if (typeof code === 'string' && code in CONNECTION_PROBLEMS) return CONNECTION_PROBLEMS[code]
  }
  return undefined
}
