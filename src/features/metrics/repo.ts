// Queries for the figures: adding to the rollups, reading them back summed, and the raw-row
// counts the rollups are checked against. Days in the rollups are Europe/London days as text;
// times in the records are compared as UTC instants, which both engines do the same way.
import { sql } from 'kysely'
import type { Queryable } from '../../platform/db/schema.ts'
import type { CaseCreator, Channel, ContactOutcome, Direction } from '../../platform/db/values.ts'
import { inChunks } from '../../platform/db/chunks.ts'
import { addCounts } from '../../platform/db/counts.ts'
import { readAside } from '../../platform/db/read-aside.ts'
import type { CountedTable } from '../../platform/db/counts.ts'

export type ContactRollupRow = {
  council_id: number
  day: string
  channel: Channel
  service_id: number
  outcome: ContactOutcome
  direction: Direction
  contacts: number
  avoidable: number
  handle_seconds: number
}
export type ContactMonthRollupRow = Omit<ContactRollupRow, 'day'> & { month: string }

/** A resident's contacts in each month of a year, contacts_01 (January) to contacts_12. */
export const MONTH_COUNTS = [
  'contacts_01',
  'contacts_02',
  'contacts_03',
  'contacts_04',
  'contacts_05',
  'contacts_06',
  'contacts_07',
  'contacts_08',
  'contacts_09',
  'contacts_10',
  'contacts_11',
  'contacts_12',
] as const
export type ResidentContactRollupRow = { council_id: number; year: string; resident_id: number } & Record<
  (typeof MONTH_COUNTS)[number],
  number
>

export type CaseRollupRow = {
  council_id: number
  day: string
  service_id: number
  channel: Channel
  created_by: CaseCreator
  created: number
  resolved: number
  resolved_within_target: number
}
export type CaseMonthRollupRow = Omit<CaseRollupRow, 'day'> & { month: string }
export type CallRollupRow = {
  council_id: number
  day: string
  queue: string
  offered: number
  answered: number
  abandoned: number
  answer_ms: number
  within_threshold: number
}
export type CallHourRollupRow = Omit<CallRollupRow, 'queue'> & { hour: number }
export type SurveyRollupRow = {
  council_id: number
  day: string
  channel: Channel | ''
  service_id: number
  responses: number
  satisfied: number
}
export type FormRollupRow = { council_id: number; day: string; service_id: number; started: number; submitted: number }

/** What the contact, case and call rollups add up, beside their keys. */
export const CONTACT_COUNTS = ['contacts', 'avoidable', 'handle_seconds'] as const
export const CASE_COUNTS = ['created', 'resolved', 'resolved_within_target'] as const
export const CALL_COUNTS = ['offered', 'answered', 'abandoned', 'answer_ms', 'within_threshold'] as const
const ROLLUPS = {
  contact: {
    table: 'metric_rollup',
    keys: ['council_id', 'day', 'channel', 'service_id', 'outcome', 'direction'],
    counts: CONTACT_COUNTS,
  },
  contactMonth: {
    table: 'contact_month_rollup',
    keys: ['council_id', 'month', 'channel', 'service_id', 'outcome', 'direction'],
    counts: CONTACT_COUNTS,
  },
  residentContact: {
    table: 'resident_contact_rollup',
    keys: ['council_id', 'year', 'resident_id'],
    counts: MONTH_COUNTS,
  },
  case: {
    table: 'case_rollup',
    keys: ['council_id', 'day', 'service_id', 'channel', 'created_by'],
    counts: CASE_COUNTS,
  },
  caseMonth: {
    table: 'case_month_rollup',
    keys: ['council_id', 'month', 'service_id', 'channel', 'created_by'],
    counts: CASE_COUNTS,
  },
  call: { table: 'call_rollup', keys: ['council_id', 'day', 'queue'], counts: CALL_COUNTS },
  callHour: { table: 'call_hour_rollup', keys: ['council_id', 'day', 'hour'], counts: CALL_COUNTS },
  survey: {
    table: 'survey_rollup',
    keys: ['council_id', 'day', 'channel', 'service_id'],
    counts: ['responses', 'satisfied'],
  },
  form: { table: 'form_rollup', keys: ['council_id', 'day', 'service_id'], counts: ['started', 'submitted'] },
} as const satisfies Record<string, CountedTable>

