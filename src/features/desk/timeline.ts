// The single view's timeline: the filter as typed (kept for the form) and as the history service
// takes it, and each history entry as the MOJ timeline shows it.
import type { FieldError } from '../../platform/http/problem.ts'
import { HISTORY_KINDS } from '../contacts/service.ts'
import type { HistoryFilter, HistoryItem, HistoryKind } from '../contacts/service.ts'
import { TIMELINE_CHANNELS, TIMELINE_KINDS, momentText } from './present.ts'

type DateParts = { day: string; month: string; year: string }
export type TimelineValues = { channels: string[]; kinds: string[]; from: DateParts; to: DateParts }

const listOf = (raw: unknown): string[] =>
  (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string' && v !== '')

function partsOf(query: Record<string, unknown>, prefix: string): DateParts {
  const part = (name: string) => {
    const value = query[`${prefix}-${name}`]
    return typeof value === 'string' ? value.trim() : ''
  }
  return { day: part('day'), month: part('month'), year: part('year') }
}

/** How far the time zone's clocks are ahead of UTC at that instant, in minutes. */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at)
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value)
  const local = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'))
  return Math.round((local - at.getTime()) / 60_000)
}

/** The instant a calendar day begins where the council is: midnight there, in summer time too. */
export function dayBeginsAt(year: number, month: number, day: number, timeZone: string): Date {
  const midnightUtc = Date.UTC(year, month - 1, day)
  // The offset at midnight UTC can differ from the one at local midnight on the day clocks change: ask twice.
  const guess = midnightUtc - offsetMinutes(new Date(midnightUtc), timeZone) * 60_000
  return new Date(midnightUtc - offsetMinutes(new Date(guess), timeZone) * 60_000)
}

type Day = { year: number; month: number; day: number }

/** The day typed in the three boxes, undefined if none was filled, or an error. */
function dayOf(parts: DateParts, label: string): { day?: Day; error?: string } {
  const values = [parts.day, parts.month, parts.year]
  if (values.every((v) => v === '')) return {}
  if (!values.every((v) => /^\d{1,4}$/.test(v))) return { error: `${label} must be a real date` }
  const [day, month, year] = values.map(Number) as [number, number, number]
  const check = new Date(Date.UTC(year, month - 1, day))
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || year < 1900)
    return { error: `${label} must be a real date` }
  return { day: { year, month, day } }
}

const dayAfter = ({ year, month, day }: Day): Day => {
  const next = new Date(Date.UTC(year, month - 1, day + 1))
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }
}

/** The timeline's filter from the query; days are the council's days (`timeZone`), not UTC's. */
export function parseTimeline(
  query: Record<string, unknown>,
  timeZone: string,
): {
  values: TimelineValues
  filter: HistoryFilter
  errors: FieldError[]
} {
  const knownChannels = TIMELINE_CHANNELS.map((c) => c.value)
  const channels = listOf(query.channel).filter((c) => knownChannels.includes(c))
  const kinds = listOf(query.kind).filter((k): k is HistoryKind => (HISTORY_KINDS as readonly string[]).includes(k))
  const values = { channels, kinds, from: partsOf(query, 'from'), to: partsOf(query, 'to') }
  const from = dayOf(values.from, 'Date from')
  const to = dayOf(values.to, 'Date to')
  const errors: FieldError[] = []
  if (from.error) errors.push({ name: 'from', message: from.error })
  if (to.error) errors.push({ name: 'to', message: to.error })
  const fromAt = from.day && dayBeginsAt(from.day.year, from.day.month, from.day.day, timeZone)
  const before = to.day && dayAfter(to.day)
  const beforeAt = before && dayBeginsAt(before.year, before.month, before.day, timeZone)
  if (fromAt && beforeAt && beforeAt <= fromAt)
    errors.push({ name: 'to', message: 'Date to must be the same as or after date from' })
  const filter: HistoryFilter = {
    ...(channels.length > 0 ? { channels } : {}),
    ...(kinds.length > 0 ? { kinds } : {}),
    ...(errors.length === 0 && fromAt ? { from: fromAt.toISOString() } : {}),
    ...(errors.length === 0 && beforeAt ? { before: beforeAt.toISOString() } : {}),
  }
  return { values, filter, errors }
}

/** The same filter as query parameters, for paging and for links that keep it. */
export function timelineParams(values: TimelineValues): URLSearchParams {
  const params = new URLSearchParams()
  for (const channel of values.channels) params.append('channel', channel)
  for (const kind of values.kinds) params.append('kind', kind)
  for (const which of ['from', 'to'] as const)
    for (const part of ['day', 'month', 'year'] as const)
      if (values[which][part] !== '') params.append(`${which}-${part}`, values[which][part])
  return params
}

const KIND_WORDS = Object.fromEntries(TIMELINE_KINDS.map((k) => [k.value, k.text]))

/** What was written down about an entry, beside its coded one-line summary. */
function detailOf(item: HistoryItem): string | null {
  if ('notes' in item && item.notes) return item.notes
  if ('body' in item && item.body) return item.body
  if (item.kind === 'referral') return item.outcome ? `${item.reason} Outcome: ${item.outcome}` : item.reason
  if ('reason' in item && item.reason) return item.reason
  if (item.kind === 'inclusion_assessment') return item.outcome ?? item.support_offered ?? null
  return null
}

function caseReferenceOf(item: HistoryItem): string | null {
  if (item.kind === 'case') return item.reference
  if (item.kind === 'case_event') return item.case_reference
  return null
}

export function timelineEntry(item: HistoryItem, timeZone: string) {
  return {
    kind: KIND_WORDS[item.kind] ?? item.kind,
    summary: item.summary,
    at: item.at,
    when: momentText(item.at, timeZone),
    detail: detailOf(item),
    caseReference: caseReferenceOf(item),
  }
}
