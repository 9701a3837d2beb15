// Every state-changing form carries a CSRF token: a secret in a cookie and a token, bound to the
// session when there is one, in the form's hidden `_csrf` field. Checked before validation on
// every page route that changes something; the API takes no cookies for writes (session-plugin.ts).
import { createHash } from 'node:crypto'
import fp from 'fastify-plugin'
import csrfProtection from '@fastify/csrf-protection'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { CookiePolicy } from '../auth/session-cookie.ts'
import { cookieOptions, csrfCookieName } from '../auth/session-cookie.ts'
import { isPagePath } from './request-kind.ts'

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS']

/** A page that may hold a form: an anonymous read (guard.ts) never does. */
function isPageRoute(request: FastifyRequest): boolean {
  return request.routeOptions.config.anonymous !== true && isPagePath(request.url)
}

/** The session a token is bound to: a token made before sign-in is no use after it, and the other way round. */
function userInfo(request: FastifyRequest): string {
  return request.session?.id ?? 'anonymous'
}

declare module 'fastify' {
  interface FastifyReply {
    locals?: Record<string, unknown>
  }
}

export const csrfPlugin = fp(
  async (app: FastifyInstance, options: { secret: string; policy: CookiePolicy }) => {
    await app.register(csrfProtection, {
      sessionPlugin: '@fastify/cookie',
      cookieKey: csrfCookieName(options.policy),
      cookieOpts: cookieOptions(options.policy),
      getUserInfo: userInfo,
      // Only the hidden form field counts: headers are for scripts, and pages have none that post.
      getToken: (request) => (request.body as { _csrf?: unknown } | undefined)?._csrf as string | undefined,
      csrfOpts: {
        hmacKey: createHash('sha256')
          .update('csrf:' + options.secret)
          .digest(),
      },
    })

    app.addHook('preValidation', (request, reply, done) => {
      if (SAFE_METHODS.includes(request.method) || !isPageRoute(request) || request.routeOptions.url === undefined)
        return done()
      app.csrfProtection(request, reply, done)
    })

    // Every page gets a token for its forms, including a form shown again with errors after a POST.
    app.addHook('preHandler', (request, reply, done) => {
      if (isPageRoute(request) && request.routeOptions.url !== undefined)
        reply.locals = { ...reply.locals, csrfToken: reply.generateCsrf({ userInfo: userInfo(request) }) }
      done()
    })
  },
  { name: 'frontdoor-csrf', dependencies: ['frontdoor-session'] },
)