// Each adds its rows' counts to the rollup rows of the same keys (counts.ts): within a shared
// commit they are written once per key just before it.
export const addContactRollups = (db: Queryable, rows: readonly ContactRollupRow[]) =>
  addCounts(db, ROLLUPS.contact, rows)
export const addContactMonthRollups = (db: Queryable, rows: readonly ContactMonthRollupRow[]) =>
  addCounts(db, ROLLUPS.contactMonth, rows)
export const addResidentContactRollups = (db: Queryable, rows: readonly ResidentContactRollupRow[]) =>
  addCounts(db, ROLLUPS.residentContact, rows)
export const addCaseRollups = (db: Queryable, rows: readonly CaseRollupRow[]) => addCounts(db, ROLLUPS.case, rows)
export const addCaseMonthRollups = (db: Queryable, rows: readonly CaseMonthRollupRow[]) =>
  addCounts(db, ROLLUPS.caseMonth, rows)
export const addCallRollups = (db: Queryable, rows: readonly CallRollupRow[]) => addCounts(db, ROLLUPS.call, rows)
export const addCallHourRollups = (db: Queryable, rows: readonly CallHourRollupRow[]) =>
  addCounts(db, ROLLUPS.callHour, rows)
export const addSurveyRollups = (db: Queryable, rows: readonly SurveyRollupRow[]) => addCounts(db, ROLLUPS.survey, rows)
export const addFormRollups = (db: Queryable, rows: readonly FormRollupRow[]) => addCounts(db, ROLLUPS.form, rows)

/** One resident's rows of the resident rollup, every year. */
export async function residentContactRows(db: Queryable, councilId: number, residentId: number) {
  return db
    .selectFrom('resident_contact_rollup')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('resident_id', '=', residentId)
    .execute()
}

export async function deleteResidentContactRows(db: Queryable, councilId: number, residentId: number) {
  await db
    .deleteFrom('resident_contact_rollup')
    .where('council_id', '=', councilId)
    .where('resident_id', '=', residentId)
    .execute()
}

export async function clearRollups(db: Queryable, councilId: number): Promise<void> {
  for (const { table } of Object.values(ROLLUPS))
    await db.deleteFrom(table).where('council_id', '=', councilId).execute()
}

export async function councilSettingsJson(db: Queryable, councilId: number): Promise<string> {
  const row = await db.selectFrom('council').select('settings').where('id', '=', councilId).executeTakeFirstOrThrow()
  return row.settings
}

// Reading the rollups back: the bucket is the day, its month (YYYY-MM) or year (YYYY), or one for all.

export type Bucketing = 'day' | 'month' | 'year' | 'all'
export type Days = { from: string; to: string }
/** London months, YYYY-MM; `to` is the first not counted. */
export type Months = { from: string; to: string }
export type Filter = { channel?: Channel; serviceId?: number }

function bucket(bucketing: Bucketing, column = 'day') {
  const ref = sql.ref(column)
  if (bucketing === 'month') return sql<string>`substr(${ref}, 1, 7)`
  if (bucketing === 'year') return sql<string>`substr(${ref}, 1, 4)`
  if (bucketing === 'day') return sql<string>`${ref}`
  return sql<string>`'all'`
}

const total = (column: string) => sql<number>`sum(${sql.ref(column)})`

/**
 * A stretch of the contact rollups: days of the daily rollup, or whole London months (YYYY-MM) of
 * the monthly one, which holds the same sums. `contactSpans` (london.ts) cuts a period into them.
 */
export type ContactSpan = { level: 'day' | 'month'; from: string; to: string }

/** The contact rollup rows of a span, its bucket read from the span's own column. */
function contactRollupOf(db: Queryable, councilId: number, span: ContactSpan, by: Bucketing) {
  const table = span.level === 'day' ? 'metric_rollup' : 'contact_month_rollup'
  return {
    query: db
      .selectFrom(table as 'metric_rollup')
      .where('council_id', '=', councilId)
      .where(span.level as 'day', '>=', span.from)
      .where(span.level as 'day', '<', span.to),
    bucket: bucket(by, span.level),
    groups: by === 'all' ? [] : [bucket(by, span.level)],
  }
}

