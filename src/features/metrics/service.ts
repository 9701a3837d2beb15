// The figures of DESIGN.md for a council and a period, and the upkeep of the daily rollups they
// are read from. Other features call the rollup functions inside the transaction of every write
// that changes a figure; dashboards, the API and the briefing read metricsFor and metricsByGroup.
import type { Queryable } from '../../platform/db/schema.ts'
import type { Database } from '../../platform/db/database.ts'
import { rebuildRollups } from './rebuild.ts'
import type { RebuildReport } from './rebuild.ts'
import type { Channel } from '../../platform/db/values.ts'
import { parseCouncilSettings } from '../../platform/council/settings.ts'
import type { CouncilSettings } from '../../platform/council/settings.ts'
import type { Metrics, Tally } from './figures.ts'
import { figures } from './figures.ts'
import type { Grouping } from './london.ts'
import { cutAtMonths, groupStart, groupsOf, londonDay, londonMidnight } from './london.ts'
import * as repo from './repo.ts'
import type { Bucketing } from './repo.ts'
import { countFiguresChange, readOnce, touchesClosed } from './closed.ts'
import { readResidents, tallyFor, tallyRecords, tallyResidents, tallyRollups } from './tally.ts'
import type { ResidentsInContact } from './tally.ts'
import type { CallFacts, CaseFacts, Change, ContactFacts, FormFacts, SurveyFacts } from './upkeep.ts'
import {
  callHourRollupRows,
  callRollupRows,
  caseMonthRollupRows,
  caseRollupRows,
  contactMonthRollupRows,
  contactRollupRows,
  formRollupRows,
  residentContactRollupRows,
  surveyRollupRows,
} from './upkeep.ts'

export type { ByChannel, Metrics } from './figures.ts'
export type { Grouping } from './london.ts'
export { londonDay, londonMidnight, groupsOf } from './london.ts'
export type { RebuildReport } from './rebuild.ts'
export type { CallFacts, CaseFacts, Change, ContactFacts, FormFacts, SurveyFacts } from './upkeep.ts'

/** Council (Europe/London) days, YYYY-MM-DD; `to` is the first day not counted. */
export type Period = { from: string; to: string }
export type MetricFilters = { channel?: Channel; serviceId?: number }
export type GroupMetrics = { start: string; metrics: Metrics }

// Upkeep: each takes the transaction of the write and what the write changed.

/** Counts a change to the figures of each year whose closed days the rows written fall on (closed.ts). */
async function countIfClosed(trx: Queryable, councilId: number, days: Iterable<string>): Promise<void> {
  let years: Set<string> | undefined
  for (const day of days) if (touchesClosed(day)) (years ??= new Set()).add(day.slice(0, 4))
  if (years) await countFiguresChange(trx, councilId, years)
}

const daysOf = (rows: readonly { day: string }[]) => rows.map((row) => row.day)

/** Contacts are counted by day, by month, and by resident and month (for the residents in contact). */
export async function rollupContacts(trx: Queryable, councilId: number, change: Change<ContactFacts>): Promise<void> {
  const daily = contactRollupRows(councilId, change)
  const residents = residentContactRollupRows(councilId, change)
  await repo.addContactRollups(trx, daily)
  await repo.addContactMonthRollups(trx, contactMonthRollupRows(daily))
  await repo.addResidentContactRollups(trx, residents)
  // The contacts' own days: one moved to another resident changes no daily row, only the resident rollup.
  const facts = [...(change.added ?? []), ...(change.removed ?? [])]
  await countIfClosed(
    trx,
    councilId,
    facts.map((c) => londonDay(c.started_at)),
  )
}

/**
 * A merge moves a resident's contacts to the survivor, so their counts in the resident rollup go
 * with them: the rollup then counts each contact under the resident it names, as a rebuild does,
 * and a contact changed after the merge takes its count back from the row that holds it.
 */
export async function moveResidentContacts(trx: Queryable, councilId: number, from: number, to: number) {
  const rows = await repo.residentContactRows(trx, councilId, from)
  if (rows.length === 0) return
  await repo.addResidentContactRollups(
    trx,
    rows.map((row) => ({ ...row, resident_id: to })),
  )
  await repo.deleteResidentContactRows(trx, councilId, from)
}

export async function rollupCases(trx: Queryable, councilId: number, change: Change<CaseFacts>): Promise<void> {
  const rows = caseRollupRows(councilId, change)
  await repo.addCaseRollups(trx, rows)
  await repo.addCaseMonthRollups(trx, caseMonthRollupRows(rows))
  await countIfClosed(trx, councilId, daysOf(rows))
}

