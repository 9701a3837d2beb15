// The dashboard and the briefing note for a council and a period: every figure with its change
// against the previous period and the same period a year earlier, the charts (each with its data
// as a table and a summary in words), and sentences for a committee. Figures come only from the
// metrics service, which reads the rollups.
import type { Queryable } from '../../platform/db/schema.ts'
import { CHANNELS } from '../../platform/db/values.ts'
import type { Channel } from '../../platform/db/values.ts'
import {
  WEEKDAYS,
  byDayOfWeek,
  callsByHourOfWeek,
  contactsByChannel,
  figuresByServiceAndTeam,
  metricsFor,
  nextDay,
  readingTogether,
} from '../metrics/service.ts'
import type { ChannelCounts, Metrics } from '../metrics/service.ts'
import { FIGURES, changeOf, compared, earlierFigure, written } from './figures.ts'
import type { Change, FigureSpec } from './figures.ts'
import { asPeriod, comparisonOf, describeRange } from './period.ts'
import type { Comparison, DayRange } from './period.ts'
import { sentencesAgainst } from './sentences.ts'
import { barSpec, drawChart, gridSpec, lineSpec } from './charts.ts'
import type { Bar, Cell, Mark, Point } from './charts.ts'
import type { DataTable } from './tables.ts'

export { readPeriod, presets, describeRange, londonToday, asPeriod } from './period.ts'
export type { DayRange, Preset } from './period.ts'
export { displayRows, tableCsv } from './tables.ts'
export { briefingPdf } from './pdf.ts'
export type { DataTable } from './tables.ts'

export const CHANNEL_NAMES: Record<Channel, string> = {
  web: 'Online',
  phone: 'Phone',
  face_to_face: 'Face to face',
  video: 'Video',
  email: 'Email',
  letter: 'Letter',
  webchat: 'Web chat',
  social: 'Social media',
  partner: 'Partner organisation',
}

export type Compared = { value: string; change: Change }
export type Headline = {
  key: string
  name: string
  /** What a share is of, as the briefing's sentences say it ("of all requests"); null for a count, seconds or pounds. */
  of: string | null
  value: string
  previous: Compared
  yearEarlier: Compared
}
export type ChartData = { id: string; title: string; summary: string; table: DataTable; spec: object }
export type Chart = ChartData & { svg: string }
export type Dashboard = {
  comparison: Comparison
  described: { current: string; previous: string; yearEarlier: string }
  headlines: Headline[]
  sentences: { previous: string[]; yearEarlier: string[] }
  charts: Chart[]
}

type Figures = { current: Metrics; previous: Metrics; yearEarlier: Metrics }

function headline(spec: FigureSpec, figures: Figures): Headline {
  const now = spec.read(figures.current)
  // Written as compared (shares to a tenth) though a comparison may have no figure: the column
  // stays one precision, and the figure matches the briefing's sentences.
  const against = (m: Metrics): Compared => {
    const then = earlierFigure(spec, m)
    return { value: compared(spec.kind, then), change: changeOf(spec, then, now) }
  }
  return {
    key: spec.key,
    name: spec.name,
    of: spec.kind === 'share' ? (spec.of ?? null) : null,
    value: compared(spec.kind, now),
    previous: against(figures.previous),
    yearEarlier: against(figures.yearEarlier),
  }
}

/** The London year a period's days end in, and the eleven years up to it: 2015 to 2025 for 2025. */
function yearsUpTo(range: DayRange): { from: string; to: string } {
  const endYear = Number(range.to.slice(0, 4))
  return { from: `${endYear - 10}-01-01`, to: asPeriod(range).to }
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole)

/** The channels with any contact in any group, in the house order. */
function channelsUsed(groups: ChannelCounts[]): Channel[] {
  return CHANNELS.filter((c) => groups.some((g) => g.by_channel[c] > 0))
}

/** Groups before the council's first contact are left out: no records yet is not no contacts. */
function fromFirstContact(groups: ChannelCounts[]): ChannelCounts[] {
  const first = groups.findIndex((g) => g.contacts > 0)
  return first < 0 ? [] : groups.slice(first)
}

