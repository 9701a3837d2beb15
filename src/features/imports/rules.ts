// Rules shared by the import files.
import type { Problem } from './cells.ts'
import { isProblem } from './cells.ts'

export const EXTERNAL_ID_MAX = 200

/** Clocks differ a little between systems: a few minutes ahead is not yet the future. */
const CLOCK_SKEW_MS = 5 * 60_000

/** Records of what happened cannot have happened after the import started. */
export function notInFuture<T extends string | null>(column: string, value: T | Problem, now: Date): T | Problem {
  if (value === null || isProblem(value)) return value
  return Date.parse(value) > now.getTime() + CLOCK_SKEW_MS ? { problem: `${column} is in the future` } : value
}
