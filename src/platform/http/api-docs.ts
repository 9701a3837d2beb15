// OpenAPI 3.1 generated from the routes' own schemas, served at /api/docs (JSON at /api/docs/json).
import fp from 'fastify-plugin'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'

export const apiDocsPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Frontdoor API',
          version: '1.0.0',
          description:
            'Residents, contacts, cases and the service catalogue of a council. Errors are RFC 9457 problem+json.',
        },
        components: {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer', description: 'A token from `npx frontdoor token create`' },
          },
        },
        security: [{ bearer: [] }],
      },
    })
    await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true })
  },
  { name: 'frontdoor-api-docs' },
)
