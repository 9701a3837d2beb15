// The times a resident can ask to be called back in, as instants: the next morning or afternoon,
// inside the council's opening hours, on a day it is open (not a closure day or, where the council
// keeps them, an England and Wales bank holiday), in the council's own time zone.
import type { WorkingHours } from '../../platform/council/settings.ts'
import { instantAt } from '../../platform/i18n/zoned-time.ts'
import { nextDay } from '../metrics/service.ts'

/** Morning runs from opening to noon, afternoon from noon to closing: the council's hours cut each. */
export const CALL_BACK_WINDOWS = {
  morning: { text: 'Morning', from: '00:00', to: '12:00' },
  afternoon: { text: 'Afternoon', from: '12:00', to: '24:00' },
} as const
export type CallBackWindow = keyof typeof CALL_BACK_WINDOWS

/**
 * The shortest window worth promising. An advisor working the list in order needs time to reach
 * a call back, and a resident told "between 11:59 and 12 noon" would be promised a call nobody
 * can make; half an hour is the least in which a call can be made as promised.
 */
export const SHORTEST_WINDOW_MINUTES = 30

const minutesOf = (time: string) => {
  const [h, m] = time.split(':').map(Number) as [number, number]
  return h * 60 + m
}
const timeOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/** The part of the council's day a window covers, HH:MM to HH:MM; undefined when too short to offer. */
export function windowTimes(window: CallBackWindow, hours: WorkingHours): { from: string; to: string } | undefined {
  const spec = CALL_BACK_WINDOWS[window]
  const from = Math.max(minutesOf(spec.from), minutesOf(hours.opens))
  const to = Math.min(minutesOf(spec.to), minutesOf(hours.closes))
  return to - from >= SHORTEST_WINDOW_MINUTES ? { from: timeOf(from), to: timeOf(to) } : undefined
}

/** The windows these hours leave room for, in the order of the day. */
export function offeredWindows(hours: WorkingHours): { window: CallBackWindow; from: string; to: string }[] {
  return (Object.keys(CALL_BACK_WINDOWS) as CallBackWindow[]).flatMap((window) => {
    const times = windowTimes(window, hours)
    return times ? [{ window, ...times }] : []
  })
}

export function isOfferedWindow(value: string, hours: WorkingHours): value is CallBackWindow {
  // Own properties only: `in` would also accept toString or __proto__ from a tampered form.
  return Object.hasOwn(CALL_BACK_WINDOWS, value) && windowTimes(value as CallBackWindow, hours) !== undefined
}

/** The UTC instant of a wall-clock time on a date in a time zone (found by correcting for the zone's offset then). */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const [h, mi] = time.split(':').map(Number) as [number, number]
  return instantAt(Date.UTC(y, m - 1, d, h, mi), timeZone)
}

function localDate(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(at),
  )
}

function isoWeekday(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay()
  return day === 0 ? 7 : day
}

/** A year of days: past any run of closures, and a guard against hours that never open. */
const DAYS_AHEAD = 366

/**
 * The next such window, on a day the council is open, with at least SHORTEST_WINDOW_MINUTES of it
 * still to come. `closedDays` are local dates (YYYY-MM-DD): closure days and bank holidays.
 */
export function nextWindow(
  window: CallBackWindow,
  hours: WorkingHours,
  nowMs: number,
  closedDays: ReadonlySet<string> = new Set(),
): { start: string; end: string } {
  const times = windowTimes(window, hours)
  if (!times) throw new RangeError(`the council's hours leave no ${window} window`)
  // Day by local date, not by adding 24 hours: a day is 23 or 25 hours long when the clocks change.
  let date = localDate(nowMs, hours.timeZone)
  for (let day = 0; day < DAYS_AHEAD; day++, date = nextDay(date)) {
    if (!hours.days.includes(isoWeekday(date)) || closedDays.has(date)) continue
    const end = zonedInstant(date, times.to, hours.timeZone)
    const start = Math.max(zonedInstant(date, times.from, hours.timeZone), nowMs)
    if (end - start < SHORTEST_WINDOW_MINUTES * 60_000) continue
    return { start: new Date(start).toISOString(), end: new Date(end).toISOString() }
  }
  throw new RangeError('the council is open on no day in the coming year')
}

/** When the council's phone lines next open (now, if they are open), or undefined if not in a year. */
export function nextOpening(
  hours: WorkingHours,
  nowMs: number,
  closedDays: ReadonlySet<string> = new Set(),
): { at: number; openNow: boolean } | undefined {
  let date = localDate(nowMs, hours.timeZone)
  for (let day = 0; day < DAYS_AHEAD; day++, date = nextDay(date)) {
    if (!hours.days.includes(isoWeekday(date)) || closedDays.has(date)) continue
    const opens = zonedInstant(date, hours.opens, hours.timeZone)
    const closes = zonedInstant(date, hours.closes, hours.timeZone)
    if (nowMs >= closes) continue
    return nowMs >= opens ? { at: nowMs, openNow: true } : { at: opens, openNow: false }
  }
  return undefined
}

/** From the next time the lines are open (now, if they are) to that day's closing; undefined if not in a year. */
export function nextOpenPeriod(
  hours: WorkingHours,
  nowMs: number,
  closedDays: ReadonlySet<string> = new Set(),
): { start: string; end: string } | undefined {
  const opening = nextOpening(hours, nowMs, closedDays)
  if (!opening) return undefined
  const closes = zonedInstant(localDate(opening.at, hours.timeZone), hours.closes, hours.timeZone)
  return { start: new Date(opening.at).toISOString(), end: new Date(closes).toISOString() }
}
