// Following a request without an account: a case found by its reference shows what its resident
// would see of it (status and the public timeline), once the caller has proved they are the one
// who sent it. The proof is checked by the caller; this only finds the case and what it may show.
import type { Database } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Scope } from '../../platform/auth/scope.ts'
import { caseFor, timelineFor } from './visibility.ts'
import { normaliseCaseReference } from './reference.ts'
import { toCaseEvent } from './case-types.ts'
import type { CaseWithTimeline } from './case-types.ts'
import * as repo from './repo.ts'

export type TrackedCase = {
  /** Who the case is about, to check the proof against their contact details; null for an anonymous report. */
  residentId: number | null
  /** Where the problem is, to check a postcode given as proof. */
  locationAddress: string | null
  /** The case as its resident sees it: the public timeline only. */
  publicView: CaseWithTimeline
}

/** The case with this reference, as its resident would see it, or nothing. Audited as a read when found. */
export async function caseForTracking(
  database: Database,
  actor: Actor,
  councilId: number,
  reference: string,
): Promise<TrackedCase | undefined> {
  const normalised = normaliseCaseReference(reference)
  const row =
    normalised === undefined ? undefined : await repo.findCaseRowByReference(database.db, councilId, normalised)
  if (!row) return undefined
  const asResident: Scope = { kind: 'resident', councilId, residentId: row.resident_id }
  const events = await repo.listCaseEvents(database.db, councilId, row.id)
  const publicView = { ...caseFor(asResident, row), timeline: timelineFor(asResident, events.map(toCaseEvent)) }
  await recordAudit(database, actor, {
    action: 'case.read',
    subjectType: 'case',
    subjectId: row.id,
    detail: { by: 'tracking' },
  })
  return { residentId: row.resident_id, locationAddress: row.location_address, publicView }
}
