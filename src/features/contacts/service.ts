// Contacts: every interaction with a resident, on every channel, counted whether or not the
// caller gave their name. The rules for logging one live here: the API logs through logContact,
// the cases feature logs a resident's own online request through logOnlineRequest, and both store
// the row the same way. (The importer and the demo's history still insert their own, until they move here.)
import { isUniqueViolation } from '../../platform/db/errors.ts'
import type { Insertable } from 'kysely'
import type { Database } from '../../platform/db/database.ts'
import { inTransaction } from '../../platform/db/transaction.ts'
import type { ContactTable, Queryable } from '../../platform/db/schema.ts'
import type { Engine } from '../../config.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { Problem, conflict, invalid, notFound } from '../../platform/http/problem.ts'
import { AVOIDABLE_REASONS, CHANNELS, CONTACT_OUTCOMES, DIRECTIONS } from '../../platform/db/values.ts'
import type { AvoidableReason, Channel, ContactOutcome, Direction } from '../../platform/db/values.ts'
import type { AnsweredCallRow, ContactRow, NewContact } from './repo.ts'
import { answeredCall, secondsBetween } from './answered-call.ts'
import type { AnsweredCall } from './answered-call.ts'
import * as repo from './repo.ts'
import { keepSurveysInStep, rollupContacts } from '../metrics/service.ts'
import { MAX_HANDLE_SECONDS, MAX_NOTES_LENGTH } from './schemas.ts'

export { residentHistory } from './history.ts'
export { durationWords, secondsBetween } from './answered-call.ts'
export type { AnsweredCall } from './answered-call.ts'
export { MAX_HANDLE_SECONDS, MAX_NOTES_LENGTH } from './schemas.ts'
export type { History, HistoryFilter, HistoryItem, HistoryQuery } from './history.ts'
export { HISTORY_KINDS } from './history-repo.ts'
export type { HistoryKind } from './history-repo.ts'

export type Contact = {
  id: number
  external_id: string | null
  resident_id: number | null
  channel: Channel
  direction: Direction
  started_at: string
  handle_seconds: number | null
  staff_user_id: number | null
  service_id: number | null
  outcome: ContactOutcome
  avoidable: boolean
  avoidable_reason: AvoidableReason | null
  case_id: number | null
  notes: string | null
  created_at: string
  /** The phone call this contact answered, if it records one. */
  call: AnsweredCall | null
}

export type ContactInput = {
  channel: Channel
  /** Defaults to inbound. */
  direction?: Direction
  /** ISO 8601 with a time zone; defaults to now. */
  started_at?: string
  handle_seconds?: number | null
  resident_id?: number | null
  service_id?: number | null
  /** The service's Open311 code, instead of (or agreeing with) service_id. */
  service_code?: string | null
  outcome: ContactOutcome
  avoidable?: boolean
  /** Why the contact was avoidable; giving one makes it avoidable. */
  avoidable_reason?: AvoidableReason | null
  case_id?: number | null
  notes?: string | null
  external_id?: string | null
  /** The one-time token of the desk form it came from (logContactOnce). */
  form_token?: string | null
  /**
   * The telephony platform's id of the answered call this contact records. The contact is then
   * an inbound phone contact that started when the call was answered and, once the call has
   * ended, took as long as the call; started_at and a handle time given are not used then. The
   * caller claims the call for the contact in the same transaction (logContactOnce's alongside).
   */
  call_external_id?: string | null
}

/** A clock a few minutes fast on a phone system or a laptop is not an error; a contact tomorrow is. */
export const FUTURE_ALLOWANCE_MS = 5 * 60 * 1000

function toContact(row: ContactRow, call: AnsweredCallRow | undefined): Contact {
  const { form_token: _formToken, ...contact } = row
  return { ...contact, avoidable: row.avoidable === 1, call: call === undefined ? null : answeredCall(call) }
}

