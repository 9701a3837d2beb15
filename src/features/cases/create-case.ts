// Raising a case: which service, whose, when it is due, and everything it writes in one go.
import type { Database } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import { inTransaction, throughTransaction } from '../../platform/db/transaction.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { councilById } from '../../platform/council/council.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { invalid, notFound } from '../../platform/http/problem.ts'
import type { Service } from '../catalogue/service.ts'
import { findServiceByOpen311Code, getService, validateAnswers } from '../catalogue/service.ts'
import { logOnlineRequest } from '../contacts/service.ts'
import { rollupCases } from '../metrics/service.ts'
import { nextCaseReference } from './reference.ts'
import { addWorkingHours, workingCalendar } from './working-hours.ts'
import type { Case, CreateCaseInput } from './case-types.ts'
import { toCase } from './case-types.ts'
import { timelineEvent } from './timeline.ts'
import type { TimelineChange } from './timeline.ts'
import type { CaseRow } from './repo.ts'
import * as repo from './repo.ts'

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
  return validateAnswers(service, input.answers ?? {}).map((error) => ({ ...error, name: `body.${error.name}` }))
}

/** Whether a case also counts as a web contact: a resident's own online request (DESIGN, figures). */
function isWebContact(input: CreateCaseInput): boolean {
  return input.created_by === 'resident' && input.channel === 'web'
}

type NewCase = { input: CreateCaseInput; service: Service; createdAt: string; dueAt: string }

/** The case row, its 'created' timeline entry and, for a resident's own online request, its web contact. */
async function writeCase(
  database: Database,
  db: Queryable,
  actor: Actor,
  councilId: number,
  { input, service, createdAt, dueAt }: NewCase,
): Promise<number> {
  const residentId = input.resident_id ?? null
  if (residentId !== null) await checkResident(db, councilId, residentId)
  const reference = await nextCaseReference(db, councilId, new Date(createdAt).getUTCFullYear())
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
  await rollupCases(db, councilId, {
    added: [
      {
        created_at: createdAt,
        resolved_at: null,
        due_at: dueAt,
        service_id: service.id,
        channel: input.channel,
        created_by: input.created_by,
      },
    ],
  })
  const created: TimelineChange = {
    kind: 'created',
    to_status: 'open',
    detail: { channel: input.channel, created_by: input.created_by },
  }
  await repo.insertCaseEvent(db, timelineEvent(councilId, caseId, actor, createdAt, created))
  const request = { case_id: caseId, resident_id: residentId, service_id: service.id, raised_at: createdAt }
  const contact = isWebContact(input) ? await logOnlineRequest(database, actor, councilId, request, db) : undefined
  const detail = {
    reference,
    service_id: service.id,
    channel: input.channel,
    created_by: input.created_by,
    contact_id: contact?.id ?? null,
  }
  await recordAudit(database, actor, { action: 'case.create', subjectType: 'case', subjectId: caseId, detail }, db)
  return caseId
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
  const reader = trx ? throughTransaction(database, trx) : database
  const service = await serviceFor(reader, councilId, input)
  const errors = answerErrors(service, input)
  if (errors.length > 0) throw invalid(errors, 'Some answers to the service’s questions need correcting')
  const now = input.now ?? new Date()
  const dueAt = await dueAtFor(reader, councilId, service, now)
  const newCase = { input, service, createdAt: now.toISOString(), dueAt }
  const id = await inTransaction(database, trx, (db) => writeCase(database, db, actor, councilId, newCase))
  const row = await repo.findCaseRow(trx ?? database.db, councilId, id)
  return toCase(row as CaseRow)
}
