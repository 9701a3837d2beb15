// Working a case: moving it along the workflow, adding notes, and giving it to a team or a
// person. Each change commits with its timeline entry and audit event in one transaction.
import type { Database } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import { inTransaction, throughTransaction } from '../../platform/db/transaction.ts'
import type { CaseStatus } from '../../platform/db/values.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { Problem, conflict, invalid, notFound } from '../../platform/http/problem.ts'
import { isUniqueViolation } from '../../platform/db/errors.ts'
import { getTeam } from '../catalogue/service.ts'
import { rollupCases } from '../metrics/service.ts'
import { queuePublicNote, queueStatusChange } from '../messages/service.ts'
import { allowedNextStatuses, canChangeStatus, isReopening } from './workflow.ts'
import type { Assignment, Case, CaseEvent, NoteInput, StatusChange } from './case-types.ts'
import { toCase, toCaseEvent } from './case-types.ts'
import { timelineEvent } from './timeline.ts'
import { reopenChanges, reopenReasonErrors } from './reopen.ts'
import type { CaseEventRow, CaseRow } from './repo.ts'
import * as repo from './repo.ts'

function describeNext(status: CaseStatus): string {
  const next = allowedNextStatuses(status)
  return next.length === 0 ? `a ${status} case cannot change status` : `from ${status} it can go to ${next.join(', ')}`
}

function statusRuleErrors(change: StatusChange): FieldError[] {
  const resolution = change.resolution?.trim() ?? ''
  if (change.status === 'resolved' && resolution === '')
    return [{ name: 'body.resolution', message: 'Say how the case was resolved' }]
  if (change.status !== 'resolved' && change.resolution != null)
    return [{ name: 'body.resolution', message: 'Give a resolution only when resolving the case' }]
  return []
}

function checkStatusChange(from: CaseStatus, change: StatusChange): void {
  const to = change.status
  if (!canChangeStatus(from, to)) {
    throw new Problem(409, `A case cannot go from ${from} to ${to}: ${describeNext(from)}`, [
      { name: 'body.status', message: `Choose one of: ${allowedNextStatuses(from).join(', ') || 'none'}` },
    ])
  }
  const errors = statusRuleErrors(change)
  if (errors.length > 0) throw invalid(errors)
}

/** Whether the desk form of this token has already made its change (see FormToken). */
async function alreadyMade(db: Queryable, councilId: number, formToken: string | undefined): Promise<boolean> {
  return formToken !== undefined && (await repo.caseEventIdOfToken(db, councilId, formToken)) !== undefined
}

/**
 * Runs a change that owns its transaction. Two sends of one form at the same moment both find no
 * entry with their token; the second to commit meets the token's unique index and, its change
 * being the first's, has nothing left to do.
 */
async function once(formToken: string | undefined, change: () => Promise<unknown>): Promise<void> {
  try {
    await change()
  } catch (error) {
    if (formToken === undefined || !isUniqueViolation(error)) throw error
  }
}

/** Resolving stamps resolved_at and the resolution; reopening clears both. */
function resolvedFields(from: CaseStatus, change: StatusChange, at: string) {
  if (change.status === 'resolved') return { resolved_at: at, resolution: change.resolution?.trim() ?? null }
  return isReopening(from, change.status) ? { resolved_at: null, resolution: null } : {}
}

/**
 * Moves a case along the workflow. A change the workflow does not allow is a 409 naming both
 * statuses and the allowed ones. Resolving needs a resolution and stamps resolved_at; reopening
 * clears both, is refused after the service's reopen period and sets a fresh due time.
 */
