// Messages go where the resident asked. A request's confirmation, every public change to it (a
// status change or a public note) and, once it is resolved, an invitation to rate the service are
// written to the outbox in the transaction of the change itself, on the channel the resident chose
// and in their language: email, text or letter through the outbox worker, or a call back task for
// an advisor when they asked to be phoned. Someone who cannot be reached that way gets nothing,
// and nothing is said about it: there is no one to tell.
//
// Staff see what has not gone (/staff/messages) and may send a failed message again, and download
// the day's letters to print (/staff/letters). Both are audited.
import type { Database } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { parseCouncilSettings } from '../../platform/council/settings.ts'
import { isLanguage } from '../../platform/i18n/translate.ts'
import { queueMessage, recordHandedOver } from '../../platform/notify/outbox.ts'
import type { ResidentTemplate } from '../../platform/notify/resident-templates.ts'
import { renderResidentMessage } from '../../platform/notify/resident-templates.ts'
import { listLetterBatches, markBatchPrinted, printBatch } from '../../platform/notify/letters.ts'
import type { LetterBatch, PrintBatch } from '../../platform/notify/letters.ts'
import type { NotificationChannel } from '../../platform/db/values.ts'
import { callBackAboutCase } from '../telephony/service.ts'
import * as repo from './repo.ts'
import type { MessageRow, ResidentReach } from './repo.ts'

export type { LetterBatch, MessageRow }
export { shownMessage, type ShownMessage } from './present.ts'

type Route = { channel: NotificationChannel; to: string }

/** A UK mobile number, the only kind a text can go to. */
/** A UK mobile number, which can take a text message. */
export function isMobile(phone: string): boolean {
  const digits = phone.replace(/\D/g, '')
  return /^07\d{9}$/.test(digits) || /^447\d{9}$/.test(digits)
}

function addressBlock(reach: ResidentReach): string | undefined {
  const address = reach.address
  if (!address) return undefined
  const lines = [
    `${reach.givenName} ${reach.familyName}`.trim(),
    address.line1,
    address.line2,
    address.town,
    address.postcode,
  ]
  return lines.filter((line): line is string => typeof line === 'string' && line.trim() !== '').join('\n')
}

/** Where this resident's messages go: their chosen channel if they can be reached on it; without a choice, email. */
export function routeFor(reach: ResidentReach): Route | undefined {
  const choice = reach.preferredChannel ?? 'email'
  const to = {
    email: reach.emails[0],
    sms: reach.phones.find(isMobile),
    letter: addressBlock(reach),
    phone: reach.phones[0],
  }[choice]
  return to === undefined ? undefined : { channel: choice, to }
}

async function fieldsFor(
  db: Queryable,
  councilId: number,
  reach: ResidentReach,
  reference: string,
  serviceName: string,
) {
  const council = await repo.findCouncilForMessage(db, councilId)
  const phone = council ? parseCouncilSettings(council.settings).branding.phone : undefined
  return {
    councilName: council?.name ?? '',
    ...(phone ? { councilPhone: phone } : {}),
    reference,
    serviceName,
    language: isLanguage(reach.language) ? reach.language : 'en',
  }
}

/** A "phone me" resident: a call back on the advisors' list (telephony's), and the message recorded as handed to them. */
async function phoneTask(
  db: Queryable,
  councilId: number,
  reach: ResidentReach & { residentId: number },
  route: Route,
  messageId: number,
  fields: Record<string, string>,
  template: ResidentTemplate,
) {
  const council = await repo.findCouncilForMessage(db, councilId)
  const settings = parseCouncilSettings(council?.settings ?? '{}')
  // In English for the advisor, naming only the reference: the case's timeline says the rest.
  const words = renderResidentMessage(template, 'email', { ...fields, language: 'en' }, '')
  const reason = `Phone about ${fields.reference ?? ''}: ${words.subject}. The case's timeline says what to tell them.`
  const name = `${reach.givenName} ${reach.familyName}`.trim()
  const taskId = await callBackAboutCase(
    db,
    { id: councilId, settings },
    { residentId: reach.residentId, name, phone: route.to, reason },
  )
  await recordHandedOver(db, messageId, `call back ${taskId}`)
}

/**
 * Writes one message about a case to its resident, in the caller's transaction. Returns the
 * message's id, or nothing when the case has no resident or they cannot be reached as they asked.
 */
