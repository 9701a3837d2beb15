// What each record adds to the rollups. A change is its old facts taken away and its new facts
// added, so one path serves a new contact, a case resolved or reopened, and an import that
// rewrites a row: the rollups then hold exactly what a count of the records would give.
import type { CaseCreator, Channel, ContactOutcome, Direction, Flag } from '../../platform/db/values.ts'
import { londonDay, londonHour } from './london.ts'
import type {
  CallHourRollupRow,
  CallRollupRow,
  CaseRollupRow,
  ContactMonthRollupRow,
  ContactRollupRow,
  FormRollupRow,
  ResidentContactRollupRow,
  SurveyRollupRow,
} from './repo.ts'
import { MONTH_COUNTS } from './repo.ts'

/** The columns of a contact that figures count. */
export type ContactFacts = {
  started_at: string
  resident_id: number | null
  channel: Channel
  direction: Direction
  service_id: number | null
  outcome: ContactOutcome
  avoidable: Flag | boolean
  handle_seconds: number | null
}

/** The columns of a case that figures count. */
export type CaseFacts = {
  created_at: string
  resolved_at: string | null
  due_at: string | null
  service_id: number
  channel: Channel
  created_by: CaseCreator
}

export type CallFacts = { queue: string; offered_at: string; answered_at: string | null; abandoned: Flag | boolean }

/** A survey response with the channel and service of the case (else the contact) it is about. */
export type SurveyFacts = { created_at: string; score: number; channel: Channel | null; service_id: number | null }

export type FormFacts = { started_at: string; submitted_at: string | null; service_id: number }

/** A change to some records: what they counted as before (taken away) and after (added). */
export type Change<T> = { added?: readonly T[]; removed?: readonly T[] }

const NO_SERVICE = 0

/** Sums rows of one key together, so each key is written once per change. */
function merged<R extends object>(rows: readonly [string, R][], counts: readonly (keyof R)[]): R[] {
  // Most changes are one record added: its row needs no summing (and is made for this change alone).
  if (rows.length === 1) {
    const row = (rows[0] as [string, R])[1]
    return counts.some((count) => row[count] !== 0) ? [row] : []
  }
  const byKey = new Map<string, R>()
  for (const [key, row] of rows) {
    const held = byKey.get(key)
    if (!held) byKey.set(key, { ...row })
    else for (const count of counts) (held[count] as number) += row[count] as number
  }
  return [...byKey.values()].filter((row) => counts.some((count) => row[count] !== 0))
}

function signed<T>(change: Change<T>): [T, number][] {
  return [
    ...(change.added ?? []).map((f): [T, number] => [f, 1]),
    ...(change.removed ?? []).map((f): [T, number] => [f, -1]),
  ]
}

const CONTACT_COUNTS = ['contacts', 'avoidable', 'handle_seconds'] as const

export function contactRollupRows(councilId: number, change: Change<ContactFacts>): ContactRollupRow[] {
  const rows = signed(change).map(([c, sign]): [string, ContactRollupRow] => {
    const row: ContactRollupRow = {
      council_id: councilId,
      day: londonDay(c.started_at),
      channel: c.channel,
      service_id: c.service_id ?? NO_SERVICE,
      outcome: c.outcome,
      direction: c.direction,
      contacts: sign,
      avoidable: c.avoidable === 1 || c.avoidable === true ? sign : 0,
      handle_seconds: sign * (c.handle_seconds ?? 0),
    }
    return [`${row.day}|${row.channel}|${row.service_id}|${row.outcome}|${row.direction}`, row]
  })
  return merged(rows, CONTACT_COUNTS)
}

/** The daily rows of contactRollupRows summed by London month. */
export function contactMonthRollupRows(daily: readonly ContactRollupRow[]): ContactMonthRollupRow[] {
  const rows = daily.map(({ day, ...row }): [string, ContactMonthRollupRow] => {
    const month = day.slice(0, 7)
    return [`${month}|${row.channel}|${row.service_id}|${row.outcome}|${row.direction}`, { ...row, month }]
  })
  return merged(rows, CONTACT_COUNTS)
}

/** Each resident's contacts by London year and month; a contact with no resident counts nobody. */
export function residentContactRollupRows(councilId: number, change: Change<ContactFacts>): ResidentContactRollupRow[] {
  const rows = signed(change).flatMap(([c, sign]): [string, ResidentContactRollupRow][] => {
    if (c.resident_id === null) return []
    const day = londonDay(c.started_at)
    const year = day.slice(0, 4)
    const row = { council_id: councilId, year, resident_id: c.resident_id } as ResidentContactRollupRow
    MONTH_COUNTS.forEach((column, month) => (row[column] = month + 1 === Number(day.slice(5, 7)) ? sign : 0))
    return [[`${year}|${c.resident_id}`, row]]
  })
  return merged(rows, MONTH_COUNTS)
}

