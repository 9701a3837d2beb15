// What each record adds to the rollups. A change is its old facts taken away and its new facts
// added, so one path serves a new contact, a case resolved or reopened, and an import that
// rewrites a row: the rollups then hold exactly what a count of the records would give.
import type { CaseCreator, Channel, ContactOutcome, Direction, Flag } from '../../platform/db/values.ts'
import { londonDay, londonHour } from './london.ts'
import type {
  CaseMonthRollupRow,
  CallHourRollupRow,
  CallRollupRow,
  CaseRollupRow,
  ContactMonthRollupRow,
  ContactRollupRow,
  FormRollupRow,
  ResidentContactRollupRow,
  SurveyRollupRow,
} from './repo.ts'
import { CALL_COUNTS, CASE_COUNTS, CONTACT_COUNTS, MONTH_COUNTS } from './repo.ts'

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

/** The rows each record makes, added records counting +1 and removed ones −1. */
function rowsOf<T, R>(change: Change<T>, make: (record: T, sign: number, rows: R[]) => void): R[] {
  const rows: R[] = []
  for (const record of change.added ?? []) make(record, 1, rows)
  for (const record of change.removed ?? []) make(record, -1, rows)
  return rows
}

/** Sums rows of one key together, so each key is written once per change. */
function merged<R extends object>(rows: readonly R[], keyOf: (row: R) => string, counts: readonly (keyof R)[]): R[] {
  // Every contact written is a change of one record: its row needs no key and no summing (and is
  // made for this change alone). Upkeep is measured against the write it adds to.
  if (rows.length === 1) {
    const row = rows[0] as R
    return counts.some((count) => row[count] !== 0) ? [row] : []
  }
  const byKey = new Map<string, R>()
  for (const row of rows) {
    const key = keyOf(row)
    const held = byKey.get(key)
    if (!held) byKey.set(key, { ...row })
    else for (const count of counts) (held[count] as number) += row[count] as number
  }
  return [...byKey.values()].filter((row) => counts.some((count) => row[count] !== 0))
}

export function contactRollupRows(councilId: number, change: Change<ContactFacts>): ContactRollupRow[] {
  const rows = rowsOf(change, (c: ContactFacts, sign, into: ContactRollupRow[]) => {
    into.push({
      council_id: councilId,
      day: londonDay(c.started_at),
      channel: c.channel,
      service_id: c.service_id ?? NO_SERVICE,
      outcome: c.outcome,
      direction: c.direction,
      contacts: sign,
      avoidable: c.avoidable === 1 || c.avoidable === true ? sign : 0,
      handle_seconds: sign * (c.handle_seconds ?? 0),
    })
  })
  return merged(rows, (r) => `${r.day}|${r.channel}|${r.service_id}|${r.outcome}|${r.direction}`, CONTACT_COUNTS)
}

/** The daily rows of contactRollupRows summed by London month. */
export function contactMonthRollupRows(daily: readonly ContactRollupRow[]): ContactMonthRollupRow[] {
  const rows = daily.map((row): ContactMonthRollupRow => ({
    council_id: row.council_id,
    month: row.day.slice(0, 7),
    channel: row.channel,
    service_id: row.service_id,
    outcome: row.outcome,
    direction: row.direction,
    contacts: row.contacts,
    avoidable: row.avoidable,
    handle_seconds: row.handle_seconds,
  }))
  return merged(rows, (r) => `${r.month}|${r.channel}|${r.service_id}|${r.outcome}|${r.direction}`, CONTACT_COUNTS)
}

/** A resident's row of a year with no contact in any month yet. */
function residentYear(councilId: number, year: string, residentId: number): ResidentContactRollupRow {
  return {
    council_id: councilId,
    year,
    resident_id: residentId,
    contacts_01: 0,
    contacts_02: 0,
    contacts_03: 0,
    contacts_04: 0,
    contacts_05: 0,
    contacts_06: 0,
    contacts_07: 0,
    contacts_08: 0,
    contacts_09: 0,
    contacts_10: 0,
    contacts_11: 0,
    contacts_12: 0,
  }
}

/** Each resident's contacts by London year and month; a contact with no resident counts nobody. */
export function residentContactRollupRows(councilId: number, change: Change<ContactFacts>): ResidentContactRollupRow[] {
  const rows = rowsOf(change, (c: ContactFacts, sign, into: ResidentContactRollupRow[]) => {
    if (c.resident_id === null) return
    const day = londonDay(c.started_at)
    const row = residentYear(councilId, day.slice(0, 4), c.resident_id)
    row[MONTH_COUNTS[Number(day.slice(5, 7)) - 1] as (typeof MONTH_COUNTS)[number]] = sign
    into.push(row)
  })
  return merged(rows, (r) => `${r.year}|${r.resident_id}`, MONTH_COUNTS)
}

/** Resolved by its due time: a case with no due time has no target to meet. */
export function withinTarget(c: Pick<CaseFacts, 'resolved_at' | 'due_at'>): boolean {
  return c.resolved_at !== null && c.due_at !== null && Date.parse(c.resolved_at) <= Date.parse(c.due_at)
}