/** The instant the contact started as a UTC ISO string, or the field's error. */
function startedAt(input: ContactInput, now: Date): string | FieldError {
  if (input.started_at === undefined) return now.toISOString()
  const at = Date.parse(input.started_at)
  if (Number.isNaN(at)) return { name: 'body.started_at', message: 'Give a date and time such as 2025-03-14T09:30:00Z' }
  if (at > now.getTime() + FUTURE_ALLOWANCE_MS)
    return { name: 'body.started_at', message: 'A contact cannot start more than 5 minutes in the future' }
  return new Date(at).toISOString()
}

/** The checks the API schema makes, repeated for callers that do not come through it (the importer). */
function shapeErrors(input: ContactInput): FieldError[] {
  const errors: FieldError[] = []
  if (!CHANNELS.includes(input.channel))
    errors.push({ name: 'body.channel', message: `Give one of: ${CHANNELS.join(', ')}` })
  if (input.direction !== undefined && !DIRECTIONS.includes(input.direction))
    errors.push({ name: 'body.direction', message: `Give one of: ${DIRECTIONS.join(', ')}` })
  if (!CONTACT_OUTCOMES.includes(input.outcome))
    errors.push({ name: 'body.outcome', message: `Give one of: ${CONTACT_OUTCOMES.join(', ')}` })
  if (input.avoidable_reason != null && !AVOIDABLE_REASONS.includes(input.avoidable_reason))
    errors.push({ name: 'body.avoidable_reason', message: `Give one of: ${AVOIDABLE_REASONS.join(', ')}` })
  const seconds = input.handle_seconds
  if (seconds != null && (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_HANDLE_SECONDS)) {
    errors.push({
      name: 'body.handle_seconds',
      message: `Give a whole number of seconds from 0 to ${MAX_HANDLE_SECONDS}`,
    })
  }
  if (input.notes != null && input.notes.length > MAX_NOTES_LENGTH)
    errors.push({ name: 'body.notes', message: `Notes can be at most ${MAX_NOTES_LENGTH} characters` })
  return errors
}

type References = { residentId: number | null; serviceId: number | null; caseId: number | null }

async function serviceReference(
  db: Queryable,
  councilId: number,
  input: ContactInput,
  errors: FieldError[],
): Promise<number | null> {
  let byId: number | null = null
  if (input.service_id != null) {
    if (await repo.serviceExists(db, councilId, input.service_id)) byId = input.service_id
    else errors.push({ name: 'body.service_id', message: 'There is no service with this id in this council' })
  }
  if (input.service_code == null) return byId
  const byCode = await repo.findServiceIdByCode(db, councilId, input.service_code)
  if (byCode === undefined) {
    errors.push({
      name: 'body.service_code',
      message: `There is no service with the code ${input.service_code} in this council`,
    })
    return byId
  }
  if (byId !== null && byId !== byCode)
    errors.push({ name: 'body.service_code', message: 'This code is of a different service from service_id' })
  return byCode
}

async function residentReference(
  db: Queryable,
  engine: Engine,
  councilId: number,
  residentId: number,
  errors: FieldError[],
): Promise<void> {
  const resident = await repo.findResidentRef(db, engine, councilId, residentId)
  if (!resident) errors.push({ name: 'body.resident_id', message: 'There is no resident with this id in this council' })
  else if (resident.merged_into !== null) {
    errors.push({
      name: 'body.resident_id',
      message: `This resident was merged into resident ${resident.merged_into}: log the contact against resident ${resident.merged_into}`,
    })
  }
}

/**
 * The resident, service and case the contact refers to, each checked to exist in the council.
 * A contact about a case takes the case's resident and service when it names none.
 */
async function references(
  db: Queryable,
  engine: Engine,
  councilId: number,
  input: ContactInput,
  errors: FieldError[],
): Promise<References> {
  let serviceId = await serviceReference(db, councilId, input, errors)
  let residentId = input.resident_id ?? null
  let caseId: number | null = null
  if (input.case_id != null) {
    const found = await repo.findCaseRef(db, councilId, input.case_id)
    if (!found) errors.push({ name: 'body.case_id', message: 'There is no case with this id in this council' })
    else {
      caseId = found.id
      if (residentId !== null && found.resident_id !== null && found.resident_id !== residentId) {
        errors.push({ name: 'body.case_id', message: 'This case belongs to a different resident' })
      }
      residentId ??= found.resident_id
      serviceId ??= found.service_id
    }
  }
  if (residentId !== null) await residentReference(db, engine, councilId, residentId, errors)
  return { residentId, serviceId, caseId }
}