export async function contactRollupSums(
  db: Queryable,
  councilId: number,
  span: ContactSpan,
  filter: Filter,
  by: Bucketing,
) {
  const rollup = contactRollupOf(db, councilId, span, by)
  let query = rollup.query.select([
    rollup.bucket.as('bucket'),
    'channel',
    'direction',
    'outcome',
    total('contacts').as('contacts'),
    total('avoidable').as('avoidable'),
    total('handle_seconds').as('handle_seconds'),
  ])
  if (filter.channel !== undefined) query = query.where('channel', '=', filter.channel)
  if (filter.serviceId !== undefined) query = query.where('service_id', '=', filter.serviceId)
  return query.groupBy([...rollup.groups, 'channel', 'direction', 'outcome'] as never).execute()
}

/** The case rollup rows of a span: days of the daily rollup, or whole London months of the monthly one. */
function caseRollupOf(db: Queryable, councilId: number, span: ContactSpan) {
  const table = span.level === 'day' ? 'case_rollup' : 'case_month_rollup'
  const column = `r.${span.level}` as 'r.day'
  return {
    query: db
      .selectFrom(`${table} as r` as 'case_rollup as r')
      .innerJoin('service as s', 's.id', 'r.service_id')
      .where('r.council_id', '=', councilId)
      .where(column, '>=', span.from)
      .where(column, '<', span.to),
    column,
  }
}

const caseTotals = [
  total('r.created').as('created'),
  total('r.resolved').as('resolved'),
  total('r.resolved_within_target').as('resolved_within_target'),
] as const

export async function caseRollupSums(
  db: Queryable,
  councilId: number,
  span: ContactSpan,
  filter: Filter,
  by: Bucketing,
) {
  const rollup = caseRollupOf(db, councilId, span)
  let query = rollup.query.select([
    bucket(by, rollup.column).as('bucket'),
    's.online_available',
    'r.channel',
    'r.created_by',
    ...caseTotals,
  ])
  if (filter.channel !== undefined) query = query.where('r.channel', '=', filter.channel)
  if (filter.serviceId !== undefined) query = query.where('r.service_id', '=', filter.serviceId)
  const groups = by === 'all' ? [] : [bucket(by, rollup.column)]
  return query.groupBy([...groups, 's.online_available', 'r.channel', 'r.created_by'] as never).execute()
}

export async function callRollupSums(db: Queryable, councilId: number, days: Days, by: Bucketing) {
  const query = db
    .selectFrom('call_rollup')
    .select([
      bucket(by).as('bucket'),
      total('offered').as('offered'),
      total('answered').as('answered'),
      total('abandoned').as('abandoned'),
      total('answer_ms').as('answer_ms'),
      total('within_threshold').as('within_threshold'),
    ])
    .where('council_id', '=', councilId)
    .where('day', '>=', days.from)
    .where('day', '<', days.to)
  return by === 'all' ? query.execute() : query.groupBy(bucket(by)).execute()
}

export async function surveyRollupSums(db: Queryable, councilId: number, days: Days, filter: Filter, by: Bucketing) {
  let query = db
    .selectFrom('survey_rollup')
    .select([bucket(by).as('bucket'), total('responses').as('responses'), total('satisfied').as('satisfied')])
    .where('council_id', '=', councilId)
    .where('day', '>=', days.from)
    .where('day', '<', days.to)
  if (filter.channel !== undefined) query = query.where('channel', '=', filter.channel)
  if (filter.serviceId !== undefined) query = query.where('service_id', '=', filter.serviceId)
  return by === 'all' ? query.execute() : query.groupBy(bucket(by)).execute()
}

export async function formRollupSums(db: Queryable, councilId: number, days: Days, filter: Filter, by: Bucketing) {
  let query = db
    .selectFrom('form_rollup')
    .select([bucket(by).as('bucket'), total('started').as('started'), total('submitted').as('submitted')])
    .where('council_id', '=', councilId)
    .where('day', '>=', days.from)
    .where('day', '<', days.to)
  if (filter.serviceId !== undefined) query = query.where('service_id', '=', filter.serviceId)
  return by === 'all' ? query.execute() : query.groupBy(bucket(by)).execute()
}

// Breakdowns the dashboard charts: calls by London day and hour, contacts and cases by service.

export async function callHourSums(db: Queryable, councilId: number, days: Days) {
  return db
    .selectFrom('call_hour_rollup')
    .select(['day', 'hour', 'offered', 'answered', 'abandoned', 'answer_ms', 'within_threshold'])
    .where('council_id', '=', councilId)
    .where('day', '>=', days.from)
    .where('day', '<', days.to)
    .execute()
}

