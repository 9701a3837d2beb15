// Record ids as links and forms give them: whole numbers a PostgreSQL integer column can hold. A
// larger number cannot name a record, and binding it would make PostgreSQL fail the query (a 500)
// where SQLite finds nothing, so it is turned away before any query on both engines alike.
export const MAX_ID = 2_147_483_647

/** The id a path segment or form field names, or undefined when it cannot name any record. */
export function recordIdOf(raw: string): number | undefined {
  if (!/^\d{1,10}$/.test(raw)) return undefined
  const id = Number(raw)
  return id >= 1 && id <= MAX_ID ? id : undefined
}
