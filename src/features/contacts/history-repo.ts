// Read-only queries behind a resident's history: one per kind of record, each newest first,
// after the cursor and limited, so the timeline can be merged in code a page at a time. Every
// query is scoped to the council and to the resident's ids (theirs and any merged into them),
// which is why each row's resident_id is typed as never null.
import { sql } from 'kysely'
import type { Expression, SelectQueryBuilder, SqlBool } from 'kysely'
import type { Queryable } from '../../platform/db/schema.ts'
import type {
  AppointmentKind,
  AppointmentStatus,
  CallbackStatus,
  CaseCreator,
  CaseStatus,
  Channel,
  ContactOutcome,
  Direction,
  Flag,
  InclusionBarrier,
  NoteVisibility,
  NotificationChannel,
  NotificationStatus,
  ReferralStatus,
  ResidentChange,
} from '../../platform/db/values.ts'

export const HISTORY_KINDS = [
  'appointment',
  'callback',
  'case',
  'case_event',
  'contact',
  'inclusion_assessment',
  'notification',
  'referral',
  'resident_change',
] as const
export type HistoryKind = (typeof HISTORY_KINDS)[number]

/**
 * The timeline is ordered by at, then kind, then id, all descending. A cursor is the key of the
 * last item shown; the next page is everything strictly after it in that order.
 */
export type HistoryCursor = { at: string; kind: HistoryKind; id: number }

/** Which ids the residents' records are filed under, and where to start. */
export type HistoryScope = {
  councilId: number
  residentIds: number[]
  after?: HistoryCursor
  limit: number
  /** Only entries on these channels (the timeline's words: `sms` for a text message), when given. */
  channels?: readonly string[]
  /** Only entries at or after this instant, and before that one, when given. */
  from?: string
  before?: string
}

/** Each kind's own channel column, and how the timeline's channel words read in it. */
const CHANNEL_COLUMNS: Partial<Record<HistoryKind, { column: string; stored?: Record<string, string> }>> = {
  contact: { column: 'contact.channel' },
  case: { column: 'case.channel' },
  case_event: { column: 'case.channel' },
  appointment: { column: 'appointment.kind', stored: { face_to_face: 'counter' } },
  notification: { column: 'notification.channel' },
}

/** Whether a kind's rows record the channel they came on, so that a channel filter can pick among them. */
export function hasChannelColumn(kind: HistoryKind): boolean {
  return CHANNEL_COLUMNS[kind] !== undefined
}

/** The channel each kind without a channel column is on; a kind with neither has no channel. */
export const FIXED_CHANNELS: Partial<Record<HistoryKind, string>> = { callback: 'phone', referral: 'partner' }

function filtersOf(kind: HistoryKind, at: string, scope: HistoryScope): Expression<SqlBool>[] {
  const filters: Expression<SqlBool>[] = []
  if (scope.from) filters.push(sql<SqlBool>`${sql.ref(at)} >= ${scope.from}`)
  if (scope.before) filters.push(sql<SqlBool>`${sql.ref(at)} < ${scope.before}`)
  const channel = CHANNEL_COLUMNS[kind]
  if (scope.channels && channel) {
    const values = scope.channels.map((c) => channel.stored?.[c] ?? c)
    filters.push(
      values.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`${sql.ref(channel.column)} in (${sql.join(values)})`,
    )
  }
  return filters
}

/** The condition for rows of one kind that come after the cursor in the timeline's order. */
function afterCursor(
  kind: HistoryKind,
  atColumn: string,
  idColumn: string,
  cursor: HistoryCursor | undefined,
): Expression<SqlBool> {
  if (!cursor) return sql<SqlBool>`1 = 1`
  const at = sql.ref(atColumn)
  if (kind < cursor.kind) return sql<SqlBool>`${at} <= ${cursor.at}`
  if (kind > cursor.kind) return sql<SqlBool>`${at} < ${cursor.at}`
  return sql<SqlBool>`(${at} < ${cursor.at} or (${at} = ${cursor.at} and ${sql.ref(idColumn)} < ${cursor.id}))`
}

/**
 * What every history query ends with: the kind's rows in the council for the residents, after the
 * cursor, newest first (then highest id), a page's worth. Each kind's table is named after it; a
 * kind filed under another table's resident (a case's events, under the case) names that owner.
 */