/**
 * The answered call the contact records, checked to be one a contact can record: an inbound phone
 * contact, since the resident rang us and was answered (first-contact resolution counts it).
 */
async function callReference(
  db: Queryable,
  engine: Engine,
  councilId: number,
  input: ContactInput & { call_external_id: string },
  errors: FieldError[],
): Promise<AnsweredCallRow | undefined> {
  const call = await repo.answeredCallByExternalId(db, engine, councilId, input.call_external_id)
  if (!call) errors.push({ name: 'body.call', message: 'There is no answered call with this id in this council' })
  else if (call.contact_id !== null) errors.push({ name: 'body.call', message: 'A contact already records this call' })
  if (input.channel !== 'phone')
    errors.push({ name: 'body.channel', message: 'A contact that answered a phone call is by phone' })
  if (input.direction !== undefined && input.direction !== 'inbound')
    errors.push({ name: 'body.direction', message: 'A contact that answered a call is inbound: the resident rang us' })
  return call
}

/**
 * A contact that answered a call started when it was answered (so it counts on the day the
 * resident was answered, not the day the advisor saved it) and, once the call has ended, was
 * handled for as long as the call lasted; a call still going on leaves the handle time given.
 */
function callTimes(call: AnsweredCallRow, input: ContactInput): { started_at: string; handle_seconds: number | null } {
  return {
    started_at: new Date(call.answered_at).toISOString(),
    handle_seconds:
      call.ended_at === null ? (input.handle_seconds ?? null) : callLength(call.answered_at, call.ended_at),
  }
}

/** How long a call lasted, as a contact's handle time: held to the longest one the contacts API takes. */
function callLength(answeredAt: string, endedAt: string): number {
  return Math.min(MAX_HANDLE_SECONDS, secondsBetween(answeredAt, endedAt))
}

type CheckedContact = { row: NewContact; call: AnsweredCallRow | undefined }

/** Checks a contact against every rule and gives the row to store, or a 422 naming each field. */
async function contactRow(
  db: Queryable,
  engine: Engine,
  actor: Actor,
  councilId: number,
  input: ContactInput,
  now = new Date(),
): Promise<CheckedContact> {
  const errors = shapeErrors(input)
  const externalId = input.call_external_id
  const call = externalId
    ? await callReference(db, engine, councilId, { ...input, call_external_id: externalId }, errors)
    : undefined
  const times = call ? callTimes(call, input) : undefined
  const started = times ? times.started_at : startedAt(input, now)
  if (typeof started !== 'string') errors.push(started)
  const refs = await references(db, engine, councilId, input, errors)
  if (errors.length > 0 || typeof started !== 'string') throw invalid(errors, 'The contact cannot be logged as it is')
  const row: NewContact = {
    council_id: councilId,
    external_id: input.external_id ?? null,
    resident_id: refs.residentId,
    channel: input.channel,
    direction: input.direction ?? 'inbound',
    started_at: started,
    handle_seconds: times ? times.handle_seconds : (input.handle_seconds ?? null),
    staff_user_id: actor.kind === 'staff' ? actor.id : null,
    service_id: refs.serviceId,
    outcome: input.outcome,
    avoidable: input.avoidable === true || input.avoidable_reason != null ? 1 : 0,
    avoidable_reason: input.avoidable_reason ?? null,
    case_id: refs.caseId,
    notes: input.notes ?? null,
    created_at: now.toISOString(),
    form_token: input.form_token ?? null,
  }
  return { row, call }
}

