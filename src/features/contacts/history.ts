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
import { findResidentRef } from './repo.ts'
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

export type HistoryQuery = { limit: number; cursor?: string }

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

async function itemsAfter(db: Queryable, scope: HistoryScope): Promise<HistoryItem[]> {
  const [contacts, cases, caseEvents, callbacks, appointments, referrals, notifications, assessments, changes] =
    await Promise.all([
      repo.contactsForHistory(db, scope),
      repo.casesForHistory(db, scope),
      repo.caseEventsForHistory(db, scope),
      repo.callbacksForHistory(db, scope),
      repo.appointmentsForHistory(db, scope),
      repo.referralsForHistory(db, scope),
      repo.notificationsForHistory(db, scope),
      repo.inclusionAssessmentsForHistory(db, scope),
      repo.residentChangesForHistory(db, scope),
    ])
  const barriers = await repo.barriersOf(
    db,
    scope.councilId,
    assessments.map((row) => row.id),
  )
  return [
    ...contacts.map(contactItem),
    ...cases.map(caseItem),
    ...caseEvents.map(caseEventItem),
    ...callbacks.map(callbackItem),
    ...appointments.map(appointmentItem),
    ...referrals.map(referralItem),
    ...notifications.map(notificationItem),
    ...assessments.map((row) => inclusionAssessmentItem(row, barriers.get(row.id) ?? [])),
    ...changes.map(residentChangeItem),
  ].sort(newestFirst)
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
  const items = await itemsAfter(database.db, { councilId, residentIds, after, limit: query.limit + 1 })
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
    },
  })
  return { resident_id: survivorId, ...page }
}
