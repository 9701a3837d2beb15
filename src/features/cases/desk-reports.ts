// The desk's reports: before an advisor raises a case, the open cases of the same service at the
// same place; then either a new case or the report joined to one of those (kept as its own case,
// cancelled and linked, so the caller's words and their reference survive). Each form carries a
// one-time token: the same form sent twice raises one case and answers both times with it.
import type { Database } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import { inTransaction } from '../../platform/db/transaction.ts'
import { isUniqueViolation } from '../../platform/db/errors.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { invalid, notFound } from '../../platform/http/problem.ts'
import { logContact } from '../contacts/service.ts'
import { ACTIVE_STATUSES } from './workflow.ts'
import { createCase } from './create-case.ts'
import { changeCaseStatus } from './case-commands.ts'
import { queuePublicNote } from '../messages/service.ts'
import type { Case, CreateCaseInput } from './case-types.ts'
import { toCase } from './case-types.ts'
import { timelineEvent } from './timeline.ts'
import type { CaseRow } from './repo.ts'
import * as repo from './repo.ts'

/** Enough open cases to recognise the one the caller means; more than this is a queue, not a duplicate. */
const MOST_DUPLICATES = 10

export type Place = { serviceId: number; uprn: string | null; address: string | null }

/** The open cases of a service at this property or address, newest first. Audited as a list read. */
export async function openCasesAtPlace(
  database: Database,
  actor: Actor,
  councilId: number,
  place: Place,
): Promise<Case[]> {
  const rows = await repo.openCaseRowsAtPlace(
    database.db,
    councilId,
    { ...place, activeStatuses: ACTIVE_STATUSES },
    MOST_DUPLICATES,
  )
  await recordAudit(database, actor, {
    action: 'case.list',
    subjectType: 'case',
    detail: { filters: ['service_id', 'place', 'open'], count: rows.length },
  })
  return rows.map(toCase)
}

export type DeskReport = {
  /** The form's one-time token. */
  token: string
  input: CreateCaseInput
  /** The open case this report joins instead of being worked on its own. */
  joinCaseId?: number
  /**
   * Records the contact the report came in on, in the case's transaction, when it is not the
   * caller's own inbound one: a call back the advisor made records its try as that contact.
   */
  recordContact?: (trx: Queryable, raised: Case) => Promise<void>
}

export type DeskOutcome = {
  /** The case the report raised (cancelled and linked when it joined another). */
  raised: { id: number; reference: string }
  /** The open case it joined, if it did: the reference to read out. */
  joined: { id: number; reference: string } | null
  /** True when this form had been sent before and nothing new was raised. */
  repeated: boolean
}

async function outcomeOf(db: Queryable, councilId: number, caseId: number, repeated: boolean): Promise<DeskOutcome> {
  const raised = (await repo.findCaseRow(db, councilId, caseId)) as CaseRow
  const joined = await repo.duplicateOf(db, councilId, caseId)
  return { raised: { id: raised.id, reference: raised.reference }, joined: joined ?? null, repeated }
}

async function caseToJoin(db: Queryable, councilId: number, caseId: number, serviceId: number): Promise<CaseRow> {
  const target = await repo.findCaseRow(db, councilId, caseId)
  if (!target || target.service_id !== serviceId || !ACTIVE_STATUSES.includes(target.status)) {
    throw invalid(
      [{ name: 'decision', message: 'That case is no longer open for this service; raise a new case instead' }],
      'The report cannot join that case',
    )
  }
  return target
}

