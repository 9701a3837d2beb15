// Cases written in bulk, each batch inside the caller's transaction: rows of an import file,
// matched to cases already held by their external id, and the demo's made-up history with its
// timelines and reference counters.
import type { Insertable } from 'kysely'
import type { CaseEventTable, CaseTable, Queryable } from '../../platform/db/schema.ts'
import { formatCaseReference } from './reference.ts'
import * as repo from './repo.ts'
import { keepSurveysInStep, rollupCases } from '../metrics/service.ts'

/** A case from another system: everything but the reference, which is kept or given here. */
export type ImportedCase = Omit<Insertable<CaseTable>, 'council_id' | 'reference'> & {
  external_id: string | null
  created_at: string
}

export type CaseBatchResult = { created: number; updated: number }

/** New references for the cases of a batch, a block per year taken from that year's counter at once. */
async function newReferences(
  trx: Queryable,
  councilId: number,
  cases: readonly ImportedCase[],
): Promise<Map<ImportedCase, string>> {
  const byYear = new Map<number, ImportedCase[]>()
  for (const row of cases) {
    const year = new Date(row.created_at).getUTCFullYear()
    byYear.set(year, [...(byYear.get(year) ?? []), row])
  }
  const references = new Map<ImportedCase, string>()
  for (const [year, rows] of byYear) {
    const last = await repo.reserveCaseNumbers(trx, councilId, year, rows.length)
    rows.forEach((row, i) => references.set(row, formatCaseReference(year, last - rows.length + 1 + i)))
  }
  return references
}

/**
 * Writes one batch of a cases file: a case already held by external id is updated (only
 * `columns`, the ones the file has) and keeps its reference; a new one gets a reference for the
 * year it was raised and a 'created' event on its timeline.
 */
export async function importCaseBatch(
  trx: Queryable,
  councilId: number,
  cases: readonly ImportedCase[],
  columns: readonly (keyof CaseTable & string)[],
): Promise<CaseBatchResult> {
  const externalIds = cases.flatMap((row) => (row.external_id === null ? [] : [row.external_id]))
  const held = externalIds.length > 0 ? await repo.caseReferencesByExternalId(trx, councilId, externalIds) : new Map()
  const fresh = cases.filter((row) => row.external_id === null || !held.has(row.external_id))
  const references = await newReferences(trx, councilId, fresh)
  const rows: Insertable<CaseTable>[] = cases.map((row) => ({
    ...row,
    council_id: councilId,
    reference: references.get(row) ?? (held.get(row.external_id as string) as string),
  }))
  const heldIds = await repo.caseIdsByExternalId(trx, councilId, externalIds)
  const before = await repo.caseFigureFacts(trx, councilId, heldIds)
  const ids = await keepSurveysInStep(trx, councilId, { caseIds: heldIds }, () =>
    repo.upsertCaseRows(trx, rows, columns),
  )
  const after = await repo.caseFigureFacts(trx, councilId, [...ids.values()])
  await rollupCases(trx, councilId, { added: after, removed: before })
  const events: Insertable<CaseEventTable>[] = fresh.map((row) => ({
    council_id: councilId,
    case_id: ids.get(references.get(row) as string) as number,
    kind: 'created',
    from_status: null,
    to_status: row.status,
    visibility: 'internal',
    body: null,
    actor_kind: 'system',
    actor_id: null,
    at: row.created_at,
    detail: JSON.stringify({ imported: true, channel: row.channel, created_by: row.created_by }),
  }))
  await repo.insertCaseEventRows(trx, events)
  return { created: fresh.length, updated: cases.length - fresh.length }
}

/** A case of the demo's history with its reference already given, and its timeline. */
export type PlannedCase = {
  row: Omit<Insertable<CaseTable>, 'council_id'>
  events: readonly Omit<Insertable<CaseEventTable>, 'council_id' | 'case_id'>[]
}

/**
 * Adds cases with their timelines, and sets each year's reference counter to the last number
 * given; answers with the cases' ids in order.
 */
export async function addCaseHistoryInBulk(
  trx: Queryable,
  councilId: number,
  cases: readonly PlannedCase[],
  counters: readonly { year: number; last: number }[],
): Promise<number[]> {
  const ids = await repo.upsertCaseRows(
    trx,
    cases.map(({ row }) => ({ ...row, council_id: councilId })),
    [],
  )
  await repo.insertReferenceCounters(
    trx,
    counters.map((c) => ({ council_id: councilId, year: c.year, last_number: c.last })),
  )
  const caseIds = cases.map(({ row }) => {
    const id = ids.get(row.reference)
    if (id === undefined) throw new Error(`case ${row.reference} was not stored`)
    return id
  })
  await rollupCases(trx, councilId, { added: await repo.caseFigureFacts(trx, councilId, caseIds) })
  await repo.insertCaseEventRows(
    trx,
    cases.flatMap(({ events }, i) =>
      events.map((event) => ({ ...event, council_id: councilId, case_id: caseIds[i] as number })),
    ),
  )
  return caseIds
}
