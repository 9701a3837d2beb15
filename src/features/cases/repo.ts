// Queries for cases, their timelines, and the few facts about residents, staff and the council
// that case rules need. Every query is scoped to one council; functions take a Kysely handle so
// they run inside the transaction of the change.
import type { Insertable, Selectable, Updateable } from 'kysely'
import type { CaseEventTable, CaseTable, Queryable } from '../../platform/db/schema.ts'
import type { CaseStatus } from '../../platform/db/values.ts'
import { sql } from 'kysely'
import type { CaseLinkTable, CaseReferenceCounterTable } from '../../platform/db/schema.ts'
import { inChunks, widthOf } from '../../platform/db/chunks.ts'

export type CaseRow = Selectable<CaseTable>
export type CaseEventRow = Selectable<CaseEventTable>

export type CaseFilters = {
  status?: CaseStatus
  teamId?: number
  assigneeId?: number
  serviceId?: number
  residentId?: number
  /** With `activeStatuses`: only cases (not) past their due time at this instant. */
  overdue?: { at: string; overdue: boolean; activeStatuses: readonly CaseStatus[] }
  createdFrom?: string
  createdTo?: string
}

export type CaseCursor = { created_at: string; id: number }

export async function insertCase(db: Queryable, row: Insertable<CaseTable>): Promise<number> {
  const inserted = await db.insertInto('case').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

export async function insertCaseEvent(db: Queryable, row: Insertable<CaseEventTable>): Promise<number> {
  const inserted = await db.insertInto('case_event').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

/** The timeline entry a desk form with this one-time token already made, if any. */
export async function caseEventIdOfToken(db: Queryable, councilId: number, token: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('case_event')
    .select('id')
    .where('council_id', '=', councilId)
    .where('form_token', '=', token)
    .executeTakeFirst()
  return row?.id
}

export async function findCaseRow(db: Queryable, councilId: number, id: number): Promise<CaseRow | undefined> {
  return db.selectFrom('case').selectAll().where('council_id', '=', councilId).where('id', '=', id).executeTakeFirst()
}

export async function findCaseRowByReference(
  db: Queryable,
  councilId: number,
  reference: string,
): Promise<CaseRow | undefined> {
  return db
    .selectFrom('case')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('reference', '=', reference)
    .executeTakeFirst()
}

export async function listCaseRows(
  db: Queryable,
  councilId: number,
  filters: CaseFilters,
  limit: number,
  after?: CaseCursor,
): Promise<CaseRow[]> {
  let query = db.selectFrom('case').selectAll().where('council_id', '=', councilId)
  if (filters.status !== undefined) query = query.where('status', '=', filters.status)
  if (filters.teamId !== undefined) query = query.where('team_id', '=', filters.teamId)
  if (filters.assigneeId !== undefined) query = query.where('assignee_id', '=', filters.assigneeId)
  if (filters.serviceId !== undefined) query = query.where('service_id', '=', filters.serviceId)
  if (filters.residentId !== undefined) query = query.where('resident_id', '=', filters.residentId)
  if (filters.createdFrom !== undefined) query = query.where('created_at', '>=', filters.createdFrom)
  if (filters.createdTo !== undefined) query = query.where('created_at', '<', filters.createdTo)
  const overdue = filters.overdue
  if (overdue?.overdue === true) {
    query = query.where('due_at', '<', overdue.at).where('status', 'in', [...overdue.activeStatuses])
  } else if (overdue?.overdue === false) {
    query = query.where((eb) =>
      eb.or([
        eb('due_at', 'is', null),
        eb('due_at', '>=', overdue.at),
        eb('status', 'not in', [...overdue.activeStatuses]),
      ]),
    )
  }
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', after.created_at),
        eb.and([eb('created_at', '=', after.created_at), eb('id', '<', after.id)]),
      ]),
    )
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
}

export async function listCaseEvents(db: Queryable, councilId: number, caseId: number): Promise<CaseEventRow[]> {
  return db
    .selectFrom('case_event')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('case_id', '=', caseId)
    .orderBy('at')
    .orderBy('id')
    .execute()
}

