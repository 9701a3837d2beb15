// Queries over the audit trail for the data protection officer's search. A person is found as
// the subject of events, through the records that are theirs (cases, contacts, referrals,
// appointments, call backs, their online account), as the actor when they used their account,
// and in the resident ids a list or search event records it showed.
import type { ExpressionBuilder, Expression, SqlBool } from 'kysely'
import type { Tables, Queryable } from '../../platform/db/schema.ts'
import type { ActorKind } from '../../platform/db/values.ts'

export type AuditEventRow = {
  id: number
  at: string
  actor_kind: ActorKind
  actor_label: string
  action: string
  subject_type: string
  subject_id: string | null
  source_address: string | null
  detail: string | null
}

export type AuditCursor = { at: string; id: number }

export type AuditFilter = {
  councilId: number
  /** The residents a person search found, with any merged into them. */
  residentIds?: number[]
  /** Events about records of this kind, or about one of them. */
  subject?: { type: string; id?: string }
  actorLabel?: string
  actorKind?: ActorKind
  /** Inclusive. */
  fromAt?: string
  /** Exclusive. */
  toAt?: string
}

type Eb = ExpressionBuilder<Tables, 'audit_event'>

/** Records of these kinds belong to a resident through their resident_id column. */
const OWNED_BY_RESIDENT = ['case', 'contact', 'referral', 'appointment', 'callback', 'e_account'] as const

/** Detail keys that list the residents an event showed (a search's results, a referral list). */
function showedResident(eb: Eb, residentId: number): Expression<SqlBool> {
  const listed = (key: string) =>
    [
      `%"${key}":[${residentId}]%`,
      `%"${key}":[${residentId},%`,
      `%"${key}":[%,${residentId},%`,
      `%"${key}":[%,${residentId}]%`,
    ].map((pattern) => eb('detail', 'like', pattern))
  return eb.or([
    eb.and([eb('subject_type', '=', 'resident'), eb('subject_id', 'is', null), eb.or(listed('ids'))]),
    eb.or(listed('resident_ids')),
  ])
}

function aboutResidents(eb: Eb, councilId: number, residentIds: number[]): Expression<SqlBool> {
  const owned = OWNED_BY_RESIDENT.map((table) =>
    eb.and([
      eb('subject_type', '=', table),
      eb(
        'subject_id',
        'in',
        eb
          .selectFrom(table)
          .select((inner) => inner.cast<string>('id', 'text').as('id'))
          .where('council_id', '=', councilId)
          .where('resident_id', 'in', residentIds),
      ),
    ]),
  )
  const ownAccount = eb.and([
    eb('actor_kind', '=', 'resident'),
    eb(
      'actor_id',
      'in',
      eb
        .selectFrom('e_account')
        .select('id')
        .where('council_id', '=', councilId)
        .where('resident_id', 'in', residentIds),
    ),
  ])
  return eb.or([
    eb.and([eb('subject_type', '=', 'resident'), eb('subject_id', 'in', residentIds.map(String))]),
    ...owned,
    ownAccount,
    ...residentIds.map((id) => showedResident(eb, id)),
  ])
}

/** The council's events that match, newest first, a page at a time after the cursor. */
export async function searchEvents(
  db: Queryable,
  filter: AuditFilter,
  limit: number,
  after?: AuditCursor,
): Promise<AuditEventRow[]> {
  let query = db
    .selectFrom('audit_event')
    .select([
      'id',
      'at',
      'actor_kind',
      'actor_label',
      'action',
      'subject_type',
      'subject_id',
      'source_address',
      'detail',
    ])
    .where('council_id', '=', filter.councilId)
  const { residentIds, subject, actorLabel, actorKind, fromAt, toAt } = filter
  if (residentIds !== undefined) {
    if (residentIds.length === 0) return []
    query = query.where((eb) => aboutResidents(eb, filter.councilId, residentIds))
  }
  if (subject) query = query.where('subject_type', '=', subject.type)
  if (subject?.id !== undefined) query = query.where('subject_id', '=', subject.id)
  if (actorLabel !== undefined) query = query.where('actor_label', '=', actorLabel)
  if (actorKind !== undefined) query = query.where('actor_kind', '=', actorKind)
  if (fromAt !== undefined) query = query.where('at', '>=', fromAt)
  if (toAt !== undefined) query = query.where('at', '<', toAt)
  if (after)
    query = query.where((eb) =>
      eb.or([eb('at', '<', after.at), eb.and([eb('at', '=', after.at), eb('id', '<', after.id)])]),
    )
  return query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute()
}
