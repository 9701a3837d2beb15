// Schemas shared by every API route: the problem+json error body, pagination and id parameters.
import { Type } from '@sinclair/typebox'
import type { TSchema, TUnsafe } from '@sinclair/typebox'
import { MAX_ID } from './ids.ts'

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ name: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
)

/** The error responses every authenticated API route can give. */
export const problemResponses = {
  '4xx': ProblemSchema,
  '5xx': ProblemSchema,
}

/** A record id in a body, query or path: no larger than a PostgreSQL integer (ids.ts says why). */
export function RecordId(options: { description?: string } = {}) {
  return Type.Integer({ minimum: 1, maximum: MAX_ID, ...options })
}

export const IdParams = Type.Object({ id: RecordId() })

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'The next_cursor of the previous page' })),
}

export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    next_cursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as cursor for the next page; null on the last page',
    }),
  })
}

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/**
 * A string from a closed list (one of the sets in values.ts), as `{ type: 'string', enum }`.
 * Typed so the Fastify type provider infers the union of the values, not `unknown` or `never`.
 */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { description?: string; default?: T[number] } = {},
) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options }) as TUnsafe<T[number]> & {
    enum: [...T]
  }
}
