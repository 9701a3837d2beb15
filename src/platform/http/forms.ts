// Reading a posted page form and listing its errors for the GOV.UK error summary, the same way
// on every page.
import type { FastifyRequest } from 'fastify'

/** A form field as typed: a string, or empty when missing or sent more than once. */
export function field(request: FastifyRequest, name: string): string {
  const value = (request.body as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value : ''
}

/** The error summary's entries, each linking to its field, in the fields' order on the page (or the errors' own). */
export function errorList(
  errors: Partial<Record<string, string>>,
  order: readonly string[] = Object.keys(errors),
): { text: string; href: string }[] {
  return order.flatMap((name) => {
    const text = errors[name]
    return text ? [{ text, href: `#${name}` }] : []
  })
}
