// Who contacts the council on which channel, and about what: residents who are offline turn up on
// the phone and at the counter, self-serving residents online; some residents contact far more.
import type { Channel, DigitalStatus } from '../../platform/db/values.ts'
import type { DemoService } from './catalogue-data.ts'
import type { ResidentPlan } from './people.ts'
import type { Random } from './random.ts'

const BY_STATUS: Partial<Record<Channel, Record<DigitalStatus, number>>> = {
  web: { self_serve: 1, needs_help: 0.12, offline_by_choice: 0, cannot_use: 0 },
  email: { self_serve: 1, needs_help: 0.4, offline_by_choice: 0.05, cannot_use: 0 },
  phone: { self_serve: 0.6, needs_help: 1.3, offline_by_choice: 1.6, cannot_use: 1.6 },
  face_to_face: { self_serve: 0.3, needs_help: 1.2, offline_by_choice: 1.8, cannot_use: 2.5 },
  letter: { self_serve: 0.1, needs_help: 0.6, offline_by_choice: 2, cannot_use: 2 },
  webchat: { self_serve: 1, needs_help: 0.3, offline_by_choice: 0, cannot_use: 0 },
  video: { self_serve: 0.6, needs_help: 0.6, offline_by_choice: 0.1, cannot_use: 0.05 },
}

export type Picker = (random: Random) => number

/** Picks an index with probability proportional to its weight (binary search on running totals). */
export function weightedIndex(weights: readonly number[]): Picker {
  const totals: number[] = []
  let sum = 0
  for (const weight of weights) totals.push((sum += Math.max(0, weight)))
  if (sum <= 0) throw new Error('nothing to pick from')
  return (random) => {
    const roll = random.next() * sum
    let low = 0
    let high = totals.length - 1
    while (low < high) {
      const mid = (low + high) >> 1
      if ((totals[mid] ?? 0) > roll) high = mid
      else low = mid + 1
    }
    return low
  }
}

/** A resident picker per channel. */
export function residentPickers(residents: readonly ResidentPlan[], random: Random): Map<Channel, Picker> {
  // How often each resident needs the council at all: a few residents account for many contacts.
  const activity = residents.map(() => 0.3 + 1.7 * random.next() * random.next())
  const pickers = new Map<Channel, Picker>()
  for (const [channel, byStatus] of Object.entries(BY_STATUS) as [Channel, Record<DigitalStatus, number>][]) {
    const weights = residents.map((r, i) => {
      if (channel === 'email' && !r.email) return 0
      return byStatus[r.digitalStatus] * (activity[i] ?? 1)
    })
    if (weights.some((w) => w > 0)) pickers.set(channel, weightedIndex(weights))
  }
  return pickers
}

/** A service picker per channel: web only offers services available online; letters lean to revenues. */
export function servicePickers(services: readonly DemoService[]): Map<Channel, Picker> {
  const pickers = new Map<Channel, Picker>()
  for (const channel of Object.keys(BY_STATUS) as Channel[]) {
    const weights = services.map((s) => {
      if ((channel === 'web' || channel === 'webchat') && !s.online) return 0
      return s.demand * (channel === 'letter' && s.team === 'revenues' ? 2.5 : 1)
    })
    pickers.set(channel, weightedIndex(weights))
  }
  return pickers
}