export async function changeCaseStatus(
  database: Database,
  actor: Actor,
  councilId: number,
  caseId: number,
  change: StatusChange,
  trx?: Queryable,
  /** False when another message says it better (a duplicate report is told which case it joined). */
  tellResident = true,
): Promise<Case> {
  const at = (change.now ?? new Date()).toISOString()
  const work = inTransaction(database, trx, async (db) => {
    const current = await repo.findCaseRow(db, councilId, caseId)
    if (!current) throw notFound('Case')
    if (await alreadyMade(db, councilId, change.formToken)) return
    const from = current.status
    const to = change.status
    checkStatusChange(from, change)
    const reopening = isReopening(from, to) ? await reopenChanges(database, db, current, at) : {}
    const changes = { status: to, updated_at: at, ...resolvedFields(from, change, at), ...reopening }
    if (!(await repo.updateCaseInStatus(db, councilId, caseId, from, changes)))
      throw conflict('The case changed while this change was being made; read it again and retry')
    await rollupCases(db, councilId, { removed: [current], added: [{ ...current, ...changes }] })
    const entry = {
      kind: 'status_changed',
      from_status: from,
      to_status: to,
      body: change.note?.trim() || null,
    } as const
    await repo.insertCaseEvent(db, {
      ...timelineEvent(councilId, caseId, actor, at, entry),
      form_token: change.formToken,
    })
    // A status change is public: the resident hears of it the way they asked, or not at all if it is undone.
    if (tellResident) await queueStatusChange(db, { councilId, caseId, status: to, resolution: changes.resolution })
    await recordAudit(
      database,
      actor,
      { action: 'case.status_change', subjectType: 'case', subjectId: caseId, detail: { from, to } },
      db,
    )
  })
  // Inside a caller's transaction a refused write ends that transaction, so only an own one answers for a race.
  if (trx === undefined) await once(change.formToken, () => work)
  else await work
  const row = await repo.findCaseRow(trx ?? database.db, councilId, caseId)
  return toCase(row as CaseRow)
}

/**
 * Puts a resolved case back to work because the resident says it is not fixed, within the
 * service's reopen period, with the reason on the timeline and a fresh due time.
 */
export async function reopenCase(
  database: Database,
  actor: Actor,
  councilId: number,
  caseId: number,
  reopening: { reason?: string; now?: Date; formToken?: string },
): Promise<Case> {
  reopenReasonErrors(reopening.reason)
  const change = {
    status: 'in_progress' as const,
    note: `Reopened: ${reopening.reason?.trim()}`,
    now: reopening.now,
    formToken: reopening.formToken,
  }
  return changeCaseStatus(database, actor, councilId, caseId, change)
}

/** Adds a note to a case's timeline: internal for staff, or public for the resident to see. */
export async function addCaseNote(
  database: Database,
  actor: Actor,
  councilId: number,
  caseId: number,
  note: NoteInput,
): Promise<CaseEvent> {
  const at = (note.now ?? new Date()).toISOString()
  const visibility = note.visibility ?? 'internal'
  const write = database.db.transaction().execute(async (db) => {
    const current = await repo.findCaseRow(db, councilId, caseId)
    if (!current) throw notFound('Case')
    const made = note.formToken === undefined ? undefined : await repo.caseEventIdOfToken(db, councilId, note.formToken)
    if (made !== undefined) return made
    const entry = { kind: 'note', visibility, body: note.body.trim() } as const
    const id = await repo.insertCaseEvent(db, {
      ...timelineEvent(councilId, caseId, actor, at, entry),
      form_token: note.formToken,
    })
    if (visibility === 'public') await queuePublicNote(db, { councilId, caseId, body: entry.body })
    await repo.updateCase(db, councilId, caseId, { updated_at: at })
    await recordAudit(
      database,
      actor,
      { action: 'case.note', subjectType: 'case', subjectId: caseId, detail: { event_id: id, visibility } },
      db,
    )
    return id
  })
  let eventId: number
  try {
    eventId = await write
  } catch (error) {
    const made =
      note.formToken === undefined ? undefined : await repo.caseEventIdOfToken(database.db, councilId, note.formToken)
    if (made === undefined || !isUniqueViolation(error)) throw error
    eventId = made
  }
  return toCaseEvent((await repo.findCaseEvent(database.db, councilId, eventId)) as CaseEventRow)
}

