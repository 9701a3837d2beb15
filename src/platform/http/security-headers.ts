// Security headers on every response through helmet. The Content Security Policy allows scripts
// from this site only. The one inline script GOV.UK Frontend's page template carries (it marks
// the body as js-enabled before the page paints) is allowed by its SHA-256, read from the
// installed template so an upgrade cannot silently break or widen the policy; no other inline
// script can run, and no page may frame ours.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'

const require = createRequire(import.meta.url)

/** The hash of the inline script in govuk-frontend's template.njk, as CSP writes it. */
export function govukInlineScriptHash(): string {
  const template = readFileSync(join(dirname(require.resolve('govuk-frontend/package.json')), 'dist', 'govuk', 'template.njk'), 'utf8')
  const match = /<script[^>]*>([^<]+)<\/script>/.exec(template)
  if (!match?.[1]) throw new Error('govuk-frontend template.njk no longer has its inline script: review the Content Security Policy')
  return `'sha256-${createHash('sha256').update(match[1]).digest('base64')}'`
}

export const securityHeadersPlugin = fp(
  async (app: FastifyInstance, options: { production: boolean }) => {
    await app.register(helmet, {
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
          upgradeInsecureRequests: options.production ? [] : null,
        },
      },
      // HSTS only where the site is served over https; in development it would pin localhost.
      strictTransportSecurity: options.production ? { maxAge: 63_072_000, includeSubDomains: true } : false,
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'same-origin' },
      crossOriginEmbedderPolicy: false,
    })
  },
  { name: 'frontdoor-security-headers' },
)
