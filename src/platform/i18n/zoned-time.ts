// A council's clock and the instants behind it. A wall-clock time has no offset of its own: 01:30
// on the last Sunday of October happens twice in London and 01:30 on the last Sunday of March not
// at all. These find the instant by asking the time zone what its clock read, then correcting once
// more for the offset at the first guess, which settles on the right side of either change.
import { dateTimeFormat } from './date-time-format.ts'

const SECOND = 1000

const clockOf = (timeZone: string) =>
  dateTimeFormat({
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })

/** What a clock in the time zone read at an instant, to the second, in milliseconds as if it were UTC. */
export function wallClock(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    clockOf(timeZone)
      .formatToParts(new Date(at))
      .map((p) => [p.type, Number(p.value)]),
  )
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!)
}

/** How far the time zone's clock was ahead of UTC at an instant. */
const offsetAt = (at: number, timeZone: string): number => wallClock(at, timeZone) - Math.floor(at / SECOND) * SECOND

/** The instant a wall-clock reading (milliseconds as if UTC) happens in the time zone. */
export function instantAt(wall: number, timeZone: string): number {
  const firstGuess = wall - offsetAt(wall, timeZone)
  return wall - offsetAt(firstGuess, timeZone)
}
