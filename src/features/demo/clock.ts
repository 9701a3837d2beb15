// Calendar arithmetic for the demo history: council opening hours are UK local time, stored times
// are UTC, so a 9am phone call in July is 08:00Z. Computed from the rules, not the host's zone.

const DAY_MS = 86_400_000

/** The day of month of the last Sunday of a month (month 1-12). */
function lastSunday(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0))
  return lastDay.getUTCDate() - lastDay.getUTCDay()
}

/** Whether UK clocks are on British Summer Time on this local date. */
export function isBritishSummerTime(year: number, month: number, day: number): boolean {
  if (month < 3 || month > 10) return false
  if (month > 3 && month < 10) return true
  const change = lastSunday(year, month)
  return month === 3 ? day >= change : day < change
}

/** The UTC instant of a UK local date and minute of the day. */
export function londonTime(year: number, month: number, day: number, minuteOfDay: number): Date {
  const offsetMinutes = isBritishSummerTime(year, month, day) ? 60 : 0
  return new Date(Date.UTC(year, month - 1, day) + (minuteOfDay - offsetMinutes) * 60_000)
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** ISO weekday of a date: 1 is Monday, 7 is Sunday. */
export function isoWeekday(year: number, month: number, day: number): number {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
  return weekday === 0 ? 7 : weekday
}

export function addSeconds(at: Date, seconds: number): Date {
  return new Date(at.getTime() + seconds * 1000)
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS)
}

export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10)
}
