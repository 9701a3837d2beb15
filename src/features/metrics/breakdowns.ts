// The breakdowns the dashboards chart beside the figures of a period: calls by hour of the week,
// and the contact and case figures of each service and of each team. Each is read from the
// rollups and made into figures by figures.ts, so a breakdown never defines a figure again.
import type { Queryable } from '../../platform/db/schema.ts'
import type { ByChannel, Metrics, Tally } from './figures.ts'
import { byChannel, emptyTally, figures, rate, secondsOf } from './figures.ts'
import { contactSpans, groupsOf } from './london.ts'
import * as repo from './repo.ts'
import type { Days } from './repo.ts'
import { addCases, addContacts, serviceSums } from './tally.ts'
import { keptIfClosed } from './closed.ts'

/** Monday is 0: the council's week, as the weeks of metricsByGroup start on Monday. */
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const

export type CallCounts = {
  offered: number
  answered: number
  abandoned: number
  /** The answered calls' waits summed, in milliseconds. */
  answer_ms: number
  within_threshold: number
}
export type CallFigures = CallCounts & {
  average_speed_of_answer_seconds: number | null
  abandonment_rate: number | null
  service_level: number | null
}
export type HourOfWeek = CallFigures & { weekday: number; hour: number }
export type DayOfWeek = CallFigures & { weekday: number }

const noCalls = (): CallCounts => ({ offered: 0, answered: 0, abandoned: 0, answer_ms: 0, within_threshold: 0 })

/** The call figures of DESIGN.md made from their counts: the same rates as figures.ts gives. */
function callFigures(counts: CallCounts): CallFigures {
  return {
    ...counts,
    average_speed_of_answer_seconds: secondsOf(rate(counts.answer_ms, counts.answered)),
    abandonment_rate: rate(counts.abandoned, counts.offered),
    service_level: rate(counts.within_threshold, counts.offered),
  }
}

function addCalls(into: CallCounts, row: CallCounts): void {
  into.offered += Number(row.offered)
  into.answered += Number(row.answered)
  into.abandoned += Number(row.abandoned)
  into.answer_ms += Number(row.answer_ms)
  into.within_threshold += Number(row.within_threshold)
}

const weekdayOf = (day: string): number => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7

/** Calls offered in a period by London day of the week and hour: 168 cells, Monday 00:00 first. */
export async function callsByHourOfWeek(db: Queryable, councilId: number, days: Days): Promise<HourOfWeek[]> {
  const cells = Array.from({ length: 168 }, noCalls)
  const rows = await keptIfClosed(db, councilId, days, `call hours|${days.from}|${days.to}`, () =>
    repo.callHourSums(db, councilId, days),
  )
  // A year is 8,760 rows, 24 to a day and in day order: each day's weekday is worked out once.
  let day = ''
  let weekday = 0
  for (const row of rows) {
    if (row.day !== day) [day, weekday] = [row.day, weekdayOf(row.day)]
    addCalls(cells[weekday * 24 + Number(row.hour)] as CallCounts, row)
  }
  return cells.map((counts, i) => ({ weekday: Math.floor(i / 24), hour: i % 24, ...callFigures(counts) }))
}

/** The same calls by day of the week alone. */
export function byDayOfWeek(hours: readonly HourOfWeek[]): DayOfWeek[] {
  const days = WEEKDAYS.map(noCalls)
  for (const cell of hours) addCalls(days[cell.weekday] as CallCounts, cell)
  return days.map((counts, weekday) => ({ weekday, ...callFigures(counts) }))
}

export type ChannelCounts = {
  start: string
  contacts: number
  by_channel: ByChannel<number>
  channel_mix: ByChannel<number> | null
}

/**
 * One year's contacts by channel and month, kept apart from the other years' once closed: a change
 * to last year leaves the ten before it kept for the chart of eleven. By month whichever the chart,
 * so the chart of years and the chart of a year's months share one read of that year.
 */
async function channelSumsOfYear(db: Queryable, councilId: number, days: Days) {
  // Whole months from the monthly rollup: a year is 12 months of rows instead of 365 days.
  const reads = contactSpans(days.from, days.to)
  return keptIfClosed(db, councilId, days, `channels by month|${days.from}|${days.to}`, async () =>
    (await Promise.all(reads.map((read) => repo.contactChannelSums(db, councilId, read)))).flat(),
  )
}

/**
 * Contacts on each channel per month or year of a period (each clipped to it), and the channel mix:
 * the same counts as metricsByGroup's, read with nothing else, since a chart of ten years reads
 * ten years of daily rollups.
 */
