// The data protection officer's search of the audit trail: who did what to whose records, when.
// A person given by name is found through the residents search (itself audited); a case may be
// given by its reference. Only the searcher's own council's events are searched, and every search
// is audited in turn, recording which kinds of criteria it used but not what was typed.
import type { Database } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts'
import { listResidents, residentIdsMergedInto } from '../residents/service.ts'
import { caseIdOfReference } from '../cases/service.ts'
import type { Criteria } from './criteria.ts'
import { criteriaKinds, nextDay, startOfDay } from './criteria.ts'
import type { AuditCursor, AuditEventRow, AuditFilter } from './repo.ts'
import * as repo from './repo.ts'

/** More residents than this for a name is too broad a search to be about one person. */
const MAX_PEOPLE = 20

export type AuditEvent = AuditEventRow

export type PersonFound = { id: number; name: string | null }

export type AuditSearch =
  | { ok: true; events: AuditEvent[]; nextCursor: string | null; people: PersonFound[] | null }
  | { ok: false; errors: FieldError[] }

type Resolved = { ok: true; residentIds?: number[]; people: PersonFound[] | null } | { ok: false; errors: FieldError[] }

async function resolvePerson(
  database: Database,
  actor: Actor,
  councilId: number,
  person: Criteria['person'],
): Promise<Resolved> {
  if (person === undefined) return { ok: true, people: null }
  if ('residentId' in person) {
    // A number is searched as given: the trail keeps events about records since erased.
    return {
      ok: true,
      residentIds: await residentIdsMergedInto(database.db, councilId, [person.residentId]),
      people: null,
    }
  }
  const found = await listResidents(database, actor, councilId, { q: person.words, limit: MAX_PEOPLE + 1 })
  if (found.items.length > MAX_PEOPLE) {
    return {
      ok: false,
      errors: [
        {
          name: 'person',
          message: `More than ${MAX_PEOPLE} people match: add more of the name, a postcode, or give their resident number`,
        },
      ],
    }
  }
  const people = found.items.map((r) => ({ id: r.id, name: `${r.given_name} ${r.family_name}`.trim() || null }))
  return {
    ok: true,
    residentIds: await residentIdsMergedInto(
      database.db,
      councilId,
      people.map((p) => p.id),
    ),
    people,
  }
}

async function resolveRecord(
  database: Database,
  councilId: number,
  record: Criteria['record'],
): Promise<{ subject?: AuditFilter['subject']; errors: FieldError[] }> {
  if (!record) return { errors: [] }
  if (record.id === undefined || record.type !== 'case' || /^\d+$/.test(record.id))
    return { subject: record, errors: [] }
  const caseId = await caseIdOfReference(database, councilId, record.id)
  if (caseId === undefined)
    return {
      errors: [
        { name: 'recordId', message: 'There is no case with this reference: check it, or give the case number' },
      ],
    }
  return { subject: { type: 'case', id: String(caseId) }, errors: [] }
}

export type SearchRequest = { councilId: number; timeZone: string; criteria: Criteria; cursor?: string; limit: number }

export async function searchAuditTrail(database: Database, actor: Actor, search: SearchRequest): Promise<AuditSearch> {
  const { councilId, criteria, timeZone } = search
  const after = decodeCursor<AuditCursor>(search.cursor, ['at', 'id'])
  const record = await resolveRecord(database, councilId, criteria.record)
  if (record.errors.length > 0) return { ok: false, errors: record.errors }
  const person = await resolvePerson(database, actor, councilId, criteria.person)
  if (!person.ok) return person
  const filter: AuditFilter = {
    councilId,
    residentIds: person.residentIds,
    subject: record.subject,
    actorLabel: criteria.actorLabel,
    actorKind: criteria.actorKind,
    fromAt: criteria.from && startOfDay(criteria.from, timeZone),
    toAt: criteria.to && startOfDay(nextDay(criteria.to), timeZone),
  }
  const rows = await repo.searchEvents(database.db, filter, search.limit + 1, after)
  const page = pageOf(rows, search.limit, (row) => ({ at: row.at, id: row.id }))
  await recordAudit(database, actor, {
    action: 'audit.search',
    subjectType: 'audit_event',
    detail: {
      criteria: criteriaKinds(criteria),
      ...(criteria.record ? { record_type: criteria.record.type } : {}),
      ...(person.residentIds ? { resident_ids: person.residentIds } : {}),
      count: page.items.length,
      first_page: after === undefined,
    },
  })
  return { ok: true, events: page.items, nextCursor: page.next_cursor, people: person.people }
}
