// When demo contacts happen and how long they take: phones and the counter only in opening hours,
// web at any hour with an evening peak, handling times and queue waits realistic for each channel.
import type { Channel } from '../../platform/db/values.ts'
import { daysInMonth, isoWeekday, londonTime } from './clock.ts'
import type { Random } from './random.ts'

const STAFFED: ReadonlySet<Channel> = new Set(['phone', 'face_to_face', 'webchat', 'video', 'letter'])
const CLOSED_DAYS = new Set(['12-25', '12-26', '01-01'])

function isOpen(year: number, month: number, day: number): boolean {
  const key = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return isoWeekday(year, month, day) <= 5 && !CLOSED_DAYS.has(key)
}

function minuteOfDay(channel: Channel, random: Random, staffed: boolean): number {
  if (staffed) {
    const closes = channel === 'face_to_face' ? 990 : 1020
    // Mornings are busier on the phones and at the counter.
    return 540 + Math.floor((closes - 540) * Math.pow(random.next(), 1.25))
  }
  if (channel === 'email') return random.int(420, 1380)
  return random.chance(0.6) ? random.int(1020, 1410) : random.int(420, 1019)
}

/** A start time in the given month for a contact on `channel`; `staffed` forces opening hours. */
export function contactTime(
  year: number,
  month: number,
  channel: Channel,
  random: Random,
  staffed = STAFFED.has(channel),
): Date {
  const days = daysInMonth(year, month)
  let day = random.int(1, days)
  for (let tries = 0; staffed && !isOpen(year, month, day) && tries < 20; tries++) day = random.int(1, days)
  return londonTime(year, month, day, minuteOfDay(channel, random, staffed))
}

/** Seconds an adviser spends on a contact; null where the resident served themselves. */
export function handleSeconds(channel: Channel, assisted: boolean, random: Random): number | null {
  switch (channel) {
    case 'phone':
      return random.skewed(300, 45, 2400)
    case 'face_to_face':
      return random.skewed(600, 120, 3600)
    case 'video':
      return random.skewed(720, 180, 3600)
    case 'email':
      return random.skewed(420, 60, 2400)
    case 'letter':
      return random.skewed(540, 120, 2400)
    case 'webchat':
      return random.skewed(480, 60, 2400)
    case 'web':
      return assisted ? random.skewed(900, 300, 2700) : null
    default:
      return random.skewed(300, 60, 1800)
  }
}

/** Mean seconds a caller waits before an answer: worse in the pandemic years. */
function meanWait(year: number, month: number): number {
  if (year === 2020) return month >= 4 && month <= 6 ? 240 : 150
  if (year === 2021) return 130
  if (year === 2022) return 100
  return 60
}

export function answerWait(year: number, month: number, random: Random): number {
  return random.skewed(meanWait(year, month), 4, 1500)
}

/** Seconds before a caller who gives up hangs up. */
export function abandonWait(year: number, month: number, random: Random): number {
  return random.skewed(meanWait(year, month) * 1.5, 10, 1800)
}

export function abandonmentRate(year: number): number {
  if (year === 2020) return 0.13
  if (year === 2021) return 0.11
  if (year === 2022) return 0.09
  return 0.06
}
