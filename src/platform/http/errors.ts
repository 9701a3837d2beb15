// One place turns every failure into a clear answer: RFC 9457 problem+json for the API, a GOV.UK
// error page for people. Nothing internal (stack, SQL, personal data) reaches either.
import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Problem, titleFor } from './problem.ts'
import type { FieldError } from './problem.ts'
import { isApiPath } from './request-kind.ts'
import { readableErrors } from './validation-messages.ts'
import { hasLanguage, languageLinks, useLanguage } from '../i18n/plugin.ts'
import { translate } from '../i18n/translate.ts'

/** Endpoints read by machines (load balancers, Prometheus): their errors are problem+json too. */
const MACHINE_PATHS = ['/health', '/metrics']

function wantsJson(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? ''
  if (isApiPath(path) || MACHINE_PATHS.includes(path)) return true
  const accept = request.headers.accept ?? ''
  return (
    !accept.includes('text/html') &&
    (accept.includes('json') || request.headers['content-type']?.includes('json') === true)
  )
}

/** Turns Ajv's messages into one entry per field, named as the client sent it. */
function fieldErrors(error: FastifyError): FieldError[] {
  return readableErrors(error.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>
    const base = v.instancePath.replace(/^\//, '').replace(/\//g, '.')
    const missing = typeof params.missingProperty === 'string' ? params.missingProperty : undefined
    const extra = typeof params.additionalProperty === 'string' ? params.additionalProperty : undefined
    const name = [base, missing ?? extra].filter(Boolean).join('.') || (error.validationContext ?? 'body')
    const message = extra ? 'is not a recognised field' : missing ? 'is required' : (v.message ?? 'is not valid')
    return {
      name: `${error.validationContext ?? 'body'}${name === error.validationContext ? '' : '.' + name}`.replace(
        /^(\w+)\.\1$/,
        '$1',
      ),
      message,
    }
  })
}

function toProblem(error: FastifyError | Problem): Problem {
  if (error instanceof Problem) return error
  if (error.validation) return new Problem(400, 'The request does not match the schema', fieldErrors(error))
  switch (error.code) {
    case 'FST_CSRF_MISSING_SECRET':
    case 'FST_CSRF_INVALID_TOKEN':
      return new Problem(
        403,
        'This form has expired or did not come from this site. Go back, reload the page and try again.',
      )
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem(413, 'The request body is larger than this server accepts')
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new Problem(415, 'Send the request body as application/json')
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new Problem(400, 'The request body is not valid JSON')
  }
  // The rate limiter says how long to wait ("Too many attempts: try again in 1 minute"); pass that on.
  if (error.statusCode === 429)
    return new Problem(429, error.message || 'Too many requests: wait a moment and try again')
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return new Problem(error.statusCode, titleFor(error.statusCode))
  return new Problem(500, 'Something went wrong on our side. It has been logged; please try again later.')
}

function hasLanguageLinks(reply: FastifyReply): boolean {
  const links = (reply.locals as { languageLinks?: unknown[] } | undefined)?.languageLinks
  return Array.isArray(links) && links.length > 0
}

/**
 * How long to wait, as a page says it in the reader's language: the rate limiter's own sentence is
 * English ("try again in 6 minutes"), so the page builds its own from the Retry-After it sent.
 */
function waitMessage(reply: FastifyReply): { text: string; params: { minutes: number } } | undefined {
  const seconds = Number(reply.getHeader('retry-after'))
  if (!Number.isFinite(seconds) || seconds <= 0) return undefined
  const minutes = Math.ceil(seconds / 60)
  return {
    text:
      minutes === 1 ? 'Too many attempts: try again in 1 minute' : 'Too many attempts: try again in {minutes} minutes',
    params: { minutes },
  }
}

async function send(request: FastifyRequest, reply: FastifyReply, problem: Problem): Promise<FastifyReply> {
  reply.status(problem.status)
  if (wantsJson(request)) return reply.type('application/problem+json').send(problem.body(request.url.split('?')[0]))
  // A refusal before the page's own hooks ran (too many attempts) is still read in the person's language.
  if (!hasLanguage(reply)) useLanguage(request, reply)
  // A page opened at an address only a form sends to (a bookmark, the browser's history) is told so
  // in words, not "GET is not allowed here; use POST".
  const formOnly = problem.status === 405 && request.method === 'GET'
  const heading =
    problem.status === 404
      ? 'Page not found'
      : problem.status >= 500
        ? 'Sorry, there is a problem with the service'
        : formOnly
          ? 'This page cannot be opened on its own'
          : titleFor(problem.status)
  const wait = problem.status === 429 ? waitMessage(reply) : undefined
  const message =
    problem.status === 404
      ? 'If you typed the web address, check it is correct.'
      : formOnly
        ? 'It is where a form sends what you filled in. Go back to the form and send it again, or start from the home page.'
        : (wait?.text ?? problem.detail ?? titleFor(problem.status))
  return reply.type('text/html; charset=utf-8').view('errors/error.njk', {
    pageTitle: translate(request.language, heading),
    heading,
    message,
    messageParams: wait?.params ?? {},
    // Someone held back from the website may still need the council today: the page offers the phone.
    offerPhone: problem.status === 429 && !request.url.startsWith('/staff'),
    council: request.council,
    // An error page never repeats the address it refused (a reference, a search): its language links lead home.
    languageLinks: hasLanguageLinks(reply) ? languageLinks('/', request.language) : [],
  })
}

function allowedMethods(app: FastifyInstance, path: string): string[] {
  const methods = new Set<string>()
  for (const route of app.registeredRoutes) {
    const pattern = new RegExp('^' + route.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+') + '$')
    if (pattern.test(path) && route.method !== 'HEAD' && route.method !== 'OPTIONS') methods.add(route.method)
  }
  return [...methods].sort()
}

export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler(async (error: FastifyError, request, reply) => {
      const problem = toProblem(error)
      if (problem.status >= 500) request.log.error({ err: error }, 'request failed')
      return send(request, reply, problem)
    })
    app.setNotFoundHandler(async (request, reply) => {
      const path = request.url.split('?')[0] ?? ''
      const allow = allowedMethods(app, path)
      if (allow.length > 0) {
        reply.header('allow', allow.join(', '))
        return send(
          request,
          reply,
          new Problem(405, `${request.method} is not allowed here; use ${allow.join(' or ')}`),
        )
      }
      return send(request, reply, new Problem(404, 'Nothing is published at this address'))
    })
  },
  { name: 'frontdoor-errors', dependencies: ['frontdoor-guard'] },
)
