// /staff/queues: my cases, my team's, and those nobody holds. The server filters, sorts and pages
// the whole queue (the MOJ sortable table's script would only reorder the rows on screen), so the
// column headers are links carrying aria-sort. Several cases can be given to a person or team at
// once, in one transaction, each audited by the cases service.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../../platform/db/database.ts'
import { actorOf } from '../../platform/auth/guard.ts'
import { may } from '../../platform/auth/principal.ts'
import { CASE_STATUSES, CHANNELS } from '../../platform/db/values.ts'
import { flashNotice } from '../../platform/http/notice.ts'
import { Problem, notFound } from '../../platform/http/problem.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { recordIdOf } from '../../platform/http/ids.ts'
import { assignCases, listQueue, staffWhoMayTakeCases } from '../cases/service.ts'
import type { Assignment, QueueCounts, QueueSort } from '../cases/service.ts'
import { listServices, listTeams } from '../catalogue/service.ts'
import { CHANNEL_NAMES, STATUS_NAMES, dateTime, statusTag } from './present.ts'
import { queueHref, queueParams } from './queue-query.ts'
import type { QueueParams } from './queue-query.ts'
import { deskStaff, errorsFor, field, fields } from './staff.ts'
import { formTokenOf, newFormToken } from '../../platform/http/form-once.ts'

const PAGE_SIZE = 25

const VIEWS = [
  { view: 'mine', text: 'My cases' },
  { view: 'team', text: 'My team’s cases' },
  { view: 'unassigned', text: 'Unassigned' },
] as const

const COLUMNS: { sort: QueueSort; text: string }[] = [
  { sort: 'reference', text: 'Reference' },
  { sort: 'service', text: 'Service' },
  { sort: 'status', text: 'Status' },
  { sort: 'due', text: 'Due' },
  { sort: 'created', text: 'Raised' },
]

const optional = (id: number | undefined) => (id === undefined ? undefined : String(id))

type Option = { value: string; text: string }
type Shown = { status?: number; errors?: FieldError[]; values?: { cases: string[]; team: string; assignee: string } }

function counted(options: Option[], counts: Map<string | number | null, number>, chosen: string | undefined) {
  return [
    { value: '', text: 'Any' },
    ...options.map((o) => ({
      value: o.value,
      text: `${o.text} (${counts.get(o.value) ?? counts.get(Number(o.value)) ?? 0})`,
      selected: o.value === chosen,
    })),
  ]
}

/** The active filters as tags, each a link that takes it away. */
function selectedFilters(params: QueueParams, names: Record<string, Map<string, string>>) {
  const tags = [
    params.status && { heading: 'Status', text: STATUS_NAMES[params.status], off: { status: undefined } },
    params.team && { heading: 'Team', text: names.team!.get(String(params.team)), off: { team: undefined } },
    params.service && {
      heading: 'Service',
      text: names.service!.get(String(params.service)),
      off: { service: undefined },
    },
    params.channel && { heading: 'Channel', text: CHANNEL_NAMES[params.channel], off: { channel: undefined } },
    params.assignee && {
      heading: 'Assigned to',
      text: names.assignee!.get(String(params.assignee)),
      off: { assignee: undefined },
    },
    params.overdue && { heading: 'Target', text: 'Overdue', off: { overdue: undefined } },
    params.dueThisWeek && { heading: 'Target', text: 'Due this week', off: { dueThisWeek: undefined } },
  ].filter((tag) => !!tag)
  if (tags.length === 0) return undefined
  return {
    heading: { text: 'Selected filters' },
    clearLink: {
      text: 'Clear filters',
      href: queueHref({ view: params.view, sort: params.sort, order: params.order, page: 1 }),
    },
    categories: tags.map((tag) => ({
      heading: { text: tag.heading },
      items: [{ text: tag.text ?? '', href: queueHref(params, { ...tag.off, page: 1 }) }],
    })),
  }
}

function sortHeader(params: QueueParams, column: { sort: QueueSort; text: string }) {
  const current = params.sort === column.sort
  const order = current && params.order === 'asc' ? 'desc' : 'asc'
  return {
    text: column.text,
    href: queueHref(params, { sort: column.sort, order, page: 1 }),
    ariaSort: current ? (params.order === 'asc' ? 'ascending' : 'descending') : 'none',
  }
}

function pagination(params: QueueParams, page: number, pages: number) {
  if (pages <= 1) return undefined
  const near = [...Array(pages).keys()]
    .map((i) => i + 1)
    .filter((n) => n === 1 || n === pages || Math.abs(n - page) <= 2)
  const items: ({ number: string; href: string; current: boolean } | { ellipsis: true })[] = []
  for (const [i, n] of near.entries()) {
    if (i > 0 && n - near[i - 1]! > 1) items.push({ ellipsis: true })
    items.push({ number: String(n), href: queueHref(params, { page: n }), current: n === page })
  }
  return {
    items,
    previous: page > 1 ? { href: queueHref(params, { page: page - 1 }) } : undefined,
    next: page < pages ? { href: queueHref(params, { page: page + 1 }) } : undefined,
  }
}