/** Calls are counted against the council's answer threshold as it is when they are written. */
export async function rollupCalls(trx: Queryable, councilId: number, change: Change<CallFacts>): Promise<void> {
  const settings = await settingsOf(trx, councilId)
  const rows = callRollupRows(councilId, settings.answerThresholdSeconds, change)
  await repo.addCallRollups(trx, rows)
  await repo.addCallHourRollups(trx, callHourRollupRows(councilId, settings.answerThresholdSeconds, change))
  await countIfClosed(trx, councilId, daysOf(rows))
}

export async function rollupSurveyResponses(
  trx: Queryable,
  councilId: number,
  change: Change<SurveyFacts>,
): Promise<void> {
  const rows = surveyRollupRows(councilId, change)
  await repo.addSurveyRollups(trx, rows)
  await countIfClosed(trx, councilId, daysOf(rows))
}

export type SurveySubjects = {
  caseIds?: readonly number[]
  contactIds?: readonly number[]
  contactExternalIds?: readonly string[]
}

/**
 * A survey response counts under the channel and service of the case or contact it is about, so a
 * write that may change those (a re-import) runs inside this: the responses about them are taken
 * away as they counted before and added as they count after, in the same transaction.
 */
export async function keepSurveysInStep<T>(
  trx: Queryable,
  councilId: number,
  subjects: SurveySubjects,
  write: () => Promise<T>,
): Promise<T> {
  const about = {
    caseIds: subjects.caseIds ?? [],
    contactIds: [
      ...(subjects.contactIds ?? []),
      ...(subjects.contactExternalIds?.length
        ? await repo.contactIdsByExternalId(trx, councilId, subjects.contactExternalIds)
        : []),
    ],
  }
  if (about.caseIds.length === 0 && about.contactIds.length === 0) return write()
  const before = await repo.surveyFactsAbout(trx, councilId, about)
  const result = await write()
  const after = await repo.surveyFactsAbout(trx, councilId, about)
  await rollupSurveyResponses(trx, councilId, { removed: before, added: after })
  return result
}

export async function rollupOnlineForms(trx: Queryable, councilId: number, change: Change<FormFacts>): Promise<void> {
  const rows = formRollupRows(councilId, change)
  await repo.addFormRollups(trx, rows)
  await countIfClosed(trx, councilId, daysOf(rows))
}

/** A form started earlier and sent now: it stays counted on the day it was started, now as sent too. */
export async function rollupFormSubmitted(
  trx: Queryable,
  councilId: number,
  form: { started_at: string; service_id: number },
  submittedAt: string,
): Promise<void> {
  await rollupOnlineForms(trx, councilId, {
    removed: [{ ...form, submitted_at: null }],
    added: [{ ...form, submitted_at: submittedAt }],
  })
}

async function settingsOf(db: Queryable, councilId: number): Promise<CouncilSettings> {
  return parseCouncilSettings(await repo.councilSettingsJson(db, councilId))
}

// Reading the figures.

/** The day a rollup bucket (a day, YYYY-MM or YYYY) starts on. */
function bucketDay(bucket: string): string {
  if (bucket.length === 4) return `${bucket}-01-01`
  if (bucket.length === 7) return `${bucket}-01`
  return bucket
}

function instants(from: string, to: string): repo.Instants {
  return { from: londonMidnight(from), to: londonMidnight(to) }
}

type Span = { start: string; end: string }

/** A span's contacts straight from the records. */
function fromContacts(span: Span): repo.ContactSpans {
  const at = instants(span.start, span.end)
  return { source: 'records', at, end: at.to }
}

/**
 * A span's contacts with its whole months read from the resident rollup. That rollup knows no
 * channel or service, so a filtered figure reads the records.
 */
function fromMonths(span: Span, filters: MetricFilters): repo.ContactSpans {
  if (filters.channel !== undefined || filters.serviceId !== undefined) return fromContacts(span)
  const cut = cutAtMonths(span.start, span.end)
  const parts = [cut.before, cut.after].flatMap((days) => (days ? [{ days, at: instants(days.from, days.to) }] : []))
  return { source: 'rollups', from: span.start, months: cut.months, parts, end: londonMidnight(span.end) }
}

/** Starts every read at once: one that fails is reported where it is awaited, never as unhandled. */
function startAll<T>(reads: readonly (() => Promise<T>)[]): Promise<T>[] {
  return reads.map((read) => {
    const started = read()
    started.catch(() => undefined)
    return started
  })
}

