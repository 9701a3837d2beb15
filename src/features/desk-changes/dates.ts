// GOV.UK date inputs: three boxes (day, month, year) read as one date, or none when all are empty.
import type { FieldError } from '../../platform/http/problem.ts'

export function dateFrom(
  values: Record<string, string>,
  prefix: string,
  errors: FieldError[],
  message = 'Enter a real date, like 27 3 2027',
): string | null {
  const [day = '', month = '', year = ''] = ['day', 'month', 'year'].map((p) => (values[`${prefix}-${p}`] ?? '').trim())
  if (!day && !month && !year) return null
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  const real =
    /^\d{4}$/.test(year) &&
    /^\d{1,2}$/.test(month) &&
    /^\d{1,2}$/.test(day) &&
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day)
  if (real) return date.toISOString().slice(0, 10)
  errors.push({ name: `${prefix}-day`, message })
  return null
}

/** A stored date (YYYY-MM-DD) as the three boxes show it. */
export function dateParts(prefix: string, date: string | null): Record<string, string> {
  const [year = '', month = '', day = ''] = date?.split('-') ?? []
  return {
    [`${prefix}-day`]: day.replace(/^0/, ''),
    [`${prefix}-month`]: month.replace(/^0/, ''),
    [`${prefix}-year`]: year,
  }
}
