// The residents API: create, read, change, list and search, merge duplicates, and flags.
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { IdParams, problemResponses } from '../../platform/http/schemas.ts'
import {
  FlagCreateBody,
  FlagParams,
  MergeBody,
  ResidentCreateBody,
  ResidentListQuery,
  ResidentPage,
  ResidentSchema,
  ResidentUpdateBody,
} from './schemas.ts'
import {
  addVulnerabilityFlag,
  createResident,
  endVulnerabilityFlag,
  getResident,
  listResidents,
  mergeResidents,
  updateResident,
} from './service.ts'

const MergeResponse = Type.Object({
  survivor: ResidentSchema,
  moved: Type.Record(Type.String(), Type.Integer(), {
    description: 'How many records of each kind moved to the survivor',
  }),
})

export async function residentsApi(parent: FastifyInstance, options: FeatureOptions): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>()
  const { database } = options
  const tags = ['residents']

  app.post(
    '/residents',
    {
      config: { permission: 'residents:write' },
      schema: {
        tags,
        summary: 'Create a resident (only the names are required)',
        body: ResidentCreateBody,
        response: { 201: ResidentSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createResident(database, actorOf(request), principalOf(request).councilId, request.body)),
  )

  app.get(
    '/residents',
    {
      config: { permission: 'residents:read' },
      schema: {
        tags,
        summary: 'List or search residents',
        description:
          'Filters combine; `q` searches names, postcodes, phone numbers, emails and case references. Merged records are left out. Ordered by family name, given name.',
        querystring: ResidentListQuery,
        response: { 200: ResidentPage, ...problemResponses },
      },
    },
    async (request) => listResidents(database, actorOf(request), principalOf(request).councilId, request.query),
  )

  app.get(
    '/residents/:id',
    {
      config: { permission: 'residents:read' },
      schema: {
        tags,
        summary: 'Read a resident (a merged record says which one it was merged into)',
        params: IdParams,
        response: { 200: ResidentSchema, ...problemResponses },
      },
    },
    async (request) => getResident(database, actorOf(request), principalOf(request).councilId, request.params.id),
  )

  app.patch(
    '/residents/:id',
    {
      config: { permission: 'residents:write' },
      schema: {
        tags,
        summary: 'Change a resident; lists (emails, phones, addresses) are replaced whole',
        params: IdParams,
        body: ResidentUpdateBody,
        response: { 200: ResidentSchema, ...problemResponses },
      },
    },
    async (request) =>
      updateResident(database, actorOf(request), principalOf(request).councilId, request.params.id, request.body),
  )

  app.post(
    '/residents/:id/merge',
    {
      config: { permission: 'residents:merge' },
      schema: {
        tags,
        summary: 'Merge a duplicate record into this one',
        description:
          'Contacts, cases, call backs, appointments, referrals, assessments, notifications, e-accounts, flags, contact details and addresses move here in one transaction; the duplicate then points here and leaves search.',
        params: IdParams,
        body: MergeBody,
        response: { 200: MergeResponse, ...problemResponses },
      },
    },
    async (request) =>
      mergeResidents(
        database,
        actorOf(request),
        principalOf(request).councilId,
        request.params.id,
        request.body.duplicate_id,
      ),
  )

  app.post(
    '/residents/:id/flags',
    {
      config: { permission: 'residents:write' },
      schema: {
        tags,
        summary: 'Add a vulnerability flag',
        params: IdParams,
        body: FlagCreateBody,
        response: { 201: ResidentSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await addVulnerabilityFlag(
            database,
            actorOf(request),
            principalOf(request).councilId,
            request.params.id,
            request.body,
          ),
        ),
  )

  app.delete(
    '/residents/:id/flags/:flagId',
    {
      config: { permission: 'residents:write' },
      schema: {
        tags,
        summary: 'End a vulnerability flag (it stays in the record as ended)',
        params: FlagParams,
        response: { 200: ResidentSchema, ...problemResponses },
      },
    },
    async (request) =>
      endVulnerabilityFlag(
        database,
        actorOf(request),
        principalOf(request).councilId,
        request.params.id,
        request.params.flagId,
      ),
  )
}
