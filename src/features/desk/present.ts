// How the desk shows codes: words an advisor would say, and the GOV.UK tag colour that lets a
// status be seen at a glance.
import type { CaseStatus, DigitalStatus, PreferredChannel } from '../../platform/db/values.ts'
import { staffTime } from '../../platform/i18n/time-of-day.ts'
import { dateTimeFormat } from '../../platform/i18n/date-time-format.ts'

type Tag = { text: string; classes: string }

export const DIGITAL_TAGS: Record<DigitalStatus, Tag> = {
  self_serve: { text: 'Uses services online', classes: 'govuk-tag--green' },
  needs_help: { text: 'Needs help online', classes: 'govuk-tag--yellow' },
  offline_by_choice: { text: 'Offline by choice', classes: 'govuk-tag--grey' },
  cannot_use: { text: 'Cannot go online', classes: 'govuk-tag--orange' },
}
export const UNKNOWN_DIGITAL: Tag = { text: 'Digital status not known', classes: 'govuk-tag--grey' }

export const CASE_TAGS: Record<CaseStatus, Tag> = {
  open: { text: 'Open', classes: 'govuk-tag--blue' },
  in_progress: { text: 'In progress', classes: 'govuk-tag--light-blue' },
  waiting: { text: 'Waiting', classes: 'govuk-tag--yellow' },
  resolved: { text: 'Resolved', classes: 'govuk-tag--green' },
  closed: { text: 'Closed', classes: 'govuk-tag--grey' },
  cancelled: { text: 'Cancelled', classes: 'govuk-tag--grey' },
}

export const PREFERRED_CHANNEL_WORDS: Record<PreferredChannel, string> = {
  email: 'Email',
  sms: 'Text message',
  letter: 'Letter',
  phone: 'Phone',
}

export const TIMELINE_CHANNELS: { value: string; text: string }[] = [
  { value: 'phone', text: 'Phone' },
  { value: 'web', text: 'Web' },
  { value: 'email', text: 'Email' },
  { value: 'sms', text: 'Text message' },
  { value: 'letter', text: 'Letter' },
  { value: 'face_to_face', text: 'Face-to-face' },
  { value: 'video', text: 'Video' },
  { value: 'webchat', text: 'Webchat' },
  { value: 'social', text: 'Social media' },
  { value: 'partner', text: 'Partner' },
]

export const TIMELINE_KINDS: { value: string; text: string }[] = [
  { value: 'contact', text: 'Contacts' },
  { value: 'case', text: 'Cases raised' },
  { value: 'case_event', text: 'Case updates and notes' },
  { value: 'notification', text: 'Messages sent' },
  { value: 'referral', text: 'Referrals' },
  { value: 'callback', text: 'Call backs' },
  { value: 'appointment', text: 'Appointments' },
  { value: 'inclusion_assessment', text: 'Digital inclusion assessments' },
  { value: 'resident_change', text: 'Changes to their record' },
]

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

/** A stored date (YYYY-MM-DD) as "3 March 1950". */
export function dayText(date: string | null): string {
  return date ? DAY.format(new Date(`${date}T00:00:00Z`)) : ''
}

/** An instant as the council's clock shows it: "3 December 2026 at 14:05". */
export function momentText(iso: string, timeZone: string): string {
  const at = new Date(iso)
  return `${dayOf(timeZone).format(at)} at ${staffTime(at, timeZone)}`
}

const dayOf = (timeZone: string) => dateTimeFormat({ day: 'numeric', month: 'long', year: 'numeric', timeZone })

/** Field errors as the error summary's links and a message per box. */
export function errorsForPage(errors: { name: string; message: string }[], anchor: (name: string) => string) {
  return {
    errors: Object.fromEntries(errors.map((e) => [e.name, e.message])),
    errorList: errors.map((e) => ({ text: e.message, href: `#${anchor(e.name)}` })),
  }
}
