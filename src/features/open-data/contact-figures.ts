// The monthly contact figures dataset: every figure of DESIGN.md ("Figures — one definition each")
// and the counts they are made of, for each complete month by channel and by service, with "all"
// rows for the totals. The figures come from the metrics feature; this file only lays them out and
// suppresses them (suppression.ts), one month at a time, so no month's small counts can be worked out
// from its totals, from another measure, or from a rate.
import type { Queryable } from '../../platform/db/schema.ts'
import { CHANNELS } from '../../platform/db/values.ts'
import type { Channel } from '../../platform/db/values.ts'
import { londonDay, metricsByGroup } from '../metrics/service.ts'
import type { Metrics } from '../metrics/service.ts'
import type { Cell, DatasetInfo, Field, Row } from './fields.ts'
import { HELD_BACK } from './fields.ts'
import type { CountGroup } from './suppression.ts'
import { suppressedCells } from './suppression.ts'
import * as repo from './repo.ts'

export const ALL = 'all'

type CountKey = { [K in keyof Metrics]: Metrics[K] extends number | null ? K : never }[keyof Metrics]

type Count = { key: CountKey; title: string; description: string; additive: boolean }

/** The counts published, in column order. `additive`: a total is the sum of its channels' and services' counts. */
const COUNTS: readonly Count[] = [
  { key: 'contacts', title: 'Contacts', description: 'Contacts that started in the month.', additive: true },
  {
    key: 'contacts_avoidable',
    title: 'Avoidable contacts',
    description: 'Contacts marked avoidable (failure demand: chasing, repeat, unclear information).',
    additive: true,
  },
  {
    key: 'contacts_inbound_answered',
    title: 'Inbound contacts answered',
    description: 'Inbound contacts whose outcome is not abandoned.',
    additive: true,
  },
  {
    key: 'contacts_resolved_first_contact',
    title: 'Resolved at first contact',
    description: 'Inbound contacts with the outcome resolved_first_contact.',
    additive: true,
  },
  { key: 'cases', title: 'Cases', description: 'Cases created in the month.', additive: true },
  {
    key: 'cases_online_services',
    title: 'Cases of online services',
    description: 'Cases created in the month for services available online.',
    additive: true,
  },
  {
    key: 'cases_self_served_online',
    title: 'Cases raised online by residents',
    description: 'Cases of services available online that residents created online themselves.',
    additive: true,
  },
  {
    key: 'cases_assisted',
    title: 'Assisted cases',
    description: "Cases created by staff on a resident's behalf.",
    additive: true,
  },
  { key: 'cases_resolved', title: 'Cases resolved', description: 'Cases resolved in the month.', additive: true },
  {
    key: 'cases_resolved_within_target',
    title: 'Cases resolved within target',
    description: 'Cases resolved in the month by their due time.',
    additive: true,
  },
  {
    key: 'calls_offered',
    title: 'Calls offered',
    description:
      'Phone calls offered to a queue in the month; empty for a single service or a channel other than phone.',
    additive: true,
  },
  {
    key: 'calls_answered',
    title: 'Calls answered',
    description: 'Calls offered in the month and answered.',
    additive: true,
  },
  {
    key: 'calls_abandoned',
    title: 'Calls abandoned',
    description: 'Calls offered in the month and abandoned.',
    additive: true,
  },
  {
    key: 'calls_answered_within_threshold',
    title: 'Calls answered within threshold',
    description: "Calls answered within the council's answer threshold (60 seconds unless it sets another).",
    additive: true,
  },
  {
    key: 'survey_responses',
    title: 'Survey responses',
    description: 'Satisfaction survey responses in the month.',
    additive: true,
  },
  {
    key: 'survey_satisfied',
    title: 'Satisfied responses',
    description: 'Survey responses of 4 or 5 out of 5.',
    additive: true,
  },
  {
    key: 'forms_started',
    title: 'Online forms started',
    description: 'Online forms started in the month; empty for channels other than web.',
    additive: true,
  },
  {
    key: 'forms_submitted',
    title: 'Online forms submitted',
    description: 'Online forms started in the month and submitted.',
    additive: true,
  },
  {
    key: 'residents_with_contact',
    title: 'Residents with a contact',
    description: 'Residents with any contact in the month (a resident counts once however many contacts).',
    additive: false,
  },
  {
    key: 'residents_with_e_account',
    title: 'Residents with a verified e-account',
    description: 'Of the residents with a contact in the month, those with a verified e-account.',
    additive: false,
  },
  {
    key: 'digitally_excluded_residents',
    title: 'Digitally excluded residents',
    description: 'Residents whose digital status is offline_by_choice or cannot_use.',
    additive: false,
  },
]