/** The audit subject of a contact: the resident it is about, or the contact itself when anonymous. */
function auditSubject(row: Pick<ContactRow, 'id' | 'resident_id'>): { subjectType: string; subjectId: number } {
  return row.resident_id === null
    ? { subjectType: 'contact', subjectId: row.id }
    : { subjectType: 'resident', subjectId: row.resident_id }
}

type AuditedFields = Pick<Insertable<ContactTable>, 'channel' | 'outcome' | 'service_id' | 'case_id'>

function auditDetail(id: number, row: AuditedFields): Record<string, unknown> {
  return {
    contact_id: id,
    channel: row.channel,
    outcome: row.outcome,
    service_id: row.service_id ?? null,
    case_id: row.case_id ?? null,
  }
}

async function asConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('A contact with this external_id was logged at the same moment')
    throw error
  }
}

/** Stores a checked contact row with its 'contact.create' audit event; 409 for an external_id already logged. */
async function storeContact(
  db: Queryable,
  database: Database,
  actor: Actor,
  councilId: number,
  { row, call }: CheckedContact,
): Promise<Contact> {
  if (row.external_id != null && (await repo.findContactIdByExternalId(db, councilId, row.external_id)) !== undefined) {
    throw conflict('A contact with this external_id is already logged')
  }
  const stored = await repo.insertContact(db, database.engine, row)
  await rollupContacts(db, councilId, { added: [stored] })
  await recordAudit(
    database,
    actor,
    {
      action: 'contact.create',
      ...auditSubject(stored),
      detail: { ...auditDetail(stored.id, row), ...(call ? { call_id: call.id } : {}) },
    },
    db,
  )
  return toContact(stored, call)
}

/**
 * Logs one contact and its 'contact.create' audit event in one transaction (the caller's, when
 * given). Refuses with 422 a contact that breaks a rule, naming each field, and with 409 an
 * external_id already logged in the council.
 */
export async function logContact(
  database: Database,
  actor: Actor,
  councilId: number,
  input: ContactInput,
  trx?: Queryable,
): Promise<Contact> {
  return asConflict(() =>
    inTransaction(database, trx, async (db) =>
      storeContact(db, database, actor, councilId, await contactRow(db, database.engine, actor, councilId, input)),
    ),
  )
}

/**
 * Logs a contact from a desk form carrying a one-time token, once: a second submit of the same
 * form (a double click, going back and sending it again) logs nothing and answers with the
 * contact the first one logged, `repeated` set. `alongside` runs in the contact's transaction
 * (another feature's write that belongs with it, such as claiming the call it answered); if it
 * throws, no contact is logged.
 */
export async function logContactOnce(
  database: Database,
  actor: Actor,
  councilId: number,
  input: ContactInput & { form_token: string },
  alongside?: (trx: Queryable, contact: Contact) => Promise<void>,
): Promise<{ contact: Contact; repeated: boolean }> {
  const earlier = async () => repo.findContactByFormToken(database.db, councilId, input.form_token)
  const logged = await earlier()
  if (logged) return { contact: await contactWithCall(database.db, councilId, logged), repeated: true }
  try {
    const contact = await inTransaction(database, undefined, async (trx) => {
      const stored = await logContact(database, actor, councilId, input, trx)
      await alongside?.(trx, stored)
      return stored
    })
    return { contact, repeated: false }
  } catch (error) {
    if (error instanceof Problem && error.status === 422) throw error
    // Two submits at the same moment: the other one stored it first.
    const stored = await earlier()
    if (stored) return { contact: await contactWithCall(database.db, councilId, stored), repeated: true }
    throw error
  }
}

/** A case a resident raised online themselves, as the contact it counts as. */
export type OnlineRequest = { case_id: number; resident_id: number | null; service_id: number; raised_at: string }

/**
 * Logs the web contact a resident's own online request counts as (DESIGN, figures), in the
 * transaction that raises the case. It started when the case was raised, and no member of staff
 * handled it, whoever's session raised it.
 */
