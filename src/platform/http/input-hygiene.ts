// Two kinds of value pass schema validation yet cannot be stored, and used to surface as a 500
// from the database instead of a clear 400:
// - Ajv coerces a query string such as "1e309" to Infinity and then skips minimum and maximum
//   for a number that is not finite, so `limit=1e309` reached SQLite as an error;
// - PostgreSQL text cannot hold the NUL character, so "\u0000" in a name or a search failed there.
// Both are refused here, for every route, naming the field.
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import { Problem } from './problem.ts'
import type { FieldError } from './problem.ts'

function unstorable(value: unknown, path: string, depth = 0): FieldError | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? undefined : { name: path, message: 'must be a finite number' }
  if (typeof value === 'string')
    return value.includes('\u0000') ? { name: path, message: 'must not contain a null character' } : undefined
  if (value === null || typeof value !== 'object' || depth > 16) return undefined
  for (const key of Object.keys(value)) {
    const found = unstorable((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1)
    if (found) return found
  }
  return undefined
}

/** A hook on every route, so it answers without a promise. */
export function refuseUnstorableInput(
  request: FastifyRequest,
  _reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  const error =
    unstorable(request.query, 'querystring') ?? unstorable(request.params, 'params') ?? unstorable(request.body, 'body')
  done(error && new Problem(400, 'The request does not match the schema', [error]))
}