/** Resolved by its due time: a case with no due time has no target to meet. */
export function withinTarget(c: Pick<CaseFacts, 'resolved_at' | 'due_at'>): boolean {
  return c.resolved_at !== null && c.due_at !== null && Date.parse(c.resolved_at) <= Date.parse(c.due_at)
}

export function caseRollupRows(councilId: number, change: Change<CaseFacts>): CaseRollupRow[] {
  const rows = signed(change).flatMap(([c, sign]) => {
    const row = (day: string, created: number, resolved: number, within: number): [string, CaseRollupRow] => [
      `${day}|${c.service_id}|${c.channel}|${c.created_by}`,
      {
        council_id: councilId,
        day,
        service_id: c.service_id,
        channel: c.channel,
        created_by: c.created_by,
        created,
        resolved,
        resolved_within_target: within,
      },
    ]
    const parts = [row(londonDay(c.created_at), sign, 0, 0)]
    if (c.resolved_at !== null) parts.push(row(londonDay(c.resolved_at), 0, sign, withinTarget(c) ? sign : 0))
    return parts
  })
  return merged(rows, ['created', 'resolved', 'resolved_within_target'])
}

/** Whole seconds from offered to answered, as the figure counts them. */
export function answerSeconds(call: Pick<CallFacts, 'offered_at' | 'answered_at'>): number | null {
  if (call.answered_at === null) return null
  return Math.round((Date.parse(call.answered_at) - Date.parse(call.offered_at)) / 1000)
}

type CallCounts = Pick<CallRollupRow, 'offered' | 'answered' | 'abandoned' | 'answer_seconds' | 'within_threshold'>
const CALL_COUNTS = ['offered', 'answered', 'abandoned', 'answer_seconds', 'within_threshold'] as const

function callCounts(c: CallFacts, sign: number, thresholdSeconds: number): CallCounts {
  const seconds = answerSeconds(c)
  return {
    offered: sign,
    answered: seconds === null ? 0 : sign,
    abandoned: c.abandoned === 1 || c.abandoned === true ? sign : 0,
    answer_seconds: sign * (seconds ?? 0),
    within_threshold: seconds !== null && seconds <= thresholdSeconds ? sign : 0,
  }
}

export function callRollupRows(
  councilId: number,
  thresholdSeconds: number,
  change: Change<CallFacts>,
): CallRollupRow[] {
  const rows = signed(change).map(([c, sign]): [string, CallRollupRow] => {
    const row = { council_id: councilId, day: londonDay(c.offered_at), queue: c.queue }
    return [`${row.day}|${row.queue}`, { ...row, ...callCounts(c, sign, thresholdSeconds) }]
  })
  return merged(rows, CALL_COUNTS)
}

/** The same counts as callRollupRows, by the London day and hour a call was offered in rather than by queue. */
export function callHourRollupRows(
  councilId: number,
  thresholdSeconds: number,
  change: Change<CallFacts>,
): CallHourRollupRow[] {
  const rows = signed(change).map(([c, sign]): [string, CallHourRollupRow] => {
    const row = { council_id: councilId, day: londonDay(c.offered_at), hour: londonHour(c.offered_at) }
    return [`${row.day}|${row.hour}`, { ...row, ...callCounts(c, sign, thresholdSeconds) }]
  })
  return merged(rows, CALL_COUNTS)
}

export function surveyRollupRows(councilId: number, change: Change<SurveyFacts>): SurveyRollupRow[] {
  const rows = signed(change).map(([r, sign]): [string, SurveyRollupRow] => {
    const row: SurveyRollupRow = {
      council_id: councilId,
      day: londonDay(r.created_at),
      channel: r.channel ?? '',
      service_id: r.service_id ?? NO_SERVICE,
      responses: sign,
      satisfied: r.score >= 4 ? sign : 0,
    }
    return [`${row.day}|${row.channel}|${row.service_id}`, row]
  })
  return merged(rows, ['responses', 'satisfied'])
}

export function formRollupRows(councilId: number, change: Change<FormFacts>): FormRollupRow[] {
  const rows = signed(change).map(([f, sign]): [string, FormRollupRow] => {
    const row: FormRollupRow = {
      council_id: councilId,
      day: londonDay(f.started_at),
      service_id: f.service_id,
      started: sign,
      submitted: f.submitted_at === null ? 0 : sign,
    }
    return [`${row.day}|${row.service_id}`, row]
  })
  return merged(rows, ['started', 'submitted'])
}