/** A group as the table and summary name it, and as the chart's axis does in less room. */
type GroupName = { full: string; short: string }

/** The day before an exclusive end: the last day a group counts. */
const dayBefore = (day: string): string => nextDay(day, -1)

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })
const dayName = (day: string): string => DAY.format(new Date(`${day}T00:00:00Z`))

/**
 * A year by its number, and a part year by the days it counts as well, "2026 (1 Jan to 30 Nov)", so
 * nobody reads a year that is not over as a fall.
 */
function yearName(start: string, end: string): GroupName {
  const year = start.slice(0, 4)
  const from = start.endsWith('-01-01')
  const to = end === `${Number(year) + 1}-01-01`
  if (from && to) return { full: year, short: year }
  const last = dayBefore(end)
  const full = `${year} (${dayName(start)} to ${dayName(last)})`
  return { full, short: from ? `${year} (to ${dayName(last)})` : to ? `${year} (from ${dayName(start)})` : full }
}

function groupNames(groups: ChannelCounts[], end: string, group: 'year' | 'month'): GroupName[] {
  return groups.map((g, i) => {
    if (group === 'month') return { full: monthName(g.start), short: monthName(g.start) }
    return yearName(g.start, groups[i + 1]?.start ?? end)
  })
}

const isPartYear = (name: GroupName): boolean => name.full.includes('(')

/**
 * Contacts on each channel by month over the period, or each year's share of contacts by channel
 * over eleven years: shares, because the last year is usually not over and its count would read as a fall.
 */
async function channelShift(
  db: Queryable,
  councilId: number,
  range: { from: string; to: string },
  group: 'year' | 'month',
): Promise<ChartData> {
  const groups = fromFirstContact(await contactsByChannel(db, councilId, range, group))
  const names = groupNames(groups, range.to, group)
  const channels = channelsUsed(groups)
  const years = group === 'year'
  const points: Point[] = groups.flatMap((g, i) =>
    channels.map((c) => ({
      x: (names[i] as GroupName).short,
      series: CHANNEL_NAMES[c],
      value: years ? (g.channel_mix?.[c] ?? null) : g.by_channel[c],
    })),
  )
  const marks: Mark[] =
    years && groups.some((g) => g.start.startsWith('2020')) ? [{ x: '2020', text: '2020: lockdown' }] : []
  const empty = years
    ? `No contacts from ${range.from.slice(0, 4)} to ${dayBefore(range.to).slice(0, 4)}.`
    : 'No contacts in this period.'
  return {
    id: years ? 'channel-shift-years' : 'channel-shift-months',
    title: years ? 'Share of contacts by channel, each year' : 'Contacts by channel, each month',
    summary: groups.length === 0 ? empty : channelShiftSummary(groups, names, channels, group, marks.length > 0),
    table: {
      columns: [
        { heading: years ? 'Year' : 'Month', kind: 'text' },
        // Each year's columns are shares (the CSV says so); each month's are counts of contacts.
        ...channels.map((c) =>
          years
            ? { heading: CHANNEL_NAMES[c], kind: 'share' as const }
            : { heading: `${CHANNEL_NAMES[c]} contacts`, kind: 'count' as const },
        ),
        { heading: 'All contacts', kind: 'count' },
        ...(years ? [] : [{ heading: 'Online share', kind: 'share' as const }]),
      ],
      rows: groups.map((g, i) => [
        (names[i] as GroupName).full,
        ...channels.map((c) => (years ? (g.channel_mix?.[c] ?? null) : g.by_channel[c])),
        g.contacts,
        ...(years ? [] : [g.channel_mix?.web ?? null]),
      ]),
    },
    spec: lineSpec(
      points,
      { x: years ? 'Year' : 'Month', y: years ? 'Share of contacts' : 'Contacts', percent: years, empty },
      marks,
    ),
  }
}

