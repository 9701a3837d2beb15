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
  /** Counted as things stand today, whatever the period: so never compared with another period. */
  today?: true
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
    today: true,
    read: (m) => m.digitally_excluded_residents,
  },
]

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 })
const tenths = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' })

/** A share as a whole percentage: the precision a committee paper gives a chart. */
export const percent = (share: number): string => `${Math.round(share * 100)}%`

/** A figure as a chart or its table writes it (whole percentages and seconds), or "no data" where it has no denominator. */
export function written(kind: Kind, value: number | null): string {
  if (value === null) return 'no data'
  if (kind === 'share') return percent(value)
  if (kind === 'seconds') return plural(whole.format(value), 'second')
  if (kind === 'pounds') return money.format(value)
  return whole.format(value)
}

const plural = (amount: string, unit: string): string => `${amount} ${unit}${amount === '1' ? '' : 's'}`

/**
 * A figure in the smallest step it is printed in where it is compared: tenths of a percentage
 * point, whole seconds, pence, ones. Printing and every change are made from this one number, so
 * a change is always the difference of the figures as printed and a reader's subtraction agrees
 * (a change worked out before rounding printed 32.5% to 32.9% beside "up 0.3"). Shares need the
 * tenth: whole percentages would turn 6.50% to 5.38% into 7% to 5%, "down 2 points" for 1.1.
 */
function steps(kind: Kind, value: number): number {
  const scaled = kind === 'share' ? value * 1000 : kind === 'pounds' ? value * 100 : value
  // 23 of 2,000 is exactly 1.15%, but as a double times 1,000 it is 11.4999…: snapping away the
  // last digits' noise rounds it up, as the fraction written out would be.
  return Math.round(Number(scaled.toPrecision(12)))
}

function fromSteps(kind: Kind, n: number): string {
  if (kind === 'share') return `${tenths.format(n / 10)}%`
  if (kind === 'seconds') return plural(whole.format(n), 'second')
  if (kind === 'pounds') return money.format(n / 100)
  return whole.format(n)
}

/**
 * A figure as written wherever it is compared (the headline, the figure it is compared with, the
 * briefing's sentences): shares to a tenth of a percentage point, seconds and counts whole, pounds
 * to the penny. "no data" where it has no denominator.
 */
export function compared(kind: Kind, value: number | null): string {
  return value === null ? 'no data' : fromSteps(kind, steps(kind, value))
}

export type Direction = 'up' | 'down' | 'same' | 'no data' | 'not compared'

/** Judged on the figures themselves, not as rounded for writing: a small real change is still a change. */
export function directionOf(before: number | null, after: number | null): Direction {
  if (before === null || after === null) return 'no data'
  return after > before ? 'up' : after < before ? 'down' : 'same'
}

/**
 * How much it moved: the difference of the two figures as `compared` prints them, in the same
 * step, so "from 6.5% to 5.4%" is "1.1 percentage points". A real change too small to show in
 * figures that print the same says so ("less than 0.1 percentage points"), never "0". A count's
 * change also gives its share of the earlier count: "25 (less than 1%)".
 */
export function amountOf(kind: Kind, before: number, after: number): string {
  const size = Math.abs(steps(kind, after) - steps(kind, before))
  if (kind === 'count') return countChange(size, before)
  if (size === 0)
    return kind === 'share'
      ? 'less than 0.1 percentage points'
      : kind === 'seconds'
        ? 'less than 1 second'
        : 'less than 1p'
  if (kind === 'share') return `${tenths.format(size / 10)} percentage points`
  return fromSteps(kind, size)
}

/** A count's change, with its share of the earlier count where there was one to share. */
function countChange(size: number, before: number): string {
  if (before === 0) return whole.format(size)
  const share = (size / before) * 100
  return `${whole.format(size)} (${share < 0.5 ? 'less than 1' : whole.format(share)}%)`
}

export type Change = { direction: Direction; words: string; judgement: 'better' | 'worse' | null }

const NOT_COMPARED: Change = {
  direction: 'not compared',
  words: 'Not compared (a count of residents today)',
  judgement: null,
}

/** A headline's change in words, never colour alone: "Up 1.1 percentage points from 41.3%". */
export function changeOf(
  spec: Pick<FigureSpec, 'kind' | 'better' | 'today'>,
  before: number | null,
  after: number | null,
): Change {
  if (spec.today) return NOT_COMPARED
  const direction = directionOf(before, after)
  if (direction === 'no data' || before === null || after === null)
    return { direction, words: 'No data to compare', judgement: null }
  if (direction === 'same')
    return { direction, words: `No change from ${compared(spec.kind, before)}`, judgement: null }
  const judgement =
    spec.better === null ? null : (direction === 'up') === (spec.better === 'higher') ? 'better' : 'worse'
  const verb = direction === 'up' ? 'Up' : 'Down'
  return {
    direction,
    words: `${verb} ${amountOf(spec.kind, before, after)} from ${compared(spec.kind, before)}`,
    judgement,
  }
}

/**
 * Whether anything at all was recorded in a period. A period before the council's first records
 * (or before it started using Frontdoor) has every count at nought, and its noughts are not real
 * figures: "contacts rose from 0 to 3,253" would report the records starting, not residents
 * getting in touch more. Any contact, request, request resolved, call, survey response or online
 * form makes the period's noughts real. Residents counted today are left out: they are there
 * whatever the period.
 */
export function anythingRecorded(m: Metrics): boolean {
  const counts = [
    m.contacts,
    m.cases,
    m.cases_resolved,
    m.calls_offered,
    m.survey_responses,
    m.forms_started,
    m.forms_submitted,
  ]
  return counts.some((count) => count !== null && count > 0)
}

/** A figure for an earlier period to compare with, or null where there is nothing to compare with. */
export function earlierFigure(spec: FigureSpec, earlier: Metrics): number | null {
  return anythingRecorded(earlier) ? spec.read(earlier) : null
}
