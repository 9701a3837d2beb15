// How the call-back pages write a time: the council's own clock, as GOV.UK writes dates and times
// ("Monday 7 December from 10am to midday"), in the resident's language. Staff pages keep English
// and the desk's 24-hour clock.
import { isLanguage, translate } from '../../platform/i18n/translate.ts'
import { residentTime, staffTime } from '../../platform/i18n/time-of-day.ts'

/**
 * "Monday 7 December", "dydd Llun 7 Rhagfyr": the day an instant falls on in the council's time zone.
 * Welsh says "on Monday" by mutating the day alone ("ddydd Llun"), so a date that follows "on" in
 * the English sentence is asked for with `on` and carries the mutation itself.
 */
export function councilDate(iso: string, timeZone: string, language = 'en', on = false): string {
  if (language !== 'cy') {
    const locale = language !== 'en' && isLanguage(language) ? language : 'en-GB'
    return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(
      new Date(iso),
    )
  }
  const parts = new Intl.DateTimeFormat('cy', { timeZone, weekday: 'long', day: 'numeric', month: 'long' })
    .formatToParts(new Date(iso))
    .reduce<Record<string, string>>((found, part) => ({ ...found, [part.type]: part.value }), {})
  // ICU writes the weekday as a heading would ("Dydd Llun"); inside a sentence "dydd" is lower case.
  const weekday = (parts.weekday ?? '').replace(/^Dydd /, on ? 'ddydd ' : 'dydd ')
  return `${weekday} ${parts.day ?? ''} ${parts.month ?? ''}`
}

/** "Monday 7 December from 10am to midday": a window that starts and ends on one day, said after "on". */
export function councilWindow(window: { start: string; end: string }, timeZone: string, language = 'en'): string {
  return translate(language, '{date} from {start} to {end}', {
    date: councilDate(window.start, timeZone, language, true),
    start: residentTime(window.start, timeZone, language),
    end: residentTime(window.end, timeZone, language),
  })
}

/** "Monday 7 December from 10:00 to 12:00": a window as the staff's call-back list shows it. */
export function staffWindow(window: { start: string; end: string }, timeZone: string): string {
  return `${councilDate(window.start, timeZone)} from ${staffTime(window.start, timeZone)} to ${staffTime(window.end, timeZone)}`
}

/** "Monday 7 December at 9am", said after "on". */
export function councilTime(iso: string, timeZone: string, language = 'en'): string {
  return translate(language, '{date} at {time}', {
    date: councilDate(iso, timeZone, language, true),
    time: residentTime(iso, timeZone, language),
  })
}
