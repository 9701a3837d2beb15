// Contacts written in bulk, each batch inside the caller's transaction: rows of an import file,
// matched to contacts already held by their external id, and the demo's made-up history.
import type { Insertable } from 'kysely'
import type { ContactTable, Queryable } from '../../platform/db/schema.ts'
import * as repo from './repo.ts'
import { keepSurveysInStep, rollupContacts } from '../metrics/service.ts'
import type { ContactFacts } from '../metrics/service.ts'

export type ImportedContact = Insertable<ContactTable>

export type ContactBatchResult = { created: number; updated: number }

/**
 * Writes one batch of a contacts file: a contact whose external id is already held is updated in
 * place (only `columns`, the ones the file has), the others are added.
 */
export async function importContactBatch(
  trx: Queryable,
  councilId: number,
  rows: readonly ImportedContact[],
  columns: readonly (keyof ContactTable & string)[],
): Promise<ContactBatchResult> {
  const externalIds = rows.flatMap((row) => (row.external_id ? [row.external_id] : []))
  const held = externalIds.length > 0 ? await repo.contactExternalIdsHeld(trx, councilId, externalIds) : new Set()
  const before = await repo.contactFigureFactsByExternalId(trx, councilId, externalIds)
  await keepSurveysInStep(trx, councilId, { contactExternalIds: externalIds }, () =>
    repo.upsertContactRows(trx, rows, columns),
  )
  const after = await repo.contactFigureFactsByExternalId(trx, councilId, externalIds)
  const anonymous = rows.filter((row) => !row.external_id).map(figureFacts)
  await rollupContacts(trx, councilId, { added: [...after, ...anonymous], removed: before })
  const updated = externalIds.filter((id) => held.has(id)).length
  return { created: rows.length - updated, updated }
}

/** Adds contacts as they are; answers with their ids in order. */
export async function addContactsInBulk(trx: Queryable, rows: readonly Insertable<ContactTable>[]): Promise<number[]> {
  const ids = await repo.insertContactRows(trx, rows)
  for (const councilId of new Set(rows.map((row) => row.council_id))) {
    const added = rows.filter((row) => row.council_id === councilId).map(figureFacts)
    await rollupContacts(trx, councilId, { added })
  }
  return ids
}

function figureFacts(row: Insertable<ContactTable>): ContactFacts {
  return {
    started_at: row.started_at,
    resident_id: row.resident_id ?? null,
    channel: row.channel,
    direction: row.direction,
    service_id: row.service_id ?? null,
    outcome: row.outcome,
    avoidable: row.avoidable,
    handle_seconds: row.handle_seconds ?? null,
  }
}
