// A resident's whole history, newest first, across every kind of record that hangs off them:
// contacts, cases and their status changes and notes, call backs, appointments, referrals,
// notifications, digital-inclusion assessments and changes made to the record at the desk. Records
// of residents merged into this one are part of it. Each kind is read newest first after the
// cursor, limited to one more than a page, and the kinds are merged here: a page never needs more
// than (kinds x page) rows.
import type { Database } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { badRequest, notFound } from '../../platform/http/problem.ts'
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts'
import type { HistoryCursor, HistoryScope } from './history-repo.ts'
import * as repo from './history-repo.ts'
import { callsOfContacts, findResidentRef } from './repo.ts'
import type { AnsweredCallRow } from './repo.ts'
import { answeredCall } from './answered-call.ts'
import { councilById } from '../../platform/council/council.ts'
import { residentIdsMergedInto } from '../residents/service.ts'
import type { Engine } from '../../config.ts'
import type { HistoryItem } from './history-items.ts'
import {
  appointmentItem,
  callbackItem,
  caseEventItem,
  caseItem,
  contactItem,
  inclusionAssessmentItem,
  newestFirst,
  notificationItem,
  referralItem,
  residentChangeItem,
} from './history-items.ts'

export type { HistoryItem } from './history-items.ts'

/** What the desk's timeline narrows to; each part left out lets everything through. */
export type HistoryFilter = {
  kinds?: readonly repo.HistoryKind[]
  /** The timeline's channel words: the contact channels, and `sms` for a text message. */
  channels?: readonly string[]
  /** At or after this instant, and before that one. */
  from?: string
  before?: string
}

export type HistoryQuery = { limit: number; cursor?: string } & HistoryFilter

export type History = {
  /** Whose history it is: the resident asked for, or the resident they were merged into. */
  resident_id: number
  items: HistoryItem[]
  next_cursor: string | null
}

/** Merges can chain (A into B, later B into C); this many hops is far beyond any real chain. */
const MAX_MERGE_HOPS = 20

/** The resident whose history this is: a merged record's history is its survivor's. */
async function survivorOf(
  db: Queryable,
  engine: Engine,
  councilId: number,
  residentId: number,
): Promise<number | undefined> {
  let resident = await findResidentRef(db, engine, councilId, residentId)
  for (let hop = 0; resident?.merged_into != null && hop < MAX_MERGE_HOPS; hop++) {
    const next = await findResidentRef(db, engine, councilId, resident.merged_into)
    if (!next) break
    resident = next
  }
  return resident?.id
}

function historyCursor(raw: string | undefined): HistoryCursor | undefined {
  const cursor = decodeCursor<HistoryCursor>(raw, ['at', 'kind', 'id'])
  if (cursor === undefined) return undefined
  const wellFormed =
    typeof cursor.at === 'string' &&
    !Number.isNaN(Date.parse(cursor.at)) &&
    (repo.HISTORY_KINDS as readonly string[]).includes(cursor.kind) &&
    Number.isSafeInteger(cursor.id)
  if (!wellFormed)
    throw badRequest('The cursor is not one this API gave out', [
      { name: 'querystring.cursor', message: 'is not a valid cursor' },
    ])
  return cursor
}

/** Whether the timeline's filter lets a kind through at all, before asking the database for any of it. */
function kindWanted(kind: repo.HistoryKind, filter: HistoryFilter): boolean {
  if (filter.kinds && !filter.kinds.includes(kind)) return false
  if (!filter.channels) return true
  const fixed = repo.FIXED_CHANNELS[kind]
  if (fixed !== undefined) return filter.channels.includes(fixed)
  // A kind on no channel (an assessment, a change to the record) is left out by any channel filter.
  return repo.hasChannelColumn(kind)
}

const none = async (): Promise<never[]> => []