/** Contacts by channel alone, per month: the narrowest read of the contact rollups, for charts over years. */
export async function contactChannelSums(db: Queryable, councilId: number, span: ContactSpan) {
  const rollup = contactRollupOf(db, councilId, span, 'month')
  return rollup.query
    .select([rollup.bucket.as('bucket'), 'channel', total('contacts').as('contacts')])
    .groupBy([...rollup.groups, 'channel'] as never)
    .execute()
}

export async function contactRollupSumsByService(db: Queryable, councilId: number, span: ContactSpan) {
  return contactRollupOf(db, councilId, span, 'all')
    .query.select([
      'service_id',
      'channel',
      'direction',
      'outcome',
      total('contacts').as('contacts'),
      total('avoidable').as('avoidable'),
      total('handle_seconds').as('handle_seconds'),
    ])
    .groupBy(['service_id', 'channel', 'direction', 'outcome'])
    .execute()
}

export async function caseRollupSumsByService(db: Queryable, councilId: number, span: ContactSpan) {
  return caseRollupOf(db, councilId, span)
    .query.select(['r.service_id', 's.online_available', 'r.channel', 'r.created_by', ...caseTotals])
    .groupBy(['r.service_id', 's.online_available', 'r.channel', 'r.created_by'])
    .execute()
}

/** Each service of the council with the team that works its cases, if any. */
export async function servicesAndTeams(db: Queryable, councilId: number) {
  return db
    .selectFrom('service as s')
    .leftJoin('team as t', 't.id', 's.team_id')
    .select(['s.id', 's.name', 's.team_id', 't.name as team_name'])
    .where('s.council_id', '=', councilId)
    .orderBy('s.name')
    .execute()
}

// Straight from the records, between two UTC instants: the reference the rollups must equal.

export type Instants = { from: string; to: string }

export async function contactCounts(db: Queryable, councilId: number, at: Instants, filter: Filter) {
  let query = db
    .selectFrom('contact')
    .select([
      'channel',
      'direction',
      'outcome',
      sql<number>`count(*)`.as('contacts'),
      total('avoidable').as('avoidable'),
      sql<number>`coalesce(sum(handle_seconds), 0)`.as('handle_seconds'),
    ])
    .where('council_id', '=', councilId)
    .where('started_at', '>=', at.from)
    .where('started_at', '<', at.to)
  if (filter.channel !== undefined) query = query.where('channel', '=', filter.channel)
  if (filter.serviceId !== undefined) query = query.where('service_id', '=', filter.serviceId)
  return query.groupBy(['channel', 'direction', 'outcome']).execute()
}

export async function casesCreated(db: Queryable, councilId: number, at: Instants, filter: Filter) {
  let query = db
    .selectFrom('case as c')
    .innerJoin('service as s', 's.id', 'c.service_id')
    .select(['s.online_available', 'c.channel', 'c.created_by', sql<number>`count(*)`.as('created')])
    .where('c.council_id', '=', councilId)
    .where('c.created_at', '>=', at.from)
    .where('c.created_at', '<', at.to)
  if (filter.channel !== undefined) query = query.where('c.channel', '=', filter.channel)
  if (filter.serviceId !== undefined) query = query.where('c.service_id', '=', filter.serviceId)
  return query.groupBy(['s.online_available', 'c.channel', 'c.created_by']).execute()
}

export async function casesResolved(db: Queryable, councilId: number, at: Instants, filter: Filter) {
  let query = db
    .selectFrom('case')
    .select([
      sql<number>`count(*)`.as('resolved'),
      sql<number>`coalesce(sum(case when due_at is not null and resolved_at <= due_at then 1 else 0 end), 0)`.as(
        'within_target',
      ),
    ])
    .where('council_id', '=', councilId)
    .where('resolved_at', '>=', at.from)
    .where('resolved_at', '<', at.to)
  if (filter.channel !== undefined) query = query.where('channel', '=', filter.channel)
  if (filter.serviceId !== undefined) query = query.where('service_id', '=', filter.serviceId)
  return query.executeTakeFirstOrThrow()
}

export async function callsOffered(db: Queryable, councilId: number, at: Instants) {
  return db
    .selectFrom('call')
    .select(['offered_at', 'answered_at', 'abandoned'])
    .where('council_id', '=', councilId)
    .where('offered_at', '>=', at.from)
    .where('offered_at', '<', at.to)
    .execute()
}

