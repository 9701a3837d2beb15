// Puts the council a page is for on the request, found by host name. API routes take the council
// from the caller's token instead and skip this lookup.
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Problem } from '../http/problem.ts'
import type { Database } from '../db/database.ts'
import type { Council } from './council.ts'
import { anyCouncil, councilForHost } from './council.ts'
import { isPagePath } from '../http/request-kind.ts'

declare module 'fastify' {
  interface FastifyRequest {
    council: Council | null
  }
}

/** The council a page is for; a site with none set up yet answers 503 with what to run. */
export function councilOf(request: FastifyRequest): Council {
  if (!request.council)
    throw new Problem(
      503,
      'No council has been set up yet: run `npx frontdoor council create` or `npx frontdoor seed --demo`',
    )
  return request.council
}

export const councilPlugin = fp(
  async (app: FastifyInstance, options: { database: Database }) => {
    app.decorateRequest('council', null)
    app.addHook('onRequest', async (request) => {
      if (!isPagePath(request.url)) return
      request.council = (await councilForHost(options.database, request.headers.host)) ?? null
      if (request.council || request.routeOptions.url === undefined) return
      // With councils set up, a host none of them answers to is a wrong address (or one not yet added
      // to its council), not a site to set up. The host is not repeated: it is whatever the caller sent.
      if (await anyCouncil(options.database))
        throw new Problem(
          421,
          'No council answers at this address: check the address, or add this host name to its council',
        )
      // Every page is some council's: with none set up there is nothing to show but how to set one up.
      councilOf(request)
    })
  },
  { name: 'frontdoor-council' },
)
