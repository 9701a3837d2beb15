// Cases: requests and reports against a service, worked by a team within the service's target
// time. Creation, status changes, notes and assignment each commit with their timeline event and
// audit event in one transaction; every read through here is audited too, and takes the reader's
// Scope so a resident reaches only their own cases.
import type { Database } from '../../platform/db/database.ts'
import { writeTogether } from '../../platform/db/group-commit.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import type { CaseCreator, CasePriority, CaseStatus, Channel, NoteVisibility } from '../../platform/db/values.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { councilById } from '../../platform/council/council.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { Problem, conflict, invalid, notFound } from '../../platform/http/problem.ts'
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts'
import type { Scope } from '../../platform/auth/scope.ts'
import type { Service } from '../catalogue/service.ts'
import { findServiceByOpen311Code, getService, getTeam, validateAnswers } from '../catalogue/service.ts'
import { nextCaseReference, normaliseCaseReference } from './reference.ts'
import { addWorkingHours, workingCalendar } from './working-hours.ts'
import { ACTIVE_STATUSES, allowedNextStatuses, canChangeStatus, isReopening } from './workflow.ts'
import type { CaseCursor, CaseEventRow, CaseRow } from './repo.ts'
import * as repo from './repo.ts'

export { allowedNextStatuses } from './workflow.ts'

export type CaseLocation = {
  uprn: string | null
  address: string | null
  latitude: number | null
  longitude: number | null
}

export type Case = {
  id: number
  reference: string
  resident_id: number | null
  service_id: number
  status: CaseStatus
  priority: CasePriority
  team_id: number | null
  assignee_id: number | null
  channel: Channel
  created_by: CaseCreator
  created_by_staff_id: number | null
  description: string | null
  answers: Record<string, unknown>
  location: CaseLocation
  due_at: string | null
  resolved_at: string | null
  resolution: string | null
  created_at: string
  updated_at: string
  allowed_next_statuses: CaseStatus[]
}

export type CaseEvent = {
  id: number
  kind: CaseEventRow['kind']
  from_status: CaseStatus | null
  to_status: CaseStatus | null
  visibility: NoteVisibility
  body: string | null
  actor_kind: CaseEventRow['actor_kind']
  actor_id: number | null
  at: string
  detail: Record<string, unknown> | null
}

export type CaseWithTimeline = Case & { timeline: CaseEvent[] }

export type CreateCaseInput = {
  service_id?: number
  /** The service's Open311 code, instead of its id. */
  service_code?: string
  /** Absent or null for an anonymous report. */
  resident_id?: number | null
  channel: Channel
  /** The resident themselves, or staff on their behalf (assisted digital). */
  created_by: CaseCreator
  description?: string | null
  answers?: Record<string, unknown>
  location?: { uprn?: string; address?: string; latitude?: number; longitude?: number }
  priority?: CasePriority
  external_id?: string | null
  /**
   * An imported historic case: its answers predate the form, and importing creates no contact,
   * so neither is checked nor recorded.
   */
  imported?: boolean
  /** When the case was created; now unless given (fixed clocks in tests, history in imports). */
  now?: Date
}

export type StatusChange = { status: CaseStatus; resolution?: string | null; note?: string | null; now?: Date }

export type NoteInput = { body: string; visibility?: NoteVisibility; now?: Date }

export type Assignment = { team_id?: number | null; assignee_id?: number | null; now?: Date }

export type CaseQuery = {
  status?: CaseStatus
  team_id?: number
  assignee_id?: number
  service_id?: number
  resident_id?: number
  overdue?: boolean
  created_from?: string
  created_to?: string
  limit: number
  cursor?: string
  now?: Date
}

function toCase(row: CaseRow): Case {
  return {
    id: row.id,
    reference: row.reference,
    resident_id: row.resident_id,
    service_id: row.service_id,
    status: row.status,
    priority: row.priority,
    team_id: row.team_id,
    assignee_id: row.assignee_id,
    channel: row.channel,
    created_by: row.created_by,
    created_by_staff_id: row.created_by_staff_id,
    description: row.description,
    answers: JSON.parse(row.answers) as Record<string, unknown>,
    location: {
      uprn: row.location_uprn,
      address: row.location_address,
      latitude: row.latitude,
      longitude: row.longitude,
    },
    due_at: row.due_at,
    resolved_at: row.resolved_at,
    resolution: row.resolution,
    created_at: row.created_at,
    updated_at: row.updated_at,
    allowed_next_statuses: [...allowedNextStatuses(row.status)],
  }
}

