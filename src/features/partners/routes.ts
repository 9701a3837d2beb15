// The partner organisations API: list, read, add and change the organisations that deliver
// services for the council. Reading is for anyone who may read the catalogue; changing is for admins.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { IdParams, problemResponses } from '../../platform/http/schemas.ts'
import { PartnerOrgCreateBody, PartnerOrgSchema, PartnerOrgUpdateBody } from './schemas.ts'
import { createPartnerOrg, getPartnerOrg, listPartnerOrgs, updatePartnerOrg } from './service.ts'

const tags = ['partners']

export async function partnersApi(parent: FastifyInstance, options: FeatureOptions): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>()
  const { database } = options

  app.get(
    '/partner-organisations',
    {
      config: { permission: 'catalogue:read' },
      schema: {
        tags,
        summary: 'List the partner organisations of the council, active or not, by name',
        response: { 200: Type.Object({ items: Type.Array(PartnerOrgSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await listPartnerOrgs(database, principalOf(request).councilId) }),
  )

  app.get(
    '/partner-organisations/:id',
    {
      config: { permission: 'catalogue:read' },
      schema: {
        tags,
        summary: 'Read a partner organisation',
        params: IdParams,
        response: { 200: PartnerOrgSchema, ...problemResponses },
      },
    },
    async (request) => getPartnerOrg(database, principalOf(request).councilId, request.params.id),
  )

  app.post(
    '/partner-organisations',
    {
      config: { permission: 'catalogue:write' },
      schema: {
        tags,
        summary: 'Add a partner organisation; its name must be new in the council',
        body: PartnerOrgCreateBody,
        response: { 201: PartnerOrgSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const created = await createPartnerOrg(database, actorOf(request), principalOf(request).councilId, request.body)
      return reply.status(201).send(created)
    },
  )

  app.patch(
    '/partner-organisations/:id',
    {
      config: { permission: 'catalogue:write' },
      schema: {
        tags,
        summary: 'Change some fields of a partner organisation',
        params: IdParams,
        body: PartnerOrgUpdateBody,
        response: { 200: PartnerOrgSchema, ...problemResponses },
      },
    },
    async (request) =>
      updatePartnerOrg(database, actorOf(request), principalOf(request).councilId, request.params.id, request.body),
  )
}
