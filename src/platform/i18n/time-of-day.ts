// The one way each reader is told a time of day. Staff pages use the desk's 24-hour clock ("19:51"),
// which sorts and scans in a list. Resident pages follow the GOV.UK style guide ("7:53pm", "10am",
// "midday", "midnight", never "12 noon" or "19:53"); Welsh pages keep their own words for midday
// and midnight and write am and pm as English does. An instant is always read on the council's
// clock, so a time is never an hour out either side of a clock change.
import { translate } from './translate.ts'
import { dateTimeFormat } from './date-time-format.ts'

type Instant = Date | string | number

function clockOf(timeZone: string, seconds: boolean): Intl.DateTimeFormat {
  // h23, not hour12: false: the latter lets some ICU versions write midnight as "24:00".
  return dateTimeFormat({
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  })
}

const instant = (at: Instant) => (at instanceof Date ? at : new Date(at))

/**
 * "19:51" on the council's clock, as staff pages write it. `seconds` ("19:51:42") only where two
 * times would otherwise read alike, such as two calls answered in one minute offered side by side.
 * Zero-padded, so two of them compare as the day runs.
 */
export function staffTime(at: Instant, timeZone: string, options: { seconds?: boolean } = {}): string {
  return clockOf(timeZone, options.seconds === true).format(instant(at))
}

/** A wall-clock "HH:MM" (a council's opening time, say) as residents read it: "10am", "5:30pm", "midday". */
export function residentClockTime(time: string, language = 'en'): string {
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  if (hour === 12 && minute === 0) return translate(language, 'midday')
  // A window that runs to the end of the day ends at "24:00": that is midnight too.
  if (hour % 24 === 0 && minute === 0) return translate(language, 'midnight')
  const suffix = hour % 24 < 12 ? 'am' : 'pm'
  const twelve = hour % 12 === 0 ? 12 : hour % 12
  return minute === 0 ? `${twelve}${suffix}` : `${twelve}:${String(minute).padStart(2, '0')}${suffix}`
}

/** An instant on the council's clock as residents read it: "7:53pm", "midday". */
export function residentTime(at: Instant, timeZone: string, language = 'en'): string {
  return residentClockTime(staffTime(at, timeZone), language)
}
