// Due dates in working hours: time counts only while the council is open (weekdays 09:00 to 17:00
// in its own time zone by default), never on its closed days. Pure: the clock is passed in.
import type { WorkingHours } from '../../platform/council/settings.ts'
import { englandAndWalesBankHolidays } from './bank-holidays.ts'
import { instantAt, wallClock } from '../../platform/i18n/zoned-time.ts'

export type WorkingCalendar = { hours: WorkingHours; closedDays: ReadonlySet<string> }

type LocalDate = { year: number; month: number; day: number }

const MINUTE = 60_000
/** Twenty years of days: enough for any target, and a guard against a calendar with no open time. */
const MAX_DAYS = 366 * 20

export function workingCalendar(
  hours: WorkingHours,
  useBankHolidays: boolean,
  councilHolidays: readonly { date: string; closed: 0 | 1 }[],
): WorkingCalendar {
  const closedDays = new Set(useBankHolidays ? englandAndWalesBankHolidays().keys() : [])
  for (const holiday of councilHolidays) {
    if (holiday.closed === 1) closedDays.add(holiday.date)
    else closedDays.delete(holiday.date)
  }
  return { hours, closedDays }
}

function localDateOf(at: Date, timeZone: string): LocalDate {
  const wall = new Date(wallClock(at.getTime(), timeZone))
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() }
}

/** The instant a local wall-clock time happens, correct across the clock changes. */
function instantOf(date: LocalDate, minutes: number, timeZone: string): Date {
  return new Date(instantAt(Date.UTC(date.year, date.month - 1, date.day) + minutes * MINUTE, timeZone))
}

function minutesOf(time: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time)
  if (!match) throw new RangeError(`working hours time "${time}" is not HH:MM`)
  return Number(match[1]) * 60 + Number(match[2])
}

const isoDate = (d: LocalDate): string =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`
const nextDay = (d: LocalDate): LocalDate => {
  const next = new Date(Date.UTC(d.year, d.month - 1, d.day + 1))
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }
}
const isoWeekday = (d: LocalDate): number => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() || 7

// Working out an instant in a time zone goes through Intl and is slow; imports and the demo seed
// ask for the same few thousand days again and again. The answer never changes, so it is kept.
const instants = new Map<string, number>()
const MAX_INSTANTS = 100_000

function cachedInstantOf(date: LocalDate, time: string, timeZone: string): Date {
  const key = `${timeZone}|${isoDate(date)}|${time}`
  let at = instants.get(key)
  if (at === undefined) {
    if (instants.size >= MAX_INSTANTS) instants.clear()
    at = instantOf(date, minutesOf(time), timeZone).getTime()
    instants.set(key, at)
  }
  return new Date(at)
}

function openingOn(date: LocalDate, calendar: WorkingCalendar): { opens: Date; closes: Date } | undefined {
  const { hours } = calendar
  if (!hours.days.includes(isoWeekday(date)) || calendar.closedDays.has(isoDate(date))) return undefined
  return {
    opens: cachedInstantOf(date, hours.opens, hours.timeZone),
    closes: cachedInstantOf(date, hours.closes, hours.timeZone),
  }
}

function checkCalendar(calendar: WorkingCalendar): void {
  if (minutesOf(calendar.hours.opens) >= minutesOf(calendar.hours.closes))
    throw new RangeError('working hours must open before they close')
  if (!calendar.hours.days.some((d) => d >= 1 && d <= 7))
    throw new RangeError('working hours need at least one working day')
}

/** When a target of `hours` working hours, started at `start`, runs out. */
export function addWorkingHours(start: Date, hours: number, calendar: WorkingCalendar): Date {
  if (!Number.isFinite(hours) || hours < 0)
    throw new RangeError(`target hours must be a number of hours, zero or more (got ${hours})`)
  checkCalendar(calendar)
  let remaining = hours * 60 * MINUTE
  let cursor = start
  let date = localDateOf(start, calendar.hours.timeZone)
  for (let day = 0; day < MAX_DAYS; day++, date = nextDay(date)) {
    const opening = openingOn(date, calendar)
    if (!opening) continue
    if (cursor < opening.opens) cursor = opening.opens
    if (cursor >= opening.closes) continue
    const available = opening.closes.getTime() - cursor.getTime()
    if (remaining <= available) return new Date(cursor.getTime() + remaining)
    remaining -= available
  }
  throw new RangeError('the target does not fit in twenty years of working days')
}

export function isWorkingTime(at: Date, calendar: WorkingCalendar): boolean {
  const opening = openingOn(localDateOf(at, calendar.hours.timeZone), calendar)
  return opening !== undefined && at >= opening.opens && at < opening.closes
}

/**
 * Working time from `from` to `to` in milliseconds: what is left of a target, counted only while
 * the council is open. Negative when `to` has passed, by the working time since it passed.
 */
export function workingTimeBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  if (to < from) return -workingTimeBetween(to, from, calendar)
  checkCalendar(calendar)
  let total = 0
  let date = localDateOf(from, calendar.hours.timeZone)
  for (let day = 0; day < MAX_DAYS; day++, date = nextDay(date)) {
    if (cachedInstantOf(date, '00:00', calendar.hours.timeZone) >= to) break
    const opening = openingOn(date, calendar)
    if (!opening) continue
    const start = Math.max(opening.opens.getTime(), from.getTime())
    const end = Math.min(opening.closes.getTime(), to.getTime())
    if (end > start) total += end - start
  }
  return total
}

/** Midnight at the start of next Monday in the time zone: when "due this week" ends. */
export function startOfNextWeek(at: Date, timeZone: string): Date {
  let date = nextDay(localDateOf(at, timeZone))
  while (isoWeekday(date) !== 1) date = nextDay(date)
  return cachedInstantOf(date, '00:00', timeZone)
}
