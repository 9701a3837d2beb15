// The API speaks JSON only. Fastify would otherwise parse text/plain (and, with formbody,
// url-encoded forms) into a body and answer with a confusing schema error instead of 415.
import type { FastifyRequest } from 'fastify'
import { Problem } from './problem.ts'

const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length']
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}

/** A preParsing hook for the API scope: a body in any other media type is refused with 415. */
export async function jsonBodiesOnly(request: FastifyRequest): Promise<void> {
  const type = request.headers['content-type']
  if (!hasBody(request) || (type !== undefined && JSON_TYPE.test(type))) return
  throw new Problem(415, 'Send the request body as application/json')
}
