// Security headers on every response, as helmet sets them. The Content Security Policy allows
// scripts from this site only. The one inline script GOV.UK Frontend's page template carries (it
// marks the body as js-enabled before the page paints) is allowed by its SHA-256, read from the
// installed template so an upgrade cannot silently break or widen the policy; no other inline
// script can run, and no page may frame ours.
//
// The headers never vary by request, so helmet is run once at start against a recording
// response and the headers it set are copied onto each reply. Running helmet's middleware on
// every request (as @fastify/helmet does) cost a quarter of an API read's throughput.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import fp from 'fastify-plugin'
import helmet from 'helmet'
import type { HelmetOptions } from 'helmet'
import type { FastifyInstance, FastifyReply } from 'fastify'

const require = createRequire(import.meta.url)

/** The hash of the inline script in govuk-frontend's template.njk, as CSP writes it. */
function govukInlineScriptHash(): string {
  const template = readFileSync(
    join(dirname(require.resolve('govuk-frontend/package.json')), 'dist', 'govuk', 'template.njk'),
    'utf8',
  )
  const match = /<script[^>]*>([^<]+)<\/script>/.exec(template)
  if (!match?.[1])
    throw new Error('govuk-frontend template.njk no longer has its inline script: review the Content Security Policy')
  return `'sha256-${createHash('sha256').update(match[1]).digest('base64')}'`
}

/** The headers helmet sets for these options, recorded once. */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {}
  const recorder = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  }
  let finished = false
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error(String(error))
    finished = true
  })
  if (!finished) throw new Error('helmet did not set its headers in one pass')
  return headers
}

function policy(production: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", govukInlineScriptHash()],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: production ? [] : null,
      },
    },
    // HSTS only where the site is served over https; in development it would pin localhost.
    strictTransportSecurity: production ? { maxAge: 63_072_000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  }
}

/** The API's answers and Open311's (JSON or XML): data for programs, never a page. */
const ANSWER_PREFIXES = ['/api/v1/', '/open311/']

/**
 * Answers for programs (the API's JSON, Open311's JSON and XML) are never rendered as documents,
 * so the headers that matter for them are fewer
 * (OWASP's REST guidance): no sniffing, no framing, nothing may load from them, no referrer, and
 * HSTS. Sending the page set on every API answer cost measurable throughput for nothing.
 */
function apiPolicy(production: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    strictTransportSecurity: production ? { maxAge: 63_072_000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  }
}

/**
 * Published data is for anyone, other councils' and developers' web pages included: a browser may
 * hand its answer to a script of any site (CORS) and may load it from any site. It is never sent
 * with the reader's cookies (`*` forbids that), and what it says is public already.
 */
const OPEN_DATA_HEADERS = { 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin' }

/** Marks an answer as published data, for answers no route declares (Open311's not-found list). */
export function openToEverySite(reply: FastifyReply): void {
  reply.headers(OPEN_DATA_HEADERS)
}

export const securityHeadersPlugin = fp(
  async (app: FastifyInstance, options: { production: boolean }) => {
    const pageHeaders = helmetHeaders(policy(options.production))
    const apiHeaders = helmetHeaders(apiPolicy(options.production))
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(ANSWER_PREFIXES.some((prefix) => request.url.startsWith(prefix)) ? apiHeaders : pageHeaders)
      if (request.routeOptions.config.openData === true) openToEverySite(reply)
      done()
    })
  },
  { name: 'frontdoor-security-headers' },
)
