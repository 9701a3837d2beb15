// The advisor's desk, read side: one search over residents and cases, and the single view of a
// resident. It holds no data of its own; it asks the residents, cases, contacts, catalogue and
// account features, each of which audits its own reads.
import type { Database } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Scope } from '../../platform/auth/scope.ts'
import { Problem } from '../../platform/http/problem.ts'
import { findResidentsAtDesk, getResident } from '../residents/service.ts'
import type { Resident, ResidentCard } from '../residents/service.ts'
import { ACTIVE_STATUSES, getCaseByReference, listCases, openCaseCounts } from '../cases/service.ts'
import type { Case } from '../cases/service.ts'
import { getService } from '../catalogue/service.ts'
import { residentHistory } from '../contacts/service.ts'
import type { History, HistoryFilter } from '../contacts/service.ts'
import { onlineAccountStatus } from '../account/service.ts'
import { consentsOf } from '../referrals/service.ts'
import type { Consent } from '../referrals/service.ts'
import type { AccountStatus } from '../account/service.ts'
import { lookedFor } from './search-terms.ts'

export type CaseHit = Pick<Case, 'reference' | 'status' | 'resident_id' | 'created_at'> & { serviceName: string }
export type DeskResident = ResidentCard & { openCases: number }
export type DeskSearchResult = { caseHit: CaseHit | null; residents: DeskResident[]; more: boolean }

const notFound = (error: unknown): boolean => error instanceof Problem && error.status === 404

async function serviceNames(database: Database, councilId: number, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)]
  const services = await Promise.all(unique.map((id) => getService(database, councilId, id)))
  return new Map(unique.map((id, i) => [id, services[i]?.name ?? 'A service no longer offered']))
}

async function caseHitFor(database: Database, actor: Actor, scope: Scope, q: string): Promise<CaseHit | null> {
  try {
    const found = await getCaseByReference(database, actor, scope, q)
    const names = await serviceNames(database, scope.councilId, [found.service_id])
    return {
      reference: found.reference,
      status: found.status,
      resident_id: found.resident_id,
      created_at: found.created_at,
      serviceName: names.get(found.service_id)!,
    }
  } catch (error) {
    if (notFound(error)) return null
    throw error
  }
}

/** What the one search box finds: a case by its reference first, then residents best match first, a page at a time. */
export async function searchTheDesk(
  database: Database,
  actor: Actor,
  scope: Scope,
  query: { q: string; page: number; pageSize: number },
): Promise<DeskSearchResult> {
  const kind = lookedFor(query.q)
  if (kind === 'case reference')
    return { caseHit: await caseHitFor(database, actor, scope, query.q), residents: [], more: false }
  const found = await findResidentsAtDesk(database, actor, scope.councilId, {
    q: query.q,
    lookedFor: kind,
    uprn: kind === 'uprn' ? query.q.trim() : undefined,
    page: query.page,
    pageSize: query.pageSize,
  })
  const counts = await openCaseCounts(
    database,
    scope.councilId,
    found.items.map((r) => r.id),
  )
  return {
    caseHit: null,
    residents: found.items.map((r) => ({ ...r, openCases: counts.get(r.id) ?? 0 })),
    more: found.more,
  }
}

export type DeskCase = Case & { serviceName: string; open: boolean }

export type SingleView = {
  resident: Resident
  /** Open cases first, then the rest, newest first within each. */
  cases: DeskCase[]
  account: { status: AccountStatus; lastSignInAt: string | null }
  /** Consents to share their details with partners, newest first. */
  consents: Consent[]
  history: History
}

/** How many of a resident's cases the single view lists; their whole history is in the timeline. */
const CASES_SHOWN = 50

async function casesOf(database: Database, actor: Actor, scope: Scope, residentId: number): Promise<DeskCase[]> {
  const { items } = await listCases(database, actor, scope, { resident_id: residentId, limit: CASES_SHOWN })
  const names = await serviceNames(
    database,
    scope.councilId,
    items.map((c) => c.service_id),
  )
  const cases = items.map((c) => ({
    ...c,
    serviceName: names.get(c.service_id)!,
    open: ACTIVE_STATUSES.includes(c.status),
  }))
  return [...cases.filter((c) => c.open), ...cases.filter((c) => !c.open)]
}

/**
 * Everything the desk shows of one resident, each part read (and audited) by its own feature. A
 * merged record is returned alone: the page sends the advisor on to the one it was merged into.
 */
export async function singleView(
  database: Database,
  actor: Actor,
  scope: Scope,
  residentId: number,
  timeline: HistoryFilter & { limit: number; cursor?: string },
): Promise<SingleView | { merged: Resident }> {
  const resident = await getResident(database, actor, scope.councilId, residentId)
  if (resident.merged_into !== null) return { merged: resident }
  const [cases, account, consents, history] = await Promise.all([
    casesOf(database, actor, scope, residentId),
    onlineAccountStatus(database, scope.councilId, residentId, nowIso()),
    consentsOf(database, actor, scope, residentId),
    residentHistory(database, actor, scope.councilId, residentId, timeline),
  ])
  return { resident, cases, account, consents, history }
}

export { createResident, createResidentOnce } from '../residents/service.ts'
export type { Resident } from '../residents/service.ts'
