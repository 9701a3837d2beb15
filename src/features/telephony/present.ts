// How the call-back pages write a time: the council's own clock, as GOV.UK writes dates and times
// ("Monday 7 December from 10am to 12 noon").

/** "Monday 7 December": the day an instant falls on in the council's time zone. */
export function councilDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(
    new Date(iso),
  )
}

/** 10am, 12:30pm, 12 noon (GOV.UK style) for a wall-clock HH:MM. */
export function clockTime(time: string): string {
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  if (hour === 12 && minute === 0) return '12 noon'
  if (hour % 24 === 0 && minute === 0) return '12 midnight'
  const suffix = hour % 24 < 12 ? 'am' : 'pm'
  const twelve = hour % 12 === 0 ? 12 : hour % 12
  return minute === 0 ? `${twelve}${suffix}` : `${twelve}:${String(minute).padStart(2, '0')}${suffix}`
}

/** The time an instant reads on the council's clock, GOV.UK style. */
export function timeOfDay(iso: string, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
  return clockTime(time.format(new Date(iso)))
}

/** "Monday 7 December from 10am to 12 noon": a window that starts and ends on one day. */
export function councilWindow(window: { start: string; end: string }, timeZone: string): string {
  return `${councilDate(window.start, timeZone)} from ${timeOfDay(window.start, timeZone)} to ${timeOfDay(window.end, timeZone)}`
}

/** "Monday 7 December at 9am". */
export function councilTime(iso: string, timeZone: string): string {
  return `${councilDate(iso, timeZone)} at ${timeOfDay(iso, timeZone)}`
}
