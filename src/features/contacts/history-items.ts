// Turns rows of each kind into timeline entries: the API's shape, with a one-line summary made
// only from coded fields (free text such as notes and reasons is shown in its own field).
import type { Static } from '@sinclair/typebox'
import type { InclusionBarrier } from '../../platform/db/values.ts'
import type {
  AppointmentHistoryItem,
  CallbackHistoryItem,
  CaseEventHistoryItem,
  CaseHistoryItem,
  ContactHistoryItem,
  HistoryItemSchema,
  InclusionAssessmentHistoryItem,
  NotificationHistoryItem,
  ReferralHistoryItem,
  ResidentChangeHistoryItem,
} from './schemas.ts'
import type {
  AppointmentHistoryRow,
  CallbackHistoryRow,
  CaseEventHistoryRow,
  CaseHistoryRow,
  ContactHistoryRow,
  HistoryKind,
  InclusionAssessmentHistoryRow,
  NotificationHistoryRow,
  ReferralHistoryRow,
  ResidentChangeHistoryRow,
} from './history-repo.ts'

import { callWords } from './answered-call.ts'
import type { AnsweredCall } from './answered-call.ts'
import { dateTimeFormat } from '../../platform/i18n/date-time-format.ts'
import { staffTime } from '../../platform/i18n/time-of-day.ts'

export type HistoryItem = Static<typeof HistoryItemSchema>

const CHANNEL_WORDS: Record<string, string> = {
  web: 'Web',
  phone: 'Phone',
  face_to_face: 'Face-to-face',
  video: 'Video',
  email: 'Email',
  letter: 'Letter',
  webchat: 'Webchat',
  social: 'Social media',
  partner: 'Partner',
  sms: 'Text message',
}

/** `resolved_first_contact` as "resolved first contact": codes read as words. */
const words = (code: string): string => code.replace(/_/g, ' ')

/**
 * An outbound contact that ended `abandoned` is the council's try that reached nobody (a call back
 * unanswered or to a wrong number): "abandoned" would read as if the resident hung up on us.
 */
const outcomeWords = (row: Pick<ContactHistoryRow, 'direction' | 'outcome'>): string =>
  row.direction === 'outbound' && row.outcome === 'abandoned' ? 'not reached' : words(row.outcome)
const channelWord = (channel: string): string => CHANNEL_WORDS[channel] ?? words(channel)

/**
 * A contact as the timeline shows it. The call it answered is in the summary too, in the council's
 * clock, because the desk's timeline shows an entry by its summary.
 */
export function contactItem(
  row: ContactHistoryRow,
  call: AnsweredCall | null,
  timeZone: string,
): Static<typeof ContactHistoryItem> {
  const about = row.service_name === null ? '' : ` about ${row.service_name}`
  const avoidable = row.avoidable === 1 ? ' (avoidable)' : ''
  const answered = call === null ? '' : `. ${callWords(call, timeZone)}`
  return {
    kind: 'contact',
    id: row.id,
    at: row.at,
    resident_id: row.resident_id,
    summary: `${channelWord(row.channel)} contact, ${row.direction}${about}: ${outcomeWords(row)}${avoidable}${answered}`,
    channel: row.channel,
    direction: row.direction,
    outcome: row.outcome,
    avoidable: row.avoidable === 1,
    handle_seconds: row.handle_seconds,
    service_id: row.service_id,
    service_name: row.service_name,
    case_id: row.case_id,
    notes: row.notes,
    call,
  }
}

export function caseItem(row: CaseHistoryRow): Static<typeof CaseHistoryItem> {
  return {
    kind: 'case',
    ...row,
    summary: `Case ${row.reference} raised (${words(row.channel)}): ${row.service_name}, now ${words(row.status)}`,
  }
}

export function caseEventItem(row: CaseEventHistoryRow): Static<typeof CaseEventHistoryItem> {
  const what =
    row.event === 'note'
      ? `${row.visibility} note added`
      : `status changed${row.from_status === null ? '' : ` from ${words(row.from_status)}`} to ${words(row.to_status ?? 'unknown')}`
  return { kind: 'case_event', ...row, summary: `${row.case_reference}: ${what}` }
}

/**
 * A call back where it was asked for, saying when the resident wanted the call: "Call back asked
 * for Monday 7 December, 09:00 to 12:00: completed". Placed at its window, one promised for next
 * week sat above everything that has happened since, its tries included.
 */
export function callbackItem(row: CallbackHistoryRow, timeZone: string): Static<typeof CallbackHistoryItem> {
  const day = dateTimeFormat({ timeZone, weekday: 'long', day: 'numeric', month: 'long' })
  const window = `${day.format(new Date(row.window_start))}, ${staffTime(row.window_start, timeZone)} to ${staffTime(row.window_end, timeZone)}`
  return { kind: 'callback', ...row, summary: `Call back asked for ${window}: ${words(row.status)}` }
}

export function appointmentItem(row: AppointmentHistoryRow): Static<typeof AppointmentHistoryItem> {
  const attended = row.attended === null ? null : row.attended === 1
  return {
    kind: 'appointment',
    ...row,
    attended,
    summary: `${channelWord(row.appointment_kind === 'counter' ? 'face_to_face' : row.appointment_kind)} appointment: ${words(row.status)}`,
  }
}

export function referralItem(row: ReferralHistoryRow): Static<typeof ReferralHistoryItem> {
  return { kind: 'referral', ...row, summary: `Referred to ${row.partner_name}: ${words(row.status)}` }
}

export function notificationItem(row: NotificationHistoryRow): Static<typeof NotificationHistoryItem> {
  return {
    kind: 'notification',
    ...row,
    summary: `${channelWord(row.channel)} message (${row.template}): ${words(row.status)}`,
  }
}

export function inclusionAssessmentItem(
  row: InclusionAssessmentHistoryRow,
  barriers: InclusionBarrier[],
): Static<typeof InclusionAssessmentHistoryItem> {
  const found = barriers.length === 0 ? 'no barriers recorded' : `barriers: ${barriers.join(', ')}`
  return { kind: 'inclusion_assessment', ...row, barriers, summary: `Digital inclusion assessment, ${found}` }
}

const CHANGE_WORDS: Record<ResidentChangeHistoryRow['change'], string> = {
  details: 'Details changed',
  flag_added: 'Vulnerability flag added',
  flag_review_changed: 'Vulnerability flag review date changed',
  flag_removed: 'Vulnerability flag removed',
  merged: 'Duplicate record merged into this one',
}

export function residentChangeItem(row: ResidentChangeHistoryRow): Static<typeof ResidentChangeHistoryItem> {
  const fields = JSON.parse(row.fields) as string[]
  const which = row.change === 'details' && fields.length > 0 ? `: ${fields.map(words).join(', ')}` : ''
  return { kind: 'resident_change', ...row, fields, summary: `${CHANGE_WORDS[row.change]}${which}` }
}

/** The timeline's order: newest first, then kind, then id, all descending (the cursor's order too). */
export function newestFirst(
  a: { at: string; kind: HistoryKind; id: number },
  b: { at: string; kind: HistoryKind; id: number },
): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1
  if (a.kind !== b.kind) return a.kind < b.kind ? 1 : -1
  return b.id - a.id
}
