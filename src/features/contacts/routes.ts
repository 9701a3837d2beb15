// The contacts API: log a contact, read one, and a resident's whole history.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { IdParams, problemResponses } from '../../platform/http/schemas.ts'
import { ContactCreateBody, ContactSchema, HistoryPage, HistoryQuerystring } from './schemas.ts'
import { getContact, logContact, residentHistory } from './service.ts'

export async function contactsApi(parent: FastifyInstance, options: FeatureOptions): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>()
  const { database } = options

  app.post(
    '/contacts',
    {
      config: { permission: 'contacts:write' },
      schema: {
        tags: ['contacts'],
        summary: 'Log one contact with a resident (or an anonymous caller) on any channel',
        description:
          'A resident, service or case that does not exist in your council is refused with 422 naming the field, the same whether it is missing or belongs to another council.',
        body: ContactCreateBody,
        response: { 201: ContactSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const contact = await logContact(database, actorOf(request), principalOf(request).councilId, request.body)
      return reply.status(201).send(contact)
    },
  )

  app.get(
    '/contacts/:id',
    {
      config: { permission: 'contacts:read' },
      schema: {
        tags: ['contacts'],
        summary: 'Read one contact',
        params: IdParams,
        response: { 200: ContactSchema, ...problemResponses },
      },
    },
    async (request) => getContact(database, actorOf(request), principalOf(request).councilId, request.params.id),
  )

  app.get(
    '/residents/:id/history',
    {
      config: { permission: 'contacts:read' },
      schema: {
        tags: ['residents', 'contacts'],
        summary: "A resident's whole history, newest first, across every kind of record",
        description:
          'Contacts, cases, their status changes and notes, call backs, appointments, referrals, notifications and digital-inclusion assessments, including those of residents merged into this one. Asking for a merged resident gives the history of the resident it was merged into.',
        params: IdParams,
        querystring: HistoryQuerystring,
        response: { 200: HistoryPage, ...problemResponses },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query
      return residentHistory(database, actorOf(request), principalOf(request).councilId, request.params.id, {
        limit: limit ?? 50,
        cursor,
      })
    },
  )
}
