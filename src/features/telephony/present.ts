// How the call-back pages write a time: the council's own clock, as GOV.UK writes dates and times
// ("Monday 7 December from 10am to 12 noon"), in the resident's language. Staff pages keep English.
import { isLanguage, translate } from '../../platform/i18n/translate.ts'

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

/** 10am, 12:30pm, 12 noon (GOV.UK style) for a wall-clock HH:MM; am and pm are written so in Welsh too. */
export function clockTime(time: string, language = 'en'): string {
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  if (hour === 12 && minute === 0) return translate(language, '12 noon')
  if (hour % 24 === 0 && minute === 0) return translate(language, '12 midnight')
  const suffix = hour % 24 < 12 ? 'am' : 'pm'
  const twelve = hour % 12 === 0 ? 12 : hour % 12
  return minute === 0 ? `${twelve}${suffix}` : `${twelve}:${String(minute).padStart(2, '0')}${suffix}`
}

/** The time an instant reads on the council's clock, GOV.UK style. */
export function timeOfDay(iso: string, timeZone: string, language = 'en'): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
  return clockTime(time.format(new Date(iso)), language)
}

/** "Monday 7 December from 10am to 12 noon": a window that starts and ends on one day, said after "on". */
export function councilWindow(window: { start: string; end: string }, timeZone: string, language = 'en'): string {
  return translate(language, '{date} from {start} to {end}', {
    date: councilDate(window.start, timeZone, language, true),
    start: timeOfDay(window.start, timeZone, language),
    end: timeOfDay(window.end, timeZone, language),
  })
}

/** "Monday 7 December at 9am", said after "on". */
export function councilTime(iso: string, timeZone: string, language = 'en'): string {
  return translate(language, '{date} at {time}', {
    date: councilDate(iso, timeZone, language, true),
    time: timeOfDay(iso, timeZone, language),
  })
}
