// A request's status as a resident reads it, wherever they read it: the public tracking page and
// their account's requests said "Done" and "Resolved", "Waiting for information" and "Waiting" for
// the same case. The words are the English keys their translations are found by in locales/.
import type { CaseStatus } from '../../platform/db/values.ts'

export const RESIDENT_STATUS_WORDS: Record<CaseStatus, string> = {
  open: 'Received',
  in_progress: 'In progress',
  waiting: 'Waiting for information',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
}