async function assignmentErrors(
  database: Database,
  db: Queryable,
  councilId: number,
  assignment: Assignment,
): Promise<FieldError[]> {
  const errors: FieldError[] = []
  if (assignment.team_id === undefined && assignment.assignee_id === undefined) {
    return [{ name: 'body', message: 'Give a team_id, an assignee_id or both' }]
  }
  if (
    typeof assignment.team_id === 'number' &&
    !(await getTeam(throughTransaction(database, db), councilId, assignment.team_id))
  ) {
    errors.push({ name: 'body.team_id', message: 'There is no team with this id in this council' })
  }
  if (typeof assignment.assignee_id === 'number') {
    const staff = await repo.findStaff(db, councilId, assignment.assignee_id)
    if (!staff)
      errors.push({ name: 'body.assignee_id', message: 'There is no staff member with this id in this council' })
    else if (staff.active !== 1)
      errors.push({
        name: 'body.assignee_id',
        message: 'This staff member’s account is not active, so they cannot be given cases',
      })
  }
  return errors
}

/** Gives one case to a team and/or person inside the caller's transaction: the change, its timeline entry, its audit. */
async function assignWithin(
  database: Database,
  db: Queryable,
  actor: Actor,
  councilId: number,
  caseId: number,
  assignment: Assignment,
  at: string,
): Promise<void> {
  const current = await repo.findCaseRow(db, councilId, caseId)
  if (!current) throw notFound('Case')
  const teamId = assignment.team_id === undefined ? current.team_id : assignment.team_id
  const assigneeId = assignment.assignee_id === undefined ? current.assignee_id : assignment.assignee_id
  await repo.updateCase(db, councilId, caseId, { team_id: teamId, assignee_id: assigneeId, updated_at: at })
  const detail = {
    from_team_id: current.team_id,
    team_id: teamId,
    from_assignee_id: current.assignee_id,
    assignee_id: assigneeId,
  }
  await repo.insertCaseEvent(db, {
    ...timelineEvent(councilId, caseId, actor, at, { kind: 'assigned', detail }),
    form_token: assignment.formToken,
  })
  await recordAudit(database, actor, { action: 'case.assign', subjectType: 'case', subjectId: caseId, detail }, db)
}

/** Gives a case to a team, a person, or both; null takes it away from them. */
export async function assignCase(
  database: Database,
  actor: Actor,
  councilId: number,
  caseId: number,
  assignment: Assignment,
): Promise<Case> {
  const at = (assignment.now ?? new Date()).toISOString()
  await once(assignment.formToken, () =>
    database.db.transaction().execute(async (db) => {
      if (!(await repo.findCaseRow(db, councilId, caseId))) throw notFound('Case')
      if (await alreadyMade(db, councilId, assignment.formToken)) return
      const errors = await assignmentErrors(database, db, councilId, assignment)
      if (errors.length > 0) throw invalid(errors)
      await assignWithin(database, db, actor, councilId, caseId, assignment, at)
    }),
  )
  return toCase((await repo.findCaseRow(database.db, councilId, caseId)) as CaseRow)
}

/**
 * Gives several cases to the same team and/or person at once: all of them or, if any case is
 * not found or the assignment is refused, none. Each case gets its own timeline entry and audit event.
 */
export async function assignCases(
  database: Database,
  actor: Actor,
  councilId: number,
  caseIds: readonly number[],
  assignment: Assignment,
): Promise<number> {
  const at = (assignment.now ?? new Date()).toISOString()
  const unique = [...new Set(caseIds)]
  if (unique.length === 0) throw invalid([{ name: 'body.cases', message: 'Select at least one case to assign' }])
  await once(assignment.formToken, () =>
    database.db.transaction().execute(async (db) => {
      if (await alreadyMade(db, councilId, assignment.formToken)) return
      const errors = await assignmentErrors(database, db, councilId, assignment)
      if (errors.length > 0) throw invalid(errors)
      // The form's token is kept on the first case's entry: one is enough to know the whole batch was made.
      for (const [i, caseId] of unique.entries()) {
        const given = i === 0 ? assignment : { ...assignment, formToken: undefined }
        await assignWithin(database, db, actor, councilId, caseId, given, at)
      }
    }),
  )
  return unique.length
}
