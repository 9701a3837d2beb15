// Queries for messages: what the outbox needs to know about a case and its resident to write to
// them, and the staff's lists of messages. Reads only of other features' tables (residents, cases,
// services); the notification rows themselves are written through the platform's outbox.
import type { Queryable } from '../../platform/db/schema.ts'
import type { NotificationChannel, NotificationStatus, PreferredChannel } from '../../platform/db/values.ts'

export type CaseForMessage = {
  caseId: number
  reference: string
  serviceName: string
  residentId: number | null
}

export function findCaseForMessage(
  db: Queryable,
  councilId: number,
  caseId: number,
): Promise<CaseForMessage | undefined> {
  return db
    .selectFrom('case as c')
    .innerJoin('service as s', 's.id', 'c.service_id')
    .select(['c.id as caseId', 'c.reference', 's.name as serviceName', 'c.resident_id as residentId'])
    .where('c.council_id', '=', councilId)
    .where('c.id', '=', caseId)
    .executeTakeFirst()
}

export type ResidentReach = {
  givenName: string
  familyName: string
  preferredChannel: PreferredChannel | null
  language: string | null
  emails: string[]
  phones: string[]
  address: { line1: string; line2: string | null; town: string | null; postcode: string | null } | undefined
}

/** How a resident can be reached: their choice, their language, and their details primary first. */
export async function findResidentReach(
  db: Queryable,
  councilId: number,
  residentId: number,
): Promise<ResidentReach | undefined> {
  const resident = await db
    .selectFrom('resident')
    .select(['given_name', 'family_name', 'preferred_channel', 'language'])
    .where('council_id', '=', councilId)
    .where('id', '=', residentId)
    .executeTakeFirst()
  if (!resident) return undefined
  const details = await db
    .selectFrom('resident_contact_detail')
    .select(['kind', 'value'])
    .where('council_id', '=', councilId)
    .where('resident_id', '=', residentId)
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .execute()
  const address = await db
    .selectFrom('resident_address')
    .select(['address_line_1 as line1', 'address_line_2 as line2', 'town', 'postcode'])
    .where('council_id', '=', councilId)
    .where('resident_id', '=', residentId)
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .executeTakeFirst()
  // A resident with an e-account has proved that address: it reaches them when their record holds no other.
  const account = await db
    .selectFrom('e_account')
    .select('email')
    .where('council_id', '=', councilId)
    .where('resident_id', '=', residentId)
    .where('verified_at', 'is not', null)
    .orderBy('id')
    .executeTakeFirst()
  const emails = details.filter((d) => d.kind === 'email').map((d) => d.value)
  return {
    givenName: resident.given_name,
    familyName: resident.family_name,
    preferredChannel: resident.preferred_channel,
    language: resident.language,
    emails: emails.length === 0 && account ? [account.email] : emails,
    phones: details.filter((d) => d.kind === 'phone').map((d) => d.value),
    address,
  }
}

export type MessageRow = {
  id: number
  caseId: number | null
  caseReference: string | null
  residentId: number | null
  channel: NotificationChannel
  template: string
  status: NotificationStatus
  attempts: number
  lastError: string | null
  createdAt: string
  nextAttemptAt: string | null
  sentAt: string | null
}

function messageColumns(db: Queryable) {
  return db
    .selectFrom('notification as n')
    .leftJoin('case as c', 'c.id', 'n.case_id')
    .select([
      'n.id',
      'n.case_id as caseId',
      'c.reference as caseReference',
      'n.resident_id as residentId',
      'n.channel',
      'n.template',
      'n.status',
      'n.attempts',
      'n.last_error as lastError',
      'n.created_at as createdAt',
      'n.next_attempt_at as nextAttemptAt',
      'n.sent_at as sentAt',
    ])
}

/** Messages that have not gone: failed for good, or waiting (queued, or being sent now). Failed first, oldest first. */
export function listUnsentMessages(db: Queryable, councilId: number, limit: number): Promise<MessageRow[]> {
  return messageColumns(db)
    .where('n.council_id', '=', councilId)
    .where('n.status', 'in', ['failed', 'queued', 'sending'])
    .orderBy((eb) => eb.case().when('n.status', '=', 'failed').then(0).else(1).end())
    .orderBy('n.id')
    .limit(limit)
    .execute()
}

export function listCaseMessages(db: Queryable, councilId: number, caseId: number): Promise<MessageRow[]> {
  return messageColumns(db)
    .where('n.council_id', '=', councilId)
    .where('n.case_id', '=', caseId)
    .orderBy('n.id')
    .execute()
}

/** A failed message back in the queue for the next round, its attempts counted afresh. */
export async function requeueFailed(db: Queryable, councilId: number, id: number): Promise<MessageRow | undefined> {
  const updated = await db
    .updateTable('notification')
    .set({ status: 'queued', attempts: 0, next_attempt_at: null, claimed_at: null })
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) === 0) return undefined
  return messageColumns(db).where('n.id', '=', id).executeTakeFirst()
}

export function findCouncilForMessage(db: Queryable, councilId: number) {
  return db.selectFrom('council').select(['name', 'settings']).where('id', '=', councilId).executeTakeFirst()
}