/** The chart in words: what it shows, any part year, and each channel's share at the start and the end. */
function channelShiftSummary(
  groups: ChannelCounts[],
  names: GroupName[],
  channels: Channel[],
  group: 'year' | 'month',
  lockdown: boolean,
): string {
  const first = groups[0] as ChannelCounts
  const last = groups.at(-1) as ChannelCounts
  const shareOf = (g: ChannelCounts, c: Channel) => written('share', g.channel_mix?.[c] ?? null)
  const what = group === 'year' ? 'Share of contacts on each channel' : 'Contacts on each channel'
  const parts = names.filter(isPartYear).map((n) => {
    const [year, days] = n.full.split(' (') as [string, string]
    return ` ${year} counts ${days.replace(')', '')} only, so each year is shown as shares of its contacts and a part year compares with whole ones.`
  })
  if (groups.length === 1) {
    const shares = channels.map((c) => `${CHANNEL_NAMES[c]} ${shareOf(first, c)}`).join(', ')
    return `${what} in ${names[0]?.full}: ${shares} of all contacts.`
  }
  const plain = (n: GroupName | undefined) => n?.full.split(' (')[0]
  const each = group === 'year' ? 'each year' : 'each month'
  const moves = channels.map((c) => `${CHANNEL_NAMES[c]} ${shareOf(first, c)} to ${shareOf(last, c)}`).join('; ')
  return (
    `${what} ${each} from ${plain(names[0])} to ${plain(names.at(-1))}${lockdown ? ', the 2020 lockdown marked' : ''}.` +
    `${parts.join('')} Share of all contacts, first ${group} to last: ${moves}.`
  )
}

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' })
const monthName = (day: string): string => MONTH.format(new Date(`${day}T00:00:00Z`))
const hourName = (hour: number): string => `${String(hour).padStart(2, '0')}:00`

/** What the bars are of, and how their groups are named in a sentence: "on" a "day", "for" a "service". */
type Among = { what: string; on: string; group: string; kind: 'share' | 'seconds' }

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/** A name with its own "and", "&" or comma: "Planning and Building Control", "Parks & Open Spaces". */
const joinsWords = (name: string): boolean => /\band\b|&|,/i.test(name)

/**
 * Names in a list, as a person writes them: "Monday, Tuesday and Friday". Where a name has its own
 * "and" or comma, commas and a last "and" would run it into its neighbours ("Planning and Building
 * Control and Revenues and Benefits" could be three services or four), so every name in that list
 * is set off by a semicolon, the last by "; and": "Planning and Building Control; and Revenues and
 * Benefits". The same rule for every list of names in the summaries: days, hours, services, teams, channels.
 */
const listed = (names: string[]): string => {
  if (names.length === 1) return names[0] as string
  const [comma, and] = names.some(joinsWords) ? ['; ', '; and '] : [', ', ' and ']
  return `${names.slice(0, -1).join(comma)}${and}${names.at(-1)}`
}

/**
 * Most tied at one end that are named; more are counted ("12 services"). Six names every tie of
 * weekdays (no more than six of seven can share the top or the bottom, since the two differ):
 * "lowest on 4 days" would leave the reader to work out which from the table.
 */
const MOST_NAMED = 6

/** The groups tied at the top or the bottom, each by name, or how many where a list would swamp the sentence. */
const tied = (names: string[], group: string): string =>
  names.length <= MOST_NAMED ? listed(names) : `${names.length} ${group}s`

/**
 * A sentence on the highest and lowest bars: "The average time to answer was highest on Wednesday
 * (60 seconds) and lowest on Monday and Tuesday (59 seconds)." Ties are judged as the figures are
 * written: naming one of two days that both read 59% would say it did worse than a day that reads the same.
 */