/** A count that holds another (a part) with the rest not published: the rest could be worked out from the two. */
const WITHIN: readonly [whole: CountKey, part: CountKey][] = [
  ['contacts', 'contacts_avoidable'],
  ['contacts', 'contacts_inbound_answered'],
  ['contacts_inbound_answered', 'contacts_resolved_first_contact'],
  ['cases', 'cases_online_services'],
  ['cases_online_services', 'cases_self_served_online'],
  ['cases', 'cases_assisted'],
  ['cases_resolved', 'cases_resolved_within_target'],
  ['calls_offered', 'calls_answered'],
  ['calls_offered', 'calls_abandoned'],
  ['calls_answered', 'calls_answered_within_threshold'],
  ['survey_responses', 'survey_satisfied'],
  ['forms_started', 'forms_submitted'],
  ['residents_with_contact', 'residents_with_e_account'],
]

/** Where a row sits in the table: its channel and service, each possibly "all". */
type Place = { channel: Channel | typeof ALL; service: string }

type Rate = {
  name: string
  title: string
  description: string
  /** The counts it is made from, at the places they are read: a rate is published only when all are. */
  madeOf(place: Place): string[]
  value(row: Metrics, place: Place, allChannels: Metrics): number | null
}

const at = (key: CountKey, place: Place): string => `${key}|${place.channel}|${place.service}`

function simpleRate(name: string, title: string, description: string, part: CountKey, whole: CountKey) {
  return {
    name,
    title,
    description,
    madeOf: (place: Place) => [at(part, place), at(whole, place)],
    value: (row: Metrics) => row[name as keyof Metrics] as number | null,
  } satisfies Rate
}

const RATES: readonly Rate[] = [
  {
    name: 'channel_mix',
    title: 'Channel mix',
    description:
      "This channel's contacts / all channels' contacts, for the row's service; empty on the all-channels rows.",
    madeOf: (place) => [at('contacts', place), at('contacts', { ...place, channel: ALL })],
    value: (_row, place, allChannels) =>
      place.channel === ALL ? null : (allChannels.channel_mix?.[place.channel] ?? null),
  },
  simpleRate(
    'digital_take_up',
    'Digital take-up',
    'Cases created by residents online themselves / all cases, for services available online.',
    'cases_self_served_online',
    'cases_online_services',
  ),
  simpleRate(
    'assisted_digital_share',
    'Assisted digital share',
    "Cases created by staff on a resident's behalf / all cases.",
    'cases_assisted',
    'cases',
  ),
  {
    name: 'first_contact_resolution',
    title: 'First-contact resolution',
    description: 'Inbound contacts resolved at first contact / inbound contacts answered.',
    madeOf: (place) => [at('contacts_resolved_first_contact', place), at('contacts_inbound_answered', place)],
    value: (row) => row.first_contact_resolution.overall,
  },
  {
    name: 'average_speed_of_answer_seconds',
    title: 'Average speed of answer (seconds)',
    description: 'Mean of answered_at - offered_at over answered calls.',
    madeOf: (place) => [at('calls_answered', place)],
    value: (row) => row.average_speed_of_answer_seconds,
  },
  simpleRate(
    'abandonment_rate',
    'Abandonment rate',
    'Abandoned calls / offered calls.',
    'calls_abandoned',
    'calls_offered',
  ),
  simpleRate(
    'service_level',
    'Service level',
    "Calls answered within the council's threshold / offered calls.",
    'calls_answered_within_threshold',
    'calls_offered',
  ),
  simpleRate(
    'within_target',
    'Within target',
    'Cases resolved by their due time / cases resolved (counted in the month they were resolved).',
    'cases_resolved_within_target',
    'cases_resolved',
  ),
  simpleRate(
    'avoidable_contact',
    'Avoidable contact',
    'Contacts marked avoidable / all contacts.',
    'contacts_avoidable',
    'contacts',
  ),
  {
    name: 'cost_per_transaction',
    title: 'Cost per transaction (£)',
    description: "Sum over channels of contacts x the council's unit cost for that channel / cases, in pounds.",
    // Each channel's contacts go into it: with one hidden and the rest published, it would give that one away.
    madeOf: (place) => [
      at('cases', place),
      ...(place.channel === ALL ? CHANNELS : [place.channel]).map((channel) => at('contacts', { ...place, channel })),
    ],
    value: (row) => row.cost_per_transaction,
  },
  simpleRate(
    'user_satisfaction',
    'User satisfaction',
    'Survey responses of 4 or 5 / all responses.',
    'survey_satisfied',
    'survey_responses',
  ),
  simpleRate(
    'completion_rate',
    'Completion rate',
    'Online forms submitted / online forms started.',
    'forms_submitted',
    'forms_started',
  ),
  simpleRate(
    'e_account_take_up',
    'E-account take-up',
    'Residents with a verified e-account / residents with any contact in the month.',
    'residents_with_e_account',
    'residents_with_contact',
  ),
]

