// Messages in the staff's words: what a message was about, how it went, and when it is tried next.
import type { MessageRow } from './service.ts'

const WHAT: Record<string, string> = {
  'request-confirmation': 'Request confirmation',
  'case-status-changed': 'Status change',
  'case-note': 'Public note',
  'rate-service': 'Invitation to rate the service',
}

export const CHANNEL_WORDS: Record<string, string> = {
  email: 'Email',
  sms: 'Text message',
  letter: 'Letter',
  phone: 'Call back task',
}

const STATUS: Record<string, { text: string; classes: string }> = {
  queued: { text: 'Waiting', classes: 'govuk-tag--yellow' },
  sending: { text: 'Sending', classes: 'govuk-tag--blue' },
  sent: { text: 'Sent', classes: 'govuk-tag--green' },
  delivered: { text: 'Delivered', classes: 'govuk-tag--green' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
}

export function dateTime(iso: string | null, timeZone: string): string {
  if (!iso) return ''
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso))
}

export type ShownMessage = {
  id: number
  caseReference: string | null
  what: string
  how: string
  status: { text: string; classes: string }
  failed: boolean
  attempts: number
  queuedAt: string
  /** When it is tried next, or why it failed: the codes a provider gave, never its words. */
  detail: string
}

export function shownMessage(row: MessageRow, timeZone: string): ShownMessage {
  const status = STATUS[row.status] ?? { text: row.status, classes: 'govuk-tag--grey' }
  let detail = ''
  if (row.status === 'failed') detail = row.lastError ?? ''
  else if (row.status === 'queued' && row.nextAttemptAt)
    detail = `Tried again from ${dateTime(row.nextAttemptAt, timeZone)}${row.lastError ? ` (last: ${row.lastError})` : ''}`
  else if (row.status === 'sent') detail = `Sent ${dateTime(row.sentAt, timeZone)}`
  return {
    id: row.id,
    caseReference: row.caseReference,
    what: WHAT[row.template] ?? 'Account email',
    how: CHANNEL_WORDS[row.channel] ?? row.channel,
    status,
    failed: row.status === 'failed',
    attempts: row.attempts,
    queuedAt: dateTime(row.createdAt, timeZone),
    detail,
  }
}
