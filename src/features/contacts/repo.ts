// Queries for contacts, and the small look-ups that check what a contact refers to (resident,
// service, case) belongs to the council. Functions take a Kysely handle so they run inside the
// transaction of the change.
import type { Selectable, Updateable } from 'kysely'
import type { ContactTable, Queryable } from '../../platform/db/schema.ts'
import type { Engine } from '../../config.ts'
import { preparedInsert, preparedQuery } from '../../platform/db/prepared.ts'
import { sql } from 'kysely'
import type { Insertable } from 'kysely'
import { inChunks, insertReturningIds, widthOf } from '../../platform/db/chunks.ts'

export type ContactRow = Selectable<ContactTable>
/** A contact to store: every column but its id, none left to a default. */
export type NewContact = Omit<ContactRow, 'id'>

export type ResidentRef = { id: number; merged_into: number | null }
export type CaseRef = { id: number; resident_id: number | null; service_id: number }

// The desk logs contacts all day: the insert is compiled once, with every column named.
const contactInsert = preparedInsert('contact', [
  'council_id',
  'external_id',
  'resident_id',
  'channel',
  'direction',
  'started_at',
  'handle_seconds',
  'staff_user_id',
  'service_id',
  'outcome',
  'avoidable',
  'avoidable_reason',
  'case_id',
  'notes',
  'created_at',
  'form_token',
])

/** Stores a whole contact row and gives it back as stored, with its id. */
export async function insertContact(db: Queryable, engine: Engine, row: NewContact): Promise<ContactRow> {
  return contactInsert(db, engine, row)
}

export async function updateContact(
  db: Queryable,
  councilId: number,
  id: number,
  changes: Updateable<ContactTable>,
): Promise<void> {
  await db.updateTable('contact').set(changes).where('council_id', '=', councilId).where('id', '=', id).execute()
}

/** The contact a desk form with this one-time token logged, if it has logged one. */
export async function findContactByFormToken(
  db: Queryable,
  councilId: number,
  formToken: string,
): Promise<ContactRow | undefined> {
  return db
    .selectFrom('contact')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('form_token', '=', formToken)
    .executeTakeFirst()
}