const KEY_FIELDS: readonly Field[] = [
  {
    name: 'month',
    type: 'yearmonth',
    title: 'Month',
    description: 'The calendar month (Europe/London days) the figures count.',
    constraints: { required: true },
  },
  {
    name: 'channel',
    type: 'string',
    title: 'Channel',
    description: 'The channel the figures are for, or "all" for every channel together.',
    constraints: { required: true, enum: [ALL, ...CHANNELS] },
  },
  {
    name: 'service_code',
    type: 'string',
    title: 'Service code',
    description:
      'The Open311 service_code the figures are for, or "all" for every service together (and contacts about no service).',
    constraints: { required: true },
  },
]

export const CONTACT_FIGURES: DatasetInfo = {
  name: 'contact-figures',
  title: 'Monthly contact figures',
  description:
    'For each complete month, by channel and by service: contacts, cases, calls, surveys, online forms and residents, and every figure made from them (channel mix, digital take-up, first-contact resolution, answer times, within target, cost per transaction and the rest).',
  primaryKey: ['month', 'channel', 'service_code'],
  fields: [
    ...KEY_FIELDS,
    ...COUNTS.map((count): Field => ({
      name: count.key,
      type: 'integer',
      title: count.title,
      description: count.description,
      constraints: { minimum: 0 },
      suppressible: true,
    })),
    ...RATES.map((rate): Field => ({
      name: rate.name,
      type: 'number',
      title: rate.title,
      description: `${rate.description} Empty when there is nothing to divide by.`,
      constraints: { minimum: 0 },
      suppressible: true,
    })),
  ],
}

type ServiceCode = { id: number; code: string }

const placeKey = (place: Place): string => `${place.channel}|${place.service}`

function placesOf(services: readonly ServiceCode[]): Place[] {
  const channels: Place['channel'][] = [ALL, ...CHANNELS]
  return channels.flatMap((channel) =>
    [ALL, ...services.map((service) => service.code)].map((service) => ({ channel, service })),
  )
}