export async function logOnlineRequest(
  database: Database,
  actor: Actor,
  councilId: number,
  request: OnlineRequest,
  trx: Queryable,
): Promise<Contact> {
  const input: ContactInput = {
    channel: 'web',
    direction: 'inbound',
    started_at: request.raised_at,
    resident_id: request.resident_id,
    service_id: request.service_id,
    outcome: 'case_raised',
    case_id: request.case_id,
  }
  const { row } = await contactRow(trx, database.engine, actor, councilId, input, new Date(request.raised_at))
  return storeContact(trx, database, actor, councilId, { row: { ...row, staff_user_id: null }, call: undefined })
}

/**
 * Logs a contact from another system: a contact whose external_id is already logged is brought
 * up to date instead of duplicated, so importing a file twice changes nothing the second time.
 */
export async function importContact(
  database: Database,
  actor: Actor,
  councilId: number,
  input: ContactInput & { external_id: string },
  trx?: Queryable,
): Promise<{ contact: Contact; created: boolean }> {
  return inTransaction(database, trx, async (db) => {
    const existing = await repo.findContactIdByExternalId(db, councilId, input.external_id)
    if (existing === undefined)
      return { contact: await logContact(database, actor, councilId, input, db), created: true }
    const {
      row: { council_id: _council, created_at: _created, ...changes },
    } = await contactRow(db, database.engine, actor, councilId, input)
    const before = (await repo.findContactRow(db, councilId, existing)) as ContactRow
    await keepSurveysInStep(db, councilId, { contactIds: [existing] }, () =>
      repo.updateContact(db, councilId, existing, changes),
    )
    await rollupContacts(db, councilId, { removed: [before], added: [{ ...before, ...changes }] })
    await recordAudit(
      database,
      actor,
      {
        action: 'contact.update',
        ...auditSubject({ id: existing, resident_id: changes.resident_id ?? null }),
        detail: auditDetail(existing, changes),
      },
      db,
    )
    const updated = (await repo.findContactRow(db, councilId, existing)) as ContactRow
    return { contact: await contactWithCall(db, councilId, updated), created: false }
  })
}

/**
 * A call a contact records has ended: the contact's handle time becomes the call's length
 * (answered to ended), as it does when the call had ended before the contact was logged, and the
 * figures' handle time moves with it in the same transaction.
 */
export async function takeCallLength(
  database: Database,
  actor: Actor,
  councilId: number,
  call: { contact_id: number; answered_at: string; ended_at: string },
  trx: Queryable,
): Promise<void> {
  const before = await repo.findContactRow(trx, councilId, call.contact_id)
  if (!before) return
  const seconds = callLength(call.answered_at, call.ended_at)
  if (before.handle_seconds === seconds) return
  await repo.updateContact(trx, councilId, call.contact_id, { handle_seconds: seconds })
  await rollupContacts(trx, councilId, { removed: [before], added: [{ ...before, handle_seconds: seconds }] })
  await recordAudit(
    database,
    actor,
    { action: 'contact.update', ...auditSubject(before), detail: { contact_id: before.id, handle_seconds: seconds } },
    trx,
  )
}

/** One contact of the council. Audited as 'contact.read' against its resident (or itself). */
export async function getContact(database: Database, actor: Actor, councilId: number, id: number): Promise<Contact> {
  const row = await repo.findContactRow(database.db, councilId, id)
  if (!row) throw notFound('Contact')
  const contact = await contactWithCall(database.db, councilId, row)
  await recordAudit(database, actor, { action: 'contact.read', ...auditSubject(row), detail: { contact_id: row.id } })
  return contact
}

/** A stored contact with the call it answered, read from the calls around it. */
async function contactWithCall(db: Queryable, councilId: number, row: ContactRow): Promise<Contact> {
  if (row.channel !== 'phone') return toContact(row, undefined)
  const calls = await repo.callsOfContacts(db, councilId, [row])
  return toContact(row, calls.get(row.id))
}

export { addContactsInBulk, importContactBatch } from './import-batch.ts'
export type { ContactBatchResult, ImportedContact } from './import-batch.ts'
