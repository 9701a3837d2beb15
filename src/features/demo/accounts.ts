// Demo residents' online accounts: most residents who serve themselves online and have an email
// opened one, some who need help did too, and none of those offline by choice or unable to go
// online. More opened them in later years, as take-up grew, so the dashboard's e-account take-up
// rises over the demo's years. A few never confirmed their email and do not count.
import type { DigitalStatus } from '../../platform/db/values.ts'
import { daysInMonth, londonTime } from './clock.ts'
import type { Population } from './people.ts'
import type { Random } from './random.ts'

export type AccountPlan = { resident: number; email: string; openedAt: string; verifiedAt: string | null }

const OPENED: Record<DigitalStatus, number> = {
  self_serve: 0.6,
  needs_help: 0.25,
  offline_by_choice: 0,
  cannot_use: 0,
}
const NEVER_CONFIRMED = 0.08

/** A year from `from` to `to`, later years likelier: take-up grew. */
function openingYear(from: number, to: number, random: Random): number {
  const years = Array.from({ length: to - from + 1 }, (_, i) => [from + i, (i + 1) ** 1.5] as const)
  return random.weighted(years)
}

/**
 * Pure: the same population, years and random source give the same accounts. None is opened
 * after `until` (when the history ends), and one opened just before it may not be confirmed yet.
 */
export function planAccounts(
  population: Population,
  fromYear: number,
  toYear: number,
  until: Date,
  random: Random,
): AccountPlan[] {
  const accounts: AccountPlan[] = []
  // An email opens one account at a council: two residents sharing one (a couple) share the first's.
  const taken = new Set<string>()
  population.residents.forEach((resident, index) => {
    if (resident.email === null || !random.chance(OPENED[resident.digitalStatus])) return
    const email = resident.email.toLowerCase()
    if (taken.has(email)) return
    taken.add(email)
    const year = openingYear(fromYear, toYear, random)
    const month = random.int(1, 12)
    const opened = londonTime(year, month, random.int(1, daysInMonth(year, month)), random.int(7 * 60, 23 * 60))
    const confirmed = new Date(opened.getTime() + random.int(1, 40) * 60_000)
    const neverConfirmed = random.chance(NEVER_CONFIRMED)
    if (opened > until) return
    accounts.push({
      resident: index,
      email,
      openedAt: opened.toISOString(),
      verifiedAt: neverConfirmed || confirmed > until ? null : confirmed.toISOString(),
    })
  })
  return accounts
}