export async function findContactRow(db: Queryable, councilId: number, id: number): Promise<ContactRow | undefined> {
  return db
    .selectFrom('contact')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function findContactIdByExternalId(
  db: Queryable,
  councilId: number,
  externalId: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('contact')
    .select('id')
    .where('council_id', '=', councilId)
    .where('external_id', '=', externalId)
    .executeTakeFirst()
  return row?.id
}

// Every contact logged against a resident checks them first, so the query is compiled once.
const residentRef = preparedQuery(2, (db: Queryable, _engine: Engine, councilId: number, id: number) =>
  db.selectFrom('resident').select(['id', 'merged_into']).where('council_id', '=', councilId).where('id', '=', id),
)

export async function findResidentRef(
  db: Queryable,
  engine: Engine,
  councilId: number,
  id: number,
): Promise<ResidentRef | undefined> {
  const [found] = await residentRef(db, engine, councilId, id)
  return found
}

export async function serviceExists(db: Queryable, councilId: number, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('service')
    .select('id')
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .executeTakeFirst()
  return row !== undefined
}

export async function findServiceIdByCode(
  db: Queryable,
  councilId: number,
  open311Code: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('service')
    .select('id')
    .where('council_id', '=', councilId)
    .where('open311_code', '=', open311Code)
    .executeTakeFirst()
  return row?.id
}

export async function findCaseRef(db: Queryable, councilId: number, id: number): Promise<CaseRef | undefined> {
  return db
    .selectFrom('case')
    .select(['id', 'resident_id', 'service_id'])
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .executeTakeFirst()
}

// Writes in bulk, for imports and the demo: each takes the transaction of its batch.

export async function contactExternalIdsHeld(
  db: Queryable,
  councilId: number,
  externalIds: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>()
  for (const chunk of inChunks(externalIds, 1)) {
    const rows = await db
      .selectFrom('contact')
      .select('external_id')
      .where('council_id', '=', councilId)
      .where('external_id', 'in', chunk)
      .execute()
    for (const row of rows) if (row.external_id !== null) found.add(row.external_id)
  }
  return found
}

/** Inserts contacts, updating those already held by (council_id, external_id), setting only `columns`. */
export async function upsertContactRows(
  db: Queryable,
  rows: readonly Insertable<ContactTable>[],
  columns: readonly (keyof ContactTable & string)[],
): Promise<void> {
  const set = Object.fromEntries(columns.map((column) => [column, sql.ref(`excluded.${column}`)]))
  for (const chunk of inChunks(rows, widthOf(rows))) {
    await db
      .insertInto('contact')
      .values(chunk)
      .onConflict((oc) => oc.columns(['council_id', 'external_id']).doUpdateSet(set))
      .execute()
  }
}

/** Inserts contacts and answers with their ids in the order given. */
export async function insertContactRows(db: Queryable, rows: readonly Insertable<ContactTable>[]): Promise<number[]> {
  return insertReturningIds(rows, (chunk) => db.insertInto('contact').values(chunk).returning('id').execute())
}

/** The columns of contacts the figures count, for those held under these external ids. */
export async function contactFigureFactsByExternalId(db: Queryable, councilId: number, externalIds: readonly string[]) {
  const facts = []
  for (const chunk of inChunks(externalIds, 1)) {
    facts.push(
      ...(await db
        .selectFrom('contact')
        .select([
          'started_at',
          'resident_id',
          'channel',
          'direction',
          'service_id',
          'outcome',
          'avoidable',
          'handle_seconds',
        ])
        .where('council_id', '=', councilId)
        .where('external_id', 'in', chunk)
        .execute()),
    )
  }
  return facts
}

/** What a contact shows of the call it answered: never the caller's number, nor its hash. */
export type AnsweredCallRow = {
  id: number
  external_id: string | null
  queue: string
  offered_at: string
  answered_at: string
  ended_at: string | null
  contact_id: number | null
}

const answeredCallColumns = [
  'id',
  'external_id',
  'queue',
  'offered_at',
  'answered_at',
  'ended_at',
  'contact_id',
] as const satisfies readonly (keyof AnsweredCallRow)[]

/**
 * An answered call by the telephony platform's id, for the contact about to record it. On
 * PostgreSQL the row is locked to the contact's transaction, so a call ending at the same moment
 * waits and the contact's handle time is read from the call as it is.
 */
export async function answeredCallByExternalId(
  db: Queryable,
  engine: Engine,
  councilId: number,
  externalId: string,
): Promise<AnsweredCallRow | undefined> {
  let query = db
    .selectFrom('call')
    .select(answeredCallColumns)
    .where('council_id', '=', councilId)
    .where('external_id', '=', externalId)
    .where('answered_at', 'is not', null)
  if (engine === 'postgres') query = query.forUpdate()
  return (await query.executeTakeFirst()) as AnsweredCallRow | undefined
}

/** A council's answered calls that record one of these contacts, read a statement-full at a time. */
async function answeredCallsOf(db: Queryable, councilId: number, contactIds: readonly number[]) {
  const found: AnsweredCallRow[] = []
  for (const chunk of inChunks(contactIds, 1)) {
    const rows = await db
      .selectFrom('call')
      .select(answeredCallColumns)
      .where('council_id', '=', councilId)
      .where('contact_id', 'in', chunk)
      .where('answered_at', 'is not', null)
      .execute()
    found.push(...(rows as AnsweredCallRow[]))
  }
  return found
}

/**
 * The calls the given phone contacts recorded, by contact: found by the call's contact_id, which
 * is indexed for this (migration 029).
 */
export async function callsOfContacts(
  db: Queryable,
  councilId: number,
  contacts: readonly { id: number }[],
): Promise<Map<number, AnsweredCallRow>> {
  const ids = contacts.map((contact) => contact.id)
  const rows = await answeredCallsOf(db, councilId, ids)
  return new Map(rows.flatMap((row) => (row.contact_id === null ? [] : [[row.contact_id, row] as const])))
}
