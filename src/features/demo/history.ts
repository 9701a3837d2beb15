// Years of contacts, cases, phone calls, online forms and survey answers for the demo council,
// generated month by month from the channel mix, so the figures tell the story of channel shift.
// Everything is a plain plan here; seed.ts turns plans into rows once ids exist.
import { createHash } from 'node:crypto'
import type {
  CaseCreator,
  CasePriority,
  CaseStatus,
  Channel,
  ContactOutcome,
  Direction,
} from '../../platform/db/values.ts'
import { formatCaseReference } from '../cases/service.ts'
import { answersFor } from './answers.ts'
import type { DemoService } from './catalogue-data.ts'
import { DEMO_TEAMS } from './catalogue-data.ts'
import { caseLifecycle } from './case-lifecycle.ts'
import type { Actor, CaseEventPlan, WorkingClock } from './case-lifecycle.ts'
import { channelWeights, monthlyContacts } from './channel-mix.ts'
import { addDays, addSeconds, londonTime } from './clock.ts'
import type { Population } from './people.ts'
import { residentPickers, servicePickers, weightedIndex } from './pickers.ts'
import type { Picker } from './pickers.ts'
import type { Random } from './random.ts'
import { abandonWait, abandonmentRate, answerWait, contactTime, handleSeconds } from './timing.ts'

export type CasePlan = {
  reference: string
  resident: number
  service: number
  channel: Channel
  createdBy: CaseCreator
  createdAt: Date
  dueAt: Date
  status: CaseStatus
  priority: CasePriority
  assignee: 'caseworker' | null
  resolvedAt: Date | null
  resolution: string | null
  answers: Record<string, unknown>
  events: CaseEventPlan[]
  updatedAt: Date
}

export type CallPlan = { queue: string; offeredAt: Date; answeredAt: Date | null; endedAt: Date; callerHash: string }

export type ContactPlan = {
  resident: number | null
  channel: Channel
  direction: Direction
  startedAt: Date
  handleSeconds: number | null
  /** Handled by an adviser (rather than the resident serving themselves). */
  assisted: boolean
  service: number | null
  outcome: ContactOutcome
  avoidable: boolean
  case: CasePlan | null
  call: CallPlan | null
}

export type SurveyPlan = { case: CasePlan | null; contact: ContactPlan | null; score: number; createdAt: Date }
export type OnlineFormPlan = { service: number; startedAt: Date; submittedAt: Date | null; case: CasePlan | null }

export type History = {
  cases: CasePlan[]
  contacts: ContactPlan[]
  surveys: SurveyPlan[]
  onlineForms: OnlineFormPlan[]
  /** The last case number used in each year, so new cases continue the sequence. */
  counters: { year: number; last: number }[]
}

/**
 * Whole years from `fromYear` to `toYear`, or up to `until` within the last of them: nothing is
 * recorded after it, so a demo seeded today has this week's contacts and its cases still open.
 */
export type HistoryOptions = { fromYear: number; toYear: number; until?: Date }

/** The last instant of the history: `until`, else the end of `toYear`. */
export function historyEnd(options: HistoryOptions): Date {
  return options.until ?? new Date(Date.UTC(options.toYear + 1, 0, 1) - 1000)
}

/** Share of assisted contacts that need a case, against the service's own rate. */
const CASE_FACTOR: Partial<Record<Channel, number>> = {
  phone: 0.5,
  face_to_face: 0.6,
  email: 0.65,
  letter: 0.75,
  webchat: 0.3,
  video: 0.5,
}

const OTHER_OUTCOMES: Partial<Record<Channel, readonly (readonly [ContactOutcome, number])[]>> = {
  phone: [
    ['resolved_first_contact', 0.82],
    ['signposted', 0.08],
    ['referred', 0.04],
    ['callback_booked', 0.06],
  ],
  face_to_face: [
    ['resolved_first_contact', 0.8],
    ['signposted', 0.1],
    ['referred', 0.08],
    ['callback_booked', 0.02],
  ],
  video: [
    ['resolved_first_contact', 0.8],
    ['signposted', 0.1],
    ['referred', 0.1],
  ],
  email: [
    ['resolved_first_contact', 0.8],
    ['signposted', 0.14],
    ['referred', 0.06],
  ],
  letter: [
    ['resolved_first_contact', 0.85],
    ['signposted', 0.15],
  ],
  webchat: [
    ['resolved_first_contact', 0.8],
    ['signposted', 0.2],
  ],
  web: [
    ['resolved_first_contact', 0.9],
    ['signposted', 0.1],
  ],
}
const CHASING_OUTCOMES: readonly (readonly [ContactOutcome, number])[] = [
  ['resolved_first_contact', 0.7],
  ['callback_booked', 0.15],
  ['signposted', 0.15],
]

