// Council days are Europe/London days: a contact at 23:30 UTC in July belongs to the next day.
// British Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
// Sunday of October (the rule since 1996), so the day is worked out here rather than by a time
// zone database call per row, which costs more than the rest of a contact's rollup upkeep.
import type { ContactSpan } from './repo.ts'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/** The instant of 01:00 UTC on the last Sunday of a month (0-based). */
function lastSundayOneAm(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0))
  return lastDay.getTime() - lastDay.getUTCDay() * DAY_MS + HOUR_MS
}

const summerTimes = new Map<number, [number, number]>()

function summerTime(year: number): [number, number] {
  let bounds = summerTimes.get(year)
  if (!bounds) {
    bounds = [lastSundayOneAm(year, 2), lastSundayOneAm(year, 9)]
    summerTimes.set(year, bounds)
  }
  return bounds
}

/** Milliseconds London is ahead of UTC at this instant. */
export function londonOffsetMs(instant: number): number {
  const [starts, ends] = summerTime(new Date(instant).getUTCFullYear())
  return instant >= starts && instant < ends ? HOUR_MS : 0
}

// Every contact, call and case written asks for its day, and parsing and formatting the time cost
// more than the rest of its rollup upkeep. London's offset changes only on a UTC hour, so a UTC
// time's day follows from its date and hour: the days of recent hours are kept.
const daysByHour = new Map<string, string>()
const UTC_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/

/** The Europe/London day (YYYY-MM-DD) of an instant given as an ISO 8601 time. */
export function londonDay(iso: string): string {
  const utc = UTC_TIME.test(iso)
  const hour = iso.slice(0, 13)
  const known = utc ? daysByHour.get(hour) : undefined
  if (known !== undefined) return known
  const instant = Date.parse(iso)
  const day = new Date(instant + londonOffsetMs(instant)).toISOString().slice(0, 10)
  if (utc) {
    if (daysByHour.size >= 10_000) daysByHour.clear()
    daysByHour.set(hour, day)
  }
  return day
}

/** The Europe/London hour (0 to 23) of an instant given as an ISO 8601 time. */
export function londonHour(iso: string): number {
  const instant = Date.parse(iso)
  return new Date(instant + londonOffsetMs(instant)).getUTCHours()
}

/** The UTC instant (ISO) at which a London day begins. */
export function londonMidnight(day: string): string {
  const utcMidnight = Date.parse(`${day}T00:00:00.000Z`)
  // Midnight in summer time is 23:00 UTC the day before; the change itself happens at 01:00 UTC.
  const inSummer = utcMidnight - HOUR_MS
  return new Date(londonOffsetMs(inSummer) === HOUR_MS ? inSummer : utcMidnight).toISOString()
}

/** The day after a YYYY-MM-DD day. */
export function nextDay(day: string, days = 1): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** Whole days from one YYYY-MM-DD day to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

export type Grouping = 'day' | 'week' | 'month' | 'year'

/** The first day of the group (ISO week from Monday, calendar month or year) a day falls in. */
export function groupStart(day: string, group: Grouping): string {
  if (group === 'day') return day
  if (group === 'month') return `${day.slice(0, 7)}-01`
  if (group === 'year') return `${day.slice(0, 4)}-01-01`
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7
  return nextDay(day, -weekday)
}

/** The first day of the next group after the one starting on `start`. */
export function nextGroupStart(start: string, group: Grouping): string {
  if (group === 'day') return nextDay(start)
  if (group === 'week') return nextDay(start, 7)
  const date = new Date(`${start}T00:00:00Z`)
  if (group === 'month') date.setUTCMonth(date.getUTCMonth() + 1)
  else date.setUTCFullYear(date.getUTCFullYear() + 1)
  return date.toISOString().slice(0, 10)
}

/** The groups a period falls into, each clipped to the period: [start, end) days. */
export function groupsOf(from: string, to: string, group: Grouping): { start: string; end: string }[] {
  const groups: { start: string; end: string }[] = []
  let start = from
  while (start < to) {
    const next = nextGroupStart(groupStart(start, group), group)
    const end = next < to ? next : to
    groups.push({ start, end })
    start = end
  }
  return groups
}

/** A span of days cut at month boundaries: days before the first whole month, the whole months (YYYY-MM), days after. */
export type MonthCut = {
  before: { from: string; to: string } | null
  months: { from: string; to: string } | null
  after: { from: string; to: string } | null
}

/** Cuts days (`to` the first not counted) into whole London months and the days either side of them. */
export function cutAtMonths(from: string, to: string): MonthCut {
  const firstWhole = from.endsWith('-01') ? from.slice(0, 7) : nextDay(`${from.slice(0, 7)}-28`, 4).slice(0, 7)
  const lastStart = to.slice(0, 7)
  if (firstWhole >= lastStart) return { before: from < to ? { from, to } : null, months: null, after: null }
  const monthStart = `${firstWhole}-01`
  const afterStart = `${lastStart}-01`
  return {
    before: from < monthStart ? { from, to: monthStart } : null,
    months: { from: firstWhole, to: lastStart },
    after: afterStart < to ? { from: afterStart, to } : null,
  }
}

/**
 * A period of days as the stretches of the contact rollups to read: whole months from the monthly
 * rollup, the days either side from the daily one.
 */
export function contactSpans(from: string, to: string): ContactSpan[] {
  const cut = cutAtMonths(from, to)
  return [
    ...(cut.before ? [{ level: 'day' as const, ...cut.before }] : []),
    ...(cut.months ? [{ level: 'month' as const, ...cut.months }] : []),
    ...(cut.after ? [{ level: 'day' as const, ...cut.after }] : []),
  ]
}