function highestAndLowest(bars: Bar[], among: Among): string {
  const known = bars.filter((b): b is { category: string; value: number } => b.value !== null)
  const show = (b: { value: number }) => written(among.kind, b.value)
  const { what, on, group } = among
  if (known.length === 0) return `There is no figure for ${what} on any ${group}.`
  const sorted = [...known].sort((a, b) => b.value - a.value)
  const top = show(sorted[0] as { value: number })
  const bottom = show(sorted.at(-1) as { value: number })
  if (known.length === 1)
    return `${capitalised(what)} was ${top} ${on} ${known[0]?.category}, the only ${group} with a figure.`
  if (top === bottom) return `${capitalised(what)} was ${top} ${on} every ${group} with a figure.`
  const at = (text: string) =>
    tied(
      known.filter((b) => show(b) === text).map((b) => b.category),
      group,
    )
  return `${capitalised(what)} was highest ${on} ${at(top)} (${top}) and lowest ${on} ${at(bottom)} (${bottom}).`
}

/**
 * The fewest a share must be of (calls in an hour or a day, answered enquiries or requests for a
 * service or team, contacts on a channel) before it is named best or worst: below 20, one more or
 * less moves the share by over 5 percentage points, so the "worst hour" or "best service" would be
 * chance (one call unanswered at 8am made it 0%; two requests made a service 100%), not a pattern.
 */
const ENOUGH_TO_COMPARE = 20

/** A bar with the count its share is of. */
type Sampled = Bar & { sample: number }

/**
 * Highest and lowest among the bars whose share is of `ENOUGH_TO_COMPARE` or more (`of` names
 * what it is of: "requests resolved"), saying when too few are.
 */
function bestAndWorst(bars: Sampled[], among: Among, of: string): string {
  const known = bars.filter((b) => b.value !== null)
  if (known.length === 0) return highestAndLowest(known, among)
  const enough = known.filter((b) => b.sample >= ENOUGH_TO_COMPARE)
  const groups = `${among.group}s`
  const rule = `${ENOUGH_TO_COMPARE} ${of} or more`
  if (enough.length < 2)
    return `${capitalised(among.what)}: fewer than two ${groups} had ${rule}, too few to say which was highest and lowest.`
  const onlySome = enough.length < known.length ? ` (among the ${enough.length} ${groups} with ${rule})` : ''
  return highestAndLowest(enough, { ...among, what: `${among.what}${onlySome}` })
}

const calls = (n: number): string => `${n} call${n === 1 ? '' : 's'}`

async function callsCharts(db: Queryable, councilId: number, range: DayRange): Promise<ChartData[]> {
  const hours = await callsByHourOfWeek(db, councilId, asPeriod(range))
  const days = byDayOfWeek(hours)
  const dayBars = (read: (d: (typeof days)[number]) => number | null): Bar[] =>
    days.map((d) => ({ category: WEEKDAYS[d.weekday] as string, value: read(d) }))
  const answer = dayBars((d) => d.average_speed_of_answer_seconds)
  const abandoned = dayBars((d) => d.abandonment_rate)
  const level = dayBars((d) => d.service_level)
  const noCalls = 'No phone calls in this period.'
  const byDay: ChartData = {
    id: 'calls-by-day',
    title: 'Phone calls by day of the week',
    summary: days.every((d) => d.offered === 0) ? noCalls : daysInWords(days, { answer, abandoned, level }),
    table: {
      columns: [
        { heading: 'Day', kind: 'text' },
        { heading: 'Calls', kind: 'count' },
        { heading: 'Answered', kind: 'count' },
        { heading: 'Average time to answer (seconds)', kind: 'seconds' },
        { heading: 'Abandoned', kind: 'share' },
        { heading: 'Answered within target time', kind: 'share' },
      ],
      rows: days.map((d) => [
        WEEKDAYS[d.weekday] as string,
        d.offered,
        d.answered,
        d.average_speed_of_answer_seconds,
        d.abandonment_rate,
        d.service_level,
      ]),
    },
    spec: barSpec(
      [
        { title: 'Average seconds to answer', bars: answer },
        { title: 'Calls abandoned', bars: abandoned, percent: true },
        { title: 'Answered within target time', bars: level, percent: true },
      ],
      noCalls,
    ),
  }
  const busy = hours.filter((h) => h.offered > 0)
  const cells: Cell[] = hours.map((h) => ({
    row: (WEEKDAYS[h.weekday] as string).slice(0, 3),
    column: String(h.hour).padStart(2, '0'),
    value: h.service_level,
  }))
  const byHour: ChartData = {
    id: 'calls-by-hour',
    title: 'Phone calls answered within the target time, by hour of the week',
    summary: busy.length === 0 ? noCalls : hoursInWords(busy),
    table: {
      columns: [
        { heading: 'Day', kind: 'text' },
        { heading: 'Hour', kind: 'text' },
        { heading: 'Calls', kind: 'count' },
        { heading: 'Average time to answer (seconds)', kind: 'seconds' },
        { heading: 'Abandoned', kind: 'share' },
        { heading: 'Answered within target time', kind: 'share' },
      ],
      rows: busy.map((h) => [
        WEEKDAYS[h.weekday] as string,
        hourName(h.hour),
        h.offered,
        h.average_speed_of_answer_seconds,
        h.abandonment_rate,
        h.service_level,
      ]),
    },
    spec: gridSpec(cells, {
      row: 'Day',
      column: 'Hour starting',
      value: 'Answered in time',
      percent: true,
      empty: noCalls,
    }),
  }
  return [byDay, byHour]
}