function toCaseEvent(row: CaseEventRow): CaseEvent {
  return {
    id: row.id,
    kind: row.kind,
    from_status: row.from_status,
    to_status: row.to_status,
    visibility: row.visibility,
    body: row.body,
    actor_kind: row.actor_kind,
    actor_id: row.actor_id,
    at: row.at,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
  }
}

/**
 * The database as seen from inside a transaction. SQLite has one connection, which an open
 * transaction holds: a read through the outer handle would wait for it forever.
 */
function through(database: Database, trx: Queryable): Database {
  return { ...database, db: trx }
}

/** In the caller's transaction when given one; otherwise committed together with other writes of the moment. */
async function inTransaction<T>(
  database: Database,
  trx: Queryable | undefined,
  work: (trx: Queryable) => Promise<T>,
): Promise<T> {
  return trx ? work(trx) : writeTogether(database, work)
}

/**
 * When a case for this service, raised at `from`, is due: the service's target in the council's
 * working hours, skipping weekends, bank holidays and the council's own closure days.
 */
export async function dueAtFor(
  database: Database,
  councilId: number,
  service: Pick<Service, 'target_hours'>,
  from: Date,
): Promise<string> {
  const council = await councilById(database, councilId)
  if (!council) throw notFound('Council')
  const holidays = await repo.councilHolidays(database.db, councilId)
  const calendar = workingCalendar(council.settings.workingHours, council.settings.useBankHolidays, holidays)
  return addWorkingHours(from, service.target_hours, calendar).toISOString()
}

async function serviceFor(database: Database, councilId: number, input: CreateCaseInput): Promise<Service> {
  const byId = input.service_id !== undefined
  if (byId === (input.service_code !== undefined)) {
    throw invalid([
      { name: 'body.service_id', message: 'Give either the service_id or the service_code of the service' },
    ])
  }
  const service = byId
    ? await getService(database, councilId, input.service_id as number)
    : await findServiceByOpen311Code(database, councilId, input.service_code as string)
  const name = byId ? 'body.service_id' : 'body.service_code'
  if (!service) throw invalid([{ name, message: 'There is no service with this identifier in this council' }])
  if (!service.active) throw invalid([{ name, message: 'This service is no longer offered' }])
  return service
}

async function checkResident(db: Queryable, councilId: number, residentId: number): Promise<void> {
  const resident = await repo.findResident(db, councilId, residentId)
  if (!resident)
    throw invalid([{ name: 'body.resident_id', message: 'There is no resident with this id in this council' }])
  if (resident.merged_into !== null) {
    throw invalid([
      {
        name: 'body.resident_id',
        message: `This resident record was merged into resident ${resident.merged_into}; use that id`,
      },
    ])
  }
}

function answerErrors(service: Service, input: CreateCaseInput): FieldError[] {
  if (input.imported) return []
  return validateAnswers(service, input.answers ?? {}).map((error) => ({ ...error, name: `body.${error.name}` }))
}

/** Whether a case also counts as a web contact: a resident's own online request (DESIGN, figures). */
function isWebContact(input: CreateCaseInput): boolean {
  return !input.imported && input.created_by === 'resident' && input.channel === 'web'
}

/**
 * Raises a case: a reference, status open, the service's team, a due time in working hours, a
 * 'created' timeline event, a web contact for a resident's own online request, and the audit
 * event, all in one transaction (the caller's, when given).
 */
