// How cases read on the desk's pages: statuses as tags, channels and times in words, the target
// as working time left, and answers under the questions the service's form asked.
import type { CaseStatus, Channel } from '../../platform/db/values.ts'
import type { CaseEvent, CaseTarget } from '../cases/service.ts'
import type { FormField } from '../catalogue/service.ts'
import { addressLine } from '../catalogue/service.ts'
import { staffTime } from '../../platform/i18n/time-of-day.ts'
import { dateTimeFormat } from '../../platform/i18n/date-time-format.ts'

export const STATUS_NAMES: Record<CaseStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  waiting: 'Waiting',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
}

const STATUS_COLOURS: Record<CaseStatus, string> = {
  open: 'govuk-tag--blue',
  in_progress: 'govuk-tag--light-blue',
  waiting: 'govuk-tag--yellow',
  resolved: 'govuk-tag--green',
  closed: 'govuk-tag--grey',
  cancelled: 'govuk-tag--grey',
}

/** The words on a button or radio for moving a case to a status. */
export const STATUS_ACTIONS: Record<CaseStatus, string> = {
  open: 'Open',
  in_progress: 'Start work (in progress)',
  waiting: 'Waiting for someone else',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
}

export const CHANNEL_NAMES: Record<Channel, string> = {
  web: 'Online',
  phone: 'Phone',
  face_to_face: 'Face to face',
  video: 'Video',
  email: 'Email',
  letter: 'Letter',
  webchat: 'Web chat',
  social: 'Social media',
  partner: 'Partner organisation',
}

export function statusTag(status: CaseStatus): { text: string; classes: string } {
  return { text: STATUS_NAMES[status], classes: STATUS_COLOURS[status] }
}

/** "3 Dec 2026, 14:05" in the council's time zone. */
export function dateTime(iso: string, timeZone: string): string {
  const at = new Date(iso)
  return `${dayOf(timeZone).format(at)}, ${staffTime(at, timeZone)}`
}

const dayOf = (timeZone: string) => dateTimeFormat({ day: 'numeric', month: 'short', year: 'numeric', timeZone })

function hoursAndMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  const parts = [
    hours > 0 ? `${hours} working ${hours === 1 ? 'hour' : 'hours'}` : '',
    rest > 0 || hours === 0 ? `${rest} ${rest === 1 ? 'minute' : 'minutes'}` : '',
  ]
  return parts.filter(Boolean).join(' ')
}

/** The target in words: time left, or how long overdue. */
export function targetText(target: CaseTarget): string {
  const left = target.working_minutes_left
  if (target.overdue) return `Overdue by ${hoursAndMinutes(Math.max(0, -left))}`
  return left >= 0 ? `${hoursAndMinutes(left)} left` : 'Was due before it was finished'
}

// A date answer is a calendar day, not a moment: it is read and written in UTC so that no time
// zone can move it to the day before or after.
const answerDay = dateTimeFormat({ day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

/** "3 December 2026", as GOV.UK writes a date; an answer that is not a day (kept from before the question was one) as it is. */
function dateAnswer(value: unknown): string {
  const day = String(value)
  const at = new Date(`${day}T00:00:00Z`)
  return Number.isNaN(at.getTime()) || !at.toISOString().startsWith(day) ? day : answerDay.format(at)
}

function answerText(field: FormField | undefined, value: unknown): string {
  if (value === undefined || value === null || value === '') return 'Not answered'
  if (Array.isArray(value)) return value.length === 0 ? 'None' : value.map(String).join(', ')
  if (field?.type === 'yes_no' || typeof value === 'boolean') return value === true || value === 'yes' ? 'Yes' : 'No'
  // The question says what the answer is; a value that merely looks like a date is left alone.
  if (field?.type === 'date') return dateAnswer(value)
  // An address is kept as its parts: shown on one line, as the resident's check page shows it.
  if (field?.type === 'address') return addressLine(value) ?? JSON.stringify(value)
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** The answers as summary list rows, under the form's own questions, then any the form no longer asks. */
export function answerRows(form: readonly FormField[], answers: Record<string, unknown>) {
  const asked = form.map((field) => ({
    key: { text: field.label },
    value: { text: answerText(field, answers[field.name]) },
  }))
  const names = new Set(form.map((field) => field.name))
  const others = Object.entries(answers)
    .filter(([name]) => !names.has(name))
    .map(([name, value]) => ({ key: { text: name }, value: { text: answerText(undefined, value) } }))
  return [...asked, ...others]
}

export type Names = { staff: Map<number, string>; teams: Map<number, string> }

function who(event: CaseEvent, names: Names): string {
  if (event.actor_kind === 'staff' && event.actor_id !== null)
    return names.staff.get(event.actor_id) ?? `Staff member ${event.actor_id}`
  if (event.actor_kind === 'resident') return 'The resident (online)'
  if (event.actor_kind === 'partner') return 'A partner organisation'
  return event.actor_kind === 'token' ? 'A connected system' : 'Frontdoor'
}

function holderText(detail: Record<string, unknown> | null, names: Names): string {
  const team =
    typeof detail?.team_id === 'number' ? (names.teams.get(detail.team_id) ?? `team ${detail.team_id}`) : 'no team'
  const person =
    typeof detail?.assignee_id === 'number'
      ? (names.staff.get(detail.assignee_id) ?? `staff member ${detail.assignee_id}`)
      : 'nobody'
  return `Team: ${team}. Person: ${person}.`
}

function titleOf(event: CaseEvent): string {
  if (event.kind === 'created') return 'Case raised'
  if (event.kind === 'note') return event.visibility === 'public' ? 'Public note' : 'Internal note'
  if (event.kind === 'assigned') return 'Assigned'
  if (event.kind === 'status_changed' && event.to_status)
    return event.from_status === 'resolved' && event.to_status !== 'closed'
      ? 'Reopened'
      : `Status: ${STATUS_NAMES[event.to_status]}`
  if (event.kind === 'message_sent') return 'Message sent'
  if (event.kind === 'due_changed') return 'Due time changed'
  return 'Merged'
}

/** The case's timeline, newest first, each entry marked as seen by the resident (public) or by staff only. */
export function timelineItems(events: readonly CaseEvent[], names: Names, timeZone: string) {
  return [...events].reverse().map((event) => ({
    id: event.id,
    title: titleOf(event),
    by: who(event, names),
    at: event.at,
    when: dateTime(event.at, timeZone),
    text: event.kind === 'assigned' ? holderText(event.detail, names) : (event.body ?? ''),
    public: event.visibility === 'public',
  }))
}
