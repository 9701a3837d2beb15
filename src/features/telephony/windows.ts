// The times a resident can ask to be called back in, as instants: the next morning or afternoon
// that has not yet ended, on a day the council works, in the council's own time zone.
import type { WorkingHours } from '../../platform/council/settings.ts'

export const CALL_BACK_WINDOWS = {
  morning: { text: 'Morning (9am to 12 noon)', from: '09:00', to: '12:00' },
  afternoon: { text: 'Afternoon (12 noon to 5pm)', from: '12:00', to: '17:00' },
} as const
export type CallBackWindow = keyof typeof CALL_BACK_WINDOWS

/** The UTC instant of a wall-clock time on a date in a time zone (found by correcting for the zone's offset then). */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const [h, mi] = time.split(':').map(Number) as [number, number]
  const guess = Date.UTC(y, m - 1, d, h, mi)
  const offset = (at: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
        .formatToParts(new Date(at))
        .map((p) => [p.type, p.value]),
    )
    return (
      Date.UTC(
        Number(parts.year),
        Number(parts.month) - 1,
        Number(parts.day),
        Number(parts.hour),
        Number(parts.minute),
      ) - at
    )
  }
  const first = guess - offset(guess)
  return guess - offset(first)
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

/** The next such window that has not ended yet, on a working day. */
export function nextWindow(window: CallBackWindow, hours: WorkingHours, nowMs: number): { start: string; end: string } {
  const spec = CALL_BACK_WINDOWS[window]
  for (let day = 0; day < 14; day++) {
    const date = localDate(nowMs + day * 86_400_000, hours.timeZone)
    if (!hours.days.includes(isoWeekday(date))) continue
    const end = zonedInstant(date, spec.to, hours.timeZone)
    if (end <= nowMs) continue
    const start = zonedInstant(date, spec.from, hours.timeZone)
    return { start: new Date(Math.max(start, nowMs)).toISOString(), end: new Date(end).toISOString() }
  }
  throw new Error('the council works no day in the next fortnight')
}
