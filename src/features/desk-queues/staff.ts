// What every desk page needs first: a member of staff signed in, and the form's typed values.
import type { FastifyRequest } from 'fastify'
import { principalOf } from '../../platform/auth/guard.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { isCouncilStaff } from '../../platform/auth/principal.ts'
import { Problem } from '../../platform/http/problem.ts'
import type { FieldError } from '../../platform/http/problem.ts'

/** The council's own staff: a resident or partner holding cases:read sees their cases elsewhere, never on the desk. */
export function deskStaff(request: FastifyRequest): Principal {
  const principal = principalOf(request)
  if (principal.kind !== 'staff' || !isCouncilStaff(principal))
    throw new Problem(403, 'Sign in as a member of the council’s staff to use this page')
  return principal
}

/** A text field of a posted form, or '' when it is missing or not text. */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value : ''
}

/** Every value of a field that may be posted more than once (checkboxes). */
export function fields(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string')
  return typeof value === 'string' ? [value] : []
}

/** Errors by field name (the service's `body.x` becomes `x`), and the summary's links to them. */
export function errorsFor(errors: readonly FieldError[], ids: Record<string, string> = {}) {
  const byField: Record<string, string> = {}
  for (const error of errors) byField[error.name.replace(/^body\./, '')] ??= error.message
  const list = Object.entries(byField).map(([name, text]) => ({ text, href: `#${ids[name] ?? name}` }))
  return { errors: byField, errorList: list }
}
