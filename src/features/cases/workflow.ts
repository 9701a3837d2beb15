// The case workflow: the one table of status changes a case may make. Anything not listed is
// refused. A resolved case can be closed or reopened; closed and cancelled cases are final.
import type { CaseStatus } from '../../platform/db/values.ts'

export const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  open: ['in_progress', 'waiting', 'resolved', 'cancelled'],
  in_progress: ['waiting', 'resolved', 'cancelled'],
  waiting: ['in_progress', 'resolved', 'cancelled'],
  resolved: ['closed', 'in_progress'],
  closed: [],
  cancelled: [],
}

/** Statuses in which a case is still being worked, so its due time still matters. */
export const ACTIVE_STATUSES: readonly CaseStatus[] = ['open', 'in_progress', 'waiting']

export function allowedNextStatuses(status: CaseStatus): readonly CaseStatus[] {
  return TRANSITIONS[status]
}

export function canChangeStatus(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to)
}

/** Going from resolved back to being worked on. */
export function isReopening(from: CaseStatus, to: CaseStatus): boolean {
  return from === 'resolved' && ACTIVE_STATUSES.includes(to)
}
