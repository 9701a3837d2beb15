// The guard every route passes through. Each route declares `config.permission`; requests are
// authenticated (a bearer token for the API, the session cookie for pages) and refused before
// any handler runs: 401/403 problems on the API, a redirect to sign-in or a 403 page for people.
// Routes that declare nothing are collected so a test can fail on them.
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../db/database.ts'
import { Problem } from '../http/problem.ts'
import type { Permission } from './permissions.ts'
import { SIGNED_PERMISSIONS, isPermission } from './permissions.ts'
import type { Principal } from './principal.ts'
import { actorFor, may } from './principal.ts'
import { findTokenHolder } from './tokens.ts'
import type { TokenHolder } from './tokens.ts'
import type { Actor } from '../audit/audit.ts'
import { principalForSession } from './session-principal.ts'
import { SIGN_IN_PATH, STAFF_STAGE_PATH, audienceOf } from './sign-in-paths.ts'
import { PUBLIC_WRITE_LIMIT } from '../http/rate-limit.ts'
import { isApiPath } from '../http/request-kind.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission
    /**
     * The caller's key comes in an `api_key` parameter of the body or query string (Open311's
     * way) rather than a bearer header: the permission is checked once the body is read.
     */
    apiKeyParameter?: boolean
    /**
     * A public read that never asks who is calling (Open311's reads): no session is read for it
     * and no form token made, whatever cookies the browser sends. Only for public GET routes.
     */
    anonymous?: boolean
    /**
     * Published for anyone (Open311's reads, the open-data files): any website may read the answer
     * from its visitors' browsers (security-headers.ts). Only for public GET routes.
     */
    openData?: boolean
  }
  interface FastifyRequest {
    principal: Principal | null
  }
  interface FastifyInstance {
    /** Routes registered without a permission: must stay empty (a test checks). */
    routesWithoutPermission: string[]
    /** Every registered method and path with its declared permission: tells 404 from 405, and lets tests walk every route. */
    registeredRoutes: RegisteredRoute[]
  }
}

export type RegisteredRoute = { method: string; url: string; permission: Permission | undefined }

/** Paths served by third-party plugins (static assets, API docs): public by nature, no personal data. */
const PLUGIN_PUBLIC_PREFIXES = ['/assets/', '/api/docs']

async function principalFromBearer(database: Database, request: FastifyRequest): Promise<Principal | null | 'invalid'> {
  const header = request.headers.authorization
  if (header === undefined) return null
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  if (!match?.[1]) return 'invalid'
  const holder = await findTokenHolder(database, match[1])
  if (!holder) return 'invalid'
  return tokenPrincipal(holder)
}

function tokenPrincipal(holder: TokenHolder): Principal {
  return {
    kind: 'token',
    id: holder.tokenId,
    councilId: holder.councilId,
    roles: [holder.role],
    label: `token:${holder.name}`,
    channel: holder.channel,
  }
}

/** The `api_key` parameter, from the form or JSON body first, else the query string. */
function apiKeyOf(request: FastifyRequest): string | undefined {
  for (const source of [request.body, request.query]) {
    const value = (source as Record<string, unknown> | null | undefined)?.api_key
    if (typeof value === 'string' && value !== '') return value
  }
  return undefined
}

/** Checks a key sent as a parameter; every failure is 403, as Open311 says of a missing or bad key. */
async function principalFromApiKey(database: Database, request: FastifyRequest, permission: Permission): Promise<void> {
  const key = apiKeyOf(request)
  if (key === undefined) throw new Problem(403, 'api_key is required: ask the council for a key')
  const holder = await findTokenHolder(database, key)
  if (!holder) throw new Problem(403, 'api_key is not valid or has been revoked')
  request.principal = tokenPrincipal(holder)
  if (!may(request.principal, permission)) throw new Problem(403, `This api_key does not allow ${permission}`)
}

async function principalFromSession(database: Database, request: FastifyRequest): Promise<Principal | null> {
  const session = request.session
  if (!session) return null
  // A session belongs to one council: it never opens another council's pages on a shared host.
  if (request.council && request.council.id !== session.councilId) return null
  return principalForSession(database, session)
}

function isApi(request: FastifyRequest): boolean {
  return isApiPath(request.url)
}

