// How a resident's request reads to them, in the language they read the pages in: plain words for
// each status, and a timeline of what has happened, newest first. The cases service has already
// left out everything internal.
import type { CaseStatus } from '../../platform/db/values.ts'
import type { CaseEvent } from '../cases/service.ts'
import { RESIDENT_STATUS_WORDS } from '../cases/service.ts'
import { formatDate, translate } from '../../platform/i18n/translate.ts'
import { residentTime } from '../../platform/i18n/time-of-day.ts'

/** Each status's colour; its words are the ones a resident reads everywhere (RESIDENT_STATUS_WORDS). */
const STATUS_COLOURS: Record<CaseStatus, string> = {
  open: 'govuk-tag--blue',
  in_progress: 'govuk-tag--light-blue',
  waiting: 'govuk-tag--yellow',
  resolved: 'govuk-tag--green',
  closed: 'govuk-tag--grey',
  cancelled: 'govuk-tag--red',
}

/** A status's tag as the reader's language says it; the colour is the same in every language. */
export function statusTag(language: string, status: CaseStatus): { text: string; classes: string } {
  return { text: translate(language, RESIDENT_STATUS_WORDS[status]), classes: STATUS_COLOURS[status] }
}

export type TimelineEntry = { at: string; when: string; heading: string; body: string | null }

const LONDON = 'Europe/London'

/**
 * "3 February 2026 at 2:05pm" or "3 Chwefror 2026 am 2:05pm", in UK time, as GOV.UK writes a time.
 * The date comes from formatDate, which reads on the same London clock, so the day and the time
 * never disagree either side of midnight.
 */
function whenOf(language: string, iso: string): string {
  return translate(language, '{date} at {time}', {
    date: formatDate(language, iso),
    time: residentTime(iso, LONDON, language),
  })
}

function headingOf(language: string, event: CaseEvent): string | undefined {
  if (event.kind === 'created') return translate(language, 'We received your request')
  if (event.kind === 'status_changed' && event.to_status) {
    // The status is the tag's own words, lowercased in the middle of the sentence, so the heading
    // and the tag above it name a status alike. Lowercased by the language's own rules, which is
    // why the translated words are lowercased, never the English before translating ("in progress"
    // has no Welsh of its own, and would be left English in a Welsh sentence).
    const status = statusTag(language, event.to_status).text.toLocaleLowerCase(language)
    return translate(language, 'Status changed to {status}', { status })
  }
  if (event.kind === 'note' && event.visibility === 'public') return translate(language, 'Update from the council')
  return undefined
}

export function timelineEntries(language: string, events: readonly CaseEvent[]): TimelineEntry[] {
  const entries = events.flatMap((event) => {
    const heading = headingOf(language, event)
    return heading === undefined
      ? []
      : [{ at: event.at, when: whenOf(language, event.at), heading, body: event.kind === 'note' ? event.body : null }]
  })
  return entries.reverse()
}
