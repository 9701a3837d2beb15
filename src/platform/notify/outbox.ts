// Outbound messages are written to the notification table in the same transaction as the change
// that causes them (an account created, a password reset asked for), then sent by the outbox
// worker. A message is never lost to a crash between the two, nor sent for a change undone.
import { nowIso } from '../db/database.ts'
import type { Queryable } from '../db/schema.ts'
import type { NotificationChannel } from '../db/values.ts'

/** The emails Frontdoor sends about sign-in; each has its words in templates.ts. Staff get their own lock-out email: they have no self-service reset. */
export const EMAIL_TEMPLATES = [
  'verify-email',
  'reset-password',
  'account-locked',
  'staff-account-locked',
  'email-changed',
  'password-changed',
  'account-exists',
  'account-closed',
] as const
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number]

export type QueuedEmail = {
  councilId: number
  residentId?: number | null
  template: EmailTemplate
  to: string
  /** Values the template fills in: links, a council's name. Never stored in logs. */
  personalisation: Record<string, string>
}

export async function queueEmail(db: Queryable, email: QueuedEmail): Promise<number> {
  const row = await db
    .insertInto('notification')
    .values({
      council_id: email.councilId,
      resident_id: email.residentId ?? null,
      case_id: null,
      channel: 'email',
      template: email.template,
      recipient: email.to,
      personalisation: JSON.stringify(email.personalisation),
      status: 'queued',
      provider_reference: null,
      attempts: 0,
      last_error: null,
      created_at: nowIso(),
      sent_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export type QueuedMessage = {
  councilId: number
  residentId: number | null
  caseId: number | null
  channel: NotificationChannel
  /** A resident's template (resident-templates.ts) or a sign-in email's. */
  template: string
  /** An email address, a phone number, or a letter's address block (a line each). */
  to: string
  personalisation: Record<string, string>
}

/** Any message on any channel, written in the caller's transaction and sent by the worker. */
export async function queueMessage(db: Queryable, message: QueuedMessage): Promise<number> {
  const row = await db
    .insertInto('notification')
    .values({
      council_id: message.councilId,
      resident_id: message.residentId,
      case_id: message.caseId,
      channel: message.channel,
      template: message.template,
      recipient: message.to,
      personalisation: JSON.stringify(message.personalisation),
      status: 'queued',
      provider_reference: null,
      attempts: 0,
      last_error: null,
      created_at: nowIso(),
      sent_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A message handed over outside the worker (a call task put on the advisors' list): sent, with where it went. */
export async function recordHandedOver(db: Queryable, id: number, reference: string): Promise<void> {
  await db
    .updateTable('notification')
    .set({ status: 'sent', sent_at: nowIso(), provider_reference: reference, attempts: 1 })
    .where('id', '=', id)
    .execute()
}