/** A person without a finished sign-in is sent to the step they have reached, or to sign in. */
function signInRedirect(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const session = request.session
  if (session && session.subjectKind === 'staff' && session.data.stage !== 'signed_in')
    return reply.redirect(STAFF_STAGE_PATH[session.data.stage], 303)
  const path = request.url.split('?')[0] ?? '/'
  const returnTo = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : ''
  return reply.redirect(SIGN_IN_PATH[audienceOf(path)] + returnTo, 303)
}

const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE']
const READ_METHODS = ['GET', 'HEAD']

function refuse(reply: FastifyReply, status: 401 | 403, detail: string): never {
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="frontdoor"')
  throw new Problem(status, detail)
}

/** The signed-in principal of a route that requires one; the guard has already refused anonymous requests. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Problem(401, 'Sign in or send a bearer token')
  return request.principal
}

export function actorOf(request: FastifyRequest): Actor {
  return actorFor(principalOf(request), request.ip)
}

export const guardPlugin = fp(
  async (app: FastifyInstance, options: { database: Database }) => {
    app.decorate('routesWithoutPermission', [] as string[])
    app.decorate('registeredRoutes', [] as RegisteredRoute[])
    app.decorateRequest('principal', null)

    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method]
      const declared = (route.config as { permission?: unknown } | undefined)?.permission
      let permission: Permission | undefined = isPermission(declared) ? declared : undefined
      if (permission === undefined && PLUGIN_PUBLIC_PREFIXES.some((prefix) => route.url.startsWith(prefix))) {
        permission = 'public'
        route.config = { ...route.config, permission }
      }
      // Every public write is rate limited unless its route sets a limit of its own.
      if (
        permission === 'public' &&
        methods.some((m) => WRITE_METHODS.includes(m)) &&
        route.config?.rateLimit === undefined
      ) {
        route.config = { ...route.config, rateLimit: PUBLIC_WRITE_LIMIT }
      }
      const publicRead = permission === 'public' && methods.every((m) => READ_METHODS.includes(m))
      if (route.config?.anonymous === true && !publicRead)
        throw new Error(`${route.url}: only a public read can be anonymous`)
      if (route.config?.openData === true && !publicRead)
        throw new Error(`${route.url}: only a public read can be open to every site`)
      for (const method of methods) app.registeredRoutes.push({ method, url: route.url, permission })
      if (permission === undefined) app.routesWithoutPermission.push(`${methods.join(',')} ${route.url}`)
    })

    app.addHook('onRequest', async (request, reply) => {
      const declared: unknown = request.routeOptions.config.permission
      const permission = isPermission(declared) ? declared : undefined
      // Bearer tokens are for the API. On a page a token would stand for a person it is not (its id
      // is the token's, not a member of staff's), so pages read the session cookie only.
      const bearer = isApi(request) ? await principalFromBearer(options.database, request) : null
      if (bearer === 'invalid') refuse(reply, 401, 'The bearer token is not valid or has been revoked')
      const principal = bearer ?? (await principalFromSession(options.database, request))
      request.principal = principal
      // A route with no declared permission is closed, not open.
      if (permission === undefined) {
        if (request.routeOptions.url === undefined) return
        refuse(reply, 403, 'This route has no declared permission')
      }
      if (permission === 'public') return
      // Checked in preValidation below, once the body holding the key has been read.
      if (request.routeOptions.config.apiKeyParameter === true) return
      if (SIGNED_PERMISSIONS.includes(permission)) {
        if (principal) refuse(reply, 403, 'Only the signing system may use this route, without a token or session')
        return
      }
      if (!principal) {
        if (!isApi(request)) return signInRedirect(request, reply)
        refuse(reply, 401, 'Sign in or send a bearer token')
      }
      if (!may(principal, permission))
        refuse(
          reply,
          403,
          isApi(request) ? `Your role does not allow ${permission}` : 'You do not have permission to see this page',
        )
    })

    app.addHook('preValidation', async (request) => {
      const config = request.routeOptions.config
      if (config.apiKeyParameter !== true || !isPermission(config.permission) || config.permission === 'public') return
      await principalFromApiKey(options.database, request, config.permission)
    })
  },
  { name: 'frontdoor-guard', dependencies: ['frontdoor-session', 'frontdoor-council'] },
)
