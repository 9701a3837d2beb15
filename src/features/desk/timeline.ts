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

/** Midnight UTC at the start of the day, undefined if no box was filled, or an error. */
function dayStart(parts: DateParts, label: string): { at?: Date; error?: string } {
  const values = [parts.day, parts.month, parts.year]
  if (values.every((v) => v === '')) return {}
  if (!values.every((v) => /^\d{1,4}$/.test(v))) return { error: `${label} must be a real date` }
  const [day, month, year] = values.map(Number) as [number, number, number]
  const at = new Date(Date.UTC(year, month - 1, day))
  if (at.getUTCDate() !== day || at.getUTCMonth() !== month - 1 || year < 1900)
    return { error: `${label} must be a real date` }
  return { at }
}

export function parseTimeline(query: Record<string, unknown>): {
  values: TimelineValues
  filter: HistoryFilter
  errors: FieldError[]
} {
  const knownChannels = TIMELINE_CHANNELS.map((c) => c.value)
  const channels = listOf(query.channel).filter((c) => knownChannels.includes(c))
  const kinds = listOf(query.kind).filter((k): k is HistoryKind => (HISTORY_KINDS as readonly string[]).includes(k))
  const values = { channels, kinds, from: partsOf(query, 'from'), to: partsOf(query, 'to') }
  const from = dayStart(values.from, 'Date from')
  const to = dayStart(values.to, 'Date to')
  const errors: FieldError[] = []
  if (from.error) errors.push({ name: 'from', message: from.error })
  if (to.error) errors.push({ name: 'to', message: to.error })
  if (from.at && to.at && to.at < from.at)
    errors.push({ name: 'to', message: 'Date to must be the same as or after date from' })
  const before = to.at && new Date(to.at.getTime() + 24 * 60 * 60 * 1000)
  const filter: HistoryFilter = {
    ...(channels.length > 0 ? { channels } : {}),
    ...(kinds.length > 0 ? { kinds } : {}),
    ...(errors.length === 0 && from.at ? { from: from.at.toISOString() } : {}),
    ...(errors.length === 0 && before ? { before: before.toISOString() } : {}),
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
