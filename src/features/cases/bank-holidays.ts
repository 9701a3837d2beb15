// England and Wales bank holidays, 2015 to 2030, as GOV.UK publishes them: the regular rules
// (with substitute days for weekends) worked out here, plus the one-off changes by proclamation.
// A council adds closure days or re-opens a listed day through its council_holiday rows.

export const FIRST_YEAR = 2015
export const LAST_YEAR = 2030

type Day = { year: number; month: number; day: number }

const iso = ({ year, month, day }: Day): string =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
const weekday = ({ year, month, day }: Day): number => new Date(Date.UTC(year, month - 1, day)).getUTCDay()
const plusDays = ({ year, month, day }: Day, days: number): Day => {
  const d = new Date(Date.UTC(year, month - 1, day + days))
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): Day {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return { year, month, day }
}

function firstMonday(year: number, month: number): Day {
  const first = { year, month, day: 1 }
  return plusDays(first, (8 - weekday(first)) % 7)
}

function lastMonday(year: number, month: number): Day {
  const last = plusDays({ year, month: month + 1, day: 1 }, -1)
  return plusDays(last, -((weekday(last) + 6) % 7))
}

/** New Year's Day on a weekend moves to the Monday after. */
function newYearsDay(year: number): [Day, string] {
  const first = { year, month: 1, day: 1 }
  const shift = weekday(first) === 6 ? 2 : weekday(first) === 0 ? 1 : 0
  return [plusDays(first, shift), shift ? 'New Year’s Day (substitute day)' : 'New Year’s Day']
}

/** Christmas and Boxing Day, with the substitute days GOV.UK lists when either is a weekend. */
function christmasHolidays(year: number): [Day, string][] {
  const day = (d: number): Day => ({ year, month: 12, day: d })
  switch (weekday(day(25))) {
    case 5: // Friday: Boxing Day moves to Monday
      return [
        [day(25), 'Christmas Day'],
        [day(28), 'Boxing Day (substitute day)'],
      ]
    case 6: // Saturday: both move to Monday and Tuesday
      return [
        [day(27), 'Christmas Day (substitute day)'],
        [day(28), 'Boxing Day (substitute day)'],
      ]
    case 0: // Sunday: Boxing Day stays Monday, Christmas moves to Tuesday
      return [
        [day(26), 'Boxing Day'],
        [day(27), 'Christmas Day (substitute day)'],
      ]
    default:
      return [
        [day(25), 'Christmas Day'],
        [day(26), 'Boxing Day'],
      ]
  }
}

function regularHolidays(year: number): [string, string][] {
  const holidays: [string, string][] = []
  const add = (date: Day, name: string): void => {
    holidays.push([iso(date), name])
  }
  add(...newYearsDay(year))
  const easter = easterSunday(year)
  add(plusDays(easter, -2), 'Good Friday')
  add(plusDays(easter, 1), 'Easter Monday')
  if (year === 2020) add({ year, month: 5, day: 8 }, 'Early May bank holiday (VE day)')
  else add(firstMonday(year, 5), 'Early May bank holiday')
  if (year === 2022) add({ year, month: 6, day: 2 }, 'Spring bank holiday')
  else add(lastMonday(year, 5), 'Spring bank holiday')
  add(lastMonday(year, 8), 'Summer bank holiday')
  for (const [date, name] of christmasHolidays(year)) add(date, name)
  return holidays
}

const ONE_OFF: [string, string][] = [
  ['2022-06-03', 'Platinum Jubilee bank holiday'],
  ['2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II'],
  ['2023-05-08', 'Bank holiday for the coronation of King Charles III'],
]

let cached: ReadonlyMap<string, string> | undefined

export function englandAndWalesBankHolidays(): ReadonlyMap<string, string> {
  if (!cached) {
    const all: [string, string][] = []
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) all.push(...regularHolidays(year))
    cached = new Map([...all, ...ONE_OFF].sort(([a], [b]) => a.localeCompare(b)))
  }
  return cached
}