async function joinTo(
  database: Database,
  trx: Queryable,
  actor: Actor,
  councilId: number,
  report: { created: Case; target: CaseRow },
): Promise<void> {
  const { created, target } = report
  const at = new Date().toISOString()
  const note = `Reported already as ${target.reference}, which is open: this report joined it`
  await changeCaseStatus(database, actor, councilId, created.id, { status: 'cancelled', note }, trx, false)
  const updates = `This was reported already. We are dealing with it as ${target.reference}.`
  await repo.insertCaseEvent(
    trx,
    timelineEvent(councilId, created.id, actor, at, { kind: 'note', visibility: 'public', body: updates }),
  )
  // The caller hears which case their report joined, rather than that it was cancelled.
  await queuePublicNote(trx, { councilId, caseId: created.id, body: updates })
  await repo.insertCaseLink(trx, {
    council_id: councilId,
    case_id: created.id,
    linked_case_id: target.id,
    kind: 'duplicate',
    created_at: at,
    created_by_staff_id: actor.kind === 'staff' ? actor.id : null,
  })
  const detail = { linked_case_id: created.id, reference: created.reference, channel: created.channel }
  const body = `Reported again (${created.reference}, by ${created.channel.replace(/_/g, ' ')}); joined to this case`
  await repo.insertCaseEvent(trx, timelineEvent(councilId, target.id, actor, at, { kind: 'note', body, detail }))
  await recordAudit(
    database,
    actor,
    { action: 'case.link', subjectType: 'case', subjectId: target.id, detail: { linked_case_id: created.id } },
    trx,
  )
}

async function raiseOnce(database: Database, actor: Actor, councilId: number, report: DeskReport) {
  return inTransaction(database, undefined, async (trx) => {
    const earlier = await repo.findSubmission(trx, councilId, report.token)
    if (earlier !== undefined) return outcomeOf(trx, councilId, earlier, true)
    const serviceId = report.input.service_id as number
    const target =
      report.joinCaseId === undefined ? undefined : await caseToJoin(trx, councilId, report.joinCaseId, serviceId)
    const created = await createCase(database, actor, councilId, report.input, trx)
    await repo.insertSubmission(trx, {
      council_id: councilId,
      token: report.token,
      case_id: created.id,
      created_at: created.created_at,
    })
    if (target) await joinTo(database, trx, actor, councilId, { created, target })
    if (report.recordContact) await report.recordContact(trx, created)
    else
      await logContact(
        database,
        actor,
        councilId,
        {
          channel: report.input.channel,
          direction: 'inbound',
          resident_id: report.input.resident_id ?? null,
          service_id: serviceId,
          outcome: 'case_raised',
          // The caller's own report: a contact names only a case of the resident it is with.
          case_id: created.id,
        },
        trx,
      )
    return outcomeOf(trx, councilId, created.id, false)
  })
}

/**
 * Raises a case from the desk, or joins the report to an open case, with the contact it came in
 * on, in one transaction. A token already used answers with what it raised the first time.
 */
export async function raiseFromDesk(
  database: Database,
  actor: Actor,
  councilId: number,
  report: DeskReport,
): Promise<DeskOutcome> {
  try {
    return await raiseOnce(database, actor, councilId, report)
  } catch (error) {
    // Two sends of one form at the same moment: the second loses the race for the token.
    const earlier = isUniqueViolation(error)
      ? await repo.findSubmission(database.db, councilId, report.token)
      : undefined
    if (earlier === undefined) throw error
    return outcomeOf(database.db, councilId, earlier, true)
  }
}

/** The open case a report joined, if it joined one. */
export async function joinedCaseOf(
  database: Database,
  councilId: number,
  caseId: number,
): Promise<{ id: number; reference: string } | undefined> {
  const found = await repo.findCaseRow(database.db, councilId, caseId)
  if (!found) throw notFound('Case')
  return repo.duplicateOf(database.db, councilId, caseId)
}

/**
 * The cases linked to one a member of staff may already see: the open case a duplicate report
 * joined, and the reports that joined it (their references and status only).
 */
export async function linkedCasesOf(
  database: Database,
  councilId: number,
  caseId: number,
): Promise<repo.LinkedCaseRow[]> {
  return repo.linkedCaseRows(database.db, councilId, caseId)
}

/** What a form with this token already raised, if it was sent before: sending it again raises nothing. */
export async function earlierSubmission(
  database: Database,
  councilId: number,
  token: string,
): Promise<DeskOutcome | undefined> {
  const earlier = await repo.findSubmission(database.db, councilId, token)
  return earlier === undefined ? undefined : outcomeOf(database.db, councilId, earlier, true)
}
