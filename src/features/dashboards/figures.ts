// The figures of DESIGN.md as a committee reads them: what each is called, how it is written
// (a share, a count, seconds, pounds) and which way is better, and how a change is put in words.
import type { Metrics } from '../metrics/service.ts'

export type Kind = 'share' | 'count' | 'seconds' | 'pounds'
export type Better = 'higher' | 'lower' | null

export type FigureSpec = {
  key: string
  /** As a heading: "First-contact resolution". */
  name: string
  kind: Kind
  better: Better
  /** What a share is of, ending a sentence: "of all contacts". */
  of?: string
  read: (m: Metrics) => number | null
}

export const FIGURES: readonly FigureSpec[] = [
  { key: 'contacts', name: 'Contacts', kind: 'count', better: null, read: (m) => m.contacts },
  { key: 'cases', name: 'Requests (cases)', kind: 'count', better: null, read: (m) => m.cases },
  {
    key: 'online_contacts',
    name: 'Contacts made online',
    kind: 'share',
    better: 'higher',
    of: 'of all contacts',
    read: (m) => m.channel_mix?.web ?? null,
  },
  {
    key: 'digital_take_up',
    name: 'Requests made online by residents',
    kind: 'share',
    better: 'higher',
    of: 'of requests for services available online',
    read: (m) => m.digital_take_up,
  },
  {
    key: 'assisted_digital_share',
    name: 'Requests made by staff for residents',
    kind: 'share',
    better: null,
    of: 'of all requests',
    read: (m) => m.assisted_digital_share,
  },
  {
    key: 'first_contact_resolution',
    name: 'Enquiries resolved at first contact',
    kind: 'share',
    better: 'higher',
    of: 'of answered enquiries',
    read: (m) => m.first_contact_resolution.overall,
  },
  { key: 'calls_offered', name: 'Phone calls', kind: 'count', better: null, read: (m) => m.calls_offered },
  {
    key: 'average_speed_of_answer_seconds',
    name: 'Average time to answer a phone call',
    kind: 'seconds',
    better: 'lower',
    read: (m) => m.average_speed_of_answer_seconds,
  },
  {
    key: 'abandonment_rate',
    name: 'Calls abandoned',
    kind: 'share',
    better: 'lower',
    of: 'of calls',
    read: (m) => m.abandonment_rate,
  },
  {
    key: 'service_level',
    name: 'Calls answered within the target time',
    kind: 'share',
    better: 'higher',
    of: 'of calls',
    read: (m) => m.service_level,
  },
  {
    key: 'within_target',
    name: 'Requests resolved within target',
    kind: 'share',
    better: 'higher',
    of: 'of requests resolved',
    read: (m) => m.within_target,
  },
  {
    key: 'avoidable_contact',
    name: 'Avoidable contacts',
    kind: 'share',
    better: 'lower',
    of: 'of all contacts',
    read: (m) => m.avoidable_contact,
  },
  {
    key: 'cost_per_transaction',
    name: 'Cost per request',
    kind: 'pounds',
    better: 'lower',
    read: (m) => m.cost_per_transaction,
  },
  {
    key: 'user_satisfaction',
    name: 'Satisfied residents',
    kind: 'share',
    better: 'higher',
    of: 'of survey responses',
    read: (m) => m.user_satisfaction,
  },
  {
    key: 'completion_rate',
    name: 'Online forms completed',
    kind: 'share',
    better: 'higher',
    of: 'of forms started',
    read: (m) => m.completion_rate,
  },
  {
    key: 'e_account_take_up',
    name: 'Residents in contact with an online account',
    kind: 'share',
    better: 'higher',
    of: 'of residents in contact',
    read: (m) => m.e_account_take_up,
  },
  {
    key: 'digitally_excluded_residents',
    name: 'Digitally excluded residents (today)',
    kind: 'count',
    better: null,
    read: (m) => m.digitally_excluded_residents,
  },
]

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 })
const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' })

/** A share as a whole percentage: the precision a committee paper gives. */
export const percent = (share: number): string => `${Math.round(share * 100)}%`

/** A figure as written, or "no data" where it has no denominator. */
export function written(kind: Kind, value: number | null): string {
  if (value === null) return 'no data'
  if (kind === 'share') return percent(value)
  if (kind === 'seconds') return `${whole.format(value)} seconds`
  if (kind === 'pounds') return money.format(value)
  return whole.format(value)
}

/** The value as written, read back: changes are judged on what the reader sees, so 41.2% to 41.4% is no change. */
function shown(kind: Kind, value: number): number {
  if (kind === 'share') return Math.round(value * 100)
  if (kind === 'pounds') return Math.round(value * 100)
  return Math.round(value)
}

export type Direction = 'up' | 'down' | 'same' | 'no data'

export function directionOf(kind: Kind, before: number | null, after: number | null): Direction {
  if (before === null || after === null) return 'no data'
  const difference = shown(kind, after) - shown(kind, before)
  return difference > 0 ? 'up' : difference < 0 ? 'down' : 'same'
}

/** How much it moved, as written: "7 percentage points", "25%", "12 seconds", "£0.40". */
export function amountOf(kind: Kind, before: number, after: number): string {
  if (kind === 'share') {
    const points = Math.abs(shown(kind, after) - shown(kind, before))
    return `${points} percentage point${points === 1 ? '' : 's'}`
  }
  if (kind === 'seconds') {
    const seconds = Math.abs(shown(kind, after) - shown(kind, before))
    return `${seconds} second${seconds === 1 ? '' : 's'}`
  }
  if (kind === 'pounds') return money.format(Math.abs(shown(kind, after) - shown(kind, before)) / 100)
  const difference = Math.abs(after - before)
  return before === 0 ? whole.format(difference) : `${whole.format(difference)} (${percent(difference / before)})`
}

export type Change = { direction: Direction; words: string; judgement: 'better' | 'worse' | null }

/** A headline's change in words, never colour alone: "Up 7 percentage points from 41%". */
export function changeOf(
  spec: Pick<FigureSpec, 'kind' | 'better'>,
  before: number | null,
  after: number | null,
): Change {
  const direction = directionOf(spec.kind, before, after)
  if (direction === 'no data' || before === null || after === null)
    return { direction, words: 'No data to compare', judgement: null }
  if (direction === 'same') return { direction, words: `No change from ${written(spec.kind, before)}`, judgement: null }
  const judgement =
    spec.better === null ? null : (direction === 'up') === (spec.better === 'higher') ? 'better' : 'worse'
  const verb = direction === 'up' ? 'Up' : 'Down'
  return {
    direction,
    words: `${verb} ${amountOf(spec.kind, before, after)} from ${written(spec.kind, before)}`,
    judgement,
  }
}
