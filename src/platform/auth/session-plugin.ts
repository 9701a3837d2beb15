// Reads the session cookie into `request.session` and gives replies a way to set or clear it.
// Browsers are authenticated by this cookie on pages, and on safe (GET) API requests so a
// resident's own pages can read their records; API writes take a bearer token only, so no
// cookie can be ridden by another site to change anything through the API.
import fp from 'fastify-plugin'
import cookie from '@fastify/cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../db/database.ts'
import type { Session } from './sessions.ts'
import { readSession } from './sessions.ts'
import type { CookiePolicy } from './session-cookie.ts'
import { cookieOptions, sessionCookieName } from './session-cookie.ts'
import { isApiPath, isPagePath } from '../http/request-kind.ts'
import { staffNavigationFor } from '../views/staff-navigation.ts'

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null
  }
  interface FastifyReply {
    /** Sends a new session's token in the session cookie. */
    setSessionCookie(token: string): FastifyReply
    clearSessionCookie(): FastifyReply
  }
  interface FastifyInstance {
    cookiePolicy: CookiePolicy
  }
}

const SAFE_METHODS = ['GET', 'HEAD']

function mayUseCookie(request: FastifyRequest): boolean {
  if (request.routeOptions.config.anonymous === true) return false
  if (isPagePath(request.url)) return true
  return isApiPath(request.url) && SAFE_METHODS.includes(request.method) && request.headers.authorization === undefined
}

export const sessionPlugin = fp(
  async (app: FastifyInstance, options: { database: Database; secret: string; policy: CookiePolicy }) => {
    await app.register(cookie, { secret: options.secret })
    const name = sessionCookieName(options.policy)
    app.decorate('cookiePolicy', options.policy)
    app.decorateRequest('session', null)
    app.decorateReply('setSessionCookie', function (this: FastifyReply, token: string) {
      return this.setCookie(name, token, cookieOptions(options.policy))
    })
    app.decorateReply('clearSessionCookie', function (this: FastifyReply) {
      return this.clearCookie(name, cookieOptions(options.policy))
    })

    // These hooks run on every request, API reads included, so they answer at once (no promise)
    // whenever there is nothing for them to do.
    app.addHook('onRequest', (request, _reply, done) => {
      const token = mayUseCookie(request) ? request.cookies[name] : undefined
      if (!token) return done()
      readSession(options.database, token).then((session) => {
        request.session = session
        done()
      }, done)
    })

    // A signed-in page holds personal data: no shared or browser cache may keep a copy.
    app.addHook('onSend', (request, reply, payload, done) => {
      if (request.session) reply.header('cache-control', 'no-store')
      done(null, payload)
    })

    // Pages show who is signed in and a sign-out button; the guard has set the principal by now.
    app.addHook('preHandler', (request, reply, done) => {
      const principal = request.principal
      if (principal && principal.kind !== 'token') {
        const signOutPath = principal.kind === 'staff' ? '/staff/sign-out' : '/account/sign-out'
        const onStaffDesk = principal.kind === 'staff' && request.url.startsWith('/staff')
        reply.locals = {
          ...reply.locals,
          signedIn: { kind: principal.kind, signOutPath },
          ...(onStaffDesk ? { staffNavigation: staffNavigationFor(principal, request.url.split('?')[0]!) } : {}),
        }
      }
      done()
    })
  },
  { name: 'frontdoor-session' },
)
