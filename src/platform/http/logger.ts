// Fastify's pino logger, set so personal data never reaches a log: request lines carry the
// route path without its query string (search terms are personal data), and any field named like
// a person's details is redacted wherever it appears.
import type { FastifyRequest, FastifyServerOptions } from 'fastify'
import type { LogLevel } from '../../config.ts'

const PERSONAL_FIELDS = [
  'given_name', 'family_name', 'name', 'date_of_birth', 'email', 'emails', 'phone', 'phones', 'address', 'addresses',
  'address_line_1', 'address_line_2', 'town', 'postcode', 'uprn', 'notes', 'note', 'body', 'description', 'answers',
  'resolution', 'comment', 'reason', 'accessibility_needs', 'caller_number', 'password', 'token', 'q',
]

/** Anything pino can write its lines to: a file, a pipe, or a test's collector. */
export type LogDestination = { write(line: string): void }

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...PERSONAL_FIELDS,
  ...PERSONAL_FIELDS.map((field) => `*.${field}`),
  ...PERSONAL_FIELDS.map((field) => `*.*.${field}`),
]

export function loggerOptions(level: LogLevel, stream?: LogDestination): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream === undefined ? {} : { stream }),
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (request: FastifyRequest) => ({ id: request.id, method: request.method, path: request.url.split('?')[0] }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
  }
}
