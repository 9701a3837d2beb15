// Prometheus metrics: request durations by route and database query durations. Each app has its
// own registry, so several apps in one test process never share counters.
import fp from 'fastify-plugin'
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { FastifyInstance } from 'fastify'
import type { Database } from '../db/database.ts'

export const metricsPlugin = fp(
  async (app: FastifyInstance, options: { database: Database; processMetrics: boolean }) => {
    const registry = new Registry()
    if (options.processMetrics) collectDefaultMetrics({ register: registry })
    const requests = new Histogram({
      name: 'frontdoor_http_request_duration_seconds',
      help: 'HTTP request duration by method, route pattern and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    })
    const queries = new Histogram({
      name: 'frontdoor_db_query_duration_seconds',
      help: 'Database query duration by engine and outcome',
      labelNames: ['engine', 'outcome'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    })
    options.database.onQuery = (ms, ok) =>
      queries.observe({ engine: options.database.engine, outcome: ok ? 'ok' : 'error' }, ms / 1000)

    // Every request passes here, so it answers without a promise.
    app.addHook('onResponse', (request, reply, done) => {
      // The route pattern, never the concrete URL: ids and search terms stay out of metrics.
      const route = request.routeOptions.url ?? 'unmatched'
      requests.observe(
        { method: request.method, route, status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      )
      done()
    })

    app.get('/metrics', { config: { permission: 'public' }, schema: { hide: true } }, async (_request, reply) => {
      return reply.type(registry.contentType).send(await registry.metrics())
    })
  },
  { name: 'frontdoor-metrics' },
)
