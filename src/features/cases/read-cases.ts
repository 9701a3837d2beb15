// Reading cases: one with its timeline, or a filtered list a page at a time. Every read is
// audited and takes the reader's Scope, so a resident reaches only their own cases.
import type { Database } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { invalid, notFound } from '../../platform/http/problem.ts'
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts'
import type { Scope } from '../../platform/auth/scope.ts'
import { normaliseCaseReference } from './reference.ts'
import { ACTIVE_STATUSES } from './workflow.ts'
import type { Case, CaseQuery, CaseWithTimeline } from './case-types.ts'
import { toCaseEvent } from './case-types.ts'
import { caseFor, timelineFor, visibleTo } from './visibility.ts'
import type { CaseCursor, CaseRow } from './repo.ts'
import * as repo from './repo.ts'

async function withTimeline(db: Queryable, scope: Scope, row: CaseRow): Promise<CaseWithTimeline> {
  const events = await repo.listCaseEvents(db, scope.councilId, row.id)
  return { ...caseFor(scope, row), timeline: timelineFor(scope, events.map(toCaseEvent)) }
}

/** A case and its timeline, oldest event first, if the scope may see it. Audited as a read. */
export async function getCase(database: Database, actor: Actor, scope: Scope, id: number): Promise<CaseWithTimeline> {
  const row = visibleTo(scope, await repo.findCaseRow(database.db, scope.councilId, id))
  if (!row) throw notFound('Case')
  const found = await withTimeline(database.db, scope, row)
  await recordAudit(database, actor, { action: 'case.read', subjectType: 'case', subjectId: id })
  return found
}

/** A case by its reference as people type it ("fd 2026 123" finds FD-2026-000123), if the scope may see it. Audited. */
export async function getCaseByReference(
  database: Database,
  actor: Actor,
  scope: Scope,
  reference: string,
): Promise<CaseWithTimeline> {
  const normalised = normaliseCaseReference(reference)
  const row = visibleTo(
    scope,
    normalised === undefined ? undefined : await repo.findCaseRowByReference(database.db, scope.councilId, normalised),
  )
  if (!row) throw notFound('Case')
  const found = await withTimeline(database.db, scope, row)
  await recordAudit(database, actor, {
    action: 'case.read',
    subjectType: 'case',
    subjectId: row.id,
    detail: { by: 'reference' },
  })
  return found
}

/**
 * The id of the case with this reference in the council, without reading the case: for the audit
 * search, which names records rather than showing them.
 */
export async function caseIdOfReference(
  database: Database,
  councilId: number,
  reference: string,
): Promise<number | undefined> {
  const normalised = normaliseCaseReference(reference)
  if (normalised === undefined) return undefined
  return (await repo.findCaseRowByReference(database.db, councilId, normalised))?.id
}

/** Midnight UTC for a bare date; any other time normalised to the stored UTC form. */
function instant(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value)
  if (Number.isNaN(at.getTime()))
    throw invalid([{ name: `querystring.${name}`, message: 'Give a date (YYYY-MM-DD) or a date and time in ISO 8601' }])
  return at.toISOString()
}

/**
 * Whose cases a list may hold: anyone's in the council for staff (or the one asked for), only
 * their own for a resident, none for anyone else. `none` when the answer is empty before asking.
 */
function residentFilter(scope: Scope, asked: number | undefined): { residentId?: number } | 'none' {
  if (scope.kind === 'council') return { residentId: asked }
  if (scope.kind === 'resident' && scope.residentId !== null && (asked === undefined || asked === scope.residentId))
    return { residentId: scope.residentId }
  return 'none'
}

/** A resident filtering their cases by team or assignee would learn, case by case, the ids they are shown as null. */
function hiddenFilters(scope: Scope, query: CaseQuery): void {
  if (scope.kind !== 'resident') return
  const errors: FieldError[] = []
  if (query.team_id !== undefined)
    errors.push({ name: 'querystring.team_id', message: 'Residents cannot filter their cases by team' })
  if (query.assignee_id !== undefined)
    errors.push({
      name: 'querystring.assignee_id',
      message: 'Residents cannot filter their cases by who they are assigned to',
    })
  if (errors.length > 0) throw invalid(errors)
}

function caseFilters(query: CaseQuery, residentId: number | undefined): repo.CaseFilters {
  const at = (query.now ?? new Date()).toISOString()
  return {
    status: query.status,
    teamId: query.team_id,
    assigneeId: query.assignee_id,
    serviceId: query.service_id,
    residentId,
    overdue: query.overdue === undefined ? undefined : { at, overdue: query.overdue, activeStatuses: ACTIVE_STATUSES },
    createdFrom: instant(query.created_from, 'created_from'),
    createdTo: instant(query.created_to, 'created_to'),
  }
}

/** Cases the scope may see, newest first, filtered, a page at a time. Audited as one list read. */
export async function listCases(
  database: Database,
  actor: Actor,
  scope: Scope,
  query: CaseQuery,
): Promise<{ items: Case[]; next_cursor: string | null }> {
  const after = decodeCursor<CaseCursor>(query.cursor, ['created_at', 'id'])
  const whose = residentFilter(scope, query.resident_id)
  hiddenFilters(scope, query)
  const filters = caseFilters(query, whose === 'none' ? undefined : whose.residentId)
  const rows =
    whose === 'none' ? [] : await repo.listCaseRows(database.db, scope.councilId, filters, query.limit + 1, after)
  const page = pageOf(rows, query.limit, (row) => ({ created_at: row.created_at, id: row.id }))
  const used = Object.keys(query).filter(
    (key) => !['limit', 'cursor', 'now'].includes(key) && query[key as keyof CaseQuery] !== undefined,
  )
  await recordAudit(database, actor, {
    action: 'case.list',
    subjectType: 'case',
    detail: { filters: used, count: page.items.length },
  })
  return { items: page.items.map((row) => caseFor(scope, row)), next_cursor: page.next_cursor }
}

/** Open cases per resident, for a list of search results: counts, not cases, so not a read of any one case. */
export async function openCaseCounts(
  database: Database,
  councilId: number,
  residentIds: readonly number[],
): Promise<Map<number, number>> {
  return repo.openCaseCountsOf(database.db, councilId, residentIds, ACTIVE_STATUSES)
}
