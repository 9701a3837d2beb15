// Open311 GeoReport v2 at /open311/v2, HTTP only. The format is the address's suffix; every
// answer, errors included (unknown addresses and wrong suffixes too), is in the specification's
// shape in that format, never an HTML page. Reads are public; posting needs a client's api_key.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { FeaturePlugin } from '../../platform/http/feature.ts'
import { Problem } from '../../platform/http/problem.ts'
import { preferredEncoding } from '../../platform/http/encoding.ts'
import { clientHolds } from '../../platform/http/conditional.ts'
import { principalOf } from '../../platform/auth/guard.ts'
import { openToEverySite } from '../../platform/http/security-headers.ts'
import type { Format, Open311Value } from './format.ts'
import { CONTENT_TYPES, FORMATS, formatOfPath, render, splitFormat } from './format.ts'
import type { Params } from './params.ts'
import {
  checkJurisdiction,
  councilAt,
  discovery,
  findRequest,
  findRequests,
  listUpdates,
  requestForToken,
  serviceDefinition,
  servicesAnswer,
  submitRequest,
  submitUpdate,
} from './service.ts'

/** A client may post this many requests and updates a minute with one key. */
const KEY_LIMIT = { max: 60, timeWindow: 60_000 }

function formatOf(request: FastifyRequest): Format {
  const format = (request.params as { format?: string }).format ?? ''
  if (!(FORMATS as readonly string[]).includes(format))
    throw new Problem(404, `.${format} is not a format of this endpoint: use .xml or .json`)
  return format as Format
}

/** `services/{code}.{format}` and the like: the id before the last dot, the format after it. */
function fileOf(request: FastifyRequest): { id: string; format: Format } {
  const file = (request.params as { file: string }).file
  const split = splitFormat(file)
  if (!split || split.name === '') throw new Problem(404, `${file} has no .xml or .json suffix`)
  return { id: split.name, format: split.format }
}

function send(reply: FastifyReply, format: Format, root: string, value: Open311Value): FastifyReply {
  return reply.type(CONTENT_TYPES[format]).send(render(format, root, value))
}

function errorsOf(problem: Problem): Open311Value {
  const errors = problem.errors ?? []
  if (errors.length === 0) return [{ code: problem.status, description: problem.detail ?? 'Error' }]
  return errors.map((error) => ({ code: problem.status, description: `${error.name}: ${error.message}` }))
}

function asProblem(error: FastifyError | Problem): Problem {
  if (error instanceof Problem) return error
  if (error.validation) return new Problem(400, `${error.validationContext ?? 'request'}: ${error.message}`)
  const status = error.statusCode ?? 500
  if (status === 429) return new Problem(429, error.message || 'Too many requests with this api_key: wait a minute')
  if (status === 413) return new Problem(413, 'The request is larger than this server accepts')
  if (status === 415) return new Problem(415, 'Send the parameters as application/x-www-form-urlencoded')
  if (status >= 400 && status < 500) return new Problem(status, error.message)
  return new Problem(500, 'Something went wrong on our side. It has been logged; please try again later.')
}

const query = (request: FastifyRequest) => (request.query ?? {}) as Params
const body = (request: FastifyRequest) => ({ ...query(request), ...((request.body ?? {}) as Params) })

