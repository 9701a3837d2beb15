// Referrals to partner organisations, as their readers may see them: a partner only those to its
// own organisation, council staff those of their council. Each read shows a resident's name, so
// each is audited with the ids of the residents it showed.
import type { Database } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Scope } from '../../platform/auth/scope.ts'
import { notFound } from '../../platform/http/problem.ts'
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts'
import type { ReferralCursor, ReferralRow } from './repo.ts'
import * as repo from './repo.ts'

/** A referral as its readers see it: the resident's name as one string instead of its parts. */
export type Referral = Omit<ReferralRow, 'given_name' | 'family_name'> & {
  /** The resident's name as their record has it, or null for a referral without a resident. */
  resident_name: string | null
}

function toReferral(row: ReferralRow): Referral {
  const { given_name, family_name, ...rest } = row
  const name = [given_name, family_name].filter(Boolean).join(' ')
  return { ...rest, resident_name: name === '' ? null : name }
}

const residentIdsOf = (referrals: Referral[]) => [
  ...new Set(referrals.flatMap((r) => (r.resident_id === null ? [] : [r.resident_id]))),
]

/** One referral the scope may see; any other, in another organisation or council, is not found. Audited. */
export async function getReferral(database: Database, actor: Actor, scope: Scope, id: number): Promise<Referral> {
  const row = await repo.findReferral(database.db, scope, id)
  if (!row) throw notFound('Referral')
  const referral = toReferral(row)
  await recordAudit(database, actor, {
    action: 'referral.read',
    subjectType: 'referral',
    subjectId: id,
    detail: { resident_ids: residentIdsOf([referral]) },
  })
  return referral
}

/** The referrals the scope may see, newest first, a page at a time. Audited as one list read. */
export async function listReferrals(
  database: Database,
  actor: Actor,
  scope: Scope,
  query: { limit: number; cursor?: string },
): Promise<{ items: Referral[]; next_cursor: string | null }> {
  const after = decodeCursor<ReferralCursor>(query.cursor, ['created_at', 'id'])
  const rows = await repo.listReferrals(database.db, scope, query.limit + 1, after)
  const page = pageOf(rows, query.limit, (row) => ({ created_at: row.created_at, id: row.id }))
  const items = page.items.map(toReferral)
  await recordAudit(database, actor, {
    action: 'referral.list',
    subjectType: 'referral',
    detail: { count: items.length, ids: items.map((r) => r.id), resident_ids: residentIdsOf(items) },
  })
  return { items, next_cursor: page.next_cursor }
}

export type Consent = Omit<repo.ConsentRow, 'id'>

/**
 * What a resident has agreed may be shared, and with whom: the consent behind each of their
 * referrals, newest first. For council staff, and for the resident themselves (their own record
 * only); audited as a list of the referrals it showed.
 */
export async function consentsOf(
  database: Database,
  actor: Actor,
  scope: Scope,
  residentId: number,
  limit = 20,
): Promise<Consent[]> {
  const own = scope.kind === 'resident' && scope.residentId === residentId
  if (scope.kind !== 'council' && !own) return []
  const rows = await repo.consentsOfResident(database.db, scope.councilId, residentId, limit)
  await recordAudit(database, actor, {
    action: 'referral.list',
    subjectType: 'referral',
    detail: { count: rows.length, ids: rows.map((r) => r.id), resident_ids: [residentId] },
  })
  return rows.map(({ id: _id, ...consent }) => consent)
}