export async function createCase(
  database: Database,
  actor: Actor,
  councilId: number,
  input: CreateCaseInput,
  trx?: Queryable,
): Promise<Case> {
  const reader = trx ? through(database, trx) : database
  const service = await serviceFor(reader, councilId, input)
  const errors = answerErrors(service, input)
  if (errors.length > 0) throw invalid(errors, 'Some answers to the service’s questions need correcting')
  const now = input.now ?? new Date()
  const createdAt = now.toISOString()
  const dueAt = await dueAtFor(reader, councilId, service, now)
  const residentId = input.resident_id ?? null
  const id = await inTransaction(database, trx, async (db) => {
    if (residentId !== null) await checkResident(db, councilId, residentId)
    const reference = await nextCaseReference(db, councilId, now.getUTCFullYear())
    const caseId = await repo.insertCase(db, {
      council_id: councilId,
      reference,
      external_id: input.external_id ?? null,
      resident_id: residentId,
      service_id: service.id,
      status: 'open',
      priority: input.priority ?? 'normal',
      team_id: service.team_id,
      assignee_id: null,
      channel: input.channel,
      created_by: input.created_by,
      created_by_staff_id: actor.kind === 'staff' ? actor.id : null,
      description: input.description ?? null,
      answers: JSON.stringify(input.answers ?? {}),
      location_uprn: input.location?.uprn ?? null,
      location_address: input.location?.address ?? null,
      latitude: input.location?.latitude ?? null,
      longitude: input.location?.longitude ?? null,
      due_at: dueAt,
      resolved_at: null,
      resolution: null,
      created_at: createdAt,
      updated_at: createdAt,
    })
    await repo.insertCaseEvent(db, {
      council_id: councilId,
      case_id: caseId,
      kind: 'created',
      from_status: null,
      to_status: 'open',
      visibility: 'internal',
      body: null,
      actor_kind: actor.kind,
      actor_id: actor.id,
      at: createdAt,
      detail: JSON.stringify({ channel: input.channel, created_by: input.created_by }),
    })
    let contactId: number | null = null
    if (isWebContact(input)) {
      contactId = await repo.insertContact(db, {
        council_id: councilId,
        external_id: null,
        resident_id: residentId,
        channel: 'web',
        direction: 'inbound',
        started_at: createdAt,
        handle_seconds: null,
        staff_user_id: null,
        service_id: service.id,
        outcome: 'case_raised',
        avoidable: 0,
        case_id: caseId,
        notes: null,
        created_at: createdAt,
      })
      await recordAudit(
        database,
        actor,
        {
          action: 'contact.create',
          subjectType: 'contact',
          subjectId: contactId,
          detail: { channel: 'web', case_id: caseId },
        },
        db,
      )
    }
    const detail = {
      reference,
      service_id: service.id,
      channel: input.channel,
      created_by: input.created_by,
      contact_id: contactId,
      imported: input.imported === true,
    }
    await recordAudit(database, actor, { action: 'case.create', subjectType: 'case', subjectId: caseId, detail }, db)
    return caseId
  })
  const row = await repo.findCaseRow(trx ?? database.db, councilId, id)
  return toCase(row as CaseRow)
}

/**
 * The case if the scope may see it, otherwise nothing, just as if it did not exist: a resident
 * asking for someone else's case gets the same 404 as for a case that was never raised, so
 * references cannot be probed.
 */