type Day = ReturnType<typeof byDayOfWeek>[number]

/** The day-of-week chart in words: best and worst days only among days with calls enough to compare. */
function daysInWords(days: Day[], bars: { answer: Bar[]; abandoned: Bar[]; level: Bar[] }): string {
  const enough = new Set<string>(
    days.filter((d) => d.offered >= ENOUGH_TO_COMPARE).map((d) => WEEKDAYS[d.weekday] as string),
  )
  if (enough.size < 2)
    return `Fewer than two days of the week had ${ENOUGH_TO_COMPARE} calls or more, too few to say which days did best and worst.`
  const compared = (list: Bar[]) => list.filter((b) => enough.has(b.category))
  const among = (what: string, kind: Among['kind']): Among => ({ what, kind, on: 'on', group: 'day' })
  const onlySome =
    enough.size < days.filter((d) => d.offered > 0).length
      ? ` (among the ${enough.size} days with ${ENOUGH_TO_COMPARE} calls or more)`
      : ''
  return [
    highestAndLowest(compared(bars.answer), among(`the average time to answer${onlySome}`, 'seconds')),
    highestAndLowest(compared(bars.abandoned), among(`the share of calls abandoned${onlySome}`, 'share')),
    highestAndLowest(
      compared(bars.level),
      among(`the share of calls answered within the target time${onlySome}`, 'share'),
    ),
  ].join(' ')
}

type Hour = Awaited<ReturnType<typeof callsByHourOfWeek>>[number]

/** The hour-of-week chart in words: the busiest hour, and the best and worst only among hours with calls enough to compare. */
function hoursInWords(busy: Hour[]): string {
  const at = (h: Hour) => `${WEEKDAYS[h.weekday]} ${hourName(h.hour)}`
  const busiest = [...busy].sort((a, b) => b.offered - a.offered)[0] as Hour
  const opening = `Share of calls answered within the target time in each hour the lines had calls. Busiest hour: ${at(busiest)} with ${calls(busiest.offered)}.`
  const enough = busy.filter((h) => h.offered >= ENOUGH_TO_COMPARE && h.service_level !== null)
  const bars = enough.map((h) => ({ category: at(h), value: h.service_level }))
  if (enough.length < 2)
    return `${opening} Fewer than two hours had ${ENOUGH_TO_COMPARE} calls or more, too few to say which hours did best and worst.`
  return `${opening} ${highestAndLowest(bars, {
    what: `among the ${enough.length} hours with ${ENOUGH_TO_COMPARE} calls or more, the share answered in time`,
    on: 'on',
    group: 'hour',
    kind: 'share',
  })}`
}

/** A row of a share chart; `compared: false` for a row that is no group of its kind, never named best or worst. */
type ShareRow = { name: string; part: number; whole: number; compared?: false }

/**
 * A share for each service or team: `words.what` names the share in a sentence, `words.of` what
 * it is a share of, `words.none` says there is nothing to share out.
 */
