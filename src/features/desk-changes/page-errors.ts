// Errors as GOV.UK pages show them: a message beside each field and a summary linking to it.
import type { FastifyRequest } from 'fastify'
import type { FieldError } from '../../platform/http/problem.ts'
import { Problem } from '../../platform/http/problem.ts'
import { recordIdOf } from '../../platform/http/ids.ts'
import { notFound } from '../../platform/http/problem.ts'

export type ShownErrors = { errors: Record<string, string>; errorList: { text: string; href: string }[] }

export function shownErrors(errors: FieldError[]): ShownErrors {
  const first = new Map<string, string>()
  for (const e of errors) if (!first.has(e.name)) first.set(e.name, e.message)
  return {
    errors: Object.fromEntries(first),
    errorList: [...first].map(([name, text]) => ({ text, href: `#${name}` })),
  }
}

/** Field errors the residents service refused a change with (422), named for the form; other problems go on up. */
export function refusedFields(error: unknown, fieldOf: (name: string) => string = (n) => n.replace(/^body\./, '')) {
  if (error instanceof Problem && error.status === 422 && error.errors)
    return error.errors.map((e) => ({ name: fieldOf(e.name), message: e.message }))
  throw error
}

export function residentIdOf(request: FastifyRequest<{ Params: { id: string } }>): number {
  const id = recordIdOf(request.params.id)
  if (id === undefined) throw notFound('Resident')
  return id
}

export const bodyOf = (request: FastifyRequest): Record<string, unknown> =>
  (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>

export const nameOf = (resident: { given_name: string; family_name: string }): string =>
  `${resident.given_name} ${resident.family_name}`
