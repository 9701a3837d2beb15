// Making an Intl.DateTimeFormat costs far more than using one: the desk's benchmark found a single
// view of 300 entries spending most of its time making them. So each set of options (time zone
// included) gets one, made the first time it is asked for and kept.
const made = new Map<string, Intl.DateTimeFormat>()

/** A British English formatter for these options, in the time zone they name. */
export function dateTimeFormat(options: Intl.DateTimeFormatOptions & { timeZone: string }): Intl.DateTimeFormat {
  const key = JSON.stringify(options)
  let format = made.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', options)
    made.set(key, format)
  }
  return format
}
