// Queries for the caseworkers' queues: one council's cases filtered, sorted and paged by the
// database across the whole queue, and how many cases each filter option would leave.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { Queryable, Tables } from '../../platform/db/schema.ts'
import type { CaseStatus, Channel } from '../../platform/db/values.ts'
import type { CaseRow } from './repo.ts'

export type QueueFilters = {
  statuses: readonly CaseStatus[]
  /** Whose queue it is: one person's cases, or (null) those nobody holds. Never left out of a count. */
  holderId?: number | null
  /** Cases of any of these teams ("my team's"); an empty list matches none. */
  teamIds?: readonly number[]
  teamId?: number
  serviceId?: number
  channel?: Channel
  /** A staff id, or null for cases nobody holds. */
  assigneeId?: number | null
  /** Past due and still being worked, at `at`. */
  overdue?: { at: string; activeStatuses: readonly CaseStatus[] }
  /** Due from `from` to before `to`. */
  dueBetween?: { from: string; to: string }
}

export type QueueFacet = 'status' | 'team' | 'service' | 'channel' | 'assignee' | 'overdue' | 'due'

export const QUEUE_SORTS = ['due', 'created', 'reference', 'status', 'service'] as const
export type QueueSort = (typeof QUEUE_SORTS)[number]
export type QueueOrder = { sort: QueueSort; direction: 'asc' | 'desc' }

export type QueueRow = CaseRow & { service_name: string; team_name: string | null; assignee_name: string | null }

type CaseWhere = ExpressionBuilder<Tables, 'case'>

/** The conditions of the filters, leaving out the one a facet counts over. */
function conditions(eb: CaseWhere, councilId: number, f: QueueFilters, except?: QueueFacet): Expression<SqlBool>[] {
  const all: Expression<SqlBool>[] = [eb('case.council_id', '=', councilId)]
  if (except !== 'status') all.push(eb('case.status', 'in', [...f.statuses]))
  if (f.holderId !== undefined)
    all.push(f.holderId === null ? eb('case.assignee_id', 'is', null) : eb('case.assignee_id', '=', f.holderId))
  if (f.teamIds !== undefined)
    all.push(f.teamIds.length === 0 ? eb.val(false) : eb('case.team_id', 'in', [...f.teamIds]))
  if (except !== 'team' && f.teamId !== undefined) all.push(eb('case.team_id', '=', f.teamId))
  if (except !== 'service' && f.serviceId !== undefined) all.push(eb('case.service_id', '=', f.serviceId))
  if (except !== 'channel' && f.channel !== undefined) all.push(eb('case.channel', '=', f.channel))
  if (except !== 'assignee' && f.assigneeId !== undefined)
    all.push(f.assigneeId === null ? eb('case.assignee_id', 'is', null) : eb('case.assignee_id', '=', f.assigneeId))
  if (except !== 'overdue' && f.overdue)
    all.push(eb('case.due_at', '<', f.overdue.at), eb('case.status', 'in', [...f.overdue.activeStatuses]))
  if (except !== 'due' && f.dueBetween)
    all.push(eb('case.due_at', '>=', f.dueBetween.from), eb('case.due_at', '<', f.dueBetween.to))
  return all
}

const SORT_COLUMNS = {
  due: 'case.due_at',
  created: 'case.created_at',
  reference: 'case.reference',
  status: 'case.status',
  service: 'service.name',
} as const

/** One page of the queue in the order asked for, ties broken by case id so paging is stable. */
export async function listQueueRows(
  db: Queryable,
  councilId: number,
  filters: QueueFilters,
  order: QueueOrder,
  page: { limit: number; offset: number },
): Promise<QueueRow[]> {
  // The page's ids are found first, sorting only the sort key and id (from an index where there is
  // one), and only those cases are read whole: sorting whole rows of a 5,000-case queue to show 20 was
  // most of the queue page's time (docs/performance.md, the advisor's desk).
  const pageIds = db
    .selectFrom('case')
    .innerJoin('service', 'service.id', 'case.service_id')
    .where((eb) => eb.and(conditions(eb, councilId, filters)))
    .select('case.id')
    .orderBy(SORT_COLUMNS[order.sort], order.direction)
    .orderBy('case.id', order.direction)
    .limit(page.limit)
    .offset(page.offset)
  return db
    .selectFrom('case')
    .where('case.id', 'in', pageIds)
    .innerJoin('service', 'service.id', 'case.service_id')
    .leftJoin('team', 'team.id', 'case.team_id')
    .leftJoin('staff_user', 'staff_user.id', 'case.assignee_id')
    .selectAll('case')
    .select(['service.name as service_name', 'team.name as team_name', 'staff_user.name as assignee_name'])
    .orderBy(SORT_COLUMNS[order.sort], order.direction)
    .orderBy('case.id', order.direction)
    .execute()
}

export async function countQueue(db: Queryable, councilId: number, filters: QueueFilters, except?: QueueFacet) {
  const row = await db
    .selectFrom('case')
    .where((eb) => eb.and(conditions(eb, councilId, filters, except)))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

const FACET_COLUMNS = {
  status: 'case.status',
  team: 'case.team_id',
  service: 'case.service_id',
  channel: 'case.channel',
  assignee: 'case.assignee_id',
} as const

/** How many cases each value of a column would leave, with every other filter applied. */
export async function countQueueBy(
  db: Queryable,
  councilId: number,
  filters: QueueFilters,
  facet: keyof typeof FACET_COLUMNS,
): Promise<Map<string | number | null, number>> {
  const column = FACET_COLUMNS[facet]
  const rows = await db
    .selectFrom('case')
    .where((eb) => eb.and(conditions(eb, councilId, filters, facet)))
    .select((eb) => [eb.ref(column).as('value'), eb.fn.countAll<number>().as('n')])
    .groupBy(column)
    .execute()
  return new Map(rows.map((row) => [row.value as string | number | null, Number(row.n)]))
}

/** The teams a member of staff belongs to. */
export async function teamIdsOfStaff(db: Queryable, councilId: number, staffId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('staff_team')
    .select('team_id')
    .where('council_id', '=', councilId)
    .where('staff_user_id', '=', staffId)
    .execute()
  return rows.map((row) => row.team_id)
}

/** Active staff who may be given cases, by name. */
export async function activeStaff(db: Queryable, councilId: number): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom('staff_user')
    .select(['id', 'name'])
    .where('council_id', '=', councilId)
    .where('active', '=', 1)
    .where('partner_org_id', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute()
}

export async function serviceReopenRule(
  db: Queryable,
  councilId: number,
  serviceId: number,
): Promise<{ reopen_days: number; target_hours: number } | undefined> {
  return db
    .selectFrom('service')
    .select(['reopen_days', 'target_hours'])
    .where('council_id', '=', councilId)
    .where('id', '=', serviceId)
    .executeTakeFirst()
}
