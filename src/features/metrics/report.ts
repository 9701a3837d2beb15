// The metrics API's request read against the rules, and its answer as JSON or as CSV: one row
// per group, one column per figure, per-channel figures flattened to `figure_channel`.
import type { Database } from '../../platform/db/database.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { invalid } from '../../platform/http/problem.ts'
import type { Channel } from '../../platform/db/values.ts'
import { findServiceByOpen311Code } from '../catalogue/service.ts'
import type { Grouping } from './london.ts'
import { daysBetween } from './london.ts'
import type { TSchema } from '@sinclair/typebox'
import { MetricsSchema } from './schemas.ts'

const MAX_DAYS = 3653

export type MetricsRequest = { from: string; to: string; group?: string; channel?: string; service?: string }
export type MetricsAsked = {
  period: { from: string; to: string }
  group: Grouping | null
  filters: { channel?: Channel; serviceId?: number }
}

// Far beyond any council's records, and the calendar arithmetic of London days holds between them.
const FIRST_DAY = '1900-01-01'
const LAST_DAY = '2999-12-31'

const realDay = (day: string) =>
  !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day)

function dayProblem(day: string): string | undefined {
  if (!realDay(day)) return 'Give a real date as YYYY-MM-DD'
  if (day < FIRST_DAY || day > LAST_DAY) return `Give a date from ${FIRST_DAY} to ${LAST_DAY}`
  return undefined
}

export async function readMetricsRequest(
  database: Database,
  councilId: number,
  q: MetricsRequest,
): Promise<MetricsAsked> {
  const errors: FieldError[] = []
  for (const name of ['from', 'to'] as const) {
    const problem = dayProblem(q[name])
    if (problem) errors.push({ name: `querystring.${name}`, message: problem })
  }
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

type Column = { name: string; path: string[] }

/**
 * The CSV's columns, from the answer's schema rather than from the rows: a group with no contacts
 * has no channel mix (null), and columns read from the first row would then drop it for every
 * group. Per-channel figures become `figure_channel`; a figure's `overall` is the figure itself.
 */
function columnsOf(schema: TSchema, name: string, path: string[]): Column[] {
  const anyOf = (schema as { anyOf?: TSchema[] }).anyOf
  if (anyOf) {
    const value = anyOf.find((branch) => (branch as { type?: string }).type !== 'null')
    return value ? columnsOf(value, name, path) : [{ name, path }]
  }
  const properties = (schema as { properties?: Record<string, TSchema> }).properties
  if (!properties) return [{ name, path }]
  return Object.entries(properties).flatMap(([key, inner]) =>
    columnsOf(inner, key === 'overall' ? name : name === '' ? key : `${name}_${key}`, [...path, key]),
  )
}

const COLUMNS = columnsOf(MetricsSchema, '', [])

function valueAt(row: object, path: readonly string[]): string | number | null {
  let value: unknown = row
  for (const key of path) {
    if (value === null || typeof value !== 'object') return null
    value = (value as Record<string, unknown>)[key]
  }
  return value === undefined ? null : (value as string | number | null)
}

const cell = (value: string | number | null) => {
  if (value === null) return ''
  const text = String(value)
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function metricsCsv(groups: readonly object[]): string {
  const lines = [
    COLUMNS.map((c) => c.name).join(','),
    ...groups.map((group) => COLUMNS.map((c) => cell(valueAt(group, c.path))).join(',')),
  ]
  return lines.join('\r\n') + '\r\n'
}

/**
 * Whether the client would rather have CSV than JSON, by the Accept header's weights: a type at
 * q=0 is refused, and JSON is the answer when both are equally welcome or nothing is said.
 */
export function prefersCsv(accept: string | undefined): boolean {
  if (!accept) return false
  const weights = new Map<string, number>()
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase())
    const q = params.find((p) => p.startsWith('q='))
    const weight = q ? Number(q.slice(2)) : 1
    weights.set(type, Number.isFinite(weight) ? weight : 0)
  }
  const csv = weights.get('text/csv') ?? 0
  const json = Math.max(
    weights.get('application/json') ?? 0,
    weights.get('application/*') ?? 0,
    weights.get('*/*') ?? 0,
  )
  return csv > 0 && csv > json
}