/** The figures for each span of a period, read from the rollups (and the two resident queries). */
async function fromRollups(
  db: Queryable,
  councilId: number,
  period: Period,
  spans: Span[],
  startOf: ((bucket: string) => string) | null,
  by: Bucketing,
  filters: MetricFilters,
): Promise<GroupMetrics[]> {
  const settings = await settingsOf(db, councilId)
  const tallies = new Map<string, Tally>(spans.map((span) => [span.start, tallyFor(filters)]))
  const only = spans[0]?.start ?? period.from
  const tallyOf = (bucket: string): Tally => tallies.get(startOf ? startOf(bucket) : only) as Tally
  // The residents in contact are the longest read: started first, they are read beside the rest
  // where the engine allows (repo.residentsInContact).
  const residents = startAll(
    spans.map((span) => () => readResidents(db, councilId, fromMonths(span, filters), filters)),
  )
  await tallyRollups(db, councilId, period, filters, by, tallyOf)
  // A count of residents as they are now: the same for every period a page compares.
  const excluded = await readOnce(db, `${councilId}|excluded`, () => repo.digitallyExcluded(db, councilId))
  const results: GroupMetrics[] = []
  for (const [i, span] of spans.entries()) {
    const tally = tallies.get(span.start) as Tally
    tallyResidents(await (residents[i] as Promise<ResidentsInContact>), excluded, tally)
    results.push({ start: span.start, metrics: figures(tally, settings.unitCostPence) })
  }
  return results
}

/** Every figure for a council over a period, read from the rollups. */
export async function metricsFor(
  db: Queryable,
  councilId: number,
  period: Period,
  filters: MetricFilters = {},
): Promise<Metrics> {
  const [whole] = await fromRollups(
    db,
    councilId,
    period,
    [{ start: period.from, end: period.to }],
    null,
    'all',
    filters,
  )
  return (whole as GroupMetrics).metrics
}

/** Every figure for each day, week (from Monday), month or year of a period, each clipped to the period. */
export async function metricsByGroup(
  db: Queryable,
  councilId: number,
  period: Period,
  group: Grouping,
  filters: MetricFilters = {},
): Promise<GroupMetrics[]> {
  const spans = groupsOf(period.from, period.to, group)
  const startOf = (bucket: string): string => {
    const start = groupStart(bucketDay(bucket), group)
    return start < period.from ? period.from : start
  }
  return fromRollups(db, councilId, period, spans, startOf, group === 'week' ? 'day' : group, filters)
}

async function fromRecords(
  db: Queryable,
  councilId: number,
  spans: Span[],
  filters: MetricFilters,
): Promise<GroupMetrics[]> {
  const settings = await settingsOf(db, councilId)
  const excluded = await repo.digitallyExcluded(db, councilId)
  const results: GroupMetrics[] = []
  for (const span of spans) {
    const tally = tallyFor(filters)
    const at = instants(span.start, span.end)
    await tallyRecords(db, councilId, at, filters, settings.answerThresholdSeconds, tally)
    tallyResidents(await readResidents(db, councilId, fromContacts(span), filters), excluded, tally)
    results.push({ start: span.start, metrics: figures(tally, settings.unitCostPence) })
  }
  return results
}

/** The same figures as metricsFor, counted straight from the records: the reference for the rollups. */
export async function metricsFromRecords(
  db: Queryable,
  councilId: number,
  period: Period,
  filters: MetricFilters = {},
): Promise<Metrics> {
  const [whole] = await fromRecords(db, councilId, [{ start: period.from, end: period.to }], filters)
  return (whole as GroupMetrics).metrics
}

/** The same figures as metricsByGroup, counted straight from the records. */
export async function metricsFromRecordsByGroup(
  db: Queryable,
  councilId: number,
  period: Period,
  group: Grouping,
  filters: MetricFilters = {},
): Promise<GroupMetrics[]> {
  return fromRecords(db, councilId, groupsOf(period.from, period.to, group), filters)
}

export { rebuildRollups } from './rebuild.ts'
export { countFiguresChange, readingTogether } from './closed.ts'

/** Rebuilds one council's rollups from its records in one transaction. */
export async function rebuildCouncilRollups(database: Database, councilId: number): Promise<RebuildReport> {
  return database.db.transaction().execute((trx) => rebuildRollups(trx, councilId))
}

/** Every council's id and name, for rebuilding them all. */
export async function everyCouncil(db: Queryable): Promise<{ id: number; name: string }[]> {
  return repo.councils(db)
}

export { WEEKDAYS, byDayOfWeek, callsByHourOfWeek, contactsByChannel, figuresByServiceAndTeam } from './breakdowns.ts'
export type { ChannelCounts, DayOfWeek, GroupFigures, HourOfWeek, ServiceFigures, TeamFigures } from './breakdowns.ts'
export { nextDay, daysBetween } from './london.ts'

export { metricsCsv, prefersCsv, readMetricsRequest } from './report.ts'
export type { MetricsAsked, MetricsRequest } from './report.ts'
