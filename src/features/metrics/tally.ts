// Filling tallies: from the rollups (what the dashboards and the API read) and from the records
// (the reference the rollups are checked against). Both apply a filter the same way: calls count
// only when the filter could include a phone call of no particular service, forms only when it
// could include the web.
import type { Queryable } from '../../platform/db/schema.ts'
import type { Channel, ContactOutcome, Direction } from '../../platform/db/values.ts'
import type { Tally } from './figures.ts'
import { emptyTally } from './figures.ts'
import type { Bucketing, ContactSpans, Days, Filter, Instants } from './repo.ts'
import { contactSpans } from './london.ts'
import * as repo from './repo.ts'
import { keptIfClosed } from './closed.ts'
import { answerMilliseconds, withinThreshold } from './upkeep.ts'

export function tallyFor(filter: Filter): Tally {
  const calls = filter.serviceId === undefined && (filter.channel === undefined || filter.channel === 'phone')
  const forms = filter.channel === undefined || filter.channel === 'web'
  return emptyTally(calls, forms)
}

type ContactSums = {
  channel: Channel
  direction: Direction
  outcome: ContactOutcome
  contacts: number
  avoidable: number
  handle_seconds: number
}

export function addContacts(tally: Tally, row: ContactSums): void {
  const contacts = Number(row.contacts)
  tally.contacts[row.channel] += contacts
  tally.avoidable += Number(row.avoidable)
  tally.handleSeconds += Number(row.handle_seconds)
  if (row.direction !== 'inbound') return
  if (row.outcome !== 'abandoned') tally.inboundAnswered[row.channel] += contacts
  if (row.outcome === 'resolved_first_contact') tally.resolvedFirstContact[row.channel] += contacts
}

type CaseSums = { online_available: number; channel: Channel; created_by: string; created: number }

export function addCases(tally: Tally, row: CaseSums): void {
  const created = Number(row.created)
  tally.cases += created
  if (row.created_by === 'staff') tally.casesAssisted += created
  if (Number(row.online_available) !== 1) return
  tally.casesOnlineServices += created
  if (row.created_by === 'resident' && row.channel === 'web') tally.casesSelfServedOnline += created
}

/** Contacts summed by bucket: whole months from the monthly rollup, the days either side from the daily one. */
async function contactSums(db: Queryable, councilId: number, days: Days, filter: Filter, by: Bucketing) {
  // A month's row cannot be split into days: daily buckets read the daily rollup alone.
  const spans = by === 'day' ? [{ level: 'day' as const, ...days }] : contactSpans(days.from, days.to)
  const sums = await Promise.all(spans.map((span) => repo.contactRollupSums(db, councilId, span, filter, by)))
  return sums.flat()
}

/**
 * Contacts and cases summed by service for a span of days, kept once the days are closed: the
 * breakdowns by service and team read them, and so do a period's own figures (`allSums`).
 */
export async function serviceSums(db: Queryable, councilId: number, days: Days) {
  const spans = contactSpans(days.from, days.to)
  return keptIfClosed(db, councilId, days, `by service|${days.from}|${days.to}`, async () => ({
    contacts: (await Promise.all(spans.map((span) => repo.contactRollupSumsByService(db, councilId, span)))).flat(),
    cases: (await Promise.all(spans.map((span) => repo.caseRollupSumsByService(db, councilId, span)))).flat(),
  }))
}

/**
 * A period's contacts and cases as one bucket, added up from the sums by service: a dashboard then
 * reads a year's contact and case rollups once for its figures and its breakdowns together.
 */
async function allSums(db: Queryable, councilId: number, days: Days, filter: Filter) {
  const sums = await serviceSums(db, councilId, days)
  const wanted = (row: { channel: Channel; service_id: number }) =>
    (filter.channel === undefined || row.channel === filter.channel) &&
    (filter.serviceId === undefined || Number(row.service_id) === filter.serviceId)
  return {
    contacts: sums.contacts.filter(wanted).map((row) => ({ ...row, bucket: 'all' })),
    cases: sums.cases.filter(wanted).map((row) => ({ ...row, bucket: 'all' })),
  }
}

/** Cases summed by bucket, read as contacts are: whole months from the monthly rollup, the days either side from the daily one. */
async function caseSums(db: Queryable, councilId: number, days: Days, filter: Filter, by: Bucketing) {
  const spans = by === 'day' ? [{ level: 'day' as const, ...days }] : contactSpans(days.from, days.to)
  const sums = await Promise.all(spans.map((span) => repo.caseRollupSums(db, councilId, span, filter, by)))
  return sums.flat()
}

