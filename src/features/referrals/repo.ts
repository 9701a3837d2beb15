// Queries for referrals to partner organisations, with the resident's name and the partner's. Every
// query is narrowed by a Scope: the council always, and a partner's organisation or a resident's
// own record when the reader is one.
import type { SelectQueryBuilder } from 'kysely'
import type { Tables, Queryable } from '../../platform/db/schema.ts'
import type { ReferralStatus } from '../../platform/db/values.ts'
import type { Scope } from '../../platform/auth/scope.ts'

export type ReferralRow = {
  id: number
  resident_id: number | null
  given_name: string | null
  family_name: string | null
  partner_org_id: number
  partner_name: string
  case_reference: string | null
  reason: string
  consent_given_at: string
  consent_method: string
  status: ReferralStatus
  outcome: string | null
  created_at: string
  updated_at: string
}

export type ReferralCursor = { created_at: string; id: number }

type From = 'referral' | 'partner_org' | 'resident' | 'case'

/** Null when the scope can see no referral at all: the query is then not worth running. */
function scoped<O>(
  query: SelectQueryBuilder<Tables, From, O>,
  scope: Scope,
): SelectQueryBuilder<Tables, From, O> | null {
  const inCouncil = query.where('referral.council_id', '=', scope.councilId)
  if (scope.kind === 'council') return inCouncil
  if (scope.kind === 'partner')
    return scope.partnerOrgId === null ? null : inCouncil.where('referral.partner_org_id', '=', scope.partnerOrgId)
  return scope.residentId === null ? null : inCouncil.where('referral.resident_id', '=', scope.residentId)
}

function withNames(db: Queryable) {
  return db
    .selectFrom('referral')
    .innerJoin('partner_org', (join) =>
      join
        .onRef('partner_org.id', '=', 'referral.partner_org_id')
        .onRef('partner_org.council_id', '=', 'referral.council_id'),
    )
    .leftJoin('resident', (join) =>
      join.onRef('resident.id', '=', 'referral.resident_id').onRef('resident.council_id', '=', 'referral.council_id'),
    )
    .leftJoin('case', (join) =>
      join.onRef('case.id', '=', 'referral.case_id').onRef('case.council_id', '=', 'referral.council_id'),
    )
    .select([
      'referral.id',
      'referral.resident_id',
      'resident.given_name',
      'resident.family_name',
      'referral.partner_org_id',
      'partner_org.name as partner_name',
      'case.reference as case_reference',
      'referral.reason',
      'referral.consent_given_at',
      'referral.consent_method',
      'referral.status',
      'referral.outcome',
      'referral.created_at',
      'referral.updated_at',
    ])
}

export async function findReferral(db: Queryable, scope: Scope, id: number): Promise<ReferralRow | undefined> {
  const query = scoped(withNames(db), scope)
  return query ? query.where('referral.id', '=', id).executeTakeFirst() : undefined
}

/** Newest first, a page at a time after the cursor. */
export async function listReferrals(
  db: Queryable,
  scope: Scope,
  limit: number,
  after?: ReferralCursor,
): Promise<ReferralRow[]> {
  let query = scoped(withNames(db), scope)
  if (!query) return []
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('referral.created_at', '<', after.created_at),
        eb.and([eb('referral.created_at', '=', after.created_at), eb('referral.id', '<', after.id)]),
      ]),
    )
  }
  return query.orderBy('referral.created_at', 'desc').orderBy('referral.id', 'desc').limit(limit).execute()
}

export type ConsentRow = {
  id: number
  partner_name: string
  consent_given_at: string
  consent_method: string
  status: ReferralStatus
}

/** The consents to share a resident's details behind their referrals, newest first. Council scope only. */
export async function consentsOfResident(
  db: Queryable,
  councilId: number,
  residentId: number,
  limit: number,
): Promise<ConsentRow[]> {
  return db
    .selectFrom('referral')
    .innerJoin('partner_org', 'partner_org.id', 'referral.partner_org_id')
    .select([
      'referral.id',
      'partner_org.name as partner_name',
      'referral.consent_given_at',
      'referral.consent_method',
      'referral.status',
    ])
    .where('referral.council_id', '=', councilId)
    .where('referral.resident_id', '=', residentId)
    .orderBy('referral.consent_given_at', 'desc')
    .orderBy('referral.id', 'desc')
    .limit(limit)
    .execute()
}
