// The demo's call-back list: residents who asked, on the website or when the phone queue offered
// it, to be phoned back in a morning or an afternoon. The requests of the hours before the history
// ends are still waiting for their window, so an advisor trying the demo has a list to work.
import type { WorkingHours } from '../../platform/council/settings.ts'
import type { CallBackWindow } from '../telephony/service.ts'
import { nextWindow } from '../telephony/service.ts'
import type { DemoService } from './catalogue-data.ts'
import type { Population } from './people.ts'
import type { Random } from './random.ts'

export type CallBackPlan = {
  resident: number
  phone: string
  window: { start: string; end: string }
  reason: string
  createdAt: string
}

const WINDOWS: readonly CallBackWindow[] = ['morning', 'afternoon']
const RESIDENTS_PER_WAITING_CALL_BACK = 200
const ASKED_WITHIN_MINUTES = 18 * 60

/**
 * Pure: the same population, end and random source give the same requests, asked in the hours
 * before `until` and promised in the next morning or afternoon window that has not ended by then.
 */
export function planCallBacks(
  population: Population,
  services: readonly DemoService[],
  until: Date,
  hours: WorkingHours,
  random: Random,
): CallBackPlan[] {
  const reachable = population.residents.flatMap((resident, index) => {
    const phone = resident.mobile ?? resident.landline
    return phone ? [{ index, phone }] : []
  })
  if (reachable.length === 0) return []
  const count = Math.max(3, Math.round(population.residents.length / RESIDENTS_PER_WAITING_CALL_BACK))
  const plans: CallBackPlan[] = []
  for (let i = 0; i < count; i++) {
    const { index, phone } = random.pick(reachable)
    const service = random.pick(services)
    const asked = new Date(until.getTime() - random.int(5, ASKED_WITHIN_MINUTES) * 60_000)
    plans.push({
      resident: index,
      phone,
      window: nextWindow(random.pick(WINDOWS), hours, until.getTime()),
      reason: service.name,
      createdAt: asked.toISOString(),
    })
  }
  return plans.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
}
