// GET /api/v1/metrics: the figures of DESIGN.md for a period, whole or by day, week, month or
// year, read from the rollups; JSON, or CSV for `Accept: text/csv`.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { principalOf } from '../../platform/auth/guard.ts'
import { problemResponses } from '../../platform/http/schemas.ts'
import { MetricsQuery, MetricsResponse } from './schemas.ts'
import { metricsByGroup, metricsFor, metricsCsv, prefersCsv, readMetricsRequest } from './service.ts'

export async function metricsApi(parent: FastifyInstance, options: FeatureOptions): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>()
  const { database } = options

  app.get(
    '/metrics',
    {
      config: { permission: 'metrics:read' },
      schema: {
        tags: ['metrics'],
        summary: 'The figures for a period (to is exclusive), whole or grouped; Accept: text/csv for CSV',
        querystring: MetricsQuery,
        response: {
          200: {
            content: {
              'application/json': { schema: MetricsResponse },
              'text/csv': { schema: Type.String() },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const councilId = principalOf(request).councilId
      const asked = await readMetricsRequest(database, councilId, request.query)
      const groups = asked.group
        ? await metricsByGroup(database.db, councilId, asked.period, asked.group, asked.filters)
        : [{ start: asked.period.from, metrics: await metricsFor(database.db, councilId, asked.period, asked.filters) }]
      const rows = groups.map((g) => ({ start: g.start, ...g.metrics }))
      // One address, two forms: caches must keep them apart.
      reply.header('vary', 'Accept')
      if (prefersCsv(request.headers.accept)) return reply.type('text/csv; charset=utf-8').send(metricsCsv(rows))
      return reply.type('application/json').send({ ...asked.period, group: asked.group, groups: rows })
    },
  )
}
