// The append-only audit trail. Each row's hash covers its own facts and the previous row's hash,
// so a changed or deleted row breaks the chain at a place `frontdoor audit verify` can name.
import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { Database } from '../db/database.ts'
import { nowIso } from '../db/database.ts'
import type { AuditEventTable } from '../db/schema.ts'
import type { ActorKind } from '../db/values.ts'
import { preparedAppend, preparedQuery } from '../db/prepared.ts'
import { BatchOfTheMoment, batcherPerDatabase } from '../db/batch-of-the-moment.ts'
import type { Queryable } from '../db/schema.ts'

export type Actor = {
  kind: ActorKind
  id: number | null
  label: string
  councilId: number | null
  sourceAddress?: string | null
}

/** A member of staff as the actor of an event; before they are known (a failed sign-in) the id is null. */
export function staffActor(staffId: number | null, councilId: number, sourceAddress: string | null): Actor {
  return {
    kind: 'staff',
    id: staffId,
    label: staffId === null ? 'staff:unknown' : `staff:${staffId}`,
    councilId,
    sourceAddress,
  }
}

export type AuditEntry = {
  action: string
  subjectType: string
  subjectId?: string | number | null
  /** Facts about the event, never personal data: ids, field names, counts. */
  detail?: Record<string, unknown>
}

export const GENESIS_HASH = '0'.repeat(64)
// Any fixed number: PostgreSQL advisory locks are keyed by integer.
const AUDIT_LOCK_KEY = 4_407_311

type HashedFields = Omit<AuditEventTable, 'id' | 'hash'>

export function auditHash(row: HashedFields): string {
  const canonical = JSON.stringify([
    row.prev_hash,
    row.council_id,
    row.actor_kind,
    row.actor_id,
    row.actor_label,
    row.action,
    row.subject_type,
    row.subject_id,
    row.at,
    row.source_address,
    row.detail,
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

const lastEvent = preparedQuery(0, (db: Queryable) =>
  db.selectFrom('audit_event').select('hash').orderBy('id', 'desc').limit(1),
)

async function lastHash(trx: Queryable, engine: Database['engine']): Promise<string> {
  const [last] = await lastEvent(trx, engine)
  return last?.hash ?? GENESIS_HASH
}

function auditFields(actor: Actor, entry: AuditEntry): Omit<HashedFields, 'prev_hash'> {
  return {
    council_id: actor.councilId,
    actor_kind: actor.kind,
    actor_id: actor.id,
    actor_label: actor.label,
    action: entry.action,
    subject_type: entry.subjectType,
    subject_id: entry.subjectId === undefined || entry.subjectId === null ? null : String(entry.subjectId),
    at: nowIso(),
    source_address: actor.sourceAddress ?? null,
    detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
  }
}

// Every audited request appends a row: the insert is compiled once.
const appendEvent = preparedAppend('audit_event', [
  'council_id',
  'actor_kind',
  'actor_id',
  'actor_label',
  'action',
  'subject_type',
  'subject_id',
  'at',
  'source_address',
  'detail',
  'prev_hash',
  'hash',
])

/** Appends rows in order, each chained to the one before; the caller's transaction commits them. */
async function appendAll(
  trx: Queryable,
  engine: Database['engine'],
  rows: readonly Omit<HashedFields, 'prev_hash'>[],
): Promise<void> {
  // Appends must not interleave, or two rows would claim the same predecessor.
  if (engine === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx)
  let previous = await lastHash(trx, engine)
  const chained = rows.map((row) => {
    const fields: HashedFields = { ...row, prev_hash: previous }
    previous = auditHash(fields)
    return { ...fields, hash: previous }
  })
  // SQLite runs in-process, so a compiled statement per row is cheapest; PostgreSQL is a round
  // trip away, so a batch goes in one statement.
  if (engine === 'sqlite' || chained.length === 1) {
    for (const row of chained) await appendEvent(trx, engine, row)
  } else {
    await trx.insertInto('audit_event').values(chained).execute()
  }
}

// Well under PostgreSQL's limit of bound parameters in one statement (12 columns a row), and
// bounds how long the first reader of a busy moment waits for the others' events.
const MAX_BATCH = 500

/**
 * Audit events that stand alone (reads, mostly) are written together: the events of one moment
 * go in one transaction, and each caller's promise settles only when that transaction has
 * committed. Under load this turns a commit per request into a commit per batch; a quiet server
 * still commits each event at once.
 */
const standaloneWriterFor = batcherPerDatabase(
  (database) =>
    new BatchOfTheMoment(async (rows: readonly Omit<HashedFields, 'prev_hash'>[]) => {
      await database.db.transaction().execute((trx) => appendAll(trx, database.engine, rows))
      return rows.map(() => ({ ok: true as const, value: undefined }))
    }, MAX_BATCH),
)

/**
 * Records one audit event. Pass the transaction of the change it describes so both commit or
 * neither does; without one it is written with the others of the moment, and this resolves once
 * it has been committed.
 */
export async function recordAudit(database: Database, actor: Actor, entry: AuditEntry, trx?: Queryable): Promise<void> {
  if (trx) return appendAll(trx, database.engine, [auditFields(actor, entry)])
  return standaloneWriterFor(database).add(auditFields(actor, entry))
}

export type ChainReport = { checked: number; firstBrokenId: number | null; reason: string | null }

/** Walks the whole chain in id order, in pages, and names the first row that does not fit. */
export async function verifyAuditChain(database: Database, pageSize = 5000): Promise<ChainReport> {
  let previous = GENESIS_HASH
  let afterId = 0
  let checked = 0
  for (;;) {
    const rows = await database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(pageSize)
      .execute()
    if (rows.length === 0) return { checked, firstBrokenId: null, reason: null }
    for (const row of rows) {
      if (row.prev_hash !== previous)
        return {
          checked,
          firstBrokenId: row.id,
          reason: 'does not point to the row before it (a row was removed or reordered)',
        }
      if (auditHash(row) !== row.hash)
        return { checked, firstBrokenId: row.id, reason: 'its contents do not match its hash (the row was changed)' }
      previous = row.hash
      afterId = row.id
      checked++
    }
  }
}
