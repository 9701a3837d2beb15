// The period a list covers: start_date and end_date at most 90 days apart, by default the 90 days to now.
import type { Params } from './params.ts'
import { badParameter, dateTime } from './params.ts'

const DAY_MS = 24 * 60 * 60 * 1000
export const MAX_SPAN_DAYS = 90

export function periodOf(params: Params, now: Date): { from: string; to: string } {
  const start = dateTime(params, 'start_date')
  const end = dateTime(params, 'end_date')
  const span = MAX_SPAN_DAYS * DAY_MS
  const to = end ?? (start ? new Date(new Date(start).getTime() + span).toISOString() : now.toISOString())
  const from = start ?? new Date(new Date(to).getTime() - span).toISOString()
  if (from > to) throw badParameter('end_date', 'must not be before start_date')
  if (new Date(to).getTime() - new Date(from).getTime() > span)
    throw badParameter('end_date', `must be at most ${MAX_SPAN_DAYS} days after start_date`)
  return { from, to }
}