function newestAfterCursor<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  scope: HistoryScope,
  kind: HistoryKind,
  atColumn: string,
  owner: string = kind,
): SelectQueryBuilder<DB, TB, O> {
  const at = `${kind}.${atColumn}`
  const id = `${kind}.id`
  const filtered = filtersOf(kind, at, scope).reduce((q, filter) => q.where(filter), query)
  return filtered
    .where(sql<SqlBool>`${sql.ref(`${owner}.council_id`)} = ${scope.councilId}`)
    .where(sql<SqlBool>`${sql.ref(`${owner}.resident_id`)} in (${sql.join(scope.residentIds)})`)
    .where(afterCursor(kind, at, id, scope.after))
    .orderBy(sql.ref(at), 'desc')
    .orderBy(sql.ref(id), 'desc')
    .limit(scope.limit)
}

export type ContactHistoryRow = {
  id: number
  at: string
  resident_id: number
  channel: Channel
  direction: Direction
  outcome: ContactOutcome
  avoidable: Flag
  handle_seconds: number | null
  service_id: number | null
  service_name: string | null
  case_id: number | null
  notes: string | null
}

export async function contactsForHistory(db: Queryable, scope: HistoryScope): Promise<ContactHistoryRow[]> {
  const rows = await db
    .selectFrom('contact')
    .leftJoin('service', 'service.id', 'contact.service_id')
    .select([
      'contact.id',
      'contact.started_at as at',
      'contact.resident_id',
      'contact.channel',
      'contact.direction',
      'contact.outcome',
      'contact.avoidable',
      'contact.handle_seconds',
      'contact.service_id',
      'service.name as service_name',
      'contact.case_id',
      'contact.notes',
    ])
    .$call((query) => newestAfterCursor(query, scope, 'contact', 'started_at'))
    .execute()
  return rows as ContactHistoryRow[]
}

export type CaseHistoryRow = {
  id: number
  at: string
  resident_id: number
  reference: string
  service_id: number
  service_name: string
  status: CaseStatus
  channel: Channel
  created_by: CaseCreator
  due_at: string | null
  resolved_at: string | null
}

export async function casesForHistory(db: Queryable, scope: HistoryScope): Promise<CaseHistoryRow[]> {
  const rows = await db
    .selectFrom('case')
    .innerJoin('service', 'service.id', 'case.service_id')
    .select([
      'case.id',
      'case.created_at as at',
      'case.resident_id',
      'case.reference',
      'case.service_id',
      'service.name as service_name',
      'case.status',
      'case.channel',
      'case.created_by',
      'case.due_at',
      'case.resolved_at',
    ])
    .$call((query) => newestAfterCursor(query, scope, 'case', 'created_at'))
    .execute()
  return rows as CaseHistoryRow[]
}

export type CaseEventHistoryRow = {
  id: number
  at: string
  resident_id: number
  event: 'status_changed' | 'note'
  case_id: number
  case_reference: string
  from_status: CaseStatus | null
  to_status: CaseStatus | null
  visibility: NoteVisibility
  body: string | null
}

/** Status changes and notes on the residents' cases; a case's creation is the case entry itself. */
export async function caseEventsForHistory(db: Queryable, scope: HistoryScope): Promise<CaseEventHistoryRow[]> {
  const rows = await db
    .selectFrom('case_event')
    .innerJoin('case', 'case.id', 'case_event.case_id')
    .select([
      'case_event.id',
      'case_event.at',
      'case.resident_id',
      'case_event.kind as event',
      'case_event.case_id',
      'case.reference as case_reference',
      'case_event.from_status',
      'case_event.to_status',
      'case_event.visibility',
      'case_event.body',
    ])
    .where('case_event.council_id', '=', scope.councilId)
    .where('case_event.kind', 'in', ['status_changed', 'note'])
    .$call((query) => newestAfterCursor(query, scope, 'case_event', 'at', 'case'))
    .execute()
  return rows as CaseEventHistoryRow[]
}

/** A call back at the time it was asked for: its window may be days ahead, its tries are contacts. */
export type CallbackHistoryRow = {
  id: number
  at: string
  resident_id: number
  window_start: string
  window_end: string
  status: CallbackStatus
  reason: string | null
  contact_id: number | null
}

export async function callbacksForHistory(db: Queryable, scope: HistoryScope): Promise<CallbackHistoryRow[]> {
  const rows = await db
    .selectFrom('callback')
    .select(['id', 'created_at as at', 'resident_id', 'window_start', 'window_end', 'status', 'reason', 'contact_id'])
    .$call((query) => newestAfterCursor(query, scope, 'callback', 'created_at'))
    .execute()
  return rows as CallbackHistoryRow[]
}

export type AppointmentHistoryRow = {
  id: number
  at: string
  resident_id: number
  appointment_kind: AppointmentKind
  slot_end: string
  location: string | null
  status: AppointmentStatus
  attended: Flag | null
  reason: string | null
}