function shareChart(
  id: string,
  title: string,
  words: { what: string; of: string; none: string },
  groupHeading: string,
  rows: ShareRow[],
  headings: { whole: string; part: string },
): ChartData {
  const bars = rows.map((r) => ({ category: r.name, value: share(r.part, r.whole) }))
  const among = { what: words.what, on: 'for', group: groupHeading.toLowerCase(), kind: 'share' as const }
  const sampled = rows
    .filter((r) => r.compared !== false)
    .map((r) => ({ category: r.name, value: share(r.part, r.whole), sample: r.whole }))
  return {
    id,
    title,
    summary: rows.length === 0 ? words.none : bestAndWorst(sampled, among, words.of),
    table: {
      columns: [
        { heading: groupHeading, kind: 'text' },
        { heading: headings.whole, kind: 'count' },
        { heading: headings.part, kind: 'count' },
        { heading: 'Share', kind: 'share' },
      ],
      rows: rows.map((r) => [r.name, r.whole, r.part, share(r.part, r.whole)]),
    },
    spec: barSpec([{ title, bars, percent: true }], words.none),
  }
}

async function serviceCharts(
  db: Queryable,
  councilId: number,
  range: DayRange,
  current: Metrics,
): Promise<ChartData[]> {
  const period = asPeriod(range)
  const { services, teams } = await figuresByServiceAndTeam(db, councilId, period)
  const answered = CHANNELS.filter((c) => current.first_contact_resolution.by_channel[c] !== null)
  const fcrHeadings = { whole: 'Answered enquiries', part: 'Resolved at first contact' }
  const noEnquiries = 'No answered enquiries in this period.'
  const fcrWords = {
    what: 'the share of answered enquiries resolved at first contact',
    of: 'answered enquiries',
    none: noEnquiries,
  }
  const targetWords = {
    what: 'the share of requests resolved within target',
    of: 'requests resolved',
    none: 'No requests resolved in this period.',
  }
  const targetHeadings = { whole: 'Requests resolved', part: 'Resolved within target' }
  const channelBars = answered.map((c) => ({
    category: CHANNEL_NAMES[c],
    value: current.first_contact_resolution.by_channel[c],
  }))
  const enquiries = (c: Channel) => current.contacts_inbound_answered_by_channel[c]
  const fcrChannel: ChartData = {
    id: 'fcr-by-channel',
    title: 'Enquiries resolved at first contact, by channel',
    // Each channel is held to the answered enquiries its rate is a share of, as each service is.
    summary:
      answered.length === 0
        ? noEnquiries
        : bestAndWorst(
            channelBars.map((b, i) => ({ ...b, sample: enquiries(answered[i] as Channel) })),
            { what: fcrWords.what, on: 'for', group: 'channel', kind: 'share' },
            fcrWords.of,
          ),
    table: {
      columns: [
        { heading: 'Channel', kind: 'text' },
        { heading: fcrHeadings.whole, kind: 'count' },
        { heading: fcrHeadings.part, kind: 'count' },
        { heading: 'Share', kind: 'share' },
      ],
      rows: answered.map((c, i) => [
        CHANNEL_NAMES[c],
        enquiries(c),
        current.contacts_resolved_first_contact_by_channel[c],
        channelBars[i]?.value ?? null,
      ]),
    },
    spec: barSpec([{ title: 'Resolved at first contact', percent: true, bars: channelBars }], noEnquiries),
  }
  const withEnquiries = services.filter((s) => s.figures.contacts_inbound_answered > 0)
  const withResolved = services.filter((s) => s.figures.cases_resolved > 0)
  // Services with no team come after the teams: they are not one of them.
  const teamsResolved = teams
    .filter((t) => t.figures.cases_resolved > 0)
    .sort((a, b) => Number(a.team === null) - Number(b.team === null))
  const withCases = services.filter((s) => s.figures.cases > 0)
  type ServiceFigures = (typeof services)[number]['figures']
  const digitalBars = (read: (f: ServiceFigures) => number | null): Bar[] =>
    withCases.map((s) => ({ category: s.service, value: read(s.figures) }))
  const sampled = (read: (f: ServiceFigures) => number | null, of: (f: ServiceFigures) => number): Sampled[] =>
    withCases.map((s) => ({ category: s.service, value: read(s.figures), sample: of(s.figures) }))
  const noRequests = 'No requests in this period.'
  const forServices = { on: 'for', group: 'service', kind: 'share' as const }
  const digital: ChartData = {
    id: 'digital-by-service',
    title: 'Requests made online by residents, and by staff for them, by service',
    summary:
      withCases.length === 0
        ? noRequests
        : `${bestAndWorst(
            sampled(
              (f) => f.digital_take_up,
              (f) => f.cases_online_services,
            ),
            {
              ...forServices,
              what: 'the share of requests made online by residents (of services available online)',
            },
            'requests',
          )} ${bestAndWorst(
            sampled(
              (f) => f.assisted_digital_share,
              (f) => f.cases,
            ),
            {
              ...forServices,
              what: 'the share made by staff for residents',
            },
            'requests',
          )}`,
    table: {
      columns: [
        { heading: 'Service', kind: 'text' },
        { heading: 'Requests', kind: 'count' },
        { heading: 'Made online by residents', kind: 'share' },
        { heading: 'Made by staff for residents', kind: 'share' },
      ],
      rows: withCases.map((s) => [
        s.service,
        s.figures.cases,
        s.figures.digital_take_up,
        s.figures.assisted_digital_share,
      ]),
    },
    spec: barSpec(
      [
        { title: 'Made online by residents', bars: digitalBars((f) => f.digital_take_up), percent: true },
        { title: 'Made by staff for residents', bars: digitalBars((f) => f.assisted_digital_share), percent: true },
      ],
      noRequests,
    ),
  }
  return [
    fcrChannel,
    shareChart(
      'fcr-by-service',
      'Enquiries resolved at first contact, by service',
      fcrWords,
      'Service',
      withEnquiries.map((s) => ({
        name: s.service,
        part: s.figures.contacts_resolved_first_contact,
        whole: s.figures.contacts_inbound_answered,
      })),
      fcrHeadings,
    ),
    shareChart(
      'within-target-by-service',
      'Requests resolved within target, by service',
      targetWords,
      'Service',
      withResolved.map((s) => ({
        name: s.service,
        part: s.figures.cases_resolved_within_target,
        whole: s.figures.cases_resolved,
      })),
      targetHeadings,
    ),
    shareChart(
      'within-target-by-team',
      'Requests resolved within target, by team',
      targetWords,
      'Team',
      // Requests for services given to no team are shown as what they are, and are not a team to
      // call best or worst.
      teamsResolved.map((t) => ({
        name: t.team ?? 'Services with no team',
        part: t.figures.cases_resolved_within_target,
        whole: t.figures.cases_resolved,
        ...(t.team === null ? { compared: false as const } : {}),
      })),
      targetHeadings,
    ),
    digital,
  ]
}

