// How many contacts the demo council gets each month and on which channels. Web grows from about
// 15% of contacts in 2015 to about 60% by 2025; the 2020 lockdowns close the counter (near zero
// from April to June 2020, low for the rest of that year) and push people to phone, email and web.
import type { Channel } from '../../platform/db/values.ts'

const SEASON = [1.0, 0.95, 1.2, 1.25, 1.05, 0.95, 0.95, 0.9, 1.0, 1.0, 0.95, 0.8]
const CONTACTS_PER_RESIDENT_YEAR = 1.6

function progress(year: number, month: number): number {
  return Math.min(1, Math.max(0, (year - 2015 + (month - 1) / 12) / 10))
}

/** How open the counter was, against normal times. */
export function counterOpenness(year: number, month: number): number {
  if (year < 2020 || (year === 2020 && month < 3)) return 1
  if (year === 2020) {
    if (month === 3) return 0.6
    if (month <= 6) return 0.02
    if (month <= 10) return 0.3
    return month === 11 ? 0.1 : 0.25
  }
  if (year === 2021) return month <= 3 ? 0.1 : month <= 6 ? 0.35 : 0.5
  if (year === 2022) return 0.65
  if (year === 2023) return 0.75
  return 0.8
}

function inLockdownYear(year: number, month: number): boolean {
  return (year === 2020 && month >= 4) || (year === 2021 && month <= 3)
}

/** Relative weights of each inbound channel in a month. */
export function channelWeights(year: number, month: number): (readonly [Channel, number])[] {
  const t = progress(year, month)
  const web = 0.15 + 0.45 * t
  const rest: (readonly [Channel, number])[] = [
    ['phone', 0.5 - 0.06 * t],
    ['face_to_face', 0.3 - 0.12 * t],
    ['email', 0.1 + 0.04 * t],
    ['letter', 0.07 - 0.04 * t],
    ['webchat', year >= 2019 ? 0.05 : 0],
    ['video', year > 2020 || (year === 2020 && month >= 5) ? 0.02 : 0],
  ]
  const restTotal = rest.reduce((sum, [, w]) => sum + w, 0)
  const lockdown = inLockdownYear(year, month)
  const boost: Partial<Record<Channel, number>> = lockdown ? { phone: 1.15, email: 1.6, webchat: 1.4, web: 1.15 } : {}
  const open = counterOpenness(year, month)
  const weights: (readonly [Channel, number])[] = [['web', web * (boost.web ?? 1)]]
  for (const [channel, w] of rest) {
    const share = ((1 - web) * w) / restTotal
    const factor = channel === 'face_to_face' ? open : (boost[channel] ?? 1)
    weights.push([channel, share * factor])
  }
  return weights
}

/** The expected number of inbound contacts in a month for a council of `residents`. */
export function monthlyContacts(residents: number, year: number, month: number): number {
  const growth = 1 + 0.01 * (year - 2015)
  const pandemic = year === 2020 && month >= 4 && month <= 6 ? 1.1 : 1
  return ((residents * CONTACTS_PER_RESIDENT_YEAR) / 12) * (SEASON[month - 1] ?? 1) * growth * pandemic
}