async function showQueue(
  database: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  params: QueueParams,
  shown: Shown = {},
) {
  const principal = deskStaff(request)
  const councilId = principal.councilId
  const timeZone = request.council?.settings.workingHours.timeZone ?? 'Europe/London'
  const [queue, teams, services, staff] = await Promise.all([
    listQueue(database, actorOf(request), councilId, {
      view: params.view,
      staffId: principal.id,
      status: params.status,
      team_id: params.team,
      service_id: params.service,
      channel: params.channel,
      assignee_id: params.assignee,
      overdue: params.overdue,
      due_this_week: params.dueThisWeek,
      order: { sort: params.sort, direction: params.order },
      page: params.page,
      pageSize: PAGE_SIZE,
    }),
    listTeams(database, councilId),
    listServices(database, councilId, { include_inactive: true, limit: 500 }),
    staffWhoMayTakeCases(database, councilId),
  ])
  const shownParams = { ...params, page: queue.page }
  const teamOptions = teams.map((t) => ({ value: String(t.id), text: t.name }))
  const serviceOptions = services.items.map((s) => ({ value: String(s.id), text: s.name }))
  const staffOptions = staff.map((s) => ({ value: String(s.id), text: s.name }))
  const names = {
    team: new Map(teamOptions.map((o) => [o.value, o.text])),
    service: new Map(serviceOptions.map((o) => [o.value, o.text])),
    assignee: new Map(staffOptions.map((o) => [o.value, o.text])),
  }
  const counts: QueueCounts = queue.counts
  const failed = shown.errors
    ? errorsFor(shown.errors, { cases: 'cases', team_id: 'bulk-team', assignee_id: 'bulk-assignee', body: 'bulk-team' })
    : undefined
  const heading = VIEWS.find((v) => v.view === params.view)!.text
  return reply.status(shown.status ?? 200).view('desk-queues/queues.njk', {
    ...failed,
    council: request.council,
    pageTitle: `${failed ? 'Error: ' : ''}${heading} – Queues`,
    heading,
    params: shownParams,
    here: queueHref(shownParams),
    views: VIEWS.map((v) => ({
      text: v.text,
      href: queueHref({ ...params, view: v.view, page: 1 }),
      active: v.view === params.view,
    })),
    filters: {
      status: counted(
        CASE_STATUSES.map((s) => ({ value: s, text: STATUS_NAMES[s] })),
        counts.status,
        params.status,
      ),
      team: counted(teamOptions, counts.team, optional(params.team)),
      service: counted(serviceOptions, counts.service, optional(params.service)),
      channel: counted(
        CHANNELS.map((c) => ({ value: c, text: CHANNEL_NAMES[c] })),
        counts.channel,
        params.channel,
      ),
      assignee: counted(staffOptions, counts.assignee, optional(params.assignee)),
      overdue: counts.overdue,
      dueThisWeek: counts.dueThisWeek,
    },
    selectedFilters: selectedFilters(shownParams, names),
    headers: COLUMNS.map((c) => sortHeader(shownParams, c)),
    cases: queue.items.map((c) => ({
      ...c,
      href: `/staff/cases/${encodeURIComponent(c.reference)}`,
      tag: statusTag(c.status),
      due: c.due_at ? dateTime(c.due_at, timeZone) : 'No target',
      raised: dateTime(c.created_at, timeZone),
      checked: shown.values?.cases.includes(String(c.id)) ?? false,
    })),
    total: queue.total,
    pagination: pagination(shownParams, queue.page, queue.pages),
    mayAssign: may(principal, 'cases:assign'),
    formToken: newFormToken(),
    bulk: {
      teams: [{ value: '', text: 'Keep each case’s team' }, ...teamOptions],
      staff: [{ value: '', text: 'Choose a person' }, ...staffOptions],
      values: shown.values ?? { cases: [], team: '', assignee: '' },
    },
  })
}

/** Where to come back to after a bulk assignment: a queue page, never anywhere else. */
function queueToReturnTo(value: string): QueueParams {
  if (!value.startsWith('/staff/queues?') && value !== '/staff/queues') return queueParams({})
  const search = new URLSearchParams(value.slice('/staff/queues'.length))
  return queueParams(Object.fromEntries(search))
}

function bulkAssignment(body: unknown): { ids: number[]; assignment: Assignment; errors: FieldError[] } {
  const errors: FieldError[] = []
  const ids = fields(body, 'cases').map(recordIdOf)
  if (ids.length === 0) errors.push({ name: 'cases', message: 'Select the cases to assign' })
  if (ids.some((id) => id === undefined)) throw notFound('Case')
  const team = field(body, 'team')
  const assignee = field(body, 'assignee')
  const assignment: Assignment = {}
  if (team !== '') assignment.team_id = recordIdOf(team) ?? -1
  if (assignee !== '') assignment.assignee_id = recordIdOf(assignee) ?? -1
  if (team === '' && assignee === '')
    errors.push({ name: 'assignee_id', message: 'Choose a person or a team to give the cases to' })
  return { ids: ids as number[], assignment, errors }
}

export async function queuePages(app: FastifyInstance, database: Database): Promise<void> {
  app.get('/staff/queues', { config: { permission: 'cases:read' }, schema: { hide: true } }, async (request, reply) =>
    showQueue(database, request, reply, queueParams(request.query as Record<string, unknown>)),
  )

  app.post(
    '/staff/queues/assign',
    { config: { permission: 'cases:assign' }, schema: { hide: true } },
    async (request, reply) => {
      const principal = deskStaff(request)
      const params = queueToReturnTo(field(request.body, 'returnTo'))
      const { ids, assignment, errors } = bulkAssignment(request.body)
      const values = {
        cases: fields(request.body, 'cases'),
        team: field(request.body, 'team'),
        assignee: field(request.body, 'assignee'),
      }
      if (errors.length > 0) return showQueue(database, request, reply, params, { status: 400, errors, values })
      try {
        const count = await assignCases(database, actorOf(request), principal.councilId, ids, {
          ...assignment,
          formToken: formTokenOf(request.body),
        })
        return flashNotice(reply, `${count} ${count === 1 ? 'case' : 'cases'} assigned`).redirect(
          queueHref(params),
          303,
        )
      } catch (error) {
        if (!(error instanceof Problem) || error.status !== 422) throw error
        return showQueue(database, request, reply, params, { status: 400, errors: error.errors ?? [], values })
      }
    },
  )
}
