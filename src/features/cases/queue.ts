// The caseworkers' queues: my cases, my team's, and those nobody holds, filtered, sorted and
// paged by the database across the whole queue (a page's own sorting would only order the rows
// on screen), with how many cases each filter option would leave. Every look is audited.
import type { Database } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { councilById } from '../../platform/council/council.ts'
import type { CaseStatus, Channel } from '../../platform/db/values.ts'
import { ACTIVE_STATUSES } from './workflow.ts'
import { startOfNextWeek } from './working-hours.ts'
import type { Case } from './case-types.ts'
import { toCase } from './case-types.ts'
import type { QueueFilters, QueueOrder } from './queue-repo.ts'
import * as queueRepo from './queue-repo.ts'

export { QUEUE_SORTS } from './queue-repo.ts'
export type { QueueOrder, QueueSort } from './queue-repo.ts'

export const QUEUE_VIEWS = ['mine', 'team', 'unassigned'] as const
export type QueueView = (typeof QUEUE_VIEWS)[number]

export type QueueQuery = {
  view: QueueView
  /** Whose queue: "mine" and "my team's" are this member of staff's. */
  staffId: number
  status?: CaseStatus
  team_id?: number
  service_id?: number
  channel?: Channel
  assignee_id?: number
  overdue?: boolean
  due_this_week?: boolean
  order: QueueOrder
  page: number
  pageSize: number
  now?: Date
}

export type QueueCase = Case & {
  service_name: string
  team_name: string | null
  assignee_name: string | null
  /** Past due while still being worked. */
  overdue: boolean
}

export type QueueCounts = {
  status: Map<string | number | null, number>
  team: Map<string | number | null, number>
  service: Map<string | number | null, number>
  channel: Map<string | number | null, number>
  assignee: Map<string | number | null, number>
  overdue: number
  dueThisWeek: number
}

export type QueuePage = { items: QueueCase[]; total: number; page: number; pages: number; counts: QueueCounts }

type Window = { from: string; to: string }

/** The filters of a query, and the window "due this week" means now, whether chosen or not. */
async function filtersFor(database: Database, councilId: number, query: QueueQuery, now: Date) {
  const timeZone = (await councilById(database, councilId))?.settings.workingHours.timeZone ?? 'Europe/London'
  const thisWeek: Window = { from: now.toISOString(), to: startOfNextWeek(now, timeZone).toISOString() }
  const viewFilters: Partial<QueueFilters> =
    query.view === 'mine'
      ? { holderId: query.staffId }
      : query.view === 'team'
        ? { teamIds: await queueRepo.teamIdsOfStaff(database.db, councilId, query.staffId) }
        : { holderId: null }
  const filters: QueueFilters = {
    statuses: query.status === undefined ? ACTIVE_STATUSES : [query.status],
    teamId: query.team_id,
    serviceId: query.service_id,
    channel: query.channel,
    assigneeId: query.assignee_id,
    ...viewFilters,
    overdue: query.overdue ? { at: now.toISOString(), activeStatuses: ACTIVE_STATUSES } : undefined,
    dueBetween: query.due_this_week ? thisWeek : undefined,
  }
  return { filters, thisWeek }
}

/** For each filter option, how many cases it would leave with the other filters as they are. */
async function countsFor(
  database: Database,
  councilId: number,
  filters: QueueFilters,
  now: Date,
  thisWeek: Window,
): Promise<QueueCounts> {
  const db = database.db
  const facets = ['status', 'team', 'service', 'channel', 'assignee'] as const
  const [status, team, service, channel, assignee] = await Promise.all(
    facets.map((facet) => queueRepo.countQueueBy(db, councilId, filters, facet)),
  )
  const overdueNow = { at: now.toISOString(), activeStatuses: ACTIVE_STATUSES }
  const overdue = await queueRepo.countQueue(db, councilId, { ...filters, overdue: overdueNow })
  const dueThisWeek = await queueRepo.countQueue(db, councilId, { ...filters, dueBetween: thisWeek })
  return {
    status: status!,
    team: team!,
    service: service!,
    channel: channel!,
    assignee: assignee!,
    overdue,
    dueThisWeek,
  }
}

const FILTER_KEYS = ['status', 'team_id', 'service_id', 'channel', 'assignee_id', 'overdue', 'due_this_week'] as const

/** One page of a queue, with the counts for its filter options. Audited as one list read. */
export async function listQueue(
  database: Database,
  actor: Actor,
  councilId: number,
  query: QueueQuery,
): Promise<QueuePage> {
  const now = query.now ?? new Date()
  const { filters, thisWeek } = await filtersFor(database, councilId, query, now)
  const total = await queueRepo.countQueue(database.db, councilId, filters)
  const pages = Math.max(1, Math.ceil(total / query.pageSize))
  const page = Math.min(Math.max(1, query.page), pages)
  const rows = await queueRepo.listQueueRows(database.db, councilId, filters, query.order, {
    limit: query.pageSize,
    offset: (page - 1) * query.pageSize,
  })
  const counts = await countsFor(database, councilId, filters, now, thisWeek)
  const used = FILTER_KEYS.filter((key) => query[key] !== undefined)
  await recordAudit(database, actor, {
    action: 'case.list',
    subjectType: 'case',
    detail: { queue: query.view, filters: used, sort: query.order.sort, page, count: rows.length },
  })
  const items = rows.map((row) => ({
    ...toCase(row),
    service_name: row.service_name,
    team_name: row.team_name,
    assignee_name: row.assignee_name,
    overdue: row.due_at !== null && row.due_at < now.toISOString() && ACTIVE_STATUSES.includes(row.status),
  }))
  return { items, total, page, pages, counts }
}

/** The teams a member of staff works in, for "my team's" queue. */
export async function teamIdsOf(database: Database, councilId: number, staffId: number): Promise<number[]> {
  return queueRepo.teamIdsOfStaff(database.db, councilId, staffId)
}

/** Who a case may be given to: the council's own active staff, by name. */
export async function staffWhoMayTakeCases(database: Database, councilId: number) {
  return queueRepo.activeStaff(database.db, councilId)
}