const SCORES_ON_TIME: readonly (readonly [number, number])[] = [
  [5, 0.45],
  [4, 0.33],
  [3, 0.12],
  [2, 0.06],
  [1, 0.04],
]
const SCORES_LATE: readonly (readonly [number, number])[] = [
  [5, 0.12],
  [4, 0.2],
  [3, 0.25],
  [2, 0.2],
  [1, 0.23],
]
const SCORES_CALL: readonly (readonly [number, number])[] = [
  [5, 0.4],
  [4, 0.35],
  [3, 0.15],
  [2, 0.06],
  [1, 0.04],
]

function hashNumber(phone: string): string {
  return createHash('sha256').update(phone.replace(/\D+/g, '')).digest('hex')
}

function queueFor(service: DemoService): string {
  const team = DEMO_TEAMS.find((t) => t.key === service.team)
  return team?.queue ?? 'customer-services'
}

/** Share of people who start an online form and give up, falling as the forms improve. */
function formDropOut(year: number): number {
  return Math.max(0.12, 0.32 - 0.018 * (year - 2015))
}

export function generateHistory(
  population: Population,
  services: readonly DemoService[],
  options: HistoryOptions,
  clock: WorkingClock,
  random: Random,
): History {
  const { residents, properties } = population
  const endAt = historyEnd(options)
  const byResident = residentPickers(residents, random)
  const byService = servicePickers(services)
  const anyService = weightedIndex(services.map((s) => s.demand))
  const anyResident: Picker = (r) => r.int(0, residents.length - 1)
  const cases: CasePlan[] = []
  const contacts: ContactPlan[] = []
  const surveys: SurveyPlan[] = []
  const onlineForms: OnlineFormPlan[] = []

  const serviceAt = (index: number): DemoService => {
    const service = services[index]
    if (!service) throw new Error('service index out of range')
    return service
  }

  function raiseCase(
    residentIndex: number,
    serviceIndex: number,
    channel: Channel,
    createdBy: CaseCreator,
    createdAt: Date,
  ): CasePlan {
    const service = serviceAt(serviceIndex)
    const resident = residents[residentIndex]
    const home = resident ? properties[resident.property] : undefined
    const answers = answersFor(service, random, {
      createdAt,
      postcode: home?.postcode ?? null,
      email: resident?.email ?? null,
      phone: resident?.mobile ?? resident?.landline ?? null,
    })
    const opener: Actor = createdBy === 'resident' ? 'resident' : 'advisor'
    const life = caseLifecycle(service, createdAt, opener, endAt, clock, random)
    const priority: CasePriority = service.priority === 'urgent' ? 'urgent' : random.chance(0.05) ? 'high' : 'normal'
    const plan: CasePlan = {
      reference: '',
      resident: residentIndex,
      service: serviceIndex,
      channel,
      createdBy,
      createdAt,
      priority,
      answers,
      ...life,
    }
    cases.push(plan)
    if (life.resolvedAt && random.chance(0.07)) {
      const at = addDays(life.resolvedAt, random.int(1, 4))
      const onTime = life.resolvedAt <= life.dueAt
      if (at <= endAt)
        surveys.push({
          case: plan,
          contact: null,
          score: random.weighted(onTime ? SCORES_ON_TIME : SCORES_LATE),
          createdAt: at,
        })
    }
    return plan
  }

  function abandonedCall(year: number, month: number): void {
    const offeredAt = contactTime(year, month, 'phone', random)
    const queue = queueFor(serviceAt(anyService(random)))
    const caller = residents[anyResident(random)]
    const number = caller?.mobile ?? caller?.landline ?? `01632 960${String(random.int(0, 999)).padStart(3, '0')}`
    const call: CallPlan = {
      queue,
      offeredAt,
      answeredAt: null,
      endedAt: addSeconds(offeredAt, abandonWait(year, month, random)),
      callerHash: hashNumber(number),
    }
    if (call.endedAt > endAt) return
    contacts.push({
      resident: null,
      channel: 'phone',
      direction: 'inbound',
      startedAt: offeredAt,
      handleSeconds: null,
      assisted: false,
      service: null,
      outcome: 'abandoned',
      avoidable: false,
      case: null,
      call,
    })
  }

  function callBack(contact: ContactPlan): void {
    const next = addDays(contact.startedAt, contact.startedAt.getUTCDay() === 5 ? 3 : 1)
    const at = londonTime(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), random.int(600, 960))
    if (at > endAt) return
    const handle = random.skewed(240, 60, 1200)
    if (addSeconds(at, handle) > endAt) return
    contacts.push({
      ...contact,
      channel: 'phone',
      direction: 'outbound',
      startedAt: at,
      handleSeconds: handle,
      assisted: true,
      outcome: 'resolved_first_contact',
      avoidable: false,
      call: null,
    })
  }

  function inboundContact(year: number, month: number, channel: Channel): void {
    if (channel === 'phone' && random.chance(abandonmentRate(year))) return abandonedCall(year, month)
    const residentIndex = (byResident.get(channel) ?? anyResident)(random)
    const resident = residents[residentIndex]
    const serviceIndex = (byService.get(channel) ?? anyService)(random)
    const service = serviceAt(serviceIndex)
    // A resident who needs help going online is helped through the same web form by an adviser.
    const assisted = channel !== 'web' || resident?.digitalStatus !== 'self_serve'
    const startedAt = contactTime(year, month, channel, random, channel === 'web' ? assisted : undefined)
    const handle = handleSeconds(channel, assisted, random)
    // A contact still going on when the history ends has not been recorded yet.
    if (addSeconds(startedAt, handle ?? 0) > endAt) return
    const avoidable = random.chance(channel === 'web' ? 0.06 : 0.18)
    let outcome: ContactOutcome
    let raised: CasePlan | null = null
    if (avoidable) {
      outcome = random.weighted(CHASING_OUTCOMES)
    } else {
      const caseChance = channel === 'web' ? 1 - service.webResolves : service.caseRate * (CASE_FACTOR[channel] ?? 0.5)
      if (random.chance(caseChance)) {
        const createdBy: CaseCreator = channel === 'web' && !assisted ? 'resident' : 'staff'
        const createdAt = createdBy === 'resident' ? startedAt : addSeconds(startedAt, Math.round((handle ?? 0) * 0.7))
        raised = raiseCase(residentIndex, serviceIndex, channel, createdBy, createdAt)
        outcome = 'case_raised'
        if (channel === 'web')
          onlineForms.push({
            service: serviceIndex,
            startedAt: addSeconds(createdAt, -random.int(90, 1500)),
            submittedAt: createdAt,
            case: raised,
          })
      } else {
        outcome = random.weighted(OTHER_OUTCOMES[channel] ?? OTHER_OUTCOMES.phone ?? [])
      }
    }
    let call: CallPlan | null = null
    if (channel === 'phone') {
      const number = resident?.mobile ?? resident?.landline ?? `01632 960${String(random.int(0, 999)).padStart(3, '0')}`
      call = {
        queue: queueFor(service),
        offeredAt: addSeconds(startedAt, -answerWait(year, month, random)),
        answeredAt: startedAt,
        endedAt: addSeconds(startedAt, handle ?? 0),
        callerHash: hashNumber(number),
      }
    }
    const contact: ContactPlan = {
      resident: residentIndex,
      channel,
      direction: 'inbound',
      startedAt,
      handleSeconds: handle,
      assisted,
      service: serviceIndex,
      outcome,
      avoidable,
      case: raised,
      call,
    }
    contacts.push(contact)
    if (outcome === 'callback_booked') callBack(contact)
    if (channel === 'phone' && outcome === 'resolved_first_contact' && random.chance(0.02)) {
      const at = addSeconds(startedAt, 3600)
      if (at <= endAt) surveys.push({ case: null, contact, score: random.weighted(SCORES_CALL), createdAt: at })
    }
    if (channel === 'web' && !assisted && random.chance(formDropOut(year))) {
      const at = contactTime(year, month, 'web', random)
      if (at <= endAt) onlineForms.push({ service: serviceIndex, startedAt: at, submittedAt: null, case: null })
    }
  }

  for (let year = options.fromYear; year <= options.toYear; year++) {
    for (let month = 1; month <= 12; month++) {
      if (Date.UTC(year, month - 1, 1) > endAt.getTime()) break
      const weights = channelWeights(year, month)
      const count = Math.round(monthlyContacts(residents.length, year, month) * (0.92 + 0.16 * random.next()))
      for (let i = 0; i < count; i++) inboundContact(year, month, random.weighted(weights))
    }
  }

  return {
    cases,
    contacts: contacts.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime()),
    surveys,
    onlineForms,
    counters: numberCases(cases),
  }
}

/** Gives cases their references in the order they were created, counting per year. */
function numberCases(cases: CasePlan[]): { year: number; last: number }[] {
  cases.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
  const last = new Map<number, number>()
  for (const plan of cases) {
    const year = plan.createdAt.getUTCFullYear()
    const n = (last.get(year) ?? 0) + 1
    last.set(year, n)
    plan.reference = formatCaseReference(year, n)
  }
  return [...last.entries()].map(([year, n]) => ({ year, last: n }))
}