export async function surveyResponses(db: Queryable, councilId: number, at: Instants) {
  return db
    .selectFrom('survey_response as r')
    .leftJoin('case as ca', 'ca.id', 'r.case_id')
    .leftJoin('contact as co', 'co.id', 'r.contact_id')
    .select([
      'r.score',
      'r.case_id',
      'ca.channel as case_channel',
      'ca.service_id as case_service_id',
      'co.channel as contact_channel',
      'co.service_id as contact_service_id',
    ])
    .where('r.council_id', '=', councilId)
    .where('r.created_at', '>=', at.from)
    .where('r.created_at', '<', at.to)
    .execute()
}

export async function formsStarted(db: Queryable, councilId: number, at: Instants, filter: Filter) {
  let query = db
    .selectFrom('online_form')
    .select([sql<number>`count(*)`.as('started'), sql<number>`count(submitted_at)`.as('submitted')])
    .where('council_id', '=', councilId)
    .where('started_at', '>=', at.from)
    .where('started_at', '<', at.to)
  if (filter.serviceId !== undefined) query = query.where('service_id', '=', filter.serviceId)
  return query.executeTakeFirstOrThrow()
}

// Figures about residents, not events, which no daily rollup can hold: the smallest queries that answer them.

/**
 * Where a period's contacts are read from: straight from the records between two instants, or
 * from the rollups: whole months from the resident rollup, and the days around them (`parts`) from
 * the months of the rollup that hold them, each resident there checked against their contacts.
 * `from` is the period's first London day, `end` the instant it ends (e-accounts verified by then).
 */
export type ContactSpans =
  | { source: 'records'; at: Instants; end: string }
  | { source: 'rollups'; from: string; months: Months | null; parts: DaysAt[]; end: string }
export type DaysAt = { days: Days; at: Instants }

type MonthColumn = (typeof MONTH_COUNTS)[number]

/** The residents (as first recorded, some merged since) with a contact in the spans, each once. */
function residentIds(db: Queryable, councilId: number, spans: ContactSpans, filter: Filter) {
  if (spans.source === 'rollups') return residentIdsFromRollup(db, councilId, spans.months, spans.parts)
  // Distinct resident ids from the contacts alone (the index holds them): a year of a large
  // council is a million contacts but only the residents among them are looked up for merges.
  let ids = db
    .selectFrom('contact as c')
    .select('c.resident_id')
    .where('c.council_id', '=', councilId)
    .where('c.started_at', '>=', spans.at.from)
    .where('c.started_at', '<', spans.at.to)
  if (filter.channel !== undefined) ids = ids.where('c.channel', '=', filter.channel)
  if (filter.serviceId !== undefined) ids = ids.where('c.service_id', '=', filter.serviceId)
  return ids.distinct()
}

/**
 * A resident was in contact in the spans exactly when a whole month of them counts a contact of
 * theirs, or a month holding some of the days around them does and one of their contacts falls on
 * those days (theirs, or their survivor's since a merge moved them). Reading a year's rows of the resident rollup once, and the contacts only
 * of residents seen in a part month alone, took the previous period of a year (two part months)
 * from 340 ms to 13 ms: reading the part months' contacts meant a distinct sort of 85,000 of them.
 */
function residentIdsFromRollup(db: Queryable, councilId: number, months: Months | null, parts: DaysAt[]) {
  const years = [...new Set([...yearsOf(months).keys(), ...parts.flatMap((part) => [...monthsOf(part.days).keys()])])]
  const selects = years.sort().map((year) =>
    db
      .selectFrom('resident_contact_rollup as y')
      .select('y.resident_id')
      .where('y.council_id', '=', councilId)
      .where('y.year', '=', year)
      .where((eb) => {
        const counted = (columns: readonly MonthColumn[]) => columns.map((c) => eb(sql.ref(`y.${c}`), '>', 0))
        const whole = counted(yearsOf(months).get(year) ?? [])
        const around = parts.flatMap(({ days, at }) => {
          const columns = monthsOf(days).get(year)
          if (!columns) return []
          const ownContact = eb.exists(
            db
              .selectFrom('contact as c')
              .select(sql<number>`1`.as('one'))
              // A merge moves a resident's contacts and counts to the survivor (migration 028 moved the
              // earlier ones); a count still under a merged resident is answered by its survivor's contacts.
              .where('c.resident_id', 'in', [
                sql.ref<number>('y.resident_id'),
                sql<number>`(select m.merged_into from resident m where m.id = ${sql.ref('y.resident_id')})`,
              ])
              .where('c.started_at', '>=', at.from)
              .where('c.started_at', '<', at.to)
              .where('c.council_id', '=', councilId),
          )
          return [eb.and([eb.or(counted(columns)), ownContact])]
        })
        return eb.or([...whole, ...around])
      }),
  )
  const [first, ...rest] = selects
  if (first === undefined) throw new Error('a period has a month or some days')
  // One year of the resident rollup holds each resident once (its key); several years need a union.
  return rest.reduce((all, next) => all.union(next), first)
}

