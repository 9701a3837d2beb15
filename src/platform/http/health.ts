// Readiness: the process is up and the database answers.
import { sql } from 'kysely'
import type { FastifyInstance } from 'fastify'
import type { Database } from '../db/database.ts'

export async function healthRoutes(app: FastifyInstance, options: { database: Database }): Promise<void> {
  app.get('/health', { config: { permission: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const started = performance.now()
    try {
      await sql`select 1`.execute(options.database.db)
      return {
        status: 'ok',
        database: { status: 'ok', engine: options.database.engine, ms: Math.round(performance.now() - started) },
        uptimeSeconds: Math.round(process.uptime()),
      }
    } catch (error) {
      request.log.error({ err: error }, 'health check: database unavailable')
      return reply
        .status(503)
        .send({ status: 'unavailable', database: { status: 'unavailable', engine: options.database.engine } })
    }
  })
}
