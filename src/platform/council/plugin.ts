// Puts the council a page is for on the request, found by host name. API routes take the council
// from the caller's token instead and skip this lookup.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Db } from '../db/database.ts'
import type { Council } from './council.ts'
import { councilForHost } from './council.ts'
import { isPagePath } from '../http/request-kind.ts'

declare module 'fastify' {
  interface FastifyRequest {
    council: Council | null
  }
}


export const councilPlugin = fp(
  async (app: FastifyInstance, options: { database: Db }) => {
    app.decorateRequest('council', null)
    app.addHook('onRequest', async (request) => {
      if (!isPagePath(request.url)) return
      request.council = (await councilForHost(options.database, request.headers.host)) ?? null
    })
  },
  { name: 'frontdoor-council' },
)
