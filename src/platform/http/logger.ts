// Fastify's pino logger, set so personal data never reaches a log: request lines carry the
// route's pattern, not the path or query string as sent (search terms are personal data, paths
// can hold a link's token), any field named like a
// person's details is redacted however deep it sits, and errors are logged without their message.
import { LogController } from 'fastify'
import pino from 'pino'
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify'
import type { LogLevel } from '../../config.ts'

const PERSONAL_FIELDS = new Set([
  'given_name',
  'family_name',
  'name',
  'date_of_birth',
  'email',
  'emails',
  'phone',
  'phones',
  'address',
  'addresses',
  'address_line_1',
  'address_line_2',
  'town',
  'postcode',
  'uprn',
  'notes',
  'note',
  'body',
  'description',
  'answers',
  'resolution',
  'comment',
  'reason',
  'accessibility_needs',
  'caller_number',
  'password',
  'token',
  'q',
  'authorization',
  'cookie',
])

const CENSOR = '[redacted]'
// Deeper than any record the app logs; past it a value is dropped rather than walked.
const MAX_DEPTH = 8

/** Anything pino can write its lines to: a file, a pipe, or a test's collector. */
export type LogDestination = { write(line: string): void }

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * A logged value with every personal field replaced, at any depth: a copy where anything was
 * replaced, the value itself where nothing was (every request's line, which is made only of the
 * serializers' fields below, is written without being copied).
 */
export function redactPersonal(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return depth >= MAX_DEPTH ? CENSOR : redactedItems(value, depth)
  if (!isPlainObject(value)) return value
  if (depth >= MAX_DEPTH) return CENSOR
  let copy: Record<string, unknown> | undefined
  for (const key of Object.keys(value)) {
    const item = value[key]
    const redacted = PERSONAL_FIELDS.has(key.toLowerCase()) ? CENSOR : redactPersonal(item, depth + 1)
    if (redacted !== item) (copy ??= { ...value })[key] = redacted
  }
  return copy ?? value
}

function redactedItems(items: unknown[], depth: number): unknown[] {
  let copy: unknown[] | undefined
  items.forEach((item, i) => {
    const redacted = redactPersonal(item, depth + 1)
    if (redacted !== item) (copy ??= [...items])[i] = redacted
  })
  return copy ?? items
}

type ErrorWithFacts = Error & { code?: unknown; constraint?: unknown; table?: unknown; column?: unknown }

/**
 * What an operator needs to find a failure, without what it was about: an error's message (and a
 * database driver's detail) can quote SQL and the personal data it was handling, so only the
 * kind of error, its codes and where in the code it happened are logged.
 */
export function safeErrorFacts(error: ErrorWithFacts): {
  type: string
  message: string
  stack: string
  [key: string]: unknown
} {
  if (!(error instanceof Error)) return { type: typeof error, message: CENSOR, stack: '' }
  // The first line of a stack repeats the message; the frames after it only name code locations.
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12)
  const facts = { type: error.name, message: CENSOR, stack: frames.join('\n') } as ReturnType<typeof safeErrorFacts>
  for (const key of ['code', 'constraint', 'table', 'column'] as const) {
    if (typeof error[key] === 'string' || typeof error[key] === 'number') facts[key] = error[key]
  }
  return facts
}

/**
 * The route's pattern ("/account/verify/:token"), never the address as sent: paths can carry a
 * single-use link's token or a case reference. A request that matched no route is logged with
 * every long segment masked, for the same reason.
 */
function loggedPath(request: FastifyRequest): string {
  const pattern = request.routeOptions.url
  if (pattern !== undefined) return pattern
  return (request.url.split('?')[0] ?? '').replace(/[^/]{17,}/g, ':masked')
}

// Standard output takes the lines in batches of this size, and none waits longer than FLUSH_MS.
const BATCH_BYTES = 8_192
const FLUSH_MS = 100
let standardOutput: LogDestination | undefined

/**
 * Standard output, written a batch at a time. Written a line at a time (pino's default), each
 * request cost a write on libuv's worker thread and two wake-ups between threads, more CPU time
 * than making the line. pino writes whatever is waiting when the process exits; a process killed
 * outright (SIGKILL) loses at most the last FLUSH_MS of lines. One per process: every app in it shares it.
 */
function batchedStandardOutput(): LogDestination {
  standardOutput ??= pino.destination({ dest: 1, minLength: BATCH_BYTES, periodicFlush: FLUSH_MS })
  return standardOutput
}

export function loggerOptions(level: LogLevel, stream?: LogDestination): FastifyServerOptions['logger'] {
  return {
    level,
    // A silent app (the tests') opens nothing on standard output.
    ...(stream === undefined && level === 'silent' ? {} : { stream: stream ?? batchedStandardOutput() }),
    formatters: { log: (object: Record<string, unknown>) => redactPersonal(object) as Record<string, unknown> },
    serializers: {
      req: (request: FastifyRequest) => ({ id: request.id, method: request.method, path: loggedPath(request) }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: safeErrorFacts,
    },
  }
}

/** One line per request, written when it completes, with its method, path and outcome together. */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // To the hundredth of a millisecond: a kept answer takes well under a tenth.
    const line = { req: request, res: reply, responseTime: Math.round(reply.elapsedTime * 100) / 100 }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request completed')
  }
}