function visibleTo(scope: Scope, row: CaseRow | undefined): CaseRow | undefined {
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
function caseFor(scope: Scope, row: CaseRow): Case {
  const found = toCase(row)
  if (scope.kind === 'council') return found
  return { ...found, team_id: null, assignee_id: null, created_by_staff_id: null }
}

function timelineFor(scope: Scope, events: CaseEvent[]): CaseEvent[] {
  if (scope.kind === 'council') return events
  return events.flatMap((event) => publicEvent(event) ?? [])
}

async function withTimeline(db: Queryable, scope: Scope, row: CaseRow): Promise<CaseWithTimeline> {
  const events = await repo.listCaseEvents(db, scope.councilId, row.id)
  return { ...caseFor(scope, row), timeline: timelineFor(scope, events.map(toCaseEvent)) }
}

/** A case and its timeline, oldest event first, if the scope may see it. Audited as a read. */
export async function getCase(database: Database, actor: Actor, scope: Scope, id: number): Promise<CaseWithTimeline> {
  const row = visibleTo(scope, await repo.findCaseRow(database.db, scope.councilId, id))
  if (!row) throw notFound('Case')
  const found = await withTimeline(database.db, scope, row)
  await recordAudit(database, actor, { action: 'case.read', subjectType: 'case', subjectId: id })
  return found
}

/** A case by its reference as people type it ("fd 2026 123" finds FD-2026-000123), if the scope may see it. Audited. */
export async function getCaseByReference(
  database: Database,
  actor: Actor,
  scope: Scope,
  reference: string,
): Promise<CaseWithTimeline> {
  const normalised = normaliseCaseReference(reference)
  const row = visibleTo(
    scope,
    normalised === undefined ? undefined : await repo.findCaseRowByReference(database.db, scope.councilId, normalised),
  )
  if (!row) throw notFound('Case')
  const found = await withTimeline(database.db, scope, row)
  await recordAudit(database, actor, {
    action: 'case.read',
    subjectType: 'case',
    subjectId: row.id,
    detail: { by: 'reference' },
  })
  return found
}

/**
 * The id of the case with this reference in the council, without reading the case: for the audit
 * search, which names records rather than showing them.
 */
export async function caseIdOfReference(
  database: Database,
  councilId: number,
  reference: string,
): Promise<number | undefined> {
  const normalised = normaliseCaseReference(reference)
  if (normalised === undefined) return undefined
  return (await repo.findCaseRowByReference(database.db, councilId, normalised))?.id
}

/** Midnight UTC for a bare date; any other time normalised to the stored UTC form. */
function instant(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value)
  if (Number.isNaN(at.getTime()))
    throw invalid([{ name: `querystring.${name}`, message: 'Give a date (YYYY-MM-DD) or a date and time in ISO 8601' }])
  return at.toISOString()
}

/**
 * Whose cases a list may hold: anyone's in the council for staff (or the one asked for), only
 * their own for a resident, none for anyone else. `none` when the answer is empty before asking.
 */
function residentFilter(scope: Scope, asked: number | undefined): { residentId?: number } | 'none' {
  if (scope.kind === 'council') return { residentId: asked }
  if (scope.kind === 'resident' && scope.residentId !== null && (asked === undefined || asked === scope.residentId))
    return { residentId: scope.residentId }
  return 'none'
}

/** A resident filtering their cases by team or assignee would learn, case by case, the ids they are shown as null. */
function hiddenFilters(scope: Scope, query: CaseQuery): void {
  if (scope.kind !== 'resident') return
  const errors: FieldError[] = []
  if (query.team_id !== undefined)
    errors.push({ name: 'querystring.team_id', message: 'Residents cannot filter their cases by team' })
  if (query.assignee_id !== undefined)
    errors.push({
      name: 'querystring.assignee_id',
      message: 'Residents cannot filter their cases by who they are assigned to',
    })
  if (errors.length > 0) throw invalid(errors)
}

/** Cases the scope may see, newest first, filtered, a page at a time. Audited as one list read. */
export async function listCases(
  database: Database,
  actor: Actor,
  scope: Scope,
  query: CaseQuery,
): Promise<{ items: Case[]; next_cursor: string | null }> {
  const after = decodeCursor<CaseCursor>(query.cursor, ['created_at', 'id'])
  const at = (query.now ?? new Date()).toISOString()
  const whose = residentFilter(scope, query.resident_id)
  hiddenFilters(scope, query)
  const filters: repo.CaseFilters = {
    status: query.status,
    teamId: query.team_id,
    assigneeId: query.assignee_id,
    serviceId: query.service_id,
    residentId: whose === 'none' ? undefined : whose.residentId,
    overdue: query.overdue === undefined ? undefined : { at, overdue: query.overdue, activeStatuses: ACTIVE_STATUSES },
    createdFrom: instant(query.created_from, 'created_from'),
    createdTo: instant(query.created_to, 'created_to'),
  }
  const rows =
    whose === 'none' ? [] : await repo.listCaseRows(database.db, scope.councilId, filters, query.limit + 1, after)
  const page = pageOf(rows, query.limit, (row) => ({ created_at: row.created_at, id: row.id }))
  const used = Object.keys(query).filter(
    (key) => !['limit', 'cursor', 'now'].includes(key) && query[key as keyof CaseQuery] !== undefined,
  )
  await recordAudit(database, actor, {
    action: 'case.list',
    subjectType: 'case',
    detail: { filters: used, count: page.items.length },
  })
  return { items: page.items.map((row) => caseFor(scope, row)), next_cursor: page.next_cursor }
}

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