/**
 * The previous period is the year before when it is the same days as a year earlier (a year, or
 * any twelve whole months), and is then named so: "previous period" would leave a reader to work it out.
 */
function previousIsYearBefore(comparison: Comparison): boolean {
  const { previous, yearEarlier } = comparison
  return previous.from === yearEarlier.from && previous.to === yearEarlier.to
}

function residentsChart(figures: Figures, described: Dashboard['described'], comparison: Comparison): ChartData {
  const previous = previousIsYearBefore(comparison) ? 'Previous year' : 'Previous period'
  const periods = [
    { name: 'This period', detail: described.current, m: figures.current },
    { name: previous, detail: described.previous, m: figures.previous },
    { name: 'A year earlier', detail: described.yearEarlier, m: figures.yearEarlier },
  ].filter((p, i, all) => all.findIndex((q) => q.detail === p.detail) === i)
  const bars = periods.map((p) => ({ category: p.name, value: p.m.e_account_take_up }))
  const takeUp = periods.map((p) => `${p.name.toLowerCase()} ${written('share', p.m.e_account_take_up)}`).join(', ')
  // Digitally excluded residents are a count of today, the same whatever the period: said once,
  // not repeated beside each period as if it belonged to it.
  return {
    id: 'residents',
    title: 'Residents in contact with an online account, and digitally excluded residents',
    summary: `Residents in contact who had a verified online account: ${takeUp}. Residents recorded today as offline by choice or unable to use digital services: ${figures.current.digitally_excluded_residents}.`,
    table: {
      columns: [
        { heading: 'Period', kind: 'text' },
        { heading: 'Dates', kind: 'text' },
        { heading: 'Residents in contact', kind: 'count' },
        { heading: 'With an online account', kind: 'count' },
        { heading: 'Share with an online account', kind: 'share' },
      ],
      rows: periods.map((p) => [
        p.name,
        p.detail,
        p.m.residents_with_contact,
        p.m.residents_with_e_account,
        p.m.e_account_take_up,
      ]),
    },
    spec: barSpec(
      [{ title: 'Residents in contact with an online account', bars, percent: true }],
      'No residents in contact in any of these periods.',
    ),
  }
}

