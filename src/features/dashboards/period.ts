// The period a dashboard or briefing covers, as people write it: the first and the last day
// counted (the API's `to` is the first day not counted; the pages speak as a committee does). The
// presets are whole months, quarters and financial years (1 April to 31 March) before today.
import type { FieldError } from '../../platform/http/problem.ts'
import { daysBetween, nextDay } from '../metrics/service.ts'

/** Council days, YYYY-MM-DD; `to` is the last day counted. */
export type DayRange = { from: string; to: string }
export type Preset = { name: string; range: DayRange }
/** The period asked for and the two it is compared with. */
export type Comparison = { current: DayRange; previous: DayRange; yearEarlier: DayRange }

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
/** Ten years: the metrics API's longest period too. */
const MAX_DAYS = 3653

function isDay(text: string): boolean {
  const match = DAY.exec(text)
  if (!match) return false
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
}

export type PeriodAsked = { values: { from: string; to: string }; range: DayRange | null; errors: FieldError[] }

/** Reads `from` and `to` as typed; missing both gives the default (the last 12 whole months); nothing after today. */
export function readPeriod(query: { from?: unknown; to?: unknown }, today: string): PeriodAsked {
  const from = typeof query.from === 'string' ? query.from.trim() : ''
  const to = typeof query.to === 'string' ? query.to.trim() : ''
  const values = { from, to }
  if (from === '' && to === '') {
    const range = lastTwelveMonths(today)
    return { values: { ...range }, range, errors: [] }
  }
  const errors: FieldError[] = []
  if (from === '') errors.push({ name: 'from', message: 'Enter the first day of the period' })
  else if (!isDay(from)) errors.push({ name: 'from', message: 'The first day must be a real date, like 2025-04-01' })
  if (to === '') errors.push({ name: 'to', message: 'Enter the last day of the period' })
  else if (!isDay(to)) errors.push({ name: 'to', message: 'The last day must be a real date, like 2026-03-31' })
  if (errors.length === 0 && to < from)
    errors.push({ name: 'to', message: 'The last day must be the same as or after the first day' })
  // A period running past today would count days that have not happened as days with nothing in
  // them, and its figures would read as falls.
  if (errors.length === 0 && to > today)
    errors.push({
      name: 'to',
      message: `The last day must be today or earlier (today is ${describeRange({ from: today, to: today })})`,
    })
  if (errors.length === 0 && daysBetween(from, to) + 1 > MAX_DAYS)
    errors.push({ name: 'to', message: 'The period must be 10 years or shorter' })
  return { values, range: errors.length === 0 ? { from, to } : null, errors }
}

/** The period as the metrics service takes it: `to` the first day not counted. */
export function asPeriod(range: DayRange): { from: string; to: string } {
  return { from: range.from, to: nextDay(range.to) }
}

function shiftYears(day: string, years: number): string {
  const year = Number(day.slice(0, 4)) + years
  const shifted = `${String(year).padStart(4, '0')}${day.slice(4)}`
  // 29 February a year away is 28 February.
  return isDay(shifted) ? shifted : `${shifted.slice(0, 8)}28`
}

/** The period just before and the same period a year earlier, as a committee would compare them. */
export function comparisonOf(current: DayRange): Comparison {
  const months = wholeMonths(current)
  if (months !== null) {
    // A month, a quarter or a year is compared with the months before it, not with the same
    // number of days: March against February, not against 29 January to 28 February.
    return {
      current,
      previous: monthsEndingBefore(current.from, months),
      yearEarlier: monthsEndingBefore(addMonths(current.from, months - 12), months),
    }
  }
  const days = daysBetween(current.from, current.to) + 1
  return {
    current,
    previous: { from: nextDay(current.from, -days), to: nextDay(current.from, -1) },
    yearEarlier: { from: shiftYears(current.from, -1), to: shiftYears(current.to, -1) },
  }
}

/** How many whole calendar months a period is, or null when it starts or ends part way through one. */
function wholeMonths(range: DayRange): number | null {
  if (range.from.slice(8) !== '01' || nextDay(range.to).slice(8) !== '01') return null
  const monthNumber = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7))
  return monthNumber(range.to) - monthNumber(range.from) + 1
}

/** The `months` whole months that end the day before `first`. */
function monthsEndingBefore(first: string, months: number): DayRange {
  return { from: addMonths(first, -months), to: nextDay(first, -1) }
}

const monthStart = (day: string): string => `${day.slice(0, 7)}-01`

function addMonths(first: string, months: number): string {
  const date = new Date(`${first}T00:00:00Z`)
  date.setUTCMonth(date.getUTCMonth() + months)
  return date.toISOString().slice(0, 10)
}

/** Whole months ending before the month `today` is in. */
function monthsBefore(today: string, months: number, endMonthsBack = 0): DayRange {
  const end = addMonths(monthStart(today), -endMonthsBack)
  return { from: addMonths(end, -months), to: nextDay(end, -1) }
}

export const lastTwelveMonths = (today: string): DayRange => monthsBefore(today, 12)

function lastQuarter(today: string): DayRange {
  const month = Number(today.slice(5, 7)) - 1
  const quarterStart = addMonths(`${today.slice(0, 4)}-01-01`, month - (month % 3))
  return { from: addMonths(quarterStart, -3), to: nextDay(quarterStart, -1) }
}

/** The financial year (1 April to 31 March) that starts in `year`. */
export function financialYear(year: number): Preset {
  return {
    name: `Financial year ${year} to ${year + 1}`,
    range: { from: `${year}-04-01`, to: `${year + 1}-03-31` },
  }
}

/** The presets offered beside the dates, newest first. */
export function presets(today: string): Preset[] {
  const year = Number(today.slice(0, 4))
  const currentFinancialYear = today.slice(5) >= '04-01' ? year : year - 1
  return [
    { name: 'Last month', range: monthsBefore(today, 1) },
    { name: 'Last quarter', range: lastQuarter(today) },
    { name: 'Last 12 months', range: lastTwelveMonths(today) },
    financialYear(currentFinancialYear - 1),
    financialYear(currentFinancialYear - 2),
  ]
}

const LONG = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

/** "1 April 2025 to 31 March 2026". */
export function describeRange(range: DayRange): string {
  const day = (d: string) => LONG.format(new Date(`${d}T00:00:00Z`))
  return range.from === range.to ? day(range.from) : `${day(range.from)} to ${day(range.to)}`
}

/** Today as a London day. */
export function londonToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now)
}
