// The queue page's address: what its query string asks for, and the links that change one part
// of it (a filter, the sort, the page) while keeping the rest. Unknown values are left out, as a
// filter form made of choices cannot send them.
import { CASE_STATUSES, CHANNELS } from '../../platform/db/values.ts'
import type { CaseStatus, Channel } from '../../platform/db/values.ts'
import { recordIdOf } from '../../platform/http/ids.ts'
import { QUEUE_SORTS, QUEUE_VIEWS } from '../cases/service.ts'
import type { QueueSort, QueueView } from '../cases/service.ts'

export type QueueParams = {
  view: QueueView
  status?: CaseStatus
  team?: number
  service?: number
  channel?: Channel
  assignee?: number
  overdue?: boolean
  dueThisWeek?: boolean
  sort: QueueSort
  order: 'asc' | 'desc'
  page: number
}

const text = (query: Record<string, unknown>, name: string): string =>
  typeof query[name] === 'string' ? (query[name] as string) : ''

function oneOf<T extends string>(values: readonly T[], value: string): T | undefined {
  return (values as readonly string[]).includes(value) ? (value as T) : undefined
}

export function queueParams(query: Record<string, unknown>): QueueParams {
  const page = Number(text(query, 'page'))
  const sort = oneOf(QUEUE_SORTS, text(query, 'sort')) ?? 'due'
  return {
    view: oneOf(QUEUE_VIEWS, text(query, 'view')) ?? 'mine',
    status: oneOf(CASE_STATUSES, text(query, 'status')),
    team: recordIdOf(text(query, 'team')),
    service: recordIdOf(text(query, 'service')),
    channel: oneOf(CHANNELS, text(query, 'channel')),
    assignee: recordIdOf(text(query, 'assignee')),
    overdue: text(query, 'overdue') === 'yes' || undefined,
    dueThisWeek: text(query, 'due') === 'week' || undefined,
    sort,
    // Soonest due and oldest raised first; the rest in their natural order.
    order: oneOf(['asc', 'desc'] as const, text(query, 'order')) ?? 'asc',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  }
}

/** The query string for these parameters, defaults left out. */
export function queueHref(params: QueueParams, changes: Partial<QueueParams> = {}): string {
  const p = { ...params, ...changes }
  const search = new URLSearchParams()
  search.set('view', p.view)
  if (p.status) search.set('status', p.status)
  if (p.team) search.set('team', String(p.team))
  if (p.service) search.set('service', String(p.service))
  if (p.channel) search.set('channel', p.channel)
  if (p.assignee) search.set('assignee', String(p.assignee))
  if (p.overdue) search.set('overdue', 'yes')
  if (p.dueThisWeek) search.set('due', 'week')
  if (p.sort !== 'due') search.set('sort', p.sort)
  if (p.order !== 'asc') search.set('order', p.order)
  if (p.page > 1) search.set('page', String(p.page))
  return `/staff/queues?${search.toString()}`
}