/**
 * Moves a case along the workflow. A change the workflow does not allow is a 409 naming both
 * statuses and the allowed ones. Resolving needs a resolution and stamps resolved_at; reopening
 * clears both.
 */
export async function changeCaseStatus(
  database: Database,
  actor: Actor,
  councilId: number,
  caseId: number,
  change: StatusChange,
  trx?: Queryable,
): Promise<Case> {
  const at = (change.now ?? new Date()).toISOString()
  await inTransaction(database, trx, async (db) => {
    const current = await repo.findCaseRow(db, councilId, caseId)
    if (!current) throw notFound('Case')
    const from = current.status
    const to = change.status
    if (!canChangeStatus(from, to)) {
      throw new Problem(409, `A case cannot go from ${from} to ${to}: ${describeNext(from)}`, [
        { name: 'body.status', message: `Choose one of: ${allowedNextStatuses(from).join(', ') || 'none'}` },
      ])
    }
    const errors = statusRuleErrors(change)
    if (errors.length > 0) throw invalid(errors)
    const resolvedFields =
      to === 'resolved'
        ? { resolved_at: at, resolution: change.resolution?.trim() ?? null }
        : isReopening(from, to)
          ? { resolved_at: null, resolution: null }
          : {}
    const changed = await repo.updateCaseInStatus(db, councilId, caseId, from, {
      status: to,
      updated_at: at,
      ...resolvedFields,
    })
    if (!changed) throw conflict('The case changed while this change was being made; read it again and retry')
    await repo.insertCaseEvent(db, {
      council_id: councilId,
      case_id: caseId,
      kind: 'status_changed',
      from_status: from,
      to_status: to,
      visibility: 'internal',
      body: change.note?.trim() || null,
      actor_kind: actor.kind,
      actor_id: actor.id,
      at,
      detail: null,
    })
    await recordAudit(
      database,
      actor,
      { action: 'case.status_change', subjectType: 'case', subjectId: caseId, detail: { from, to } },
      db,
    )
  })
  const row = await repo.findCaseRow(trx ?? database.db, councilId, caseId)
  return toCase(row as CaseRow)
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
  const eventId = await database.db.transaction().execute(async (db) => {
    const current = await repo.findCaseRow(db, councilId, caseId)
    if (!current) throw notFound('Case')
    const id = await repo.insertCaseEvent(db, {
      council_id: councilId,
      case_id: caseId,
      kind: 'note',
      from_status: null,
      to_status: null,
      visibility,
      body: note.body.trim(),
      actor_kind: actor.kind,
      actor_id: actor.id,
      at,
      detail: null,
    })
    await repo.updateCase(db, councilId, caseId, { updated_at: at })
    await recordAudit(
      database,
      actor,
      { action: 'case.note', subjectType: 'case', subjectId: caseId, detail: { event_id: id, visibility } },
      db,
    )
    return id
  })
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
    !(await getTeam(through(database, db), councilId, assignment.team_id))
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

/** Gives a case to a team, a person, or both; null takes it away from them. */
export async function assignCase(
  database: Database,
  actor: Actor,
  councilId: number,
  caseId: number,
  assignment: Assignment,
): Promise<Case> {
  const at = (assignment.now ?? new Date()).toISOString()
  await database.db.transaction().execute(async (db) => {
    const current = await repo.findCaseRow(db, councilId, caseId)
    if (!current) throw notFound('Case')
    const errors = await assignmentErrors(database, db, councilId, assignment)
    if (errors.length > 0) throw invalid(errors)
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
      council_id: councilId,
      case_id: caseId,
      kind: 'assigned',
      from_status: null,
      to_status: null,
      visibility: 'internal',
      body: null,
      actor_kind: actor.kind,
      actor_id: actor.id,
      at,
      detail: JSON.stringify(detail),
    })
    await recordAudit(database, actor, { action: 'case.assign', subjectType: 'case', subjectId: caseId, detail }, db)
  })
  return toCase((await repo.findCaseRow(database.db, councilId, caseId)) as CaseRow)
}
export { formatCaseReference, nextCaseReference, normaliseCaseReference } from './reference.ts'
export { addWorkingHours, workingCalendar } from './working-hours.ts'