/** The rollups' sums for a span of days, kept once the days are closed (closed.ts). */
async function rollupSums(db: Queryable, councilId: number, days: Days, filter: Filter, by: Bucketing) {
  const key = `rollup sums|${days.from}|${days.to}|${by}|${filter.channel ?? ''}|${filter.serviceId ?? ''}`
  const others = await keptIfClosed(db, councilId, days, key, async () => ({
    ...(by === 'all'
      ? { contacts: [], cases: [] }
      : {
          contacts: await contactSums(db, councilId, days, filter, by),
          cases: await caseSums(db, councilId, days, filter, by),
        }),
    calls: tallyFor(filter).calls ? await repo.callRollupSums(db, councilId, days, by) : [],
    surveys: await repo.surveyRollupSums(db, councilId, days, filter, by),
    forms: tallyFor(filter).forms ? await repo.formRollupSums(db, councilId, days, filter, by) : [],
  }))
  return by === 'all' ? { ...others, ...(await allSums(db, councilId, days, filter)) } : others
}

/** Adds the rollups of a span of days to the tally each bucket belongs to. */
export async function tallyRollups(
  db: Queryable,
  councilId: number,
  days: Days,
  filter: Filter,
  by: Bucketing,
  tallyOf: (bucket: string) => Tally,
): Promise<void> {
  const sums = await rollupSums(db, councilId, days, filter, by)
  for (const row of sums.contacts) addContacts(tallyOf(row.bucket), row)
  for (const row of sums.cases) {
    const tally = tallyOf(row.bucket)
    addCases(tally, row)
    tally.casesResolved += Number(row.resolved)
    tally.casesResolvedWithinTarget += Number(row.resolved_within_target)
  }
  for (const row of sums.calls) {
    const calls = tallyOf(row.bucket).calls
    if (!calls) continue
    calls.offered += Number(row.offered)
    calls.answered += Number(row.answered)
    calls.abandoned += Number(row.abandoned)
    calls.answerMs += Number(row.answer_ms)
    calls.withinThreshold += Number(row.within_threshold)
  }
  for (const row of sums.surveys) {
    const survey = tallyOf(row.bucket).survey
    survey.responses += Number(row.responses)
    survey.satisfied += Number(row.satisfied)
  }
  for (const row of sums.forms) {
    const forms = tallyOf(row.bucket).forms
    if (!forms) continue
    forms.started += Number(row.started)
    forms.submitted += Number(row.submitted)
  }
}

/** Counts the records between two instants into a tally, as the rollups should hold them. */
export async function tallyRecords(
  db: Queryable,
  councilId: number,
  at: Instants,
  filter: Filter,
  thresholdSeconds: number,
  tally: Tally,
): Promise<void> {
  for (const row of await repo.contactCounts(db, councilId, at, filter)) addContacts(tally, row)
  for (const row of await repo.casesCreated(db, councilId, at, filter)) addCases(tally, row)
  const resolved = await repo.casesResolved(db, councilId, at, filter)
  tally.casesResolved += Number(resolved.resolved)
  tally.casesResolvedWithinTarget += Number(resolved.within_target)
  if (tally.calls) {
    for (const call of await repo.callsOffered(db, councilId, at)) {
      const milliseconds = answerMilliseconds(call)
      tally.calls.offered += 1
      if (call.abandoned === 1) tally.calls.abandoned += 1
      if (milliseconds === null) continue
      tally.calls.answered += 1
      tally.calls.answerMs += milliseconds
      if (withinThreshold(milliseconds, thresholdSeconds)) tally.calls.withinThreshold += 1
    }
  }
  for (const response of await repo.surveyResponses(db, councilId, at)) {
    const aboutCase = response.case_id !== null
    const channel = aboutCase ? response.case_channel : response.contact_channel
    const serviceId = (aboutCase ? response.case_service_id : response.contact_service_id) ?? 0
    if (filter.channel !== undefined && channel !== filter.channel) continue
    if (filter.serviceId !== undefined && serviceId !== filter.serviceId) continue
    tally.survey.responses += 1
    if (response.score >= 4) tally.survey.satisfied += 1
  }
  if (tally.forms) {
    const forms = await repo.formsStarted(db, councilId, at, filter)
    tally.forms.started += Number(forms.started)
    tally.forms.submitted += Number(forms.submitted)
  }
}

/** Who was in contact in the spans, and who of them had an e-account by their end. */
export type ResidentsInContact = { with_contact: number; with_e_account: number }

/** Reads who was in contact in the spans: started at once, to be awaited when the figures need it. */
export function readResidents(
  db: Queryable,
  councilId: number,
  spans: ContactSpans,
  filter: Filter,
): Promise<ResidentsInContact> {
  // Read from the rollups, a closed period's residents are kept; from the records, never.
  const read = () => repo.residentsInContact(db, councilId, spans, filter)
  const key = `residents|${JSON.stringify(spans)}|${filter.channel ?? ''}|${filter.serviceId ?? ''}`
  return spans.source === 'rollups'
    ? keptIfClosed(db, councilId, { from: spans.from, to: spans.end }, key, read)
    : read()
}

/** The figures about residents: who was in contact, and who has an e-account by the end. */
export function tallyResidents(residents: ResidentsInContact, excluded: number, tally: Tally): void {
  tally.residents = {
    withContact: Number(residents.with_contact),
    withEAccount: Number(residents.with_e_account),
    digitallyExcluded: excluded,
  }
}
