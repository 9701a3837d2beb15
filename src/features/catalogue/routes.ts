// The service catalogue API: list, read, create and change services and the teams that deliver them.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { notFound } from '../../platform/http/problem.ts'
import { IdParams, Page, problemResponses } from '../../platform/http/schemas.ts'
import {
  ServiceCreateBody,
  ServiceListQuery,
  ServiceSchema,
  ServiceUpdateBody,
  TeamBody,
  TeamSchema,
} from './schemas.ts'
import {
  createService,
  createTeam,
  getService,
  getTeam,
  listServices,
  listTeams,
  updateService,
  updateTeam,
} from './service.ts'

const tags = ['catalogue']

export async function catalogueApi(parent: FastifyInstance, options: FeatureOptions): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>()
  const { database } = options

  app.get(
    '/services',
    {
      config: { permission: 'catalogue:read' },
      schema: {
        tags,
        summary: 'List services in the catalogue',
        querystring: ServiceListQuery,
        response: { 200: Page(ServiceSchema), ...problemResponses },
      },
    },
    async (request) => {
      const query = request.query
      return listServices(database, principalOf(request).councilId, { ...query, limit: query.limit ?? 50 })
    },
  )

  app.get(
    '/services/:id',
    {
      config: { permission: 'catalogue:read' },
      schema: {
        tags,
        summary: 'Read a service, its form and the JSON Schema of its answers',
        params: IdParams,
        response: { 200: ServiceSchema, ...problemResponses },
      },
    },
    async (request) => {
      const service = await getService(database, principalOf(request).councilId, request.params.id)
      if (!service) throw notFound('Service')
      return service
    },
  )

  app.post(
    '/services',
    {
      config: { permission: 'catalogue:write' },
      schema: {
        tags,
        summary: 'Add a service to the catalogue',
        body: ServiceCreateBody,
        response: { 201: ServiceSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const service = await createService(database, actorOf(request), principalOf(request).councilId, request.body)
      return reply.status(201).send(service)
    },
  )

  app.patch(
    '/services/:id',
    {
      config: { permission: 'catalogue:write' },
      schema: {
        tags,
        summary: 'Change some fields of a service',
        params: IdParams,
        body: ServiceUpdateBody,
        response: { 200: ServiceSchema, ...problemResponses },
      },
    },
    async (request) =>
      updateService(database, actorOf(request), principalOf(request).councilId, request.params.id, request.body),
  )

  app.get(
    '/teams',
    {
      config: { permission: 'catalogue:read' },
      schema: {
        tags,
        summary: 'List the teams that deliver services',
        response: { 200: Type.Object({ items: Type.Array(TeamSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await listTeams(database, principalOf(request).councilId) }),
  )

  app.get(
    '/teams/:id',
    {
      config: { permission: 'catalogue:read' },
      schema: { tags, summary: 'Read a team', params: IdParams, response: { 200: TeamSchema, ...problemResponses } },
    },
    async (request) => {
      const team = await getTeam(database, principalOf(request).councilId, request.params.id)
      if (!team) throw notFound('Team')
      return team
    },
  )

  app.post(
    '/teams',
    {
      config: { permission: 'catalogue:write' },
      schema: {
        tags,
        summary: 'Add a team; its name must be new in the council',
        body: TeamBody,
        response: { 201: TeamSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const team = await createTeam(database, actorOf(request), principalOf(request).councilId, request.body)
      return reply.status(201).send(team)
    },
  )

  app.patch(
    '/teams/:id',
    {
      config: { permission: 'catalogue:write' },
      schema: {
        tags,
        summary: 'Rename a team',
        params: IdParams,
        body: TeamBody,
        response: { 200: TeamSchema, ...problemResponses },
      },
    },
    async (request) =>
      updateTeam(database, actorOf(request), principalOf(request).councilId, request.params.id, request.body),
  )
}
