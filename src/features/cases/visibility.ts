// What a reader may see of a case. Staff of the council see everything; a resident sees only
// their own cases, and of those only what the council tells them.
import type { Scope } from '../../platform/auth/scope.ts'
import type { Case, CaseEvent } from './case-types.ts'
import { toCase } from './case-types.ts'
import type { CaseRow } from './repo.ts'

/**
 * The case if the scope may see it, otherwise nothing, just as if it did not exist: a resident
 * asking for someone else's case gets the same 404 as for a case that was never raised, so
 * references cannot be probed.
 */
export function visibleTo(scope: Scope, row: CaseRow | undefined): CaseRow | undefined {
  if (!row) return undefined
  if (scope.kind === 'council') return row
  if (scope.kind === 'resident')
    return scope.residentId !== null && row.resident_id === scope.residentId ? row : undefined
  return undefined
}

/** What a resident sees of their case's timeline: it was raised, its status changes and the public notes. */
function publicEvent(event: CaseEvent): CaseEvent | undefined {
  const shown =
    event.kind === 'created' ||
    event.kind === 'status_changed' ||
    (event.kind === 'note' && event.visibility === 'public')
  if (!shown) return undefined
  // A status change's note, the facts in `detail` and who on the staff did it are internal.
  return {
    ...event,
    body: event.kind === 'note' ? event.body : null,
    detail: null,
    actor_id: event.actor_kind === 'resident' ? event.actor_id : null,
  }
}

/** Which team and member of staff hold a case, and who raised it, are the council's business: a resident sees null. */
export function caseFor(scope: Scope, row: CaseRow): Case {
  const found = toCase(row)
  if (scope.kind === 'council') return found
  return { ...found, team_id: null, assignee_id: null, created_by_staff_id: null }
}

export function timelineFor(scope: Scope, events: CaseEvent[]): CaseEvent[] {
  if (scope.kind === 'council') return events
  return events.flatMap((event) => publicEvent(event) ?? [])
}
