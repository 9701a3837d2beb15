// How a resident's request reads to them: plain words for each status, and a timeline of what
// has happened, newest first. The cases service has already left out everything internal.
import type { CaseStatus } from '../../platform/db/values.ts'
import type { CaseEvent } from '../cases/service.ts'
import { dateTimeFormat } from '../../platform/i18n/date-time-format.ts'
import { residentTime } from '../../platform/i18n/time-of-day.ts'

export const STATUS_TAGS: Record<CaseStatus, { text: string; classes: string }> = {
  open: { text: 'Received', classes: 'govuk-tag--blue' },
  in_progress: { text: 'In progress', classes: 'govuk-tag--light-blue' },
  waiting: { text: 'Waiting', classes: 'govuk-tag--yellow' },
  resolved: { text: 'Resolved', classes: 'govuk-tag--green' },
  closed: { text: 'Closed', classes: 'govuk-tag--grey' },
  cancelled: { text: 'Cancelled', classes: 'govuk-tag--red' },
}

export type TimelineEntry = { at: string; when: string; heading: string; body: string | null }

const LONDON = 'Europe/London'

/** "3 February 2026 at 2:05pm", in UK time, as GOV.UK writes a time. */
function whenOf(iso: string): string {
  const day = dateTimeFormat({ timeZone: LONDON, day: 'numeric', month: 'long', year: 'numeric' })
  return `${day.format(new Date(iso))} at ${residentTime(iso, LONDON)}`
}

function headingOf(event: CaseEvent): string | undefined {
  if (event.kind === 'created') return 'We received your request'
  if (event.kind === 'status_changed' && event.to_status)
    return `Status changed to ${STATUS_TAGS[event.to_status].text.toLowerCase()}`
  if (event.kind === 'note' && event.visibility === 'public') return 'Update from the council'
  return undefined
}

export function timelineEntries(events: readonly CaseEvent[]): TimelineEntry[] {
  const entries = events.flatMap((event) => {
    const heading = headingOf(event)
    return heading === undefined
      ? []
      : [{ at: event.at, when: whenOf(event.at), heading, body: event.kind === 'note' ? event.body : null }]
  })
  return entries.reverse()
}