/** The calls the page's phone contacts answered, and the council's clock to tell their times by. */
async function answeredCalls(database: Database, scope: HistoryScope, contacts: repo.ContactHistoryRow[]) {
  const phone = contacts.filter((row) => row.channel === 'phone').map((row) => ({ id: row.id, started_at: row.at }))
  const calls =
    phone.length === 0 ? new Map<number, AnsweredCallRow>() : await callsOfContacts(database.db, scope.councilId, phone)
  const timeZone =
    calls.size === 0
      ? 'Europe/London'
      : ((await councilById(database, scope.councilId))?.settings.workingHours.timeZone ?? 'Europe/London')
  return { calls, timeZone }
}

async function itemsAfter(database: Database, scope: HistoryScope, filter: HistoryFilter): Promise<HistoryItem[]> {
  const db = database.db
  const when = <T>(kind: repo.HistoryKind, read: (db: Queryable, scope: HistoryScope) => Promise<T[]>) =>
    kindWanted(kind, filter) ? read(db, scope) : none()
  const [contacts, cases, caseEvents, callbacks, appointments, referrals, notifications, assessments, changes] =
    await Promise.all([
      when('contact', repo.contactsForHistory),
      when('case', repo.casesForHistory),
      when('case_event', repo.caseEventsForHistory),
      when('callback', repo.callbacksForHistory),
      when('appointment', repo.appointmentsForHistory),
      when('referral', repo.referralsForHistory),
      when('notification', repo.notificationsForHistory),
      when('inclusion_assessment', repo.inclusionAssessmentsForHistory),
      when('resident_change', repo.residentChangesForHistory),
    ])
  const { calls, timeZone } = await answeredCalls(database, scope, contacts)
  const barriers = await repo.barriersOf(
    db,
    scope.councilId,
    assessments.map((row) => row.id),
  )
  return [
    ...contacts.map((row) => {
      const call = calls.get(row.id)
      return contactItem(row, call === undefined ? null : answeredCall(call), timeZone)
    }),
    ...cases.map(caseItem),
    ...caseEvents.map(caseEventItem),
    ...callbacks.map((row) => callbackItem(row, timeZone)),
    ...appointments.map(appointmentItem),
    ...referrals.map(referralItem),
    ...notifications.map(notificationItem),
    ...assessments.map((row) => inclusionAssessmentItem(row, barriers.get(row.id) ?? [])),
    ...changes.map(residentChangeItem),
  ].sort(newestFirst)
}

/** Which filters narrowed the page, by name only (a date range says nothing about the resident). */
function filtersUsed(filter: HistoryFilter): { filters?: string[] } {
  const used = Object.entries(filter)
    .filter(([, value]) => value !== undefined)
    .map(([name]) => name)
  return used.length === 0 ? {} : { filters: used }
}

/**
 * One page of a resident's history, newest first. A resident in another council, or none at
 * all, is not found. Audited as 'resident.history' against the resident whose history it is.
 */
export async function residentHistory(
  database: Database,
  actor: Actor,
  councilId: number,
  residentId: number,
  query: HistoryQuery,
): Promise<History> {
  const after = historyCursor(query.cursor)
  const survivorId = await survivorOf(database.db, database.engine, councilId, residentId)
  if (survivorId === undefined) throw notFound('Resident')
  const residentIds = await residentIdsMergedInto(database.db, councilId, [survivorId])
  const { kinds, channels, from, before } = query
  const scope = { councilId, residentIds, after, limit: query.limit + 1, channels, from, before }
  const items = await itemsAfter(database, scope, { kinds, channels })
  const page = pageOf(items.slice(0, query.limit + 1), query.limit, (item) => ({
    at: item.at,
    kind: item.kind,
    id: item.id,
  }))
  await recordAudit(database, actor, {
    action: 'resident.history',
    subjectType: 'resident',
    subjectId: survivorId,
    detail: {
      requested_id: residentId,
      merged_residents: residentIds.length - 1,
      items: page.items.length,
      first_page: after === undefined,
      ...filtersUsed({ kinds, channels, from, before }),
    },
  })
  return { resident_id: survivorId, ...page }
}
