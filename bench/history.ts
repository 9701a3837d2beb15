// Ten years of contacts for the benchmark council, in time order, and the cases some of them
// raise. Rows are produced one at a time straight into the inserters, so a million contacts never
// sit in memory together.
import type { Channel, ContactOutcome } from '../src/platform/db/values.ts'
import type { Random } from '../src/features/demo/random.ts'
import { channelWeights } from '../src/features/demo/channel-mix.ts'
import { handleSeconds } from '../src/features/demo/timing.ts'
import { formatCaseReference } from '../src/features/cases/reference.ts'
import type { BulkInserter } from './bulk.ts'

export const CONTACT_COLUMNS = [
  'council_id',
  'resident_id',
  'channel',
  'direction',
  'started_at',
  'handle_seconds',
  'service_id',
  'outcome',
  'avoidable',
  'case_id',
  'created_at',
] as const
export const CASE_COLUMNS = [
  'id',
  'council_id',
  'reference',
  'resident_id',
  'service_id',
  'status',
  'priority',
  'team_id',
  'channel',
  'created_by',
  'answers',
  'due_at',
  'resolved_at',
  'created_at',
  'updated_at',
] as const

export type HistoryPlan = {
  councilId: number
  teamId: number
  residents: number
  contacts: number
  cases: number
  /** Service ids with their relative demand and target hours. */
  services: readonly { id: number; demand: number; targetHours: number }[]
  from: Date
  to: Date
}

const OUTCOMES: readonly (readonly [ContactOutcome, number])[] = [
  ['resolved_first_contact', 0.62],
  ['signposted', 0.15],
  ['referred', 0.04],
  ['callback_booked', 0.05],
  ['abandoned', 0.07],
]
const HOUR = 3_600_000
const DAY = 24 * HOUR

function residentPicker(residents: number, random: Random): () => number | null {
  // A few residents contact the council again and again; most now and then; some calls are anonymous.
  const frequent = Math.max(1, Math.floor(residents * 0.05))
  return () => {
    if (random.chance(0.15)) return null
    return random.chance(0.3) ? random.int(1, frequent) : random.int(1, residents)
  }
}

function caseStatus(createdAt: number, to: number, random: Random): { status: string; resolvedAt: number | null } {
  const age = to - createdAt
  if (age > 60 * DAY) {
    if (random.chance(0.04)) return { status: 'cancelled', resolvedAt: null }
    return { status: random.chance(0.7) ? 'closed' : 'resolved', resolvedAt: createdAt + random.int(2, 30 * 24) * HOUR }
  }
  const status = random.weighted([
    ['open', 0.35],
    ['in_progress', 0.3],
    ['waiting', 0.1],
    ['resolved', 0.25],
  ] as const)
  return { status, resolvedAt: status === 'resolved' ? Math.min(to, createdAt + random.int(2, 20 * 24) * HOUR) : null }
}

export function writeHistory(
  plan: HistoryPlan,
  random: Random,
  contacts: BulkInserter,
  cases: BulkInserter,
): { perYear: Map<number, number> } {
  const pickResident = residentPicker(plan.residents, random)
  const serviceWeights = plan.services.map((s, i) => [i, s.demand] as const)
  const from = plan.from.getTime()
  const step = (plan.to.getTime() - from) / plan.contacts
  const perYear = new Map<number, number>()
  let weights: (readonly [Channel, number])[] = []
  let weightsMonth = -1
  let caseId = 0
  for (let i = 0; i < plan.contacts; i++) {
    const at = from + (i + random.next()) * step
    const date = new Date(at)
    const month = date.getUTCFullYear() * 12 + date.getUTCMonth()
    if (month !== weightsMonth) {
      weights = channelWeights(date.getUTCFullYear(), date.getUTCMonth() + 1).filter(([, w]) => w > 0)
      weightsMonth = month
    }
    const channel = random.weighted(weights)
    const residentId = pickResident()
    const service = plan.services[random.weighted(serviceWeights)]
    if (!service) throw new Error('service index out of range')
    // Spread the cases evenly through the contacts, so exactly `cases` of them raise one.
    const raisesCase = Math.floor(((i + 1) * plan.cases) / plan.contacts) > Math.floor((i * plan.cases) / plan.contacts)
    const outcome: ContactOutcome = raisesCase ? 'case_raised' : random.weighted(OUTCOMES)
    const startedAt = date.toISOString()
    let linkedCase: number | null = null
    if (raisesCase) {
      linkedCase = ++caseId
      const year = date.getUTCFullYear()
      const number = (perYear.get(year) ?? 0) + 1
      perYear.set(year, number)
      const { status, resolvedAt } = caseStatus(at, plan.to.getTime(), random)
      const resolved = resolvedAt === null ? null : new Date(resolvedAt).toISOString()
      cases.add([
        linkedCase,
        plan.councilId,
        formatCaseReference(year, number),
        residentId,
        service.id,
        status,
        'normal',
        plan.teamId,
        channel,
        channel === 'web' ? 'resident' : 'staff',
        '{}',
        new Date(at + service.targetHours * HOUR * 2).toISOString(),
        resolved,
        startedAt,
        resolved ?? startedAt,
      ])
    }
    contacts.add([
      plan.councilId,
      residentId,
      channel,
      random.chance(0.92) ? 'inbound' : 'outbound',
      startedAt,
      handleSeconds(channel, false, random),
      random.chance(0.9) || raisesCase ? service.id : null,
      outcome,
      random.chance(0.12) ? 1 : 0,
      linkedCase,
      new Date(at + 1000).toISOString(),
    ])
  }
  return { perYear }
}