export const open311Routes: FeaturePlugin = async (app, { database }) => {
  await app.register(
    async (v2) => {
      v2.setErrorHandler(async (error: FastifyError | Problem, request, reply) => {
        const problem = asProblem(error)
        if (problem.status >= 500) request.log.error({ err: error }, 'open311 request failed')
        const format = formatOfPath(request.url)
        return send(reply.status(problem.status), format, 'errors', errorsOf(problem))
      })
      v2.setNotFoundHandler(async (request, reply) => {
        // A browser client of another site can read why its read found nothing, as for any read.
        if (request.method === 'GET' || request.method === 'HEAD') openToEverySite(reply)
        const problem = new Problem(404, 'Nothing is published at this address: see discovery.xml')
        return send(reply.status(404), formatOfPath(request.url), 'errors', errorsOf(problem))
      })

      // Open311 has its own specification (docs/open311.md), so it stays out of the OpenAPI description of /api/v1.
      // Reads never ask who is calling: a browser's session cookie is not even read. Any site may
      // read them from its visitors' browsers; writes stay with clients that hold a key, which a
      // web page would give away, so their answers are not opened to other sites.
      const read = {
        config: { permission: 'public' as const, anonymous: true, openData: true },
        schema: { hide: true },
      }
      const write = {
        config: { permission: 'open311:write' as const, apiKeyParameter: true, rateLimit: keyLimit() },
        schema: { hide: true },
      }

      v2.get('/discovery.:format', read, async (request, reply) => {
        const format = formatOf(request)
        const council = await councilAt(database, request.headers.host)
        checkJurisdiction(council, query(request))
        const base = `${request.protocol}://${request.host}/open311/v2`
        return send(reply, format, 'discovery', await discovery(database, council, base))
      })

      v2.get('/services.:format', read, async (request, reply) => {
        const format = formatOf(request)
        const council = await councilAt(database, request.headers.host)
        checkJurisdiction(council, query(request))
        // Compressed once per catalogue change, not by the compression plugin on every request.
        const encoding = preferredEncoding(request.headers['accept-encoding'])
        const { body, tag } = await servicesAnswer(database, council, format, encoding)
        // Clients fetch the list far more often than it changes: each may keep its copy, and asks
        // whether it still stands (no-cache) before using it, so a change is seen at once.
        reply.header('vary', 'accept-encoding').header('etag', tag).header('cache-control', 'no-cache')
        if (clientHolds(request.headers['if-none-match'], tag)) return reply.code(304).send()
        if (encoding) reply.header('content-encoding', encoding)
        return reply.type(CONTENT_TYPES[format]).send(body)
      })

      v2.get('/services/:file', read, async (request, reply) => {
        const { id, format } = fileOf(request)
        const council = await councilAt(database, request.headers.host)
        checkJurisdiction(council, query(request))
        return send(reply, format, 'service_definition', await serviceDefinition(database, council, id))
      })

      v2.get('/requests.:format', read, async (request, reply) => {
        const format = formatOf(request)
        const council = await councilAt(database, request.headers.host)
        checkJurisdiction(council, query(request))
        return send(reply, format, 'service_requests', await findRequests(database, council, query(request)))
      })

      v2.get('/requests/:file', read, async (request, reply) => {
        const { id, format } = fileOf(request)
        const council = await councilAt(database, request.headers.host)
        checkJurisdiction(council, query(request))
        return send(reply, format, 'service_requests', await findRequest(database, council, id))
      })

      v2.get('/tokens/:file', read, async (request, reply) => {
        const { id, format } = fileOf(request)
        const council = await councilAt(database, request.headers.host)
        checkJurisdiction(council, query(request))
        return send(reply, format, 'service_requests', await requestForToken(database, council, id))
      })

      v2.get('/servicerequestupdates.:format', read, async (request, reply) => {
        const format = formatOf(request)
        const council = await councilAt(database, request.headers.host)
        checkJurisdiction(council, query(request))
        return send(reply, format, 'service_request_updates', await listUpdates(database, council, query(request)))
      })

      v2.post('/requests.:format', write, async (request, reply) => {
        const format = formatOf(request)
        const answer = await submitRequest(database, principalOf(request), request.ip, body(request))
        return send(reply, format, 'service_requests', answer)
      })

      v2.post('/servicerequestupdates.:format', write, async (request, reply) => {
        const format = formatOf(request)
        const answer = await submitUpdate(database, principalOf(request), request.ip, body(request))
        return send(reply, format, 'service_request_updates', answer)
      })
    },
    { prefix: '/open311/v2' },
  )
}

/** Counted per key, once the guard has read it from the body. */
function keyLimit() {
  return {
    ...KEY_LIMIT,
    hook: 'preHandler' as const,
    keyGenerator: (request: FastifyRequest) => `open311-key:${request.principal?.id ?? request.ip}`,
  }
}
