// How the call-back pages write a time: the council's own clock, as GOV.UK writes dates and times
// ("Monday 7 December at 10:00am").
export function councilTime(iso: string, timeZone: string): string {
  const at = new Date(iso)
  const day = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(at)
  return `${day} at ${timeOfDay(at, timeZone)}`
}

/** 10am, 12:30pm, 12 noon: the GOV.UK style for times. */
export function timeOfDay(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: 'numeric', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  )
  const hour = parts.hour ?? 0
  const minute = parts.minute ?? 0
  if (hour === 12 && minute === 0) return '12 noon'
  if (hour === 0 && minute === 0) return '12 midnight'
  const suffix = hour < 12 ? 'am' : 'pm'
  const twelve = hour % 12 === 0 ? 12 : hour % 12
  return minute === 0 ? `${twelve}${suffix}` : `${twelve}:${String(minute).padStart(2, '0')}${suffix}`
}

/** "Monday 7 December from 10am to 12 noon": a window that starts and ends on one day. */
export function councilWindow(window: { start: string; end: string }, timeZone: string): string {
  return `${councilTime(window.start, timeZone).replace(' at ', ' from ')} to ${timeOfDay(new Date(window.end), timeZone)}`
}