export async function appointmentsForHistory(db: Queryable, scope: HistoryScope): Promise<AppointmentHistoryRow[]> {
  const rows = await db
    .selectFrom('appointment')
    .select([
      'id',
      'slot_start as at',
      'resident_id',
      'kind as appointment_kind',
      'slot_end',
      'location',
      'status',
      'attended',
      'reason',
    ])
    .$call((query) => newestAfterCursor(query, scope, 'appointment', 'slot_start'))
    .execute()
  return rows as AppointmentHistoryRow[]
}

export type ReferralHistoryRow = {
  id: number
  at: string
  resident_id: number
  partner_org_id: number
  partner_name: string
  case_id: number | null
  status: ReferralStatus
  reason: string
  outcome: string | null
  consent_given_at: string
}

export async function referralsForHistory(db: Queryable, scope: HistoryScope): Promise<ReferralHistoryRow[]> {
  const rows = await db
    .selectFrom('referral')
    .innerJoin('partner_org', 'partner_org.id', 'referral.partner_org_id')
    .select([
      'referral.id',
      'referral.created_at as at',
      'referral.resident_id',
      'referral.partner_org_id',
      'partner_org.name as partner_name',
      'referral.case_id',
      'referral.status',
      'referral.reason',
      'referral.outcome',
      'referral.consent_given_at',
    ])
    .$call((query) => newestAfterCursor(query, scope, 'referral', 'created_at'))
    .execute()
  return rows as ReferralHistoryRow[]
}

export type NotificationHistoryRow = {
  id: number
  at: string
  resident_id: number
  channel: NotificationChannel
  template: string
  status: NotificationStatus
  case_id: number | null
  sent_at: string | null
}

/** Messages sent to the resident; the recipient address and personalisation stay out of the timeline. */
export async function notificationsForHistory(db: Queryable, scope: HistoryScope): Promise<NotificationHistoryRow[]> {
  const rows = await db
    .selectFrom('notification')
    .select(['id', 'created_at as at', 'resident_id', 'channel', 'template', 'status', 'case_id', 'sent_at'])
    .$call((query) => newestAfterCursor(query, scope, 'notification', 'created_at'))
    .execute()
  return rows as NotificationHistoryRow[]
}

export type InclusionAssessmentHistoryRow = {
  id: number
  at: string
  resident_id: number
  support_offered: string | null
  outcome: string | null
  referral_id: number | null
  follow_up_on: string | null
}

export async function inclusionAssessmentsForHistory(
  db: Queryable,
  scope: HistoryScope,
): Promise<InclusionAssessmentHistoryRow[]> {
  return db
    .selectFrom('inclusion_assessment')
    .select(['id', 'assessed_at as at', 'resident_id', 'support_offered', 'outcome', 'referral_id', 'follow_up_on'])
    .$call((query) => newestAfterCursor(query, scope, 'inclusion_assessment', 'assessed_at'))
    .execute()
}

/** The barriers recorded on each of the given assessments. */
export async function barriersOf(
  db: Queryable,
  councilId: number,
  assessmentIds: number[],
): Promise<Map<number, InclusionBarrier[]>> {
  const barriers = new Map<number, InclusionBarrier[]>()
  if (assessmentIds.length === 0) return barriers
  const rows = await db
    .selectFrom('inclusion_barrier')
    .select(['assessment_id', 'barrier'])
    .where('council_id', '=', councilId)
    .where('assessment_id', 'in', assessmentIds)
    .orderBy('barrier')
    .execute()
  for (const row of rows) barriers.set(row.assessment_id, [...(barriers.get(row.assessment_id) ?? []), row.barrier])
  return barriers
}

export type ResidentChangeHistoryRow = {
  id: number
  at: string
  resident_id: number
  change: ResidentChange
  fields: string
  reason: string | null
  staff_user_id: number | null
  staff_name: string | null
}

/** Changes made to the record at the desk (details, flags, merges), with who made them and why. */
export async function residentChangesForHistory(
  db: Queryable,
  scope: HistoryScope,
): Promise<ResidentChangeHistoryRow[]> {
  const rows = await db
    .selectFrom('resident_change')
    .leftJoin('staff_user', 'staff_user.id', 'resident_change.staff_user_id')
    .select([
      'resident_change.id',
      'resident_change.at',
      'resident_change.resident_id',
      'resident_change.change',
      'resident_change.fields',
      'resident_change.reason',
      'resident_change.staff_user_id',
      'staff_user.name as staff_name',
    ])
    .$call((query) => newestAfterCursor(query, scope, 'resident_change', 'at'))
    .execute()
  return rows as ResidentChangeHistoryRow[]
}
