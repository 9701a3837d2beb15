// /staff/audit: the data protection officer searches their council's audit trail by person,
// record, actor and dates. A GET form, so a search can be bookmarked and paged; its criteria
// never reach the logs, which record paths without query strings.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import { ACTOR_KINDS } from '../../platform/db/values.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { RECORD_TYPES, parseSearch } from './criteria.ts'
import type { FormValues } from './criteria.ts'
import { searchAuditTrail } from './service.ts'
import type { AuditEvent } from './service.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

const PAGE_SIZE = 50
/** The search form's fields, also what the security tests type their payloads into. */
export const FORM_FIELDS = [
  'person',
  'recordType',
  'recordId',
  'actor',
  'actorKind',
  'from-day',
  'from-month',
  'from-year',
  'to-day',
  'to-month',
  'to-year',
]

/** An event's detail as short readable pairs ("fields: email, phone; count: 3") that wrap in a table cell. */
function detailText(detail: string | null): string {
  if (detail === null) return ''
  let parsed: unknown
  try {
    parsed = JSON.parse(detail)
  } catch {
    return detail
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return String(detail)
  const value = (v: unknown): string => {
    if (Array.isArray(v)) return v.length === 0 ? 'none' : v.map(value).join(', ')
    return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)
  }
  return Object.entries(parsed)
    .map(([key, v]) => `${key}: ${value(v)}`)
    .join('; ')
}

function shown(event: AuditEvent, timeZone: string) {
  const when = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone,
  })
  return {
    ...event,
    when: when.format(new Date(event.at)),
    detailText: detailText(event.detail),
    subject: event.subject_id === null ? event.subject_type : `${event.subject_type} ${event.subject_id}`,
  }
}

/** The same search, from its first page or from a cursor. */
function searchHref(values: FormValues, cursor?: string): string {
  const params = new URLSearchParams({
    person: values.person,
    recordType: values.recordType,
    recordId: values.recordId,
    actor: values.actor,
    actorKind: values.actorKind,
    'from-day': values.from.day,
    'from-month': values.from.month,
    'from-year': values.from.year,
    'to-day': values.to.day,
    'to-month': values.to.month,
    'to-year': values.to.year,
    ...(cursor === undefined ? {} : { cursor }),
  })
  return `/staff/audit?${params.toString()}`
}

function errorMap(errors: FieldError[]): Record<string, string> {
  return Object.fromEntries(errors.map((e) => [e.name, e.message]))
}

/** Links from the error summary to the field at fault: a date input's first box has the id. */
function summaryOf(errors: FieldError[]) {
  return errors.map((e) => ({
    text: e.message,
    href: `#${e.name === 'from' || e.name === 'to' ? `${e.name}-day` : e.name}`,
  }))
}

const options = {
  recordTypes: [
    { value: '', text: 'Any kind' },
    ...Object.entries(RECORD_TYPES).map(([value, text]) => ({ value, text })),
  ],
  actorKinds: [
    { value: '', text: 'Anyone' },
    ...ACTOR_KINDS.map((kind) => ({ value: kind, text: kind === 'resident' ? 'resident (online account)' : kind })),
  ],
}

export async function auditSearchPages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  const { database } = feature

  app.get<{ Querystring: Record<string, unknown> }>(
    '/staff/audit',
    { config: { permission: 'audit:read' }, schema: { hide: true } },
    async (request, reply) => {
      const principal = principalOf(request)
      const timeZone = request.council?.settings.workingHours.timeZone ?? 'Europe/London'
      const searched = FORM_FIELDS.some((field) => field in request.query)
      const { values, criteria, errors } = parseSearch(request.query)
      const base = { pageTitle: 'Search the audit trail', council: request.council, values, options }
      if (!searched) return reply.view('audit-search/search.njk', base)
      if (errors.length > 0)
        return reply.status(400).view('audit-search/search.njk', {
          ...base,
          pageTitle: `Error: ${base.pageTitle}`,
          errors: errorMap(errors),
          errorList: summaryOf(errors),
        })
      const cursor =
        typeof request.query.cursor === 'string' && request.query.cursor !== '' ? request.query.cursor : undefined
      const result = await searchAuditTrail(database, actorOf(request), {
        councilId: principal.councilId,
        timeZone,
        criteria,
        cursor,
        limit: PAGE_SIZE,
      })
      if (!result.ok) {
        return reply.status(400).view('audit-search/search.njk', {
          ...base,
          pageTitle: `Error: ${base.pageTitle}`,
          errors: errorMap(result.errors),
          errorList: summaryOf(result.errors),
        })
      }
      return reply.view('audit-search/search.njk', {
        ...base,
        searched: true,
        events: result.events.map((event) => shown(event, timeZone)),
        people: result.people,
        noPeople: result.people !== null && result.people.length === 0,
        nextHref: result.nextCursor ? searchHref(values, result.nextCursor) : null,
        firstPageHref: cursor === undefined ? null : searchHref(values),
      })
    },
  )
}
