// The metrics API's request read against the rules, and its answer as JSON or as CSV: one row
// per group, one column per figure, per-channel figures flattened to `figure_channel`.
import type { Database } from '../../platform/db/database.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { invalid } from '../../platform/http/problem.ts'
import type { Channel } from '../../platform/db/values.ts'
import { findServiceByOpen311Code } from '../catalogue/service.ts'
import type { Grouping } from './london.ts'
import { daysBetween } from './london.ts'

const MAX_DAYS = 3653

export type MetricsRequest = { from: string; to: string; group?: string; channel?: string; service?: string }
export type MetricsAsked = {
  period: { from: string; to: string }
  group: Grouping | null
  filters: { channel?: Channel; serviceId?: number }
}

const realDay = (day: string) =>
  !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day)

export async function readMetricsRequest(
  database: Database,
  councilId: number,
  q: MetricsRequest,
): Promise<MetricsAsked> {
  const errors: FieldError[] = []
  if (!realDay(q.from)) errors.push({ name: 'querystring.from', message: 'Give a real date as YYYY-MM-DD' })
  if (!realDay(q.to)) errors.push({ name: 'querystring.to', message: 'Give a real date as YYYY-MM-DD' })
  if (errors.length === 0 && q.to <= q.from)
    errors.push({
      name: 'querystring.to',
      message: 'The end must be after the start (it is the first day not counted)',
    })
  if (errors.length === 0 && daysBetween(q.from, q.to) > MAX_DAYS)
    errors.push({ name: 'querystring.to', message: 'Ask for at most 10 years at a time' })
  let serviceId: number | undefined
  if (q.service !== undefined) {
    serviceId = (await findServiceByOpen311Code(database, councilId, q.service))?.id
    if (serviceId === undefined)
      errors.push({
        name: 'querystring.service',
        message: `There is no service with the code ${q.service} in this council`,
      })
  }
  if (errors.length > 0) throw invalid(errors, 'The figures cannot be given for this request')
  return {
    period: { from: q.from, to: q.to },
    group: (q.group as Grouping | undefined) ?? null,
    filters: { channel: q.channel as Channel | undefined, serviceId },
  }
}

type Flat = Record<string, string | number | null>

function flatten(value: unknown, prefix: string, into: Flat): void {
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value))
      flatten(inner, key === 'overall' ? prefix : `${prefix}_${key}`, into)
  } else into[prefix] = value as string | number | null
}

const cell = (value: string | number | null) => {
  if (value === null) return ''
  const text = String(value)
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function metricsCsv(groups: readonly object[]): string {
  const rows = groups.map((group) => {
    const flat: Flat = {}
    for (const [key, value] of Object.entries(group)) flatten(value, key, flat)
    return flat
  })
  const columns = Object.keys(rows[0] ?? {})
  return (
    [columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c] ?? null)).join(','))].join('\r\n') + '\r\n'
  )
}