/** The charts that need none of the headline figures: read while those are. */
async function chartsBesideFigures(db: Queryable, councilId: number, range: DayRange): Promise<ChartData[]> {
  return [
    await channelShift(db, councilId, yearsUpTo(range), 'year'),
    await channelShift(db, councilId, asPeriod(range), 'month'),
    ...(await callsCharts(db, councilId, range)),
  ]
}

async function figuresOf(db: Queryable, councilId: number, comparison: Comparison): Promise<Figures> {
  return {
    current: await metricsFor(db, councilId, asPeriod(comparison.current)),
    previous: await metricsFor(db, councilId, asPeriod(comparison.previous)),
    yearEarlier: await metricsFor(db, councilId, asPeriod(comparison.yearEarlier)),
  }
}

type Built = Omit<Dashboard, 'charts'> & { data: ChartData[] }

/** Everything the dashboard shows for a period, each year's rollups read once for all of it. */
function build(db: Queryable, councilId: number, range: DayRange): Promise<Built> {
  return readingTogether(() => buildAll(db, councilId, range))
}

async function buildAll(db: Queryable, councilId: number, range: DayRange): Promise<Built> {
  const comparison = comparisonOf(range)
  // The headline figures wait on the residents in contact, read beside the page's other reads
  // where the engine allows (metrics/repo.ts): the charts that need no figures are read meanwhile.
  const [figures, charts] = await Promise.all([
    figuresOf(db, councilId, comparison),
    chartsBesideFigures(db, councilId, comparison.current),
  ])
  const described = {
    current: describeRange(comparison.current),
    previous: describeRange(comparison.previous),
    yearEarlier: describeRange(comparison.yearEarlier),
  }
  return {
    comparison,
    described,
    headlines: FIGURES.map((spec) => headline(spec, figures)),
    sentences: {
      previous: sentencesAgainst(figures.previous, figures.current),
      yearEarlier: sentencesAgainst(figures.yearEarlier, figures.current),
    },
    // Every chart's data, without drawing: what the CSV downloads need.
    data: [
      ...charts,
      ...(await serviceCharts(db, councilId, comparison.current, figures.current)),
      residentsChart(figures, described, comparison),
    ],
  }
}

/** The whole dashboard for a period, charts drawn. */
export async function dashboardFor(db: Queryable, councilId: number, range: DayRange): Promise<Dashboard> {
  const { data, ...rest } = await build(db, councilId, range)
  const charts: Chart[] = []
  for (const chart of data)
    charts.push({ ...chart, svg: await drawChart(chart.spec, chart.id, chart.title, chart.summary) })
  return { ...rest, charts }
}

/** One chart's data, for its CSV download; undefined for a chart there is not. */
export async function chartTable(
  db: Queryable,
  councilId: number,
  range: DayRange,
  id: string,
): Promise<ChartData | undefined> {
  const { data } = await build(db, councilId, range)
  return data.find((chart) => chart.id === id)
}
