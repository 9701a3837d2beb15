// The council settings pages' boxes as typed and what they mean: money typed in pounds and pence
// becomes whole pence, times stay HH:MM, ticked days become ISO weekdays. What a box cannot mean
// is refused here; whether the whole makes sense is the platform's rule (settings-write.ts).
import type { FieldError } from '../../platform/http/problem.ts'
import type { Channel } from '../../platform/db/values.ts'
import { CHANNELS } from '../../platform/db/values.ts'

export const CHANNEL_NAMES: Record<Channel, string> = {
  web: 'Online',
  phone: 'Phone',
  face_to_face: 'Face to face',
  video: 'Video',
  email: 'Email',
  letter: 'Letter',
  webchat: 'Web chat',
  social: 'Social media',
  partner: 'Partner organisation',
}

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const

/** Pence as people read money: 862 → "8.62". */
export const pounds = (pence: number | undefined): string => (pence === undefined ? '' : (pence / 100).toFixed(2))

const MONEY = /^£?\s*(\d{1,7})(?:\.(\d{1,2}))?$/

/** "£8.62", "8.6", "1,200" as whole pence; undefined when it is not an amount of money. */
export function penceOf(typed: string): number | undefined {
  const match = MONEY.exec(typed.replace(/,/g, '').trim())
  if (!match) return undefined
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}

export type CostsForm = { costs: Partial<Record<Channel, string>>; answerThreshold: string }

type ReadCosts =
  | { ok: true; unitCostPence: Partial<Record<Channel, number>>; answerThresholdSeconds: number }
  | { ok: false; errors: FieldError[] }

/** The costs typed, in pence; an empty box leaves that channel's cost as it is. */
export function readCosts(form: CostsForm): ReadCosts {
  const errors: FieldError[] = []
  const unitCostPence: Partial<Record<Channel, number>> = {}
  for (const channel of CHANNELS) {
    const typed = (form.costs[channel] ?? '').trim()
    if (typed === '') continue
    const pence = penceOf(typed)
    if (typed.startsWith('-') || typed.startsWith('£-'))
      errors.push({
        name: `cost.${channel}`,
        message: `The cost of a ${CHANNEL_NAMES[channel].toLowerCase()} contact cannot be less than £0`,
      })
    else if (pence === undefined)
      errors.push({
        name: `cost.${channel}`,
        message: `Enter the cost of a ${CHANNEL_NAMES[channel].toLowerCase()} contact in pounds and pence, like 2.83`,
      })
    else unitCostPence[channel] = pence
  }
  const seconds = form.answerThreshold.trim()
  if (!/^\d{1,6}$/.test(seconds))
    errors.push({
      name: 'answerThreshold',
      message: 'Enter the answer threshold as a whole number of seconds, like 60',
    })
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, unitCostPence, answerThresholdSeconds: Number(seconds) }
}

export type HoursForm = { days: string[]; opens: string; closes: string; useBankHolidays: string }

type ReadHours =
  | { ok: true; days: number[]; opens: string; closes: string; useBankHolidays: boolean }
  | { ok: false; errors: FieldError[] }

/** "9:00" and "09:00" are the same time; a time typed another way is left for the rules to refuse. */
const paddedTime = (typed: string) =>
  typed
    .trim()
    .replace(/^(\d):/, '0$1:')
    .replace('.', ':')

export function readHours(form: HoursForm): ReadHours {
  const errors: FieldError[] = []
  const days = form.days.map(Number)
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
    errors.push({ name: 'days', message: 'Select working days from the list' })
  if (form.useBankHolidays !== 'yes' && form.useBankHolidays !== 'no')
    errors.push({ name: 'useBankHolidays', message: 'Select whether the England and Wales bank holidays apply' })
  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    days: [...new Set(days)].sort(),
    opens: paddedTime(form.opens),
    closes: paddedTime(form.closes),
    useBankHolidays: form.useBankHolidays === 'yes',
  }
}

export type DayForm = { day: string; month: string; year: string; name: string; closed: string }

/** The date typed in three boxes as YYYY-MM-DD (an unreal one stays unreal for the rules to refuse). */
export function dateOf(form: DayForm): string {
  const pad = (text: string, width: number) => text.trim().padStart(width, '0')
  return `${pad(form.year, 4)}-${pad(form.month, 2)}-${pad(form.day, 2)}`
}
