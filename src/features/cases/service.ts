// Cases: requests and reports against a service, worked by a team within the service's target
// time. Creation, status changes, notes and assignment each commit with their timeline event and
// audit event in one transaction; every read through here is audited too, and takes the reader's
// Scope so a resident reaches only their own cases.
//
// This file is the feature's one entry for other features; the work is done in the files it
// names: creating (create-case.ts), reading (read-cases.ts, visibility.ts) and working a case
// (case-commands.ts).
export type {
  Assignment,
  Case,
  CaseEvent,
  CaseLocation,
  CaseQuery,
  CaseWithTimeline,
  CreateCaseInput,
  NoteInput,
  StatusChange,
} from './case-types.ts'
export { allowedNextStatuses } from './workflow.ts'
export { createCase, dueAtFor } from './create-case.ts'
export { caseIdOfReference, getCase, getCaseByReference, listCases, openCaseCounts } from './read-cases.ts'
export { ACTIVE_STATUSES } from './workflow.ts'
export { RESIDENT_STATUS_WORDS } from './resident-status.ts'
export { addCaseNote, assignCase, assignCases, changeCaseStatus, reopenCase } from './case-commands.ts'
export { reopenPeriodOf, type ReopenPeriod } from './reopen.ts'
export { caseTarget, type CaseTarget } from './target.ts'
export {
  listQueue,
  staffWhoMayTakeCases,
  teamIdsOf,
  QUEUE_SORTS,
  QUEUE_VIEWS,
  type QueueCase,
  type QueueCounts,
  type QueueOrder,
  type QueuePage,
  type QueueQuery,
  type QueueSort,
  type QueueView,
} from './queue.ts'
export { addCaseHistoryInBulk, importCaseBatch, type ImportedCase, type PlannedCase } from './import-batch.ts'
export { formatCaseReference, nextCaseReference, normaliseCaseReference } from './reference.ts'
export { addWorkingHours, workingCalendar, workingTimeBetween } from './working-hours.ts'
// The council's own closure days and bank holidays it opens on, for other features' calendars.
export { councilHolidays } from './repo.ts'
export {
  earlierSubmission,
  joinedCaseOf,
  linkedCasesOf,
  openCasesAtPlace,
  raiseFromDesk,
  type DeskOutcome,
  type DeskReport,
  type Place,
} from './desk-reports.ts'
export {
  raiseOnline,
  raisedByForm,
  type AlongsideCase,
  type OnlineSubmission,
  type RaisedOnline,
} from './online-requests.ts'
export { caseForTracking, type TrackedCase } from './tracking.ts'
export { caseToRate, type CaseToRate } from './rating.ts'
