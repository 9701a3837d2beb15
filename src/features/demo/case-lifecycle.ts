// What happened to a demo case after it was raised: most are resolved inside the service's target
// (fewer in the pandemic years and for partner-delivered services), old ones are closed, and cases
// raised in the last weeks before the end of the history are still open, in progress or waiting.
import type { CaseStatus } from '../../platform/db/values.ts'
import type { DemoService, TeamKey } from './catalogue-data.ts'
import { addDays } from './clock.ts'
import type { Random } from './random.ts'

export type Actor = 'resident' | 'advisor' | 'caseworker' | 'team_leader' | 'partner' | 'system'

export type CaseEventPlan = {
  kind: 'created' | 'status_changed'
  from: CaseStatus | null
  to: CaseStatus
  at: Date
  actor: Actor
}

export type Lifecycle = {
  dueAt: Date
  status: CaseStatus
  resolvedAt: Date | null
  resolution: string | null
  assignee: 'caseworker' | null
  events: CaseEventPlan[]
  updatedAt: Date
}

/** Adds working hours to a time, on the council's calendar. */
export type WorkingClock = (start: Date, hours: number) => Date

/** The teams the demo caseworker works in; other teams' cases are handled by the team leader. */
export const CASEWORKER_TEAMS: readonly TeamKey[] = ['waste', 'environmental_health']
const CLOSE_AFTER_DAYS = 14

function withinTargetShare(year: number, partner: boolean): number {
  const base = year === 2020 ? 0.76 : year === 2021 ? 0.8 : year === 2022 ? 0.84 : 0.88
  return partner ? base - 0.08 : base
}

function handler(service: DemoService): Actor {
  if (service.partner) return 'partner'
  return service.team && CASEWORKER_TEAMS.includes(service.team) ? 'caseworker' : 'team_leader'
}

export function caseLifecycle(
  service: DemoService,
  createdAt: Date,
  opener: Actor,
  endAt: Date,
  clock: WorkingClock,
  random: Random,
): Lifecycle {
  const dueAt = clock(createdAt, service.targetHours)
  const events: CaseEventPlan[] = [{ kind: 'created', from: null, to: 'open', at: createdAt, actor: opener }]
  const actor = handler(service)
  const assignee = actor === 'caseworker' ? 'caseworker' : null

  if (random.chance(0.015)) {
    const at = addDays(createdAt, 1)
    if (at <= endAt) {
      events.push({ kind: 'status_changed', from: 'open', to: 'cancelled', at, actor })
      return { dueAt, status: 'cancelled', resolvedAt: null, resolution: null, assignee: null, events, updatedAt: at }
    }
  }

  const onTime = random.chance(withinTargetShare(createdAt.getUTCFullYear(), Boolean(service.partner)))
  // Late cases have a long tail: a few take several times the target. Counting the overrun from
  // the due time rather than from the start walks the calendar for fewer days.
  const late = random.next()
  const resolvedAt = onTime
    ? clock(createdAt, service.targetHours * (0.1 + 0.88 * random.next()))
    : clock(dueAt, service.targetHours * (0.05 + 3.5 * late * late))

  if (resolvedAt <= endAt) {
    events.push({ kind: 'status_changed', from: 'open', to: 'resolved', at: resolvedAt, actor })
    const closedAt = addDays(resolvedAt, CLOSE_AFTER_DAYS)
    const closed = closedAt <= endAt
    if (closed) events.push({ kind: 'status_changed', from: 'resolved', to: 'closed', at: closedAt, actor: 'system' })
    return {
      dueAt,
      status: closed ? 'closed' : 'resolved',
      resolvedAt,
      resolution: random.pick(service.resolutions),
      assignee,
      events,
      updatedAt: closed ? closedAt : resolvedAt,
    }
  }

  // Still being worked on when the history ends.
  const started = clock(createdAt, random.int(2, 12))
  if (started > endAt)
    return { dueAt, status: 'open', resolvedAt: null, resolution: null, assignee: null, events, updatedAt: createdAt }
  events.push({ kind: 'status_changed', from: 'open', to: 'in_progress', at: started, actor })
  const paused = addDays(started, random.int(3, 8))
  if (paused <= endAt && random.chance(0.35)) {
    events.push({ kind: 'status_changed', from: 'in_progress', to: 'waiting', at: paused, actor })
    return { dueAt, status: 'waiting', resolvedAt: null, resolution: null, assignee, events, updatedAt: paused }
  }
  return { dueAt, status: 'in_progress', resolvedAt: null, resolution: null, assignee, events, updatedAt: started }
}
