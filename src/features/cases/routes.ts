// The cases API: raise a case, read it with its timeline, list and filter cases, and move it
// along: status changes, notes and assignment. A signed-in resident may read their own cases
// (and only those: anyone else's is a 404), with only the public part of the timeline.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { scopeOf } from '../../platform/auth/scope.ts'
import { IdParams, Page, problemResponses } from '../../platform/http/schemas.ts'
import {
  AssignBody,
  CaseCreateBody,
  CaseEventSchema,
  CaseListQuery,
  CaseSchema,
  CaseWithTimelineSchema,
  NoteBody,
  ReferenceParams,
  StatusChangeBody,
} from './schemas.ts'
import {
  addCaseNote,
  assignCase,
  changeCaseStatus,
  createCase,
  getCase,
  getCaseByReference,
  listCases,
} from './service.ts'

const tags = ['cases']
const residentRead =
  'A signed-in resident reading their own case sees when it was raised, its status changes and public notes only; another resident’s case is a 404, as if it did not exist.'

export async function casesApi(parent: FastifyInstance, options: FeatureOptions): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>()
  const { database } = options

  app.post(
    '/cases',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags,
        summary: 'Raise a case for a service, for a resident or anonymously',
        body: CaseCreateBody,
        response: { 201: CaseSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const created = await createCase(database, actorOf(request), principalOf(request).councilId, request.body)
      return reply.status(201).send(created)
    },
  )

  app.get(
    '/cases',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'List cases, newest first, with filters',
        description:
          'Staff and tokens see their council’s cases. A signed-in resident (session cookie) sees only their own, whatever `resident_id` asks for.',
        querystring: CaseListQuery,
        response: { 200: Page(CaseSchema), ...problemResponses },
      },
    },
    async (request) =>
      listCases(database, actorOf(request), scopeOf(principalOf(request)), {
        ...request.query,
        limit: request.query.limit ?? 50,
      }),
  )

  app.get(
    '/cases/by-reference/:reference',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'Read a case by its reference, with its timeline',
        description: residentRead,
        params: ReferenceParams,
        response: { 200: CaseWithTimelineSchema, ...problemResponses },
      },
    },
    async (request) =>
      getCaseByReference(database, actorOf(request), scopeOf(principalOf(request)), request.params.reference),
  )

  app.get(
    '/cases/:id',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'Read a case with its timeline, oldest event first',
        description: residentRead,
        params: IdParams,
        response: { 200: CaseWithTimelineSchema, ...problemResponses },
      },
    },
    async (request) => getCase(database, actorOf(request), scopeOf(principalOf(request)), request.params.id),
  )

  app.post(
    '/cases/:id/status',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags,
        summary: 'Change a case’s status along the workflow (a change it does not allow is a 409)',
        params: IdParams,
        body: StatusChangeBody,
        response: { 200: CaseSchema, ...problemResponses },
      },
    },
    async (request) =>
      changeCaseStatus(database, actorOf(request), principalOf(request).councilId, request.params.id, request.body),
  )

  app.post(
    '/cases/:id/notes',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags,
        summary: 'Add an internal or public note to a case',
        params: IdParams,
        body: NoteBody,
        response: { 201: CaseEventSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const event = await addCaseNote(
        database,
        actorOf(request),
        principalOf(request).councilId,
        request.params.id,
        request.body,
      )
      return reply.status(201).send(event)
    },
  )

  app.post(
    '/cases/:id/assign',
    {
      config: { permission: 'cases:assign' },
      schema: {
        tags,
        summary: 'Give a case to a team, a staff member, or both (null takes it away)',
        params: IdParams,
        body: AssignBody,
        response: { 200: CaseSchema, ...problemResponses },
      },
    },
    async (request) =>
      assignCase(database, actorOf(request), principalOf(request).councilId, request.params.id, request.body),
  )
}
