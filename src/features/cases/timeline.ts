// Every change to a case leaves an entry on its timeline, made here so each kind carries the
// same who, when and defaults.
import type { Insertable } from 'kysely'
import type { CaseEventTable } from '../../platform/db/schema.ts'
import type { CaseEventKind, CaseStatus, NoteVisibility } from '../../platform/db/values.ts'
import type { Actor } from '../../platform/audit/audit.ts'

/** What happened; anything left out is empty, and the entry is internal unless it says otherwise. */
export type TimelineChange = {
  kind: CaseEventKind
  from_status?: CaseStatus | null
  to_status?: CaseStatus | null
  visibility?: NoteVisibility
  body?: string | null
  detail?: Record<string, unknown> | null
}

/** The timeline entry for a change to a case, by this actor at this time, ready to store. */
export function timelineEvent(
  councilId: number,
  caseId: number,
  actor: Actor,
  at: string,
  change: TimelineChange,
): Insertable<CaseEventTable> {
  return {
    council_id: councilId,
    case_id: caseId,
    kind: change.kind,
    from_status: change.from_status ?? null,
    to_status: change.to_status ?? null,
    visibility: change.visibility ?? 'internal',
    body: change.body ?? null,
    actor_kind: actor.kind,
    actor_id: actor.id,
    at,
    detail: change.detail == null ? null : JSON.stringify(change.detail),
  }
}
