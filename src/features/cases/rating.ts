// The case a "rate the service" link names, as far as the rating needs it: whether it has reached
// the end of its work, since when, and what the figures count it under. Nothing a resident could
// read about the case leaves here, because the reference alone proves nothing about who is asking.
import type { Database } from '../../platform/db/database.ts'
import type { Channel } from '../../platform/db/values.ts'
import { normaliseCaseReference } from './reference.ts'
import * as repo from './repo.ts'

export type CaseToRate = {
  id: number
  serviceId: number
  channel: Channel
  /** When the case was resolved (or closed, when it was closed without being resolved first). */
  finishedAt: string
}

/** The resolved or closed case with this reference, or nothing (unknown, mistyped or still being worked). */
export async function caseToRate(
  database: Database,
  councilId: number,
  reference: string,
): Promise<CaseToRate | undefined> {
  const normalised = normaliseCaseReference(reference)
  if (normalised === undefined) return undefined
  const row = await repo.findCaseRowByReference(database.db, councilId, normalised)
  if (!row || (row.status !== 'resolved' && row.status !== 'closed')) return undefined
  return {
    id: row.id,
    serviceId: row.service_id,
    channel: row.channel,
    finishedAt: row.resolved_at ?? row.updated_at,
  }
}
