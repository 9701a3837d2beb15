// The call a contact answered, as the API and the timeline show it: its queue and times, how long
// the caller waited and how long it lasted. The caller's number (and its hash) is never read.
import type { Static } from '@sinclair/typebox'
import type { AnsweredCallRow } from './repo.ts'
import type { AnsweredCallSchema } from './schemas.ts'
import { staffTime } from '../../platform/i18n/time-of-day.ts'
import { dateTimeFormat } from '../../platform/i18n/date-time-format.ts'

export type AnsweredCall = Static<typeof AnsweredCallSchema>

/** Whole seconds from one instant to another, never below none (a platform's clocks can disagree). */
export function secondsBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000))
}

function iso(at: string): string {
  return new Date(at).toISOString()
}

export function answeredCall(row: AnsweredCallRow): AnsweredCall {
  return {
    queue: row.queue,
    offered_at: iso(row.offered_at),
    answered_at: iso(row.answered_at),
    ended_at: row.ended_at === null ? null : iso(row.ended_at),
    wait_seconds: secondsBetween(row.offered_at, row.answered_at),
    duration_seconds: row.ended_at === null ? null : secondsBetween(row.answered_at, row.ended_at),
  }
}

/** "16 seconds", "1 minute", "3 minutes 5 seconds", "1 hour 2 minutes": what an advisor reads aloud. */
export function durationWords(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`
  const hours = Math.floor(seconds / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const rest = seconds % 60
  if (hours > 0) return [plural(hours, 'hour'), ...(minutes > 0 ? [plural(minutes, 'minute')] : [])].join(' ')
  if (minutes > 0) return [plural(minutes, 'minute'), ...(rest > 0 ? [plural(rest, 'second')] : [])].join(' ')
  return plural(rest, 'second')
}

const dayOf = (timeZone: string) => dateTimeFormat({ timeZone, day: 'numeric', month: 'long', year: 'numeric' })

/**
 * The call in a sentence, in the council's clock: "Call from the main queue offered at 23:59,
 * answered at 23:59 after 18 seconds, lasted 3 minutes 5 seconds". To the minute, as every staff
 * page writes a time: the wait gives the seconds between the two. A call offered on the day
 * before it was answered says which day.
 */
export function callWords(call: AnsweredCall, timeZone: string): string {
  const day = dayOf(timeZone)
  const offered = new Date(call.offered_at)
  const answered = new Date(call.answered_at)
  const offeredDay = day.format(offered) === day.format(answered) ? '' : ` on ${day.format(offered)}`
  const length = call.duration_seconds === null ? 'not yet ended' : `lasted ${durationWords(call.duration_seconds)}`
  return (
    `Call from the ${call.queue} queue offered at ${staffTime(offered, timeZone)}${offeredDay}, ` +
    `answered at ${staffTime(answered, timeZone)} after ${durationWords(call.wait_seconds)}, ${length}`
  )
}