export async function contactsByChannel(
  db: Queryable,
  councilId: number,
  days: Days,
  group: 'month' | 'year',
): Promise<ChannelCounts[]> {
  const spans = groupsOf(days.from, days.to, group)
  const counts = new Map(spans.map((span) => [span.start, byChannel(() => 0)]))
  const startOf = (bucket: string): string => {
    const start = group === 'year' ? `${bucket}-01-01` : `${bucket}-01`
    return start < days.from ? days.from : start
  }
  for (const year of groupsOf(days.from, days.to, 'year')) {
    for (const row of await channelSumsOfYear(db, councilId, { from: year.start, to: year.end })) {
      const held = counts.get(startOf(group === 'year' ? row.bucket.slice(0, 4) : row.bucket))
      if (held) held[row.channel] += Number(row.contacts)
    }
  }
  return spans.map(({ start }) => {
    const by = counts.get(start) as ByChannel<number>
    const contacts = Object.values(by).reduce((sum, n) => sum + n, 0)
    return { start, contacts, by_channel: by, channel_mix: contacts === 0 ? null : byChannel((c) => by[c] / contacts) }
  })
}

/** The figures a service or team can have: those of contacts and cases, not calls or residents. */
export type GroupFigures = Pick<
  Metrics,
  | 'contacts'
  | 'contacts_inbound_answered'
  | 'contacts_resolved_first_contact'
  | 'cases'
  | 'cases_online_services'
  | 'cases_self_served_online'
  | 'cases_assisted'
  | 'cases_resolved'
  | 'cases_resolved_within_target'
  | 'first_contact_resolution'
  | 'within_target'
  | 'digital_take_up'
  | 'assisted_digital_share'
>
export type ServiceFigures = { serviceId: number; service: string; teamId: number | null; team: string | null } & {
  figures: GroupFigures
}
export type TeamFigures = { teamId: number | null; team: string | null; figures: GroupFigures }

function groupFigures(tally: Tally): GroupFigures {
  const m = figures(tally, {})
  return {
    contacts: m.contacts,
    contacts_inbound_answered: m.contacts_inbound_answered,
    contacts_resolved_first_contact: m.contacts_resolved_first_contact,
    cases: m.cases,
    cases_online_services: m.cases_online_services,
    cases_self_served_online: m.cases_self_served_online,
    cases_assisted: m.cases_assisted,
    cases_resolved: m.cases_resolved,
    cases_resolved_within_target: m.cases_resolved_within_target,
    first_contact_resolution: m.first_contact_resolution,
    within_target: m.within_target,
    digital_take_up: m.digital_take_up,
    assisted_digital_share: m.assisted_digital_share,
  }
}

/** Tallies of contacts and cases per key, for each way of keying a service (by itself, by its team), in one read. */
async function talliesBy(
  db: Queryable,
  councilId: number,
  days: Days,
  keyings: readonly ((serviceId: number) => number)[],
): Promise<Map<number, Tally>[]> {
  const maps = keyings.map(() => new Map<number, Tally>())
  const talliesOf = (serviceId: number): Tally[] =>
    keyings.map((keyOf, i) => {
      const tallies = maps[i] as Map<number, Tally>
      const key = keyOf(serviceId)
      let tally = tallies.get(key)
      if (!tally) tallies.set(key, (tally = emptyTally(false, false)))
      return tally
    })
  const sums = await serviceSums(db, councilId, days)
  for (const row of sums.contacts) {
    // Contacts about no particular service are kept under service 0 and belong to no service's figures.
    if (Number(row.service_id) !== 0) for (const tally of talliesOf(Number(row.service_id))) addContacts(tally, row)
  }
  for (const row of sums.cases) {
    for (const tally of talliesOf(Number(row.service_id))) {
      addCases(tally, row)
      tally.casesResolved += Number(row.resolved)
      tally.casesResolvedWithinTarget += Number(row.resolved_within_target)
    }
  }
  return maps
}

const NO_TEAM = 0

/**
 * Each service, and each team (services with no team together), with any contact or case in the
 * period, by name.
 */
export async function figuresByServiceAndTeam(
  db: Queryable,
  councilId: number,
  days: Days,
): Promise<{ services: ServiceFigures[]; teams: TeamFigures[] }> {
  const services = await repo.servicesAndTeams(db, councilId)
  const teamOf = new Map(services.map((s) => [Number(s.id), s.team_id ?? NO_TEAM]))
  const names = new Map(services.map((s) => [s.team_id ?? NO_TEAM, s.team_name]))
  const [byService, byTeam] = (await talliesBy(db, councilId, days, [
    (serviceId) => serviceId,
    (serviceId) => teamOf.get(serviceId) ?? NO_TEAM,
  ])) as [Map<number, Tally>, Map<number, Tally>]
  return {
    services: services
      .filter((s) => byService.has(Number(s.id)))
      .map((s) => ({
        serviceId: Number(s.id),
        service: s.name,
        teamId: s.team_id,
        team: s.team_name,
        figures: groupFigures(byService.get(Number(s.id)) as Tally),
      })),
    teams: [...byTeam.entries()]
      .map(([teamId, tally]) => ({
        teamId: teamId === NO_TEAM ? null : teamId,
        team: names.get(teamId) ?? null,
        figures: groupFigures(tally),
      }))
      .sort((a, b) => (a.team ?? '~').localeCompare(b.team ?? '~')),
  }
}