export function caseRollupRows(councilId: number, change: Change<CaseFacts>): CaseRollupRow[] {
  const rows = rowsOf(change, (c: CaseFacts, sign, into: CaseRollupRow[]) => {
    const row = (day: string, created: number, resolved: number, within: number): CaseRollupRow => ({
      council_id: councilId,
      day,
      service_id: c.service_id,
      channel: c.channel,
      created_by: c.created_by,
      created,
      resolved,
      resolved_within_target: within,
    })
    into.push(row(londonDay(c.created_at), sign, 0, 0))
    if (c.resolved_at !== null) into.push(row(londonDay(c.resolved_at), 0, sign, withinTarget(c) ? sign : 0))
  })
  return merged(rows, (r) => `${r.day}|${r.service_id}|${r.channel}|${r.created_by}`, CASE_COUNTS)
}

/** The daily rows of caseRollupRows summed by London month. */
export function caseMonthRollupRows(daily: readonly CaseRollupRow[]): CaseMonthRollupRow[] {
  const rows = daily.map((row): CaseMonthRollupRow => ({
    council_id: row.council_id,
    month: row.day.slice(0, 7),
    service_id: row.service_id,
    channel: row.channel,
    created_by: row.created_by,
    created: row.created,
    resolved: row.resolved,
    resolved_within_target: row.resolved_within_target,
  }))
  return merged(rows, (r) => `${r.month}|${r.service_id}|${r.channel}|${r.created_by}`, CASE_COUNTS)
}

/** The wait from offered to answered in milliseconds, exactly as the times say: no rounding. */
export function answerMilliseconds(call: Pick<CallFacts, 'offered_at' | 'answered_at'>): number | null {
  if (call.answered_at === null) return null
  return Date.parse(call.answered_at) - Date.parse(call.offered_at)
}

/** Answered within the threshold: a call answered at 60.4 seconds is past a 60-second one. */
export const withinThreshold = (milliseconds: number, thresholdSeconds: number): boolean =>
  milliseconds <= thresholdSeconds * 1000

type CallCounts = Pick<CallRollupRow, 'offered' | 'answered' | 'abandoned' | 'answer_ms' | 'within_threshold'>

function callCounts(c: CallFacts, sign: number, thresholdSeconds: number): CallCounts {
  const milliseconds = answerMilliseconds(c)
  return {
    offered: sign,
    answered: milliseconds === null ? 0 : sign,
    abandoned: c.abandoned === 1 || c.abandoned === true ? sign : 0,
    answer_ms: sign * (milliseconds ?? 0),
    within_threshold: milliseconds !== null && withinThreshold(milliseconds, thresholdSeconds) ? sign : 0,
  }
}

export function callRollupRows(
  councilId: number,
  thresholdSeconds: number,
  change: Change<CallFacts>,
): CallRollupRow[] {
  const rows = rowsOf(change, (c: CallFacts, sign, into: CallRollupRow[]) => {
    into.push({
      council_id: councilId,
      day: londonDay(c.offered_at),
      queue: c.queue,
      ...callCounts(c, sign, thresholdSeconds),
    })
  })
  return merged(rows, (r) => `${r.day}|${r.queue}`, CALL_COUNTS)
}

/** The same counts as callRollupRows, by the London day and hour a call was offered in rather than by queue. */
export function callHourRollupRows(
  councilId: number,
  thresholdSeconds: number,
  change: Change<CallFacts>,
): CallHourRollupRow[] {
  const rows = rowsOf(change, (c: CallFacts, sign, into: CallHourRollupRow[]) => {
    const at = { council_id: councilId, day: londonDay(c.offered_at), hour: londonHour(c.offered_at) }
    into.push({ ...at, ...callCounts(c, sign, thresholdSeconds) })
  })
  return merged(rows, (r) => `${r.day}|${r.hour}`, CALL_COUNTS)
}

export function surveyRollupRows(councilId: number, change: Change<SurveyFacts>): SurveyRollupRow[] {
  const rows = rowsOf(change, (r: SurveyFacts, sign, into: SurveyRollupRow[]) => {
    into.push({
      council_id: councilId,
      day: londonDay(r.created_at),
      channel: r.channel ?? '',
      service_id: r.service_id ?? NO_SERVICE,
      responses: sign,
      satisfied: r.score >= 4 ? sign : 0,
    })
  })
  return merged(rows, (r) => `${r.day}|${r.channel}|${r.service_id}`, ['responses', 'satisfied'])
}

export function formRollupRows(councilId: number, change: Change<FormFacts>): FormRollupRow[] {
  const rows = rowsOf(change, (f: FormFacts, sign, into: FormRollupRow[]) => {
    into.push({
      council_id: councilId,
      day: londonDay(f.started_at),
      service_id: f.service_id,
      started: sign,
      submitted: f.submitted_at === null ? 0 : sign,
    })
  })
  return merged(rows, (r) => `${r.day}|${r.service_id}`, ['started', 'submitted'])
}