export async function findCaseEvent(db: Queryable, councilId: number, id: number): Promise<CaseEventRow | undefined> {
  return db
    .selectFrom('case_event')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Changes a case only if it still has the status the change was decided on; returns whether it did. */
export async function updateCaseInStatus(
  db: Queryable,
  councilId: number,
  id: number,
  status: CaseStatus,
  changes: Updateable<CaseTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('case')
    .set(changes)
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .where('status', '=', status)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function updateCase(
  db: Queryable,
  councilId: number,
  id: number,
  changes: Updateable<CaseTable>,
): Promise<void> {
  await db.updateTable('case').set(changes).where('council_id', '=', councilId).where('id', '=', id).execute()
}

export async function findResident(
  db: Queryable,
  councilId: number,
  id: number,
): Promise<{ id: number; merged_into: number | null } | undefined> {
  return db
    .selectFrom('resident')
    .select(['id', 'merged_into'])
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function findStaff(
  db: Queryable,
  councilId: number,
  id: number,
): Promise<{ id: number; active: number } | undefined> {
  return db
    .selectFrom('staff_user')
    .select(['id', 'active'])
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function councilHolidays(db: Queryable, councilId: number): Promise<{ date: string; closed: 0 | 1 }[]> {
  return db
    .selectFrom('council_holiday')
    .select(['date', 'closed'])
    .where('council_id', '=', councilId)
    .orderBy('date')
    .execute()
}

// Writes in bulk, for imports and the demo: each takes the transaction of its batch.

export async function caseReferencesByExternalId(
  db: Queryable,
  councilId: number,
  externalIds: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  for (const chunk of inChunks(externalIds, 1)) {
    const rows = await db
      .selectFrom('case')
      .select(['external_id', 'reference'])
      .where('council_id', '=', councilId)
      .where('external_id', 'in', chunk)
      .execute()
    for (const row of rows) if (row.external_id !== null) found.set(row.external_id, row.reference)
  }
  return found
}

/** Takes `count` numbers from a year's reference counter at once; answers with the last one taken. */
export async function reserveCaseNumbers(
  db: Queryable,
  councilId: number,
  year: number,
  count: number,
): Promise<number> {
  const row = await db
    .insertInto('case_reference_counter')
    .values({ council_id: councilId, year, last_number: count })
    .onConflict((oc) =>
      oc
        .columns(['council_id', 'year'])
        .doUpdateSet({ last_number: sql<number>`case_reference_counter.last_number + ${count}` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow()
  return row.last_number
}

export async function insertReferenceCounters(
  db: Queryable,
  rows: readonly Insertable<CaseReferenceCounterTable>[],
): Promise<void> {
  for (const chunk of inChunks(rows, 3)) await db.insertInto('case_reference_counter').values(chunk).execute()
}

/** Inserts cases, updating those already held by (council_id, external_id) (only `columns`); ids by reference. */
export async function upsertCaseRows(
  db: Queryable,
  rows: readonly Insertable<CaseTable>[],
  columns: readonly (keyof CaseTable & string)[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  const set = Object.fromEntries(columns.map((column) => [column, sql.ref(`excluded.${column}`)]))
  for (const chunk of inChunks(rows, widthOf(rows))) {
    const insert = db.insertInto('case').values(chunk)
    const returned = await (
      columns.length > 0
        ? insert.onConflict((oc) => oc.columns(['council_id', 'external_id']).doUpdateSet(set))
        : insert
    )
      .returning(['id', 'reference'])
      .execute()
    for (const row of returned) ids.set(row.reference, row.id)
  }
  return ids
}

export async function insertCaseEventRows(db: Queryable, rows: readonly Insertable<CaseEventTable>[]): Promise<void> {
  for (const chunk of inChunks(rows, widthOf(rows))) await db.insertInto('case_event').values(chunk).execute()
}

/** How many cases still being worked each of these residents has: to tell two people of one name apart. */
export async function openCaseCountsOf(
  db: Queryable,
  councilId: number,
  residentIds: readonly number[],
  activeStatuses: readonly CaseStatus[],
): Promise<Map<number, number>> {
  const counts = new Map<number, number>()
  if (residentIds.length === 0) return counts
  const rows = await db
    .selectFrom('case')
    .select(['resident_id', (eb) => eb.fn.countAll<number>().as('open')])
    .where('council_id', '=', councilId)
    .where('resident_id', 'in', residentIds)
    .where('status', 'in', activeStatuses)
    .groupBy('resident_id')
    .execute()
  for (const row of rows) if (row.resident_id !== null) counts.set(row.resident_id, Number(row.open))
  return counts
}

/** Cases of a service still being worked at a property (by UPRN) or an address (as written, any case). */
export async function openCaseRowsAtPlace(
  db: Queryable,
  councilId: number,
  place: { serviceId: number; uprn: string | null; address: string | null; activeStatuses: readonly CaseStatus[] },
  limit: number,
): Promise<CaseRow[]> {
  const { uprn, address } = place
  if (uprn === null && address === null) return []
  return db
    .selectFrom('case')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('service_id', '=', place.serviceId)
    .where('status', 'in', [...place.activeStatuses])
    .where((eb) =>
      eb.or([
        ...(uprn === null ? [] : [eb('location_uprn', '=', uprn)]),
        ...(address === null ? [] : [eb(eb.fn('lower', ['location_address']), '=', address.toLowerCase())]),
      ]),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

export async function findSubmission(db: Queryable, councilId: number, token: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('case_submission')
    .select('case_id')
    .where('council_id', '=', councilId)
    .where('token', '=', token)
    .executeTakeFirst()
  return row?.case_id
}

export async function insertSubmission(
  db: Queryable,
  row: { council_id: number; token: string; case_id: number; created_at: string },
): Promise<void> {
  await db.insertInto('case_submission').values(row).execute()
}

export async function insertCaseLink(db: Queryable, row: Insertable<CaseLinkTable>): Promise<void> {
  await db.insertInto('case_link').values(row).execute()
}

/** The case a report was joined to as a duplicate, if it was. */
export async function duplicateOf(
  db: Queryable,
  councilId: number,
  caseId: number,
): Promise<{ id: number; reference: string } | undefined> {
  return db
    .selectFrom('case_link')
    .innerJoin('case', 'case.id', 'case_link.linked_case_id')
    .select(['case.id', 'case.reference'])
    .where('case_link.council_id', '=', councilId)
    .where('case_link.case_id', '=', caseId)
    .where('case_link.kind', '=', 'duplicate')
    .executeTakeFirst()
}

export type LinkedCaseRow = { reference: string; status: CaseStatus; joined_to: boolean }

/** Every case linked to this one, both ways: the open case a report joined, and the reports that joined it. */
export async function linkedCaseRows(db: Queryable, councilId: number, caseId: number): Promise<LinkedCaseRow[]> {
  const [joinedTo, joinedBy] = await Promise.all([
    db
      .selectFrom('case_link')
      .innerJoin('case', 'case.id', 'case_link.linked_case_id')
      .select(['case.reference', 'case.status'])
      .where('case_link.council_id', '=', councilId)
      .where('case_link.case_id', '=', caseId)
      .orderBy('case_link.id')
      .execute(),
    db
      .selectFrom('case_link')
      .innerJoin('case', 'case.id', 'case_link.case_id')
      .select(['case.reference', 'case.status'])
      .where('case_link.council_id', '=', councilId)
      .where('case_link.linked_case_id', '=', caseId)
      .orderBy('case_link.id')
      .execute(),
  ])
  return [
    ...joinedTo.map((row) => ({ ...row, joined_to: true })),
    ...joinedBy.map((row) => ({ ...row, joined_to: false })),
  ]
}

/** The columns of cases the figures count, by id: what a change takes out of the rollups and puts back. */
export async function caseFigureFacts(db: Queryable, councilId: number, ids: readonly number[]) {
  const facts = []
  for (const chunk of inChunks(ids, 1)) {
    facts.push(
      ...(await db
        .selectFrom('case')
        .select(['created_at', 'resolved_at', 'due_at', 'service_id', 'channel', 'created_by'])
        .where('council_id', '=', councilId)
        .where('id', 'in', chunk)
        .execute()),
    )
  }
  return facts
}

/** The ids of the cases held under these external ids. */
export async function caseIdsByExternalId(db: Queryable, councilId: number, externalIds: readonly string[]) {
  const ids: number[] = []
  for (const chunk of inChunks(externalIds, 1)) {
    const rows = await db
      .selectFrom('case')
      .select('id')
      .where('council_id', '=', councilId)
      .where('external_id', 'in', chunk)
      .execute()
    ids.push(...rows.map((row) => row.id))
  }
  return ids
}