async function queueAboutCase(
  db: Queryable,
  councilId: number,
  caseId: number,
  template: ResidentTemplate,
  extra: Record<string, string> = {},
  only?: readonly NotificationChannel[],
): Promise<number | undefined> {
  const found = await repo.findCaseForMessage(db, councilId, caseId)
  if (!found || found.residentId === null) return undefined
  const reach = await repo.findResidentReach(db, councilId, found.residentId)
  const route = reach && routeFor(reach)
  if (!reach || !route || (only && !only.includes(route.channel))) return undefined
  const fields = { ...(await fieldsFor(db, councilId, reach, found.reference, found.serviceName)), ...extra }
  const id = await queueMessage(db, {
    councilId,
    residentId: found.residentId,
    caseId,
    channel: route.channel,
    template,
    to: route.to,
    personalisation: route.channel === 'phone' ? { reference: found.reference, language: fields.language } : fields,
  })
  if (route.channel === 'phone')
    await phoneTask(db, councilId, { ...reach, residentId: found.residentId }, route, id, fields, template)
  return id
}

/** The confirmation of a request made online: call it in the transaction that creates the case. */
export function queueRequestConfirmation(db: Queryable, request: { councilId: number; caseId: number }) {
  return queueAboutCase(db, request.councilId, request.caseId, 'request-confirmation')
}

/**
 * A public status change: the resident hears of it, and when it is resolved they are asked to
 * rate the service (by email or text; a letter carries the question itself, a phone call asks it).
 */
export async function queueStatusChange(
  db: Queryable,
  change: { councilId: number; caseId: number; status: string; resolution?: string | null },
): Promise<void> {
  const extra: Record<string, string> = { status: change.status }
  if (change.status === 'resolved' && change.resolution) extra.resolution = change.resolution
  await queueAboutCase(db, change.councilId, change.caseId, 'case-status-changed', extra)
  if (change.status === 'resolved')
    await queueAboutCase(db, change.councilId, change.caseId, 'rate-service', {}, ['email', 'sms'])
}

/** A public note on a case: the resident is told what it says. */
export async function queuePublicNote(
  db: Queryable,
  note: { councilId: number; caseId: number; body: string },
): Promise<void> {
  await queueAboutCase(db, note.councilId, note.caseId, 'case-note', { note: note.body })
}

/** What has not gone: failed messages first, then those waiting. Audited with the residents they are for. */
export async function unsentMessages(database: Database, actor: Actor, councilId: number): Promise<MessageRow[]> {
  return database.db.transaction().execute(async (db) => {
    const rows = await repo.listUnsentMessages(db, councilId, 200)
    const residentIds = [...new Set(rows.flatMap((row) => (row.residentId === null ? [] : [row.residentId])))]
    await recordAudit(
      database,
      actor,
      { action: 'messages.list', subjectType: 'notification', detail: { resident_ids: residentIds } },
      db,
    )
    return rows
  })
}

/** The messages about one case, for its page (the case page's own read is audited there). */
export function caseMessages(database: Database, councilId: number, caseId: number): Promise<MessageRow[]> {
  return repo.listCaseMessages(database.db, councilId, caseId)
}

/** Puts a failed message back in the queue with its attempts counted afresh; nothing when it is not failed. */
export async function retryMessage(
  database: Database,
  actor: Actor,
  councilId: number,
  id: number,
): Promise<MessageRow | undefined> {
  return database.db.transaction().execute(async (db) => {
    const row = await repo.requeueFailed(db, councilId, id)
    if (row)
      await recordAudit(
        database,
        actor,
        { action: 'message.retry', subjectType: 'notification', subjectId: id, detail: { case_id: row.caseId } },
        db,
      )
    return row
  })
}

export function letterBatches(database: Database, councilId: number): Promise<LetterBatch[]> {
  return listLetterBatches(database.db, councilId)
}

/** A day's letters to print: the download is audited with the residents whose addresses it holds. */
export async function downloadLetterBatch(
  database: Database,
  actor: Actor,
  councilId: number,
  batchId: number,
  publicUrl: string,
): Promise<PrintBatch | undefined> {
  const batch = await printBatch(database, councilId, batchId, publicUrl)
  if (batch)
    await recordAudit(database, actor, {
      action: 'letters.download',
      subjectType: 'letter_batch',
      subjectId: batchId,
      detail: { resident_ids: batch.residentIds },
    })
  return batch
}

/** Marks a batch printed (its addresses are then wiped); false when it was printed already or is not the council's. */
export async function markLettersPrinted(
  database: Database,
  actor: Actor,
  councilId: number,
  batchId: number,
): Promise<boolean> {
  return database.db.transaction().execute(async (db) => {
    const marked = await markBatchPrinted(db, councilId, batchId, actor.id)
    if (marked)
      await recordAudit(
        database,
        actor,
        { action: 'letters.printed', subjectType: 'letter_batch', subjectId: batchId },
        db,
      )
    return marked
  })
}
