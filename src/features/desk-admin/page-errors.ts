// A refusal from the catalogue service, as the field it is about on a GOV.UK page: a clash of names
// or codes (409) belongs beside the field that clashes; invalid fields (422) beside each field.
import type { FieldError } from '../../platform/http/problem.ts'
import { Problem } from '../../platform/http/problem.ts'

export function refusalAsFields(error: unknown, clashField: string): FieldError[] {
  if (error instanceof Problem && error.status === 409) return [{ name: clashField, message: error.message }]
  if (error instanceof Problem && error.status === 422 && error.errors)
    return error.errors.map((e) => ({ name: e.name.replace(/^body\./, ''), message: e.message }))
  throw error
}

export type ShownErrors = { errors: Record<string, string>; errorList?: { text: string; href: string }[] }

/** The message beside each field and the summary linking to it, first error per field, in the page's order. */
export function shownErrors(errors: FieldError[], order: readonly string[]): ShownErrors {
  const first = new Map<string, string>()
  for (const e of errors) if (!first.has(e.name)) first.set(e.name, e.message)
  const named = [...order.filter((name) => first.has(name)), ...[...first.keys()].filter((n) => !order.includes(n))]
  if (named.length === 0) return { errors: {} }
  return {
    errors: Object.fromEntries(first),
    errorList: named.map((name) => ({ text: first.get(name) as string, href: `#${name}` })),
  }
}
