// Opaque cursors for keyset pagination: the sort key of the last row of a page, base64url JSON.
// A cursor that does not decode is the client's mistake (400), never a server error. Every keyset
// here ends with the row's integer id and sorts first on text (times, names, kinds), so a cursor
// whose values are not of those types was never given out: refusing it here keeps a forged one
// from reaching the database, where PostgreSQL would fail on 'abc' for an integer column.
import { badRequest } from './problem.ts'

export type Cursor = Record<string, string | number | null>

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url')
}

const isKeyValue = (key: string, value: unknown): boolean =>
  key === 'id' ? Number.isSafeInteger(value) : typeof value === 'string'

export function decodeCursor<T extends Cursor>(
  raw: string | undefined,
  keys: readonly (keyof T & string)[],
): T | undefined {
  if (raw === undefined) return undefined
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      keys.every((k) => k in parsed && isKeyValue(k, (parsed as Record<string, unknown>)[k]))
    )
      return parsed as T
  } catch {
    // fall through to the client error below
  }
  throw badRequest('The cursor is not one this API gave out', [
    { name: 'querystring.cursor', message: 'is not a valid cursor' },
  ])
}

/** Fetch limit + 1 rows; this trims to the page and builds the next cursor from the last row kept. */
export function pageOf<R>(
  rows: R[],
  limit: number,
  cursorOf: (row: R) => Cursor,
): { items: R[]; next_cursor: string | null } {
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return { items, next_cursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null }
}