/** Each year of some months (YYYY-MM, `to` the first not counted) with the month columns it takes. */
function yearsOf(months: Months | null): Map<string, MonthColumn[]> {
  const years = new Map<string, MonthColumn[]>()
  if (months === null) return years
  for (let month = months.from; month < months.to; month = nextMonth(month)) {
    const year = month.slice(0, 4)
    const columns = years.get(year) ?? []
    columns.push(MONTH_COUNTS[Number(month.slice(5, 7)) - 1] as MonthColumn)
    years.set(year, columns)
  }
  return years
}

/** The months some days fall in, by year. */
function monthsOf(days: Days): Map<string, MonthColumn[]> {
  const last = new Date(Date.parse(`${days.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 7)
  return yearsOf({ from: days.from.slice(0, 7), to: nextMonth(last) })
}

function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4))
  const next = Number(month.slice(5, 7)) + 1
  return next > 12 ? `${year + 1}-01` : `${year}-${String(next).padStart(2, '0')}`
}

/**
 * Residents (a merged record counted as the one it was merged into) with a contact between two
 * instants, and how many of them had a verified e-account by the end.
 */
export async function residentsInContact(db: Queryable, councilId: number, spans: ContactSpans, filter: Filter) {
  // A merged resident counts as the one they were merged into. Only the few merged residents are
  // looked up (their own index), not each of a year's 100,000 residents in contact. The persons are
  // the residents in contact who were not merged (distinct already), and the survivors of those who
  // were that are not among them: counted apart and added, rather than made one set with UNION,
  // whose sort of 100,000 ids was two thirds of a year's residents figure.
  const merged = db
    .selectFrom('resident as m')
    .where('m.council_id', '=', councilId)
    .where('m.merged_into', 'is not', null)
  // The persons with an e-account verified by the end: its own resident, and the survivor of a
  // merged one. A person in contact is never a merged resident (merges point straight at a
  // survivor that is not merged), so the merged residents' own ids among the first part match
  // nobody; looking up each account's resident instead cost a fifth of a year's residents figure.
  const verified = db
    .selectFrom('e_account as e')
    .select('e.resident_id as person')
    .where('e.council_id', '=', councilId)
    .where('e.verified_at', '<', spans.end)
    .unionAll(
      merged
        .innerJoin('e_account as e', 'e.resident_id', 'm.id')
        .select('m.merged_into as person')
        .where('e.verified_at', '<', spans.end),
    )
  const counted = db
    .with('ids', () => residentIds(db, councilId, spans, filter))
    .with('direct', (qc) =>
      qc
        .selectFrom('ids')
        .select('ids.resident_id as person')
        // A contact with no resident counts nobody (and null is "not in" an empty list).
        .where('ids.resident_id', 'is not', null)
        .where('ids.resident_id', 'not in', merged.select('m.id')),
    )
    .with('survivors', (qc) =>
      qc
        .selectFrom('ids')
        .innerJoin(merged.select(['m.id', 'm.merged_into']).as('mm'), 'mm.id', 'ids.resident_id')
        .select('mm.merged_into as person')
        .distinct()
        .where('mm.merged_into', 'not in', qc.selectFrom('direct').select('direct.person')),
    )
    .with('persons', (qc) =>
      qc.selectFrom('direct').select('direct.person').unionAll(qc.selectFrom('survivors').select('survivors.person')),
    )
    .selectFrom('persons as p')
    .select([
      sql<number>`count(*)`.as('with_contact'),
      sql<number>`count(*) filter (where p.person in ${verified})`.as('with_e_account'),
    ])
  // The longest of a page's reads: made beside the others where the engine allows (read-aside.ts).
  const [residents] = await readAside(db, counted)
  if (!residents) throw new Error('a count always answers one row')
  return residents
}

export async function digitallyExcluded(db: Queryable, councilId: number): Promise<number> {
  const row = await db
    .selectFrom('resident')
    .select(sql<number>`count(*)`.as('excluded'))
    .where('council_id', '=', councilId)
    .where('merged_into', 'is', null)
    .where('digital_status', 'in', ['offline_by_choice', 'cannot_use'])
    .executeTakeFirstOrThrow()
  return row.excluded
}

// Pages of records in id order, for rebuilding the rollups.

export async function contactPage(db: Queryable, councilId: number, afterId: number, limit: number) {
  return db
    .selectFrom('contact')
    .select([
      'id',
      'started_at',
      'resident_id',
      'channel',
      'direction',
      'service_id',
      'outcome',
      'avoidable',
      'handle_seconds',
    ])
    .where('council_id', '=', councilId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute()
}

export async function casePage(db: Queryable, councilId: number, afterId: number, limit: number) {
  return db
    .selectFrom('case')
    .select(['id', 'created_at', 'resolved_at', 'due_at', 'service_id', 'channel', 'created_by'])
    .where('council_id', '=', councilId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute()
}

export async function callPage(db: Queryable, councilId: number, afterId: number, limit: number) {
  return db
    .selectFrom('call')
    .select(['id', 'queue', 'offered_at', 'answered_at', 'abandoned'])
    .where('council_id', '=', councilId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute()
}

/** Survey responses with the channel and service of the case they are about, else the contact. */
export async function surveyPage(db: Queryable, councilId: number, afterId: number, limit: number) {
  const rows = await db
    .selectFrom('survey_response as r')
    .leftJoin('case as ca', 'ca.id', 'r.case_id')
    .leftJoin('contact as co', 'co.id', 'r.contact_id')
    .select([
      'r.id',
      'r.created_at',
      'r.score',
      'r.case_id',
      'ca.channel as case_channel',
      'ca.service_id as case_service_id',
      'co.channel as contact_channel',
      'co.service_id as contact_service_id',
    ])
    .where('r.council_id', '=', councilId)
    .where('r.id', '>', afterId)
    .orderBy('r.id')
    .limit(limit)
    .execute()
  return rows.map((row) => {
    const aboutCase = row.case_id !== null
    return {
      id: row.id,
      created_at: row.created_at,
      score: row.score,
      channel: aboutCase ? row.case_channel : row.contact_channel,
      service_id: aboutCase ? row.case_service_id : row.contact_service_id,
    }
  })
}

export async function formPage(db: Queryable, councilId: number, afterId: number, limit: number) {
  return db
    .selectFrom('online_form')
    .select(['id', 'started_at', 'submitted_at', 'service_id'])
    .where('council_id', '=', councilId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute()
}

export async function councils(db: Queryable): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('council').select(['id', 'name']).orderBy('id').execute()
}

/**
 * The survey responses about these cases and contacts, each with the channel and service of what it
 * is about as they are now: taken before and after a write that may change them, so the survey
 * rollups move with the case or contact.
 */
export async function surveyFactsAbout(
  db: Queryable,
  councilId: number,
  about: { caseIds: readonly number[]; contactIds: readonly number[] },
) {
  const facts = []
  for (const chunk of inChunks(about.caseIds, 1)) {
    facts.push(
      ...(await db
        .selectFrom('survey_response as r')
        .innerJoin('case as ca', 'ca.id', 'r.case_id')
        .select(['r.created_at', 'r.score', 'ca.channel', 'ca.service_id'])
        .where('r.council_id', '=', councilId)
        .where('r.case_id', 'in', chunk)
        .execute()),
    )
  }
  for (const chunk of inChunks(about.contactIds, 1)) {
    facts.push(
      ...(await db
        .selectFrom('survey_response as r')
        .innerJoin('contact as co', 'co.id', 'r.contact_id')
        .select(['r.created_at', 'r.score', 'co.channel', 'co.service_id'])
        .where('r.council_id', '=', councilId)
        .where('r.case_id', 'is', null)
        .where('r.contact_id', 'in', chunk)
        .execute()),
    )
  }
  return facts
}

export async function contactIdsByExternalId(db: Queryable, councilId: number, externalIds: readonly string[]) {
  const ids: number[] = []
  for (const chunk of inChunks(externalIds, 1)) {
    const rows = await db
      .selectFrom('contact')
      .select('id')
      .where('council_id', '=', councilId)
      .where('external_id', 'in', chunk)
      .execute()
    ids.push(...rows.map((row) => row.id))
  }
  return ids
}