/** One month's counts and the groups they add up in, with the unpublished rest of each group as a cell of its own. */
function monthTable(byPlace: ReadonlyMap<string, Metrics>, services: readonly ServiceCode[]) {
  const counts = new Map<string, number>()
  for (const place of placesOf(services)) {
    const row = byPlace.get(placeKey(place))!
    for (const count of COUNTS) {
      const value = row[count.key]
      if (typeof value === 'number') counts.set(at(count.key, place), value)
    }
  }
  const groups: CountGroup[] = []
  const unpublished = new Set<string>()
  const addGroup = (total: string, parts: string[]) => {
    if (!counts.has(total)) return
    const present = parts.filter((part) => counts.has(part))
    const rest = counts.get(total)! - present.reduce((sum, part) => sum + counts.get(part)!, 0)
    // A negative rest means these do not add up (a resident counted under two channels): no equation to exploit.
    if (rest < 0) return
    if (rest > 0) {
      const key = `rest of ${total}`
      counts.set(key, rest)
      unpublished.add(key)
      present.push(key)
    }
    groups.push({ total, parts: present })
  }
  const codes = services.map((service) => service.code)
  for (const count of COUNTS.filter((candidate) => candidate.additive)) {
    for (const channel of [ALL, ...CHANNELS] as const)
      addGroup(
        at(count.key, { channel, service: ALL }),
        codes.map((service) => at(count.key, { channel, service })),
      )
    for (const service of [ALL, ...codes])
      addGroup(
        at(count.key, { channel: ALL, service }),
        CHANNELS.map((channel) => at(count.key, { channel, service })),
      )
  }
  for (const place of placesOf(services))
    for (const [whole, part] of WITHIN) addGroup(at(whole, place), [at(part, place)])
  return { counts, groups, unpublished }
}

function monthRows(month: string, byPlace: ReadonlyMap<string, Metrics>, services: readonly ServiceCode[]): Row[] {
  const table = monthTable(byPlace, services)
  const hidden = suppressedCells(table)
  const cell = (key: string, value: number | null): Cell =>
    value === null ? null : hidden.has(key) ? HELD_BACK : value
  return placesOf(services).map((place) => {
    const row = byPlace.get(placeKey(place))!
    const allChannels = byPlace.get(placeKey({ channel: ALL, service: place.service }))!
    const values: Record<string, Cell> = {
      month: month.slice(0, 7),
      channel: place.channel,
      service_code: place.service,
    }
    for (const count of COUNTS) {
      const value = row[count.key]
      values[count.key] = cell(at(count.key, place), typeof value === 'number' ? value : null)
    }
    for (const rate of RATES) {
      const value = rate.value(row, place, allChannels)
      const madeOfHidden = rate.madeOf(place).some((key) => hidden.has(key))
      values[rate.name] = value === null ? null : madeOfHidden ? HELD_BACK : value
    }
    return values
  })
}

/** The first day of the month `day` falls in, and of the month after. */
const monthStart = (day: string): string => `${day.slice(0, 7)}-01`

function nextMonth(month: string): string {
  const date = new Date(`${month}T00:00:00Z`)
  date.setUTCMonth(date.getUTCMonth() + 1)
  return date.toISOString().slice(0, 10)
}

/** The complete months to publish: from the first with any contact or case up to the last month that has ended. */
export async function publishedMonths(
  db: Queryable,
  councilId: number,
  now: Date,
): Promise<{ from: string; to: string } | null> {
  const first = await repo.firstActivity(db, councilId)
  if (first === null) return null
  const from = monthStart(londonDay(first))
  const to = monthStart(londonDay(now.toISOString()))
  return from < to ? { from, to } : null
}

/** The rows of the dataset, a year of months at a time, each month suppressed as one table. */
export async function* contactFigureRows(db: Queryable, councilId: number, now = new Date()): AsyncGenerator<Row> {
  const span = await publishedMonths(db, councilId, now)
  if (!span) return
  const services = await repo.serviceCodes(db, councilId)
  for (let from = span.from; from < span.to;) {
    let to = from
    for (let i = 0; i < 12 && to < span.to; i++) to = nextMonth(to)
    const byMonth = new Map<string, Map<string, Metrics>>()
    for (const place of placesOf(services)) {
      const serviceId = services.find((service) => service.code === place.service)?.id
      const filters = {
        ...(place.channel === ALL ? {} : { channel: place.channel }),
        ...(serviceId === undefined ? {} : { serviceId }),
      }
      for (const { start, metrics } of await metricsByGroup(db, councilId, { from, to }, 'month', filters)) {
        const month = byMonth.get(start) ?? new Map<string, Metrics>()
        month.set(placeKey(place), metrics)
        byMonth.set(start, month)
      }
    }
    for (const [month, byPlace] of [...byMonth].sort(([a], [b]) => a.localeCompare(b)))
      yield* monthRows(month, byPlace, services)
    from = to
  }
}
